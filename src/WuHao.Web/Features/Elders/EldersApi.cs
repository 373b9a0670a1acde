using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Office;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Elders;

/// <summary>The figures of one unit (or, rolled up, of its subtree) for a year.</summary>
public sealed record ElderFiguresDto(
    int UnitId, int Year, DateOnly AsOf, int Active, int ActiveYearBefore, int Growth, int Trained, double TrainedShare,
    int Trainings, int TrainingsInPartyPlan, CommendationDue Commendation)
{
    public static ElderFiguresDto From(ElderUnitFigures f) => new(f.UnitId, f.Year, f.AsOf, f.Active, f.ActiveYearBefore, f.Growth, f.Trained,
        Math.Round(f.TrainedShare, 4), f.Trainings, f.TrainingsInPartyPlan, f.Commendation);
}

public sealed record ElderFiguresResponse(ElderFiguresDto Unit, ElderFiguresDto Rollup, IReadOnlyList<ElderYear> Years, IReadOnlyList<ElderYear> RollupYears);

/// <summary>API.md's collections of "五老作用发挥好", the rosters' Excel routes, the status history and the figures.</summary>
public static class EldersApi
{
    public static void MapEldersApi(this RouteGroupBuilder api)
    {
        const string tag = "五老作用发挥好";
        api.MapCollection(ElderRecords.Collection, tag);
        api.MapCollection(DonorRecords.Collection, tag);
        api.MapCollection(StudioRecords.Collection, tag);
        api.MapCollection(DeedRecords.Collection, tag);
        api.MapCollection(CommendationRecords.Collection, tag);
        api.MapCollection(TrainingRecords.Collection, tag);
        api.MapRoster(ElderExcel.Roster, tag);
        api.MapRoster(ElderExcel.DonorRoster, tag);

        var elder = new ScopedRecordAttribute(typeof(Elder));
        api.MapGet("/elders/{id:int}/status-changes", async Task<Results<Ok<List<ElderStatusDto>>, ProblemHttpResult>> (
                int id, AppDbContext db, OrgScope orgScope, CancellationToken ct) =>
            {
                var scope = await orgScope.CurrentAsync(ct);
                var elder = await db.Elders.VisibleTo(scope).Where(e => e.Id == id).Select(e => new { e.UnitId, e.JoinDate }).FirstOrDefaultAsync(ct);
                if (elder is null)
                {
                    return ApiProblems.NotFound();
                }

                var changes = await db.ElderStatusChanges.Where(s => s.ElderId == id).OrderBy(s => s.Date).ThenBy(s => s.Id)
                    .Select(s => new ElderStatusDto(s.Id, s.ElderId, s.UnitId, s.Date, s.Status, s.Note, s.CreatedAt)).ToListAsync(ct);
                changes.Insert(0, new ElderStatusDto(null, id, elder.UnitId, elder.JoinDate, ElderStatuses.Active, "加入", null));
                return TypedResults.Ok(changes);
            })
            .WithTags(tag).WithMetadata(elder).WithSummary("五老的状态变动记录")
            .WithDescription("按日期排列；第一条是加入（加入日期，id 为 null）。某一天的状态是当天及以前最近的一条（active 在册、paused 暂停、left 退出、deceased 已故）。");

        api.MapPost("/elders/{id:int}/status-changes", async Task<Results<Created<ElderStatusDto>, ProblemHttpResult, ValidationProblem>> (
                int id, ElderStatusInput input, ElderStatusCommands commands, CancellationToken ct) =>
            {
                var result = await commands.AddAsync(id, input, ct);
                return result.Status switch
                {
                    CommandStatus.Ok => TypedResults.Created($"/api/v1/elders/{id}/status-changes",
                        new ElderStatusDto(result.Record!.Id, id, result.Record.UnitId, result.Record.Date, result.Record.Status, result.Record.Note, result.Record.CreatedAt)),
                    CommandStatus.Invalid => ApiProblems.Invalid(result.Errors!),
                    CommandStatus.Forbidden => ApiProblems.Forbidden(),
                    _ => ApiProblems.NotFound(),
                };
            })
            .WithTags(tag).WithMetadata(elder).WithSummary("登记五老状态变动")
            .WithDescription("{date, status, note}：从 date 起为 status。日期不能早于加入日期和上一次变动，不能晚于今天。");

        api.MapGet("/units/{unitId:int}/elder-figures", async Task<Results<Ok<ElderFiguresResponse>, ProblemHttpResult, ValidationProblem>> (
                int unitId, int? year, AppDbContext db, OrgScope orgScope, TimeProvider time, CancellationToken ct) =>
            {
                if (!await orgScope.IncludesAsync(unitId, ct))
                {
                    return ApiProblems.NotFound();
                }

                if (Paging.Check(year, null, null) is { } invalid)
                {
                    return invalid;
                }

                var today = time.Today();
                var y = year ?? today.Year;
                var subtree = await ElderFigures.SubtreeAsync(db, unitId, ct);
                var own = await ElderFigures.ForGroupsAsync(db, new Dictionary<int, IReadOnlyCollection<int>> { [unitId] = [unitId] }, y, today, ct);
                var rollup = await ElderFigures.ForGroupsAsync(db, new Dictionary<int, IReadOnlyCollection<int>> { [unitId] = subtree }, y, today, ct);
                return TypedResults.Ok(new ElderFiguresResponse(
                    ElderFiguresDto.From(own[0]), ElderFiguresDto.From(rollup[0]),
                    await ElderFigures.GrowthAsync(db, [unitId], y - 4, y, today, ct),
                    await ElderFigures.GrowthAsync(db, subtree, y - 4, y, today, ct)));
            })
            .WithTags(tag).WithSummary("五老队伍的年度数字")
            .WithDescription("unit：本单位；rollup：本单位及下辖全部单位。active 为年末（当年为今天）在册人数，growth 为比上年末增减；"
                + "trainedShare 为年末在册五老中当年参加过培训的比例；commendation 为上次表彰会、距今年数和下次应召开日期（每3年一次）；"
                + "years / rollupYears 为近5年的年末在册人数和增减。");
    }
}

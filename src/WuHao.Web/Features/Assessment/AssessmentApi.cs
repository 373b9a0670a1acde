using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Assessment;

/// <summary>Campaigns and assessment rounds under /api/v1.</summary>
public static class AssessmentApi
{
    private const string CampaignTag = "创建工作（阶段与日期）";
    private const string RoundTag = "验收（自评、乡初审、旗验收）";

    public sealed record StageDto(string Kind, string Label, int? Year, DateOnly Start, DateOnly Due);

    public sealed record CampaignDto(
        int Id, int UnitId, string Name, DateOnly TargetDate, int? SystemId, IReadOnlyList<StageDto> Stages, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    public sealed record CalendarDto(DateOnly Day, IReadOnlyList<StageDto> Running, StageDto? Next, string Summary);

    public sealed record RoundDto(
        int Id, int UnitId, int CampaignId, int Year, int SystemId, string State, bool Late, decimal? SelfTotal, decimal? TownshipTotal, decimal? BannerTotal,
        bool? Passed, string? Result, string? ReturnReason, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    public sealed record StepDto(
        string Kind, decimal Total, bool Passed, bool Vetoed, string Result, string? Note, DateTimeOffset SubmittedAt, string SubmittedBy, bool Late, RoundSnapshot Snapshot,
        DateTimeOffset? ReturnedAt = null, string? ReturnedBy = null, string? ReturnReason = null);

    /// <summary>A round: its standing steps, one per kind, and the steps sent back (退回), oldest first, kept as they were.</summary>
    public sealed record RoundDetailDto(RoundDto Round, IReadOnlyList<StepDto> Steps, IReadOnlyList<StepDto> Returned);

    public sealed record StartInput(int Year, int? CampaignId, IReadOnlyList<ScoreInput>? Scores, string? Note);

    public static void MapAssessmentApi(this RouteGroupBuilder api)
    {
        api.MapGet("/campaigns", async (Campaigns campaigns, CancellationToken ct) =>
            {
                var list = await campaigns.ListAsync(ct);
                return TypedResults.Ok(new PageOf<CampaignDto>([.. list.Select(ToDto)], list.Count));
            })
            .WithTags(CampaignTag).WithSummary("列出创建工作")
            .WithDescription("本单位、上级单位（如本旗）和下辖单位安排的创建工作。stages 的 kind：prepare 准备阶段、create 创建阶段、selfCheck 自查、review 乡初审、acceptance 验收；后三个按年度（year）。due 为该阶段的截止日期。");

        api.MapGet("/campaigns/{id:int}", async Task<Results<Ok<CampaignDto>, ProblemHttpResult>> (int id, Campaigns campaigns, CancellationToken ct) =>
                await campaigns.FindAsync(id, ct) is { } c ? TypedResults.Ok(ToDto(c)) : ApiProblems.NotFound())
            .WithTags(CampaignTag).WithSummary("读取一项创建工作").WithMetadata(new ScopedRecordAttribute(typeof(Campaign)));

        api.MapGet("/campaigns/{id:int}/calendar", async Task<Results<Ok<CalendarDto>, ProblemHttpResult>> (
                int id, DateOnly? on, Campaigns campaigns, TimeProvider time, CancellationToken ct) =>
            {
                if (await campaigns.FindAsync(id, ct) is not { } c)
                {
                    return ApiProblems.NotFound();
                }

                var day = CampaignCalendar.On(Campaigns.Dates(c), on ?? time.Today());
                return TypedResults.Ok(new CalendarDto(day.Day, [.. day.Running.Select(ToDto)], day.Next is { } n ? ToDto(n) : null, CampaignCalendar.Summary(day)));
            })
            .WithTags(CampaignTag).WithSummary("某一天处在哪个阶段、什么到期").WithMetadata(new ScopedRecordAttribute(typeof(Campaign)))
            .WithDescription("?on=YYYY-MM-DD（默认今天）：running 为当天进行中的阶段（按年度的阶段在前），next 为下一个开始的阶段，summary 为中文说明。");

        api.MapPost("/campaigns", async Task<Results<Created<CampaignDto>, ProblemHttpResult, ValidationProblem>> (
                CampaignInput input, Campaigns campaigns, CancellationToken ct) =>
            {
                var result = await campaigns.CreateAsync(input, ct);
                return result.Status switch
                {
                    CommandStatus.Ok => TypedResults.Created($"/api/v1/campaigns/{result.Record!.Id}", ToDto(result.Record)),
                    CommandStatus.NotFound => ApiProblems.NotFound(),
                    CommandStatus.Forbidden => ManageForbidden(),
                    _ => ApiProblems.Invalid(result.Errors!),
                };
            })
            .WithTags(CampaignTag).WithSummary("安排一项创建工作")
            .WithDescription("旗关工委和系统管理员可用。name、targetDate、systemId（可选：默认用适用于各单位的最新已发布体系）、unitId（可选：牵头单位，默认本单位）和 stages：[{kind, year, start, due}]。");

        api.MapPut("/campaigns/{id:int}", async Task<Results<Ok<CampaignDto>, ProblemHttpResult, ValidationProblem>> (
                int id, CampaignInput input, Campaigns campaigns, CancellationToken ct) =>
            {
                var result = await campaigns.UpdateAsync(id, input, ct);
                return result.Status switch
                {
                    CommandStatus.Ok => TypedResults.Ok(ToDto(result.Record!)),
                    CommandStatus.NotFound => ApiProblems.NotFound(),
                    CommandStatus.Forbidden => ManageForbidden(),
                    CommandStatus.Conflict => ApiProblems.Conflict(ToDto(result.Record!)),
                    _ => ApiProblems.Invalid(result.Errors!),
                };
            })
            .WithTags(CampaignTag).WithSummary("修改创建工作及其阶段日期").WithMetadata(new ScopedRecordAttribute(typeof(Campaign)))
            .WithDescription("与安排时相同的字段，加 version。stages 为完整的阶段表：没有列出的阶段被删除。过期的 version：409。");

        api.MapGet("/units/{unitId:int}/assessments", async Task<Results<Ok<PageOf<RoundDto>>, ProblemHttpResult>> (
                int unitId, int? year, OrgScope scope, AppDbContext db, CancellationToken ct) =>
            {
                if (!await scope.IncludesAsync(unitId, ct))
                {
                    return ApiProblems.NotFound();
                }

                var path = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstAsync(ct);
                var rows = await RoundList.Query(db, path, year).ToListAsync(ct);
                return TypedResults.Ok(new PageOf<RoundDto>([.. rows], rows.Count));
            })
            .WithTags(RoundTag).WithSummary("单位及下辖单位的验收轮次")
            .WithDescription("每个单位每项创建工作每年一轮。state：self（自评中）、township（待乡初审）、banner（待旗验收）、done（已验收）。"
                + "selfTotal/townshipTotal/bannerTotal 为各环节提交时冻结的总分，passed/result 为旗验收结果，late 为自评逾期提交。?year= 按年度筛选。");

        api.MapPost("/units/{unitId:int}/assessments", async Task<Results<Created<RoundDetailDto>, Ok<RoundDetailDto>, ProblemHttpResult, ValidationProblem>> (
                int unitId, StartInput input, Rounds rounds, CancellationToken ct) =>
            {
                var result = await rounds.SubmitSelfAsync(unitId, input.Year, input.CampaignId, new RoundInput(0, input.Scores, input.Note), ct);
                if (result.Status == CommandStatus.Ok)
                {
                    var detail = ToDto(result.Round!);
                    return result.Round!.Steps.Count == 1 && result.Round.Version <= 1
                        ? TypedResults.Created($"/api/v1/assessments/{result.Round.Id}", detail)
                        : TypedResults.Ok(detail);
                }

                return Problem(result) is { } problem ? problem : ApiProblems.Invalid(result.Errors!);
            })
            .WithTags(RoundTag).WithSummary("开始本单位本年度的验收并提交自评")
            .WithDescription("本单位关工委可用。year、campaignId（可选：默认覆盖本单位的最新创建工作）、scores（可选：只能给人工评分和否决项评分，[{code, score, note, failed}]）、note。"
                + "提交时冻结当时的评估（每个指标的得分、理由和计入的记录）以及每条计入记录的 id、version 和佐证文件的 sha256，此后记录再改动也不影响本轮。"
                + "已退回的轮次用 POST /api/v1/assessments/{id}/submit 重新提交。自评截止后提交的标记为 late。");

        api.MapGet("/assessments/{id:int}", async Task<Results<Ok<RoundDetailDto>, ProblemHttpResult>> (int id, Rounds rounds, CancellationToken ct) =>
                await rounds.FindAsync(id, ct) is { } round ? TypedResults.Ok(ToDto(round)) : ApiProblems.NotFound())
            .WithTags(RoundTag).WithSummary("读取一轮验收：自评、乡初审、旗验收的冻结快照")
            .WithMetadata(new ScopedRecordAttribute(typeof(AssessmentRound)))
            .WithDescription("steps 中每个环节（kind：self、township、banner）有提交时冻结的 snapshot：每个指标的得分、理由、说明、照片，以及计入记录的 id、version 和文件 sha256。");

        api.MapGet("/assessments/{id:int}/changes", async Task<Results<Ok<PageOf<RecordChange>>, ProblemHttpResult>> (int id, Rounds rounds, CancellationToken ct) =>
            {
                if (await rounds.FindAsync(id, ct) is not { } round || round.Standing(RoundKinds.Self) is not { } self)
                {
                    return ApiProblems.NotFound();
                }

                var changes = await rounds.ChangesSinceAsync(round, self, ct);
                return TypedResults.Ok(new PageOf<RecordChange>(changes, changes.Count));
            })
            .WithTags(RoundTag).WithSummary("自评提交后记录的变化").WithMetadata(new ScopedRecordAttribute(typeof(AssessmentRound)))
            .WithDescription("与自评快照相比：change 为 changed（已修改：versionThen → versionNow）、deleted（已删除）或 added（提交后新增）。本轮的得分不因此改变。");

        MapAction(api, "submit", "重新提交自评（退回后）", "本单位关工委可用，仅在自评中（state=self）。body：{version, scores, note}，同开始验收。");
        MapAction(api, "review", "提交乡初审",
            "上级乡（苏木）关工委或验收组可用，仅在自评提交后（state=township）。body：{version, scores: [{code, score, note, failed, fileIds}], note}。"
            + "改动自动计分指标的得分必须在 note 中写扣分理由；人工评分指标按 0 到满分评分，未给满分须写理由；否决项用 failed。fileIds 为已上传的照片（POST /api/v1/files）。");
        MapAction(api, "accept", "提交旗验收（达标/未达标）",
            "旗关工委或验收组可用，仅在乡初审提交后（state=banner）。body 同乡初审；以乡初审的得分为基础。结果按总分和否决项得出。");
        MapAction(api, "return", "退回上一环节",
            "乡初审时退回自评，旗验收时退回乡初审；须在 note 中写明原因。body：{version, note}。");
    }

    private static void MapAction(RouteGroupBuilder api, string action, string summary, string description) =>
        api.MapPost($"/assessments/{{id:int}}/{action}", async Task<Results<Ok<RoundDetailDto>, ProblemHttpResult, ValidationProblem>> (
                int id, RoundInput input, Rounds rounds, CancellationToken ct) =>
            {
                var result = await rounds.ActAsync(id, action, input, ct);
                if (result.Status == CommandStatus.Ok)
                {
                    return TypedResults.Ok(ToDto(result.Round!));
                }

                return Problem(result) is { } problem ? problem : ApiProblems.Invalid(result.Errors!);
            })
            .WithTags(RoundTag).WithSummary(summary).WithDescription(description + " 顺序不对（如未提交自评就初审）：400，什么也不改变；version 过期：409。")
            .WithMetadata(new ScopedRecordAttribute(typeof(AssessmentRound)));

    private static ProblemHttpResult ManageForbidden() =>
        TypedResults.Problem(title: "无权操作", detail: "只有旗关工委和系统管理员可以安排和修改创建工作。", statusCode: StatusCodes.Status403Forbidden);

    /// <summary>The problem of a refused round action; null for bad input (then a validation problem).</summary>
    private static ProblemHttpResult? Problem(RoundResult result) => result.Status switch
    {
        CommandStatus.NotFound => ApiProblems.NotFound(),
        CommandStatus.Forbidden => TypedResults.Problem(title: "无权操作", detail: result.Refusal, statusCode: StatusCodes.Status403Forbidden),
        CommandStatus.Conflict => ApiProblems.Conflict(ToDto(result.Round!)),
        _ when result.OutOfOrder => TypedResults.Problem(title: "操作顺序不对，什么也没有改变", detail: result.Refusal, statusCode: StatusCodes.Status400BadRequest),
        _ => null,
    };

    public static StageDto ToDto(StageDates s) => new(s.Kind, s.Label, s.Year, s.Start, s.Due);

    public static CampaignDto ToDto(Campaign c) =>
        new(c.Id, c.UnitId, c.Name, c.TargetDate, c.SystemId, [.. Campaigns.Dates(c).Select(ToDto)], c.Version, c.CreatedAt, c.UpdatedAt);

    public static RoundDetailDto ToDto(AssessmentRound r)
    {
        var steps = r.Standing().OrderBy(s => RoundKinds.All.ToList().IndexOf(s.Kind)).ToList();
        decimal? Total(string kind) => steps.FirstOrDefault(s => s.Kind == kind)?.Total;
        var dto = new RoundDto(r.Id, r.UnitId, r.CampaignId, r.Year, r.SystemId, r.State, steps.Any(s => s.Kind == RoundKinds.Self && s.Late),
            Total(RoundKinds.Self), Total(RoundKinds.Township), Total(RoundKinds.Banner), r.Passed, r.Passed is { } p ? (p ? "达标" : "未达标") : null,
            r.ReturnReason, r.Version, r.CreatedAt, r.UpdatedAt);
        static StepDto Step(AssessmentStep s) => new(
            s.Kind, s.Total, s.Passed, s.Vetoed, s.Passed ? "达标" : "未达标", s.Note, s.SubmittedAt, s.SubmittedBy, s.Late, Rounds.Read(s), s.ReturnedAt, s.ReturnedBy, s.ReturnReason);
        return new RoundDetailDto(dto, [.. steps.Select(Step)], [.. r.Steps.Where(s => s.ReturnedAt is not null).OrderBy(s => s.ReturnedAt).Select(Step)]);
    }
}

/// <summary>The rounds of a unit and the units below it as one SQL projection (totals per step as correlated sub-selects).</summary>
public static class RoundList
{
    public static IQueryable<AssessmentApi.RoundDto> Query(AppDbContext db, string rootPath, int? year, int? campaignId = null) =>
        db.AssessmentRounds
            .Where(r => r.Unit!.Path.StartsWith(rootPath) && (year == null || r.Year == year) && (campaignId == null || r.CampaignId == campaignId))
            .OrderBy(r => r.Unit!.Path).ThenByDescending(r => r.Year)
            .Select(r => new AssessmentApi.RoundDto(
                r.Id, r.UnitId, r.CampaignId, r.Year, r.SystemId, r.State,
                r.Steps.Any(s => s.Kind == RoundKinds.Self && s.ReturnedAt == null && s.Late),
                r.Steps.Where(s => s.Kind == RoundKinds.Self && s.ReturnedAt == null).Select(s => (decimal?)s.Total).FirstOrDefault(),
                r.Steps.Where(s => s.Kind == RoundKinds.Township && s.ReturnedAt == null).Select(s => (decimal?)s.Total).FirstOrDefault(),
                r.Steps.Where(s => s.Kind == RoundKinds.Banner && s.ReturnedAt == null).Select(s => (decimal?)s.Total).FirstOrDefault(),
                r.Passed, r.Passed == null ? null : r.Passed == true ? "达标" : "未达标", r.ReturnReason, r.Version, r.CreatedAt, r.UpdatedAt));
}

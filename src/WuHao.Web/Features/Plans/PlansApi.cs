using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Plans;

/// <summary>
/// API.md's <c>plans</c> collection and its actions. Not mapped through the generic collection mapper: a plan is
/// changed only by its own unit (the township above reviews it, and may not edit it), only in some states, and its
/// submit/approve/return actions move it along; <see cref="PlanCommands"/> holds those rules for the pages and the API.
/// </summary>
public static class PlansApi
{
    private const string Tag = "实施方案（起草、报送、审阅）";

    public sealed record PlanVersionDto(
        int Number, DateTimeOffset SubmittedAt, string SubmittedBy, bool Late, string? Decision, string? Comment, DateTimeOffset? DecidedAt, string? DecidedBy, PlanContent Content);

    public sealed record PlanDto(
        int Id, int UnitId, int CampaignId, string State, string StateLabel, DateOnly? Due, DateTimeOffset? FirstSubmittedAt, bool Late, string? ReviewComment,
        string Title, IReadOnlyList<string> Goals, IReadOnlyList<PlanStepContent> Steps, IReadOnlyList<PlanPersonContent> People, string? Requirements, string? Notes,
        IReadOnlyList<PlanVersionDto> Versions, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    public sealed record OverviewDto(int UnitId, int CampaignId, DateOnly? Due, bool Overdue, PlanOverview.Figures Figures, IReadOnlyList<PlanOverview.Row> Items);

    public static void MapPlansApi(this RouteGroupBuilder api)
    {
        api.MapGet("/units/{unitId:int}/plans", async Task<Results<Ok<PageOf<PlanDto>>, ProblemHttpResult, ValidationProblem>> (
                int unitId, int? campaignId, int? page, int? pageSize, OrgScope scope, PlanCommands plans, CancellationToken ct) =>
            {
                if (!await scope.IncludesAsync(unitId, ct))
                {
                    return ApiProblems.NotFound();
                }

                if (Paging.Check(null, page, pageSize) is { } invalid)
                {
                    return invalid;
                }

                var query = plans.OfUnit(unitId, campaignId);
                var total = await query.CountAsync(ct);
                var size = pageSize ?? CollectionApi.DefaultPageSize;
                var list = await query.Skip(((page ?? 1) - 1) * size).Take(size).ToListAsync(ct);
                return TypedResults.Ok(new PageOf<PlanDto>([.. list.Select(ToDto)], total));
            })
            .WithTags(Tag).WithSummary("列出单位的实施方案")
            .WithDescription("每项创建工作一份。?campaignId= 按创建工作筛选，?page=&pageSize= 分页。state：draft（草稿）、submitted（已报送）、returned（退回）、approved（已批准）；"
                + "due 为准备阶段的截止日期（实施方案报乡的期限），late 为首次报送晚于该日期；versions 为每次报送时的内容、报送人、时间、是否逾期和乡（苏木）的意见。");

        api.MapGet("/units/{unitId:int}/plan-overview", async Task<Results<Ok<OverviewDto>, ProblemHttpResult>> (
                int unitId, int? campaignId, OrgScope scope, AppDbContext db, PlanCommands plans, TimeProvider time, CancellationToken ct) =>
            {
                if (!await scope.IncludesAsync(unitId, ct))
                {
                    return ApiProblems.NotFound();
                }

                var path = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstAsync(ct);
                if (await plans.CampaignForAsync(path, campaignId, ct) is not { } campaign)
                {
                    return ApiProblems.NotFound();
                }

                var due = PlanCommands.DueOf(campaign);
                var overdue = due is { } d && time.Today() > d;
                var rows = await PlanOverview.Query(db, path, campaign.Id, overdue).ToListAsync(ct);
                return TypedResults.Ok(new OverviewDto(unitId, campaign.Id, due, overdue, PlanOverview.Figures.Of(rows), rows));
            })
            .WithTags(Tag).WithSummary("下辖各单位实施方案的报送情况")
            .WithDescription("本单位及下辖的每个嘎查村（社区、分场）和学校一行：方案状态、首次报送时间、late（逾期报送）、missing（截止日期已过仍未报送）、版本数和乡（苏木）最近的意见；"
                + "figures 为各项合计。?campaignId= 指定创建工作（默认覆盖本单位的最新一项）；没有创建工作：404。");

        api.MapPost("/units/{unitId:int}/plans", async Task<Results<Created<PlanDto>, ProblemHttpResult, ValidationProblem>> (
                int unitId, PlanInput input, PlanCommands plans, CancellationToken ct) =>
            {
                var result = await plans.CreateAsync(unitId, input, ct);
                if (result.Status == CommandStatus.Ok)
                {
                    return TypedResults.Created($"/api/v1/plans/{result.Plan!.Id}", ToDto((await plans.FindAsync(result.Plan.Id, ct))!));
                }

                return Refused(result) is { } problem ? problem : ApiProblems.Invalid(result.Errors!);
            })
            .WithTags(Tag).WithSummary("起草实施方案（草稿）")
            .WithDescription("本单位关工委可用。campaignId（可选：默认覆盖本单位的最新创建工作）、title、goals（字符串数组）、steps（[{what, responsible, due}]）、"
                + "people（[{name, role, duty}]）、requirements、notes。省略（null）的字段按种子方案的结构和本单位在任班子成员预填；给出的字段（即使为空数组）按给出的保存。"
                + "每个单位每项创建工作只有一份方案。");

        api.MapGet("/plans/{id:int}", async Task<Results<Ok<PlanDto>, ProblemHttpResult>> (int id, PlanCommands plans, CancellationToken ct) =>
                await plans.FindAsync(id, ct) is { } plan ? TypedResults.Ok(ToDto(plan)) : ApiProblems.NotFound())
            .WithTags(Tag).WithSummary("读取一份实施方案及其各次报送的版本").WithMetadata(new ScopedRecordAttribute(typeof(ImplementationPlan)));

        api.MapPut("/plans/{id:int}", async Task<Results<Ok<PlanDto>, ProblemHttpResult, ValidationProblem>> (
                int id, PlanInput input, PlanCommands plans, CancellationToken ct) =>
            {
                var result = await plans.UpdateAsync(id, input, ct);
                if (result.Status == CommandStatus.Ok)
                {
                    return TypedResults.Ok(ToDto((await plans.FindAsync(id, ct))!));
                }

                return Refused(result) is { } problem ? problem : ApiProblems.Invalid(result.Errors!);
            })
            .WithTags(Tag).WithSummary("修改实施方案").WithMetadata(new ScopedRecordAttribute(typeof(ImplementationPlan)))
            .WithDescription("本单位关工委可用，仅草稿或退回的方案。字段同起草（完整内容，省略的列表视为空），加读取时的 version；version 过期：409。已报送或已批准：400，什么也不改变。");

        api.MapDelete("/plans/{id:int}", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (
                int id, [FromQuery] int? version, PlanCommands plans, CancellationToken ct) =>
            {
                var result = await plans.DeleteAsync(id, version, ct);
                if (result.Status == CommandStatus.Ok)
                {
                    return TypedResults.NoContent();
                }

                return Refused(result) is { } problem ? problem : ApiProblems.Invalid(result.Errors!);
            })
            .WithTags(Tag).WithSummary("删除从未报送的草稿").WithMetadata(new ScopedRecordAttribute(typeof(ImplementationPlan)))
            .WithDescription("本单位关工委可用。报送过的方案及其各版本须留存，不能删除（400）。可带 ?version=，版本已过期时返回 409。");

        MapAction(api, "submit", "报送实施方案", "本单位关工委可用，草稿或退回的方案。body：{version}。当前内容存为新的版本；准备阶段截止日期之后首次报送的记为逾期（截止当天报送不算逾期）。");
        MapAction(api, "approve", "批准实施方案", "上级乡（苏木）关工委可用，仅已报送的方案。body：{version, comment}（意见可不填）。");
        MapAction(api, "return", "退回实施方案", "上级乡（苏木）关工委可用，仅已报送的方案。body：{version, comment}，comment 必填（修改意见）。本单位修改后重新报送。");
    }

    private static void MapAction(RouteGroupBuilder api, string action, string summary, string description) =>
        api.MapPost($"/plans/{{id:int}}/{action}", async Task<Results<Ok<PlanDto>, ProblemHttpResult, ValidationProblem>> (
                int id, PlanActionInput input, PlanCommands plans, CancellationToken ct) =>
            {
                var result = action switch
                {
                    "submit" => await plans.SubmitAsync(id, input, ct),
                    "approve" => await plans.DecideAsync(id, PlanStates.Approved, input, ct),
                    _ => await plans.DecideAsync(id, PlanStates.Returned, input, ct),
                };
                if (result.Status == CommandStatus.Ok)
                {
                    return TypedResults.Ok(ToDto((await plans.FindAsync(id, ct))!));
                }

                return Refused(result) is { } problem ? problem : ApiProblems.Invalid(result.Errors!);
            })
            .WithTags(Tag).WithSummary(summary).WithDescription(description + " 状态不对（如未报送就批准）：400，什么也不改变；version 过期：409。")
            .WithMetadata(new ScopedRecordAttribute(typeof(ImplementationPlan)));

    /// <summary>The problem of a refused command; null for bad input (then a validation problem).</summary>
    public static ProblemHttpResult? Refused(PlanResult result) => result.Status switch
    {
        CommandStatus.NotFound => ApiProblems.NotFound(),
        CommandStatus.Forbidden => TypedResults.Problem(title: "无权操作", detail: result.Refusal, statusCode: StatusCodes.Status403Forbidden),
        CommandStatus.Conflict => ApiProblems.Conflict(result.Plan is null ? null : ToDto(result.Plan)),
        _ when result.OutOfOrder => TypedResults.Problem(title: "方案状态不对，什么也没有改变", detail: result.Refusal, statusCode: StatusCodes.Status400BadRequest),
        _ => null,
    };

    public static PlanDto ToDto(ImplementationPlan p)
    {
        var content = PlanCommands.ContentOf(p);
        return new PlanDto(p.Id, p.UnitId, p.CampaignId, p.State, PlanStates.Label(p.State), p.Campaign is null ? null : PlanCommands.DueOf(p.Campaign),
            p.FirstSubmittedAt, p.Late, p.ReviewComment, content.Title, content.Goals, content.Steps, content.People, content.Requirements, content.Notes,
            [.. p.Versions.OrderBy(v => v.Number).Select(v => new PlanVersionDto(v.Number, v.SubmittedAt, v.SubmittedBy, v.Late, v.Decision, v.Comment, v.DecidedAt, v.DecidedBy, PlanCommands.Read(v)))],
            p.Version, p.CreatedAt, p.UpdatedAt);
    }
}

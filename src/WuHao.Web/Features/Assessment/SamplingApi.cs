using Microsoft.AspNetCore.Http.HttpResults;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Assessment;

/// <summary>抽查 and 五好关工委 certification with 达标率 under /api/v1.</summary>
public static class SamplingApi
{
    private const string SampleTag = "抽查";
    private const string CertificationTag = "五好关工委命名与达标率";

    public sealed record SampleDto(
        int Id, int UnitId, int CampaignId, int Year, string Rule, string RuleLabel, int Size, long Seed, IReadOnlyList<SampleCandidate> Candidates,
        IReadOnlyList<int> Drawn, DateTimeOffset DrawnAt, string DrawnBy);

    public sealed record CertificationEventDto(string Kind, string Label, DateOnly On, DateOnly? ValidUntil, int? RoundId, int? Year, string? Reason, string By);

    public sealed record CertificationDto(
        int Id, int UnitId, string UnitName, int CampaignId, int IssuedById, string IssuedBy, DateOnly AwardedOn, DateOnly ValidUntil, DateOnly? RevokedOn,
        string? RevokeReason, bool Held, IReadOnlyList<CertificationEventDto> Events, int Version);

    public static void MapSamplingApi(this RouteGroupBuilder api)
    {
        api.MapGet("/units/{unitId:int}/samples", async Task<Results<Ok<PageOf<SampleDto>>, ProblemHttpResult>> (
                int unitId, OrgScope scope, Samples samples, CancellationToken ct) =>
            {
                if (!await scope.IncludesAsync(unitId, ct))
                {
                    return ApiProblems.NotFound();
                }

                var list = await samples.ListAsync(unitId, ct);
                return TypedResults.Ok(new PageOf<SampleDto>([.. list.Select(ToDto)], list.Count));
            })
            .WithTags(SampleTag).WithSummary("单位及下辖单位所做的抽查")
            .WithDescription("每次抽取记录随机种子 seed、规则 rule、数量 size、按顺序排列的候选单位 candidates（unitId、name、group 所属苏木乡镇、selfTotal 自评分）和抽中结果 drawn（按抽取顺序）。");

        api.MapPost("/units/{unitId:int}/samples", async Task<Results<Created<SampleDto>, ProblemHttpResult, ValidationProblem>> (
                int unitId, SampleInput input, Samples samples, CancellationToken ct) =>
            {
                var result = await samples.DrawAsync(unitId, input, ct);
                return result.Status switch
                {
                    CommandStatus.Ok => TypedResults.Created($"/api/v1/samples/{result.Record!.Id}", ToDto(result.Record)),
                    CommandStatus.NotFound => ApiProblems.NotFound(),
                    CommandStatus.Forbidden => TypedResults.Problem(title: "无权操作", detail: "抽查由苏木乡镇关工委、旗关工委或系统管理员进行。", statusCode: StatusCodes.Status403Forbidden),
                    _ => ApiProblems.Invalid(result.Errors!),
                };
            })
            .WithTags(SampleTag).WithSummary("在下辖单位中随机抽取抽查单位")
            .WithDescription("苏木乡镇、旗关工委和系统管理员可用，unitId 为抽取单位（本苏木乡镇或旗）。body：year、campaignId（可选）、size、rule（uniform 简单随机；perTownship 每个苏木乡镇至少一个，旗抽取时用；lowScores 按自评分加权，自评分越低越容易抽中）、seed（可选，0 到 2^53−1；留空由系统生成）。"
                + "算法见 docs/decisions/ADR-015（SplitMix64），任何人可以用记录的种子、规则、数量和候选名单重新抽取核对（GET /api/v1/samples/{id}/verify）。");

        api.MapGet("/samples/{id:int}", async Task<Results<Ok<SampleDto>, ProblemHttpResult>> (int id, Samples samples, CancellationToken ct) =>
                await samples.FindAsync(id, ct) is { } s ? TypedResults.Ok(ToDto(s)) : ApiProblems.NotFound())
            .WithTags(SampleTag).WithSummary("读取一次抽查").WithMetadata(new ScopedRecordAttribute(typeof(Sample)));

        api.MapGet("/samples/{id:int}/verify", async Task<Results<Ok<SampleCheck>, ProblemHttpResult>> (int id, Samples samples, CancellationToken ct) =>
                await samples.FindAsync(id, ct) is { } s ? TypedResults.Ok(Samples.Verify(s)) : ApiProblems.NotFound())
            .WithTags(SampleTag).WithSummary("用记录的种子重新抽取，核对结果").WithMetadata(new ScopedRecordAttribute(typeof(Sample)))
            .WithDescription("matches：重新抽取的结果 redrawn 与记录的结果 recorded 是否完全一致（包括顺序）。");

        api.MapGet("/units/{unitId:int}/certifications", async Task<Results<Ok<PageOf<CertificationDto>>, ProblemHttpResult>> (
                int unitId, OrgScope scope, Certifications certifications, TimeProvider time, CancellationToken ct) =>
            {
                if (!await scope.IncludesAsync(unitId, ct))
                {
                    return ApiProblems.NotFound();
                }

                var list = await certifications.ListAsync(unitId, ct);
                var today = time.Today();
                return TypedResults.Ok(new PageOf<CertificationDto>([.. list.Select(c => ToDto(c, today))], list.Count));
            })
            .WithTags(CertificationTag).WithSummary("单位及下辖单位的五好关工委命名及其历史")
            .WithDescription("通过旗验收（达标）即命名，有效期默认三年（设置 Certification:Years）；以后每年验收达标则从验收之日起延续，未达标则撤销。held：今天是否有效。events：kind 为 award 命名、renew 复评延续、revoke 撤销。");

        api.MapGet("/certifications/{id:int}", async Task<Results<Ok<CertificationDto>, ProblemHttpResult>> (
                int id, Certifications certifications, TimeProvider time, CancellationToken ct) =>
                await certifications.FindAsync(id, ct) is { } c ? TypedResults.Ok(ToDto(c, time.Today())) : ApiProblems.NotFound())
            .WithTags(CertificationTag).WithSummary("读取一个五好关工委命名及其历史").WithMetadata(new ScopedRecordAttribute(typeof(Certification)));

        api.MapPost("/certifications/{id:int}/revoke", async Task<Results<Ok<CertificationDto>, ProblemHttpResult, ValidationProblem>> (
                int id, RevokeInput input, Certifications certifications, TimeProvider time, CancellationToken ct) =>
            {
                var result = await certifications.RevokeAsync(id, input, ct);
                var today = time.Today();
                return result.Status switch
                {
                    CommandStatus.Ok => TypedResults.Ok(ToDto(result.Record!, today)),
                    CommandStatus.NotFound => ApiProblems.NotFound(),
                    CommandStatus.Forbidden => TypedResults.Problem(title: "无权操作", detail: "只有旗关工委和系统管理员可以撤销命名。", statusCode: StatusCodes.Status403Forbidden),
                    CommandStatus.Conflict => ApiProblems.Conflict(ToDto(result.Record!, today)),
                    _ => ApiProblems.Invalid(result.Errors!),
                };
            })
            .WithTags(CertificationTag).WithSummary("撤销五好关工委命名").WithMetadata(new ScopedRecordAttribute(typeof(Certification)))
            .WithDescription("旗关工委和系统管理员可用。body：{version, reason}，reason 必填。从今天起不再有效，历史保留。version 过期：409。");

        api.MapGet("/units/{unitId:int}/certification-rates", async Task<Results<Ok<PageOf<CertificationRate>>, ProblemHttpResult, ValidationProblem>> (
                int unitId, int? from, int? to, OrgScope scope, Certifications certifications, TimeProvider time, CancellationToken ct) =>
            {
                if (!await scope.IncludesAsync(unitId, ct))
                {
                    return ApiProblems.NotFound();
                }

                var (first, last) = (from ?? time.Today().Year - 2, to ?? time.Today().Year);
                if (first is < 2000 or > 2100 || last is < 2000 or > 2100 || last < first || last - first > 20)
                {
                    return ApiProblems.Invalid("from", "年度请填写2000到2100之间的年份，from 不晚于 to，最多21年");
                }

                var rows = await certifications.RatesAsync(unitId, [.. Enumerable.Range(first, last - first + 1)], ct);
                return TypedResults.Ok(new PageOf<CertificationRate>(rows, rows.Count));
            })
            .WithTags(CertificationTag).WithSummary("达标率：本单位及下辖各苏木乡镇按年度")
            .WithDescription("?from=&to=（默认近三年）。每行：unitId、name（本单位或下辖苏木乡镇）、year、units（下辖嘎查村、社区、分场和学校数）、certified（当年12月31日——本年为今天——持有五好关工委命名的单位数）、rate（百分比，一位小数）。");
    }

    public static SampleDto ToDto(Sample s) =>
        new(s.Id, s.UnitId, s.CampaignId, s.Year, s.Rule, SampleRules.Label(s.Rule), s.Size, s.Seed, Samples.CandidatesOf(s),
            [.. s.Drawn.OrderBy(d => d.Position).Select(d => d.UnitId)], s.DrawnAt, s.DrawnBy);

    public static CertificationDto ToDto(Certification c, DateOnly today) =>
        new(c.Id, c.UnitId, c.Unit?.Name ?? "", c.CampaignId, c.IssuedById, c.IssuedBy?.Name ?? "", c.AwardedOn, c.ValidUntil, c.RevokedOn, c.RevokeReason,
            c.Holds(today), [.. c.Events.OrderBy(e => e.On).ThenBy(e => e.Id).Select(e => new CertificationEventDto(e.Kind, CertificationKinds.Label(e.Kind), e.On, e.ValidUntil, e.RoundId, e.Year, e.Reason, e.By))],
            c.Version);
}

using Microsoft.AspNetCore.Http.HttpResults;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Dashboards;

/// <summary>The dashboard's data under /api/v1: the same read model as the page.</summary>
public static class DashboardsApi
{
    private const string Tag = "看板";

    public static void MapDashboardsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/units/{unitId:int}/dashboard", async Task<Results<Ok<Dashboard>, ProblemHttpResult, ValidationProblem>> (
                int unitId, int? year, int? systemId, DashboardReader reader, CancellationToken ct) =>
            {
                var outcome = await reader.ReadAsync(unitId, year, systemId, ct);
                return outcome switch
                {
                    { Dashboard: { } dashboard } => TypedResults.Ok(dashboard),
                    { Field: { } field, Message: { } message } => ApiProblems.Invalid(field, message),
                    _ => ApiProblems.NotFound(),
                };
            })
            .WithTags(Tag).WithSummary("苏木乡镇、旗的看板数据")
            .WithDescription("?year=（默认今年）、?systemId=（默认适用于嘎查村的最新已发布体系）。只对苏木乡镇、旗及以上单位；嘎查村、学校等为404。"
                + "ranking：下辖参评单位按总分从高到低，scores/shares/statuses 与 indicators 顺序一致（热力图）；openGaps：各指标有待整改差距的单位数和可挽回分数；"
                + "elders：近5年年末在册五老和增减（与 elder-figures 的 rollupYears 相同）；activities、activitiesPerMonth、activitiesPerType：下辖各单位当年登记的活动；"
                + "deadlines：本单位未完成的截止事项；rates：近5年达标率（与 certification-rates 本单位行相同）。与评估矩阵是同一套计算。")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

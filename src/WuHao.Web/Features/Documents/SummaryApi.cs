using Microsoft.AspNetCore.Http.HttpResults;
using WuHao.Web.Features.Indicators;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Documents;

/// <summary>API.md's <c>GET /api/v1/units/{unitId}/summary?year=&amp;format=xlsx</c> (R-7.3), scoped like the evaluation matrix.</summary>
public static class SummaryApi
{
    private const string Tag = "文书与汇总";

    /// <summary>The summary's services: the writer, and its place in the acceptance package.</summary>
    public static IServiceCollection AddSummaryDocuments(this IServiceCollection services)
    {
        services.AddScoped<SummaryTable>();
        services.AddScoped<IPackageDocument, SummaryPackageDocument>();
        return services;
    }

    public static void MapSummaryApi(this RouteGroupBuilder api)
    {
        api.MapGet("/units/{unitId:int}/summary", async Task<Results<FileStreamHttpResult, ProblemHttpResult, ValidationProblem>> (
                int unitId, int? year, int? systemId, string? format, EvaluationPages pages, SummaryTable table, CancellationToken ct) =>
            {
                if (format is not (null or "xlsx"))
                {
                    return ApiProblems.Invalid("format", "汇总表只能导出为 xlsx（format=xlsx）");
                }

                var found = await pages.UnitAsync(unitId, year, systemId, forMatrix: true, ct);
                if (found.ProblemResult is { } problem)
                {
                    return problem;
                }

                if (found.Invalid is { } invalid)
                {
                    return invalid;
                }

                // Written to a temporary file that is deleted when the response has sent it: nothing held in memory.
                var file = SummaryTable.TempFile();
                try
                {
                    await table.WriteAsync(found.Unit!, found.System!, found.Year, file, ct);
                    file.Position = 0;
                }
                catch
                {
                    await file.DisposeAsync();
                    throw;
                }

                return TypedResults.File(file, SummaryTable.XlsxType, SummaryTable.FileName(found.Unit!, found.Year));
            })
            .WithTags(Tag).WithSummary("下辖单位验收汇总表（.xlsx）")
            .WithDescription("与评估矩阵（evaluation-matrix）同一套计算、同样的范围：“汇总表”工作表每个下辖单位一行，每个指标一列，总分、结果（达标/未达标/否决）和待评分项数；"
                + "旗的汇总表按乡镇（苏木）分组，每组后有小计行（各分数为组内平均分，结果为达标数/单位数），最后是全旗合计。"
                + "“查遗补漏”工作表列出每个单位未得满分的指标、可挽回的分数和整改措施。?year= 默认今年，?systemId= 默认适用于下辖单位的最新已发布体系，format 只能是 xlsx。")
            .Produces(StatusCodes.Status200OK, contentType: SummaryTable.XlsxType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using WuHao.Web.Data;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Rules;

/// <summary>The archive catalogue as the API returns it.</summary>
public sealed record CatalogueDto(int UnitId, int Year, IReadOnlyList<CatalogueItemDto> Items);

public sealed record CatalogueItemDto(string Number, string Category, string Title, DateOnly? Date, string Retention, string? DocumentNo, int? Pages,
    string Source, IReadOnlyList<int> FileIds);

/// <summary>API.md's collections of 制度健全执行好, and the archive catalogue.</summary>
public static class RulesApi
{
    public static void MapRulesApi(this RouteGroupBuilder api)
    {
        const string tag = "制度健全执行好";
        api.MapCollection(RuleDocumentRecords.Collection, tag);
        api.MapCollection(WorkCycleRecords.Collection, tag);
        api.MapCollection(ArchiveEntryRecords.Collection, tag);
        api.MapCollection(FundRecords.Collection, tag);
        api.MapGet("/units/{unitId:int}/archive/catalogue", CatalogueAsync).WithTags(tag)
            .WithSummary("档案目录")
            .WithDescription("?year= 年度（默认今年）。由已归档的内容生成：登记的档案，以及各记录上传的文件，按类别编件号。");
    }

    private static async Task<Results<Ok<CatalogueDto>, ProblemHttpResult, ValidationProblem>> CatalogueAsync(
        int unitId, int? year, AppDbContext db, OrgScope orgScope, TimeProvider time, CancellationToken ct)
    {
        if (!await orgScope.IncludesAsync(unitId, ct))
        {
            return ApiProblems.NotFound();
        }

        if (Paging.Check(year, null, null) is { } invalid)
        {
            return invalid;
        }

        var y = year ?? Domain.Clock.Today(time).Year;
        var rows = await Catalogue.ForAsync(db, unitId, y, ct);
        return TypedResults.Ok(new CatalogueDto(unitId, y, [.. rows.Select(r => new CatalogueItemDto(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{y}-{r.Category}-{r.No:000}"),
            r.Category, r.Title, r.Date, r.Retention, r.DocumentNo, r.Pages, r.Source, [.. r.Files.Select(f => f.Id)]))]));
    }
}

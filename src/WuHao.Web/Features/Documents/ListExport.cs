using System.Collections;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Elders;
using WuHao.Web.Features.Team;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Documents;

/// <summary>
/// API.md's <c>GET /api/v1/units/{unitId}/{collection}/export?year=</c> for every list that has a page: one
/// generic export hung on <see cref="CollectionApi.MapCollection"/>, reading the list exactly as the list route does
/// (scope, ?year=, order, projection) and masking it the same way for a user who may not edit the unit. Columns are
/// the read model's fields that the form labels in Chinese (the input's [Display] names), dates written as
/// 2023年6月20日. The rosters (team members, 五老, donors) keep their own import-compatible export (RosterApi) and
/// the youth cases theirs (CaseExport).
/// </summary>
public static class ListExport
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Collections whose export route is their own.</summary>
    private static readonly HashSet<string> OwnExport = new(StringComparer.Ordinal)
    {
        TeamExcel.Roster.Collection.Name, ElderExcel.Roster.Collection.Name, ElderExcel.DonorRoster.Collection.Name, "youth-cases",
    };

    /// <summary>Whether the collection has its own export and import routes (the rosters) or none to share (youth cases).</summary>
    public static bool HasOwnRoutes(string collection) => OwnExport.Contains(collection);

    /// <summary>The link a list page shows for its collection, e.g. <c>/api/v1/units/5/activities/export?year=2024</c>.</summary>
    public static string Link(int unitId, string collection, int? year) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/v1/units/{unitId}/{collection}/export") + (year is { } y ? string.Create(CultureInfo.InvariantCulture, $"?year={y}") : "");

    public static void MapListExport<TEntity, TInput, TDto>(this IEndpointRouteBuilder api, CollectionSpec<TEntity, TInput, TDto> c, string tag)
        where TEntity : UnitRecord where TInput : class, IRecordInput where TDto : class
    {
        if (HasOwnRoutes(c.Name))
        {
            return;
        }

        var columns = Columns<TInput, TDto>();

        // Typed as Delegate, as in CollectionApi: the route analyzer crashes on lambdas over generic type parameters.
        Delegate export = async Task<Results<FileStreamHttpResult, ProblemHttpResult, ValidationProblem>> (
            int unitId, int? year, AppDbContext db, OrgScope orgScope, RecordCommands commands, TimeProvider time, CancellationToken ct) =>
        {
            if (!await orgScope.IncludesAsync(unitId, ct))
            {
                return ApiProblems.NotFound();
            }

            if (Paging.Check(year, null, null) is { } invalid)
            {
                return invalid;
            }

            var scope = await orgScope.CurrentAsync(ct);
            var query = c.InYear(db.Set<TEntity>().VisibleTo(scope).Where(c.BelongsTo(unitId)), year);
            var items = await c.Order(query).Select(c.Project).ToListAsync(ct);
            if (c.ForReaders is { } mask && !await commands.MayEditAsync(new UnitResource(unitId)))
            {
                items = [.. items.Select(mask)];
            }

            var unitName = await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).FirstAsync(ct);
            var file = SummaryTable.TempFile();
            try
            {
                var configuration = new OpenXmlConfiguration { AutoFilter = false, EnableWriteNullValueCell = true };
                await MiniExcel.SaveAsAsync(file, Rows(items, columns), sheetName: c.Title, configuration: configuration, cancellationToken: ct);
                file.Position = 0;
            }
            catch
            {
                await file.DisposeAsync();
                throw;
            }

            var suffix = year is { } y ? string.Create(CultureInfo.InvariantCulture, $"{y}年") : time.Today().ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            return TypedResults.File(file, XlsxType, $"{unitName}{c.Title}-{suffix}.xlsx");
        };
        api.MapGet($"/units/{{unitId:int}}/{c.Name}/export", export).WithTags(tag)
            .WithSummary($"导出{c.Title}（.xlsx）")
            .WithDescription("与列表同样的记录、同样的顺序；?year= 按年度筛选有日期的记录（不填则导出全部）。中文表头，日期写成2023年6月20日；"
                + "不能修改该单位的用户（验收组、只读用户）导出的敏感字段与列表一样打码。")
            .Produces(StatusCodes.Status200OK, contentType: XlsxType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private sealed record Column(string Header, PropertyInfo Property, ValueWordsAttribute? Words);

    /// <summary>The read model's fields that the input labels, in the read model's order.</summary>
    private static List<Column> Columns<TInput, TDto>()
    {
        var labels = FieldLabels.Of<TInput>();
        var columns = new List<Column>();
        var headers = new HashSet<string>(StringComparer.Ordinal) { "序号" };
        foreach (var property in typeof(TDto).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (labels.TryGetValue(property.Name, out var label) && headers.Add(label))
            {
                columns.Add(new Column(label, property, ValueWordsAttribute.Of(typeof(TInput), property.Name)));
            }
        }

        return columns;
    }

    private static IEnumerable<Dictionary<string, object?>> Rows<TDto>(List<TDto> items, List<Column> columns)
    {
        var number = 0;
        foreach (var item in items)
        {
            var line = new Dictionary<string, object?>(StringComparer.Ordinal) { ["序号"] = ++number };
            foreach (var column in columns)
            {
                var value = column.Property.GetValue(item);
                line[column.Header] = value is string s && column.Words?.Words.GetValueOrDefault(s) is { } word ? word : Cell(value);
            }

            yield return line;
        }

        if (number == 0)
        {
            // An empty list still writes its header row.
            var line = new Dictionary<string, object?>(StringComparer.Ordinal) { ["序号"] = null };
            foreach (var column in columns)
            {
                line[column.Header] = null;
            }

            yield return line;
        }
    }

    /// <summary>A value as a cell: dates in Chinese, yes/no, lists joined with 、, numbers as numbers.</summary>
    public static object? Cell(object? value) => value switch
    {
        null => null,
        DateOnly d => ZhDate(d),
        DateTime t => ZhDate(DateOnly.FromDateTime(t)),
        DateTimeOffset o => ZhDate(DateOnly.FromDateTime(o.Date)),
        bool b => b ? "是" : "否",
        string s => s,
        Enum e => e.ToString(),
        IEnumerable list => string.Join("、", list.Cast<object?>().Select(v => Convert.ToString(Cell(v), CultureInfo.InvariantCulture))),
        _ when value.GetType().IsPrimitive || value is decimal => value,

        // A child row (an honoree, a publicity): its fields in order, e.g. 张三 优秀五老 结对帮扶.
        _ => string.Join(" ", value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => Convert.ToString(Cell(p.GetValue(value)), CultureInfo.InvariantCulture)).Where(v => !string.IsNullOrEmpty(v))),
    };

    public static string ZhDate(DateOnly d) => string.Create(CultureInfo.InvariantCulture, $"{d.Year}年{d.Month}月{d.Day}日");
}

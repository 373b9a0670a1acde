using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;
using WuHao.Web.Features.Indicators;

namespace WuHao.Web.Features.Documents;

/// <summary>
/// The township's and the banner's summary table (R-7.3): one row per unit below, one column per indicator, the total
/// and the result, and a second sheet of open 查遗补漏 items. Every number is the evaluation matrix's
/// (<see cref="Evaluations.MatrixAsync"/>) and every gap is <see cref="Evaluator.Gaps"/> of that same evaluation, so the
/// table cannot disagree with the matrix page or its API. The sheets are written row by row from lazy sequences
/// (MiniExcel streams an IEnumerable into the zip entry), so a banner of thousands of units holds no workbook in memory.
/// A banner's table groups its units by township, each group closed by a subtotal row (average scores, units passed).
/// </summary>
public sealed class SummaryTable(Evaluations evaluations, AppDbContext db)
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string MainSheet = "汇总表";
    public const string GapSheet = "查遗补漏";
    public const string UnitColumn = "单位";
    public const string TownshipHeader = "乡镇（苏木）";
    public const string TotalHeader = "总分（小计行为平均分）";
    public const string ResultHeader = "结果（小计行为达标数/单位数）";
    public const string PendingHeader = "待评分项";
    private static readonly string[] GapColumns = ["指标", "状态", "可挽回分", "整改措施"];

    /// <summary>The header of an indicator's column: its code and name, e.g. <c>1.1 党支部专题会议</c>.</summary>
    public static string Column(Indicator indicator) => $"{indicator.Code} {indicator.Name}";

    /// <summary>The file name a download and the package use, e.g. <c>某某乡2024年验收汇总表.xlsx</c>.</summary>
    public static string FileName(Indicators.UnitHeader unit, int year) =>
        string.Create(CultureInfo.InvariantCulture, $"{unit.Name}{year}年验收汇总表.xlsx");

    /// <summary>The system a summary uses when none is asked for: the newest published one for the units below.</summary>
    public async Task<IndicatorSystemRecord?> DefaultSystemAsync(Indicators.UnitHeader unit, CancellationToken ct) =>
        Evaluations.Choose(await evaluations.ChoicesAsync(unit, ct), null, unit.Type is UnitType.Banner or UnitType.Township ? UnitType.Village : unit.Type);

    /// <summary>
    /// Writes the workbook of <paramref name="root"/>'s units for <paramref name="year"/>. The caller has checked the
    /// scope. A non-seekable <paramref name="output"/> (a zip entry, a response body) gets the file through a temporary file.
    /// </summary>
    public async Task WriteAsync(Indicators.UnitHeader root, IndicatorSystemRecord system, int year, Stream output, CancellationToken ct)
    {
        var rows = await evaluations.MatrixAsync(root, system, year, ct);
        var indicators = Evaluations.Definition(system).Indicators.ToList();
        var banner = root.Type == UnitType.Banner;
        var townships = banner ? await TownshipNamesAsync(root, rows, ct) : new Dictionary<int, string>();
        var depth = Evaluations.PathIds(root.Path).Count;
        string? TownshipOf(UnitEvaluation row) =>
            banner && Evaluations.PathIds(row.Unit.Path) is { } ids && ids.Count > depth ? townships.GetValueOrDefault(ids[depth]) : null;

        var columns = new List<DynamicExcelColumn> { new("序号") { Width = 6 } };
        if (banner)
        {
            columns.Add(new DynamicExcelColumn(TownshipHeader) { Width = 16 });
        }

        columns.Add(new DynamicExcelColumn(UnitColumn) { Width = 20 });
        columns.Add(new DynamicExcelColumn(TotalHeader) { Width = 12 });
        columns.Add(new DynamicExcelColumn(ResultHeader) { Width = 14 });
        columns.Add(new DynamicExcelColumn(PendingHeader) { Width = 8 });
        columns.AddRange(indicators.Select(i => new DynamicExcelColumn(Column(i)) { Width = 12 }));
        columns.AddRange(GapColumns.Select(h => new DynamicExcelColumn(h) { Width = h == "整改措施" ? 60 : 12 }));
        var sheets = new Dictionary<string, object>
        {
            [MainSheet] = MainRows(rows, indicators, banner, TownshipOf),
            [GapSheet] = GapRows(rows, banner, TownshipOf),
        };
        var configuration = new OpenXmlConfiguration { AutoFilter = false, EnableWriteNullValueCell = true, DynamicColumns = [.. columns] };
        if (output.CanSeek)
        {
            await MiniExcel.SaveAsAsync(output, sheets, configuration: configuration, cancellationToken: ct);
            return;
        }

        await using (var file = TempFile())
        {
            await MiniExcel.SaveAsAsync(file, sheets, configuration: configuration, cancellationToken: ct);
            file.Position = 0;
            await file.CopyToAsync(output, ct);
        }
    }

    /// <summary>A temporary file deleted when closed: where a workbook is written before it is sent, so none is held in memory.</summary>
    public static FileStream TempFile() =>
        new(Path.Combine(Path.GetTempPath(), "wuhao-" + Guid.NewGuid().ToString("N") + ".xlsx"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);

    /// <summary>The townships directly under the banner that hold a row: names only, the numbers all come from the matrix.</summary>
    private async Task<Dictionary<int, string>> TownshipNamesAsync(Indicators.UnitHeader root, IReadOnlyList<UnitEvaluation> rows, CancellationToken ct)
    {
        var depth = Evaluations.PathIds(root.Path).Count;
        var ids = rows.Select(r => Evaluations.PathIds(r.Unit.Path)).Where(p => p.Count > depth).Select(p => p[depth]).Distinct().ToList();
        return await db.Units.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }

    private static IEnumerable<Dictionary<string, object?>> MainRows(IReadOnlyList<UnitEvaluation> rows, List<Indicator> indicators, bool banner,
        Func<UnitEvaluation, string?> townshipOf)
    {
        var number = 0;
        var group = new List<Evaluation>();
        string? current = null;
        var all = new List<Evaluation>();
        foreach (var row in rows)
        {
            var township = townshipOf(row);
            if (banner && group.Count > 0 && township != current)
            {
                yield return Subtotal($"{current ?? "旗直属"}小计", group, indicators, banner, current);
                group = [];
            }

            current = township;
            number++;
            var e = row.Evaluation;
            var line = Start(number, banner ? township ?? "旗直属" : null, row.Unit.Name, banner);
            line[TotalHeader] = e.Total;
            line[ResultHeader] = Result(e);
            line[PendingHeader] = e.Pending;
            var byCode = e.Indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);
            foreach (var indicator in indicators)
            {
                line[Column(indicator)] = byCode.TryGetValue(indicator.Code, out var r) ? Cell(r) : null;
            }

            group.Add(e);
            all.Add(e);
            yield return line;
        }

        if (banner && group.Count > 0)
        {
            yield return Subtotal($"{current ?? "旗直属"}小计", group, indicators, banner, current);
            yield return Subtotal("全旗合计", all, indicators, banner, null);
        }

        if (rows.Count == 0)
        {
            var empty = Start(null, banner ? "" : null, "下辖没有适用这个指标体系的单位", banner);
            empty[TotalHeader] = null;
            empty[ResultHeader] = null;
            empty[PendingHeader] = null;
            foreach (var indicator in indicators)
            {
                empty[Column(indicator)] = null;
            }

            yield return empty;
        }
    }

    /// <summary>A subtotal: the average of each score over the units that have one, and how many of the units passed.</summary>
    private static Dictionary<string, object?> Subtotal(string label, List<Evaluation> group, List<Indicator> indicators, bool banner, string? township)
    {
        var line = Start(null, banner ? township ?? "" : null, label, banner);
        line[TotalHeader] = Average(group.Select(e => (decimal?)e.Total));
        line[ResultHeader] = string.Create(CultureInfo.InvariantCulture, $"达标{group.Count(e => e.Passed)}/{group.Count}");
        line[PendingHeader] = group.Sum(e => e.Pending);
        var scores = indicators.ToDictionary(i => i.Code, _ => new List<decimal?>(), StringComparer.Ordinal);
        foreach (var r in group.SelectMany(e => e.Indicators))
        {
            scores.GetValueOrDefault(r.Code)?.Add(r.Score);
        }

        foreach (var indicator in indicators)
        {
            line[Column(indicator)] = indicator.Veto
                ? string.Create(CultureInfo.InvariantCulture, $"否决{group.Count(e => e.Indicators.Any(r => r.Code == indicator.Code && r.Status == IndicatorStatus.Unmet))}")
                : Average(scores[indicator.Code]);
        }

        return line;
    }

    private static decimal? Average(IEnumerable<decimal?> values)
    {
        var scored = values.OfType<decimal>().ToList();
        return scored.Count == 0 ? null : Math.Round(scored.Average(), 2, MidpointRounding.AwayFromZero);
    }

    private static IEnumerable<Dictionary<string, object?>> GapRows(IReadOnlyList<UnitEvaluation> rows, bool banner, Func<UnitEvaluation, string?> townshipOf)
    {
        var number = 0;
        foreach (var row in rows)
        {
            // The same gaps the 查遗补漏 list keeps: pending manual items are not gaps until the assessor scores them.
            foreach (var gap in Evaluator.Gaps(row.Evaluation).Where(g => g.Status != IndicatorStatus.Pending))
            {
                var line = Start(++number, banner ? townshipOf(row) ?? "旗直属" : null, row.Unit.Name, banner);
                line["指标"] = Column(gap.Code, gap.Name);
                line["状态"] = gap.Veto ? "否决" : StatusView.Label(gap.Status);
                line["可挽回分"] = gap.Recoverable;
                line["整改措施"] = gap.Action;
                yield return line;
            }
        }

        if (number == 0)
        {
            var none = Start(null, banner ? "" : null, "没有待整改的项目", banner);
            none["指标"] = null;
            none["状态"] = null;
            none["可挽回分"] = null;
            none["整改措施"] = null;
            yield return none;
        }
    }

    private static string Column(string code, string name) => $"{code} {name}";

    private static Dictionary<string, object?> Start(int? number, string? township, string unit, bool banner)
    {
        var line = new Dictionary<string, object?>(StringComparer.Ordinal) { ["序号"] = number };
        if (banner)
        {
            line[TownshipHeader] = township;
        }

        line[UnitColumn] = unit;
        return line;
    }

    /// <summary>合格 results as the matrix shows them: 达标, 未达标, or 否决 when a veto item failed.</summary>
    public static string Result(Evaluation e) => e.Vetoed ? "否决" : e.Result;

    /// <summary>A score as a number cell; a veto item as ✓/✗; a pending manual item as 待评分.</summary>
    private static object? Cell(IndicatorResult r) =>
        r.Veto ? (r.Status == IndicatorStatus.Unmet ? "✗" : r.Status == IndicatorStatus.Met ? "✓" : "待评分")
        : r.Score is { } s ? s : "待评分";
}

/// <summary>The summary table in the township's acceptance package, once for the township (R-7.3, R-7 package).</summary>
public sealed class SummaryPackageDocument(SummaryTable table) : IPackageDocument
{
    public PackageScope Scope => PackageScope.Township;

    public string FileName(Indicators.UnitHeader unit, int year) => SummaryTable.FileName(unit, year);

    public async Task WriteAsync(Indicators.UnitHeader unit, int year, Stream output, CancellationToken ct)
    {
        var system = await table.DefaultSystemAsync(unit, ct) ?? throw new InvalidOperationException("还没有已发布的指标体系，无法生成汇总表。");
        await table.WriteAsync(unit, system, year, output, ct);
    }
}

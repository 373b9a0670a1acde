using System.Globalization;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using WuHao.Web.Infrastructure.Office;

namespace WuHao.Web.Domain.Indicators;

/// <summary>What reading an Excel form gave: the system, or the problems by Excel row and column (and why a file was refused as a whole).</summary>
public sealed record IndicatorExcelResult(IndicatorSystem? System, IReadOnlyList<ExcelProblem> Problems, ExcelFailure Failure = ExcelFailure.None);

/// <summary>
/// The Excel form of an indicator system (R-6.3): one sheet, the system's own fields in label/value rows at the top
/// (体系编号, 体系名称, 版本, 说明, 适用单位, 总分, 达标分), then a header row and one row per indicator with Chinese
/// headers; measures by their Chinese names, filters as 活动类型=法治教育、关爱服务. It maps onto the same records as
/// the JSON, so JSON → Excel → JSON gives the same JSON. Reading goes through <see cref="ExcelReader"/> (no formulas,
/// size limits) and then through <see cref="IndicatorValidator"/>, each problem with its row.
/// </summary>
public static class IndicatorExcel
{
    public const string SheetName = "验收指标体系";

    private static readonly string[] Letters = [.. Enumerable.Range(0, 21).Select(i => ((char)('A' + i)).ToString())];

    /// <summary>The indicator columns: header, width, and the path suffix of the validator's errors about that column.</summary>
    private static readonly (string Header, double Width, string Path)[] Columns =
    [
        ("分项编号", 8, "§code"), ("分项名称", 16, "§name"), ("指标编号", 8, ".code"), ("指标名称", 40, ".name"), ("分值", 6, ".points"),
        ("考评方式", 9, ".method"), ("佐证材料", 30, ".evidence"), ("加分项", 7, ".bonus"), ("否决项", 7, ".veto"),
        ("规则类型", 10, ".rule.type"), ("统计口径", 18, ".rule.measure"), ("筛选条件", 30, ".rule.filter"), ("必备项", 30, ".rule.required"),
        ("要求数量", 9, ".rule.min"), ("每少一次扣分", 12, ".rule.deduct"), ("最多扣分", 9, ".rule.maxDeduct"), ("每项得分", 9, ".rule.perItem"),
        ("按比例", 7, ".rule.proportional"), ("年限", 6, ".rule.years"), ("统计年数", 9, ".rule.yearsBack"), ("须有佐证", 9, ".rule.requireEvidence"),
    ];

    private static readonly string[] RequiredHeaders = ["分项编号", "指标编号", "指标名称", "分值"];

    private static readonly string[] MetaLabels = ["体系编号", "体系名称", "版本", "说明", "适用单位", "总分", "达标分"];

    public static byte[] Write(IndicatorSystem system)
    {
        system = IndicatorJson.Normalise(system);
        var rows = new List<Dictionary<string, object?>>();
        Dictionary<string, object?> Row(params object?[] cells) =>
            Letters.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i < cells.Length ? cells[x.i] : null);

        rows.Add(Row("体系编号", system.Code));
        rows.Add(Row("体系名称", system.Name));
        rows.Add(Row("版本", system.Version));
        rows.Add(Row("说明", system.Description));
        rows.Add(Row("适用单位", system.AppliesTo is null ? null : string.Join(IndicatorText.ListSeparator, system.AppliesTo.Select(IndicatorTerms.UnitTypeName))));
        rows.Add(Row("总分", system.MaxTotal));
        rows.Add(Row("达标分", system.PassScore));
        rows.Add(Row());
        rows.Add(Row([.. Columns.Select(c => c.Header)]));
        foreach (var section in system.Sections)
        {
            foreach (var i in section.Indicators)
            {
                var r = i.Rule;
                var measure = MeasureCatalogue.Find(r.Measure);
                rows.Add(Row(section.Code, section.Name, i.Code, i.Name, i.Points, i.Method, i.Evidence, YesNo(i.Bonus), YesNo(i.Veto),
                    RuleTypes.Label(r.Type), measure?.Name ?? r.Measure, IndicatorText.Filter(measure, r.Filter) is { Length: > 0 } f ? f : null,
                    r.Required is null ? null : string.Join(IndicatorText.ListSeparator, r.Required),
                    r.Min, r.Deduct, r.MaxDeduct, r.PerItem, YesNo(r.Proportional), r.Years, r.YearsBack, YesNo(r.RequireEvidence)));
            }
        }

        var configuration = new OpenXmlConfiguration
        {
            FastMode = true,
            AutoFilter = false,
            DynamicColumns = [.. Columns.Select((c, i) => new DynamicExcelColumn(Letters[i]) { Index = i, Width = i == 1 ? 24 : c.Width })],
        };
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, rows, printHeader: false, sheetName: SheetName, configuration: configuration);
        return stream.ToArray();
    }

    /// <summary>Reads an uploaded form: file checks, then the rows, then the validator; the system only when there is no problem.</summary>
    public static IndicatorExcelResult Read(Stream file, ExcelOptions? options = null)
    {
        var sheet = ExcelReader.Open(file, options ?? new ExcelOptions());
        if (sheet.Refused || sheet.Problems.Count > 0)
        {
            return new(null, sheet.Problems, sheet.Failure);
        }

        var result = Read(sheet.Rows());
        return sheet.Problems.Count > 0 ? new(null, [.. sheet.Problems, .. result.Problems], sheet.Failure) : result;
    }

    /// <summary>Reads the rows of the form (as <see cref="ExcelSheet.Rows"/> yields them).</summary>
    public static IndicatorExcelResult Read(IEnumerable<ExcelRow> rows)
    {
        var problems = new List<ExcelProblem>();
        var meta = new Dictionary<string, (object? Value, int Row)>(StringComparer.Ordinal);
        Dictionary<string, string>? header = null;
        var sections = new List<(string Code, string Name, int Row, List<(Indicator Indicator, int Row)> Items)>();
        foreach (var row in rows)
        {
            var a = ExcelCells.Text(row.Cells.GetValueOrDefault("A"));
            if (header is null)
            {
                if (a == Columns[0].Header)
                {
                    header = MapHeader(row, problems);
                }
                else if (a is not null && MetaLabels.Contains(a))
                {
                    meta[a] = (row.Cells.GetValueOrDefault("B"), row.Number);
                }
                else
                {
                    problems.Add(new(row.Number, "A", $"“{a}”不是指标体系的项目，表头以上只能写：{string.Join("、", MetaLabels)}"));
                }

                continue;
            }

            var cells = new Cells(row, header, problems);
            var sectionCode = cells.Text("分项编号");
            var sectionName = cells.Text("分项名称");
            if (sectionCode is null)
            {
                problems.Add(new(row.Number, "分项编号", "缺少分项编号"));
                continue;
            }

            var index = sections.FindIndex(s => s.Code == sectionCode);
            if (index < 0)
            {
                sections.Add((sectionCode, sectionName ?? "", row.Number, []));
                index = sections.Count - 1;
            }
            else if (sectionName is not null && sectionName != sections[index].Name)
            {
                problems.Add(new(row.Number, "分项名称", $"分项{sectionCode}的名称“{sectionName}”与第{sections[index].Row}行的“{sections[index].Name}”不一致"));
            }

            sections[index].Items.Add((ReadIndicator(cells), row.Number));
        }

        if (header is null)
        {
            problems.Add(new(null, null, $"没有找到表头行（第一列为“{Columns[0].Header}”的行）：请用导出的指标体系表格填写"));
            return new(null, problems, ExcelFailure.Invalid);
        }

        var system = IndicatorJson.Normalise(new IndicatorSystem
        {
            Code = MetaText(meta, "体系编号") ?? "",
            Name = MetaText(meta, "体系名称") ?? "",
            Version = MetaText(meta, "版本") ?? "",
            Description = MetaText(meta, "说明"),
            AppliesTo = MetaText(meta, "适用单位") is { } applies
                ? [.. IndicatorText.SplitList(applies).Select(t => IndicatorTerms.ParseUnitType(t) ?? Unknown(problems, meta, "适用单位", t,
                    string.Join("、", IndicatorTerms.UnitTypes.Select(IndicatorTerms.UnitTypeName))))]
                : null,
            MaxTotal = MetaNumber(meta, "总分", problems),
            PassScore = MetaNumber(meta, "达标分", problems) ?? 0,
            Sections = [.. sections.Select(s => new IndicatorSection { Code = s.Code, Name = s.Name, Indicators = [.. s.Items.Select(i => i.Indicator)] })],
        });

        foreach (var error in IndicatorValidator.Validate(system))
        {
            problems.Add(Locate(error, sections.Select(s => (s.Row, s.Items.Select(i => i.Row).ToList())).ToList(), meta));
        }

        return problems.Count > 0 ? new(null, problems, ExcelFailure.Invalid) : new(system, problems);
    }

    private static Indicator ReadIndicator(Cells c)
    {
        var measureText = c.Text("统计口径");
        var measure = MeasureCatalogue.Parse(measureText);
        if (measureText is not null && measure is null)
        {
            c.Problem("统计口径", $"统计口径“{measureText}”不存在，可选：{string.Join("、", MeasureCatalogue.All.Select(m => m.Name))}");
        }

        var typeText = c.Text("规则类型");
        var type = typeText is null ? RuleTypes.Manual : RuleTypes.Parse(typeText);
        if (type is null)
        {
            c.Problem("规则类型", $"规则类型“{typeText}”不存在，可选：{string.Join("、", RuleTypes.All.Select(RuleTypes.Label))}");
        }

        var filterErrors = new List<string>();
        var filter = IndicatorText.ParseFilter(measure, c.Text("筛选条件"), filterErrors);
        filterErrors.ForEach(e => c.Problem("筛选条件", e));
        return new Indicator
        {
            Code = c.Text("指标编号") ?? "",
            Name = c.Text("指标名称") ?? "",
            Points = c.Number("分值"),
            Method = c.Text("考评方式"),
            Evidence = c.Text("佐证材料"),
            Bonus = c.Bool("加分项"),
            Veto = c.Bool("否决项"),
            Rule = new IndicatorRule
            {
                Type = type ?? typeText ?? RuleTypes.Manual,
                Measure = measure?.Code ?? measureText,
                Filter = filter,
                Required = c.Text("必备项") is { } req ? IndicatorText.SplitList(req) : null,
                Min = c.Number("要求数量"),
                Deduct = c.Number("每少一次扣分"),
                MaxDeduct = c.Number("最多扣分"),
                PerItem = c.Number("每项得分"),
                Proportional = c.Bool("按比例"),
                Years = c.Integer("年限"),
                YearsBack = c.Integer("统计年数"),
                RequireEvidence = c.Bool("须有佐证"),
            },
        };
    }

    private static Dictionary<string, string> MapHeader(ExcelRow row, List<ExcelProblem> problems)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (letter, value) in row.Cells)
        {
            if (ExcelCells.Text(value) is not { } text)
            {
                continue;
            }

            if (!Columns.Any(c => c.Header == text))
            {
                problems.Add(new(row.Number, letter, $"表头“{text}”不是指标体系的列，可用：{string.Join("、", Columns.Select(c => c.Header))}"));
            }
            else if (!map.TryAdd(text, letter))
            {
                problems.Add(new(row.Number, letter, $"表头“{text}”重复"));
            }
        }

        foreach (var required in RequiredHeaders.Where(h => !map.ContainsKey(h)))
        {
            problems.Add(new(row.Number, null, $"缺少“{required}”列"));
        }

        return map;
    }

    /// <summary>The row (and column) of a validator error: the indicator's row, the section's first row, or the label row of a system field.</summary>
    private static ExcelProblem Locate(IndicatorError error, List<(int Row, List<int> Items)> rows,
        Dictionary<string, (object? Value, int Row)> meta)
    {
        var path = error.Path;
        var s = Index(path, "sections[");
        var i = Index(path, "indicators[");
        if (s is { } si && si < rows.Count)
        {
            if (i is { } ii && ii < rows[si].Items.Count)
            {
                var suffix = path[(path.IndexOf(']', path.IndexOf("indicators[", StringComparison.Ordinal)) + 1)..];
                var column = Columns.FirstOrDefault(c => c.Path != "" && !c.Path.StartsWith('§') && (suffix == c.Path || suffix.StartsWith(c.Path + ".", StringComparison.Ordinal)
                    || suffix.StartsWith(c.Path + "[", StringComparison.Ordinal))).Header;
                return new(rows[si].Items[ii], column, error.Message);
            }

            var sectionColumn = path.EndsWith(".name", StringComparison.Ordinal) ? "分项名称" : "分项编号";
            return new(rows[si].Row, sectionColumn, error.Message);
        }

        var label = path.Split('[', '.')[0] switch
        {
            "code" => "体系编号",
            "name" => "体系名称",
            "version" => "版本",
            "appliesTo" => "适用单位",
            "maxTotal" => "总分",
            "passScore" => "达标分",
            _ => null,
        };
        return new(label is not null && meta.TryGetValue(label, out var m) ? m.Row : null, label is null ? null : "B", error.Message);
    }

    private static int? Index(string path, string marker)
    {
        var at = path.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = at + marker.Length;
        var end = path.IndexOf(']', start);
        return int.TryParse(path[start..end], CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static string? MetaText(Dictionary<string, (object? Value, int Row)> meta, string label) =>
        meta.TryGetValue(label, out var m) ? ExcelCells.Text(m.Value) : null;

    private static decimal? MetaNumber(Dictionary<string, (object? Value, int Row)> meta, string label, List<ExcelProblem> problems)
    {
        if (!meta.TryGetValue(label, out var m))
        {
            return null;
        }

        var n = ExcelCells.Amount(m.Value, out var error);
        if (error is not null)
        {
            problems.Add(new(m.Row, "B", $"{label}：{error}"));
        }

        return n;
    }

    private static string Unknown(List<ExcelProblem> problems, Dictionary<string, (object? Value, int Row)> meta, string label, string text, string choices)
    {
        problems.Add(new(meta[label].Row, "B", $"{label}“{text}”不存在，可选：{choices}"));
        return text;
    }

    private static string? YesNo(bool value) => value ? "是" : null;

    /// <summary>The cells of one indicator row, read by header; each unreadable cell adds a problem with the row and column.</summary>
    private sealed class Cells(ExcelRow row, Dictionary<string, string> header, List<ExcelProblem> problems)
    {
        private object? Raw(string column) => header.TryGetValue(column, out var letter) ? row.Cells.GetValueOrDefault(letter) : null;

        public void Problem(string column, string message) => problems.Add(new(row.Number, column, message));

        public string? Text(string column) => ExcelCells.Text(Raw(column));

        public decimal? Number(string column)
        {
            var n = ExcelCells.Amount(Raw(column), out var error);
            if (error is not null)
            {
                Problem(column, error);
            }

            return n;
        }

        public int? Integer(string column)
        {
            var n = Number(column);
            if (n is { } v && v != Math.Floor(v))
            {
                Problem(column, $"“{IndicatorRules.N(v)}”须是整数");
                return null;
            }

            return n is { } w ? (int)w : null;
        }

        public bool Bool(string column)
        {
            var value = ExcelCells.Bool(Raw(column), out var error);
            if (error is not null)
            {
                Problem(column, error);
            }

            return value;
        }
    }
}

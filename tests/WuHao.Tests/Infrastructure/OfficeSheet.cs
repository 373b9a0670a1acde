using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace WuHao.Tests.Infrastructure;

/// <summary>
/// Spreadsheets written with the OpenXML SDK the way township offices' programs write them: Excel's shared
/// strings, the inline strings of WPS exports and other generators, merged title cells, dates with numFmt 14 or a custom
/// 'yyyy"年"m"月"' format, formulas with and without cached results, rows placed at their own row numbers.
/// </summary>
public sealed class OfficeSheet
{
    /// <summary>A string written inline (&lt;is&gt;), not in the shared string table.</summary>
    public sealed record Inline(string Text);

    /// <summary>A date cell with the built-in short date format (numFmt 14).</summary>
    public sealed record Date14(DateOnly Date);

    /// <summary>A date cell with the custom format yyyy"年"m"月" (出生年月 as offices show it).</summary>
    public sealed record YearMonth(DateOnly Date);

    /// <summary>A formula; Cached is its saved result (a number, a date shown with numFmt 14, or text), or null when none was saved.</summary>
    public sealed record Formula(string Expression, object? Cached);

    private readonly SortedDictionary<int, IReadOnlyList<object?>> rows = [];
    private readonly List<string> merges = [];

    /// <summary>Puts a row at its row number (1 = the sheet's first); cells from column A, null for an empty cell.</summary>
    public OfficeSheet Row(int number, params object?[] cells)
    {
        rows[number] = cells;
        return this;
    }

    /// <summary>Merges a range such as A1:L1 (the value stays in its first cell, as Excel keeps it).</summary>
    public OfficeSheet Merge(string range)
    {
        merges.Add(range);
        return this;
    }

    public byte[] Build(string sheetName = "五老名册")
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);

            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            foreach (var (number, cells) in rows)
            {
                var row = new Row { RowIndex = (uint)number };
                for (var c = 0; c < cells.Count; c++)
                {
                    if (cells[c] is { } value)
                    {
                        row.Append(Cell(Xlsx.Column(c) + number.ToString(CultureInfo.InvariantCulture), value, strings.SharedStringTable, index));
                    }
                }

                data.Append(row);
            }

            var worksheet = new Worksheet(data);
            if (merges.Count > 0)
            {
                worksheet.Append(new MergeCells(merges.Select(m => new MergeCell { Reference = m })));
            }

            sheetPart.Worksheet = worksheet;
            workbook.Workbook.Append(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
        }

        return buffer.ToArray();
    }

    private static Cell Cell(string reference, object value, SharedStringTable strings, Dictionary<string, int> index) => value switch
    {
        string s => new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(Shared(s, strings, index)) },
        Inline i => new Cell(new InlineString(new Text(i.Text))) { CellReference = reference, DataType = CellValues.InlineString },
        Date14 d => new Cell { CellReference = reference, StyleIndex = 1, CellValue = new CellValue(Serial(d.Date)) },
        YearMonth d => new Cell { CellReference = reference, StyleIndex = 2, CellValue = new CellValue(Serial(d.Date)) },
        Formula { Cached: null } f => new Cell(new CellFormula(f.Expression)) { CellReference = reference },
        Formula { Cached: string s } f => new Cell(new CellFormula(f.Expression), new CellValue(s)) { CellReference = reference, DataType = CellValues.String },
        Formula { Cached: Date14 d } f => new Cell(new CellFormula(f.Expression), new CellValue(Serial(d.Date))) { CellReference = reference, StyleIndex = 1 },
        Formula { Cached: IFormattable n } f => new Cell(new CellFormula(f.Expression), new CellValue(n.ToString(null, CultureInfo.InvariantCulture))) { CellReference = reference },
        IFormattable n => new Cell { CellReference = reference, CellValue = new CellValue(n.ToString(null, CultureInfo.InvariantCulture)) },
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "unknown cell"),
    };

    private static string Shared(string text, SharedStringTable strings, Dictionary<string, int> index)
    {
        if (!index.TryGetValue(text, out var i))
        {
            index[text] = i = index.Count;
            strings.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        }

        return i.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Style 0: general; 1: numFmt 14 (short date); 2: custom 176, yyyy"年"m"月".</summary>
    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 176, FormatCode = "yyyy\"年\"m\"月\"" }) { Count = 1 },
        new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "宋体" })) { Count = 1 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None })) { Count = 1 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 14, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 176, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true }) { Count = 3 });

    private static string Serial(DateOnly d) => d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Infrastructure.Office;

/// <summary>
/// A roster that goes in and out of Excel (R-7.3): the collection it belongs to (its validator and duplicate rule
/// judge every row), the columns of its sheet, and the order of its export.
/// </summary>
public sealed class ExcelRoster<TEntity, TInput, TDto>
    where TEntity : UnitRecord where TInput : class, IRecordInput, new() where TDto : class
{
    public required CollectionSpec<TEntity, TInput, TDto> Collection { get; init; }

    /// <summary>The sheet's and file's name, e.g. 五老名册.</summary>
    public required string Title { get; init; }

    public required IReadOnlyList<ExcelColumn<TInput, TDto>> Columns { get; init; }

    /// <summary>The export's order; it ends with the id, so that export → import → export gives the same rows in the same order.</summary>
    public required Func<IQueryable<TEntity>, IOrderedQueryable<TEntity>> ExportOrder { get; init; }

    /// <summary>Lines for the template's 填写说明 sheet about this roster.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>
/// One error of an import: the file's own row number, the column's header (or the letter when it has none), what is
/// wrong in Chinese, and the column's letter in the file (B, AA…) when it is known.
/// </summary>
public sealed record ImportError(int? Row, string? Column, string Message, string? Letter = null)
{
    /// <summary>A problem of the file itself (a damaged part, too many rows), under its column's letter.</summary>
    public static ImportError Of(ExcelProblem p) => new(p.Row, p.Column is null ? null : $"{p.Column}列", p.Message, p.Column);
}

/// <summary>A column of the file that is imported: its letter, its header in the file, and the roster's column it fills.</summary>
public sealed record ImportColumn(string Letter, string InFile, string Field);

/// <summary>A column of the file that is not imported (序号, 年龄, an unknown header), and why.</summary>
public sealed record IgnoredColumn(string Letter, string Header, string Reason);

/// <summary>A row of the file that is not a record (a title, a 填报单位 line, a 合计 line), and why.</summary>
public sealed record IgnoredRow(int Row, string Reason);

/// <summary>A row to be written, by the file's row number, with its values in the order of <see cref="ImportPreview.Columns"/>.</summary>
public sealed record PreviewRow(int Row, IReadOnlyList<string?> Values);

/// <summary>
/// What an import reads from a file before (dry run) or while writing it: the header row, which column went to which
/// field, what was ignored, the first rows and how many there are.
/// </summary>
public sealed record ImportPreview(
    int HeaderRow, IReadOnlyList<ImportColumn> Columns, IReadOnlyList<IgnoredColumn> IgnoredColumns, IReadOnlyList<IgnoredRow> IgnoredRows,
    int IgnoredRowCount, IReadOnlyList<PreviewRow> Rows, int RowCount);

public enum ImportStatus
{
    Ok,
    NotFound,
    Forbidden,
    TooLarge,
    WrongType,
    Invalid,
}

/// <summary>The result of an import or a dry run: the records written (none in a dry run), the errors, what was read.</summary>
public sealed record ImportOutcome(ImportStatus Status, int Imported = 0, IReadOnlyList<ImportError>? Errors = null, ImportPreview? Preview = null)
{
    public IReadOnlyList<ImportError> ErrorList => Errors ?? [];

    public static ImportOutcome Refused(ImportStatus status, string message) => new(status, Errors: [new ImportError(null, null, message)]);

    /// <summary>A file refused as a whole: too large (413), not a workbook (415), or unreadable (400).</summary>
    public static ImportOutcome Of(ExcelSheet sheet)
    {
        var status = sheet.Failure switch { ExcelFailure.TooLarge => ImportStatus.TooLarge, ExcelFailure.WrongType => ImportStatus.WrongType, _ => ImportStatus.Invalid };
        return new ImportOutcome(status, Errors: [.. sheet.Problems.Select(ImportError.Of)]);
    }
}

/// <summary>
/// Import, export and template of any <see cref="ExcelRoster{TEntity,TInput,TDto}"/>, for pages and the API alike:
/// the scope and edit rights of <see cref="RecordCommands"/>, the collection's own validator on every row, the
/// duplicate rule across the file and against the unit, all-or-nothing in one transaction, phone numbers masked
/// in exports for users who may not edit the unit.
/// </summary>
public sealed class RosterExcel(
    AppDbContext db, OrgScope orgScope, RecordCommands commands, ImportWriter writer, IOptions<ExcelOptions> options, TimeProvider time)
{
    public ExcelOptions Options => options.Value;

    /// <summary>Rows shown in a preview; the rest are counted.</summary>
    public const int PreviewRows = 20;

    /// <summary>Rows above the header searched for it (a title, a 填报单位 line, a blank line…).</summary>
    private const int HeaderSearchRows = 10;

    /// <summary>Ignored rows listed; the rest are counted.</summary>
    private const int IgnoredRowsListed = 100;

    /// <summary>
    /// Imports the first sheet of <paramref name="file"/> into the unit, all or nothing, in one transaction; or, with
    /// <paramref name="dryRun"/>, checks it exactly the same way and writes nothing. The header row is found below any
    /// title and 填报单位 lines; 合计 lines, footers and rows with nothing to import are skipped; columns not imported
    /// are skipped; all of it is told in <see cref="ImportOutcome.Preview"/>.
    /// </summary>
    public async Task<ImportOutcome> ImportAsync<TEntity, TInput, TDto>(
        ExcelRoster<TEntity, TInput, TDto> roster, int unitId, Stream file, string fileName, bool dryRun, CancellationToken ct)
        where TEntity : UnitRecord where TInput : class, IRecordInput, new() where TDto : class
    {
        if (await CheckUnitAsync(unitId, edit: true, ct) is { } denied)
        {
            return new ImportOutcome(denied);
        }

        var sheet = ExcelReader.Open(file, options.Value);
        if (sheet.Refused)
        {
            return ImportOutcome.Of(sheet);
        }

        using var rowsRead = sheet.Rows().GetEnumerator();

        // The header row: the first of the top rows that names two of the roster's columns; the rows above it (a merged
        // title, a 填报单位/填报日期 line) are not records. Without such a row the first row is taken, to report its headers.
        var top = new List<ExcelRow>();
        var headerAt = -1;
        while (headerAt < 0 && top.Count < HeaderSearchRows && rowsRead.MoveNext())
        {
            top.Add(rowsRead.Current);
            if (HeaderCount(roster, rowsRead.Current) >= Math.Min(2, roster.Columns.Count))
            {
                headerAt = top.Count - 1;
            }
        }

        if (top.Count == 0)
        {
            var problems = sheet.Problems.Select(ImportError.Of).ToList();
            if (problems.Count == 0)
            {
                problems.Add(new ImportError(null, null, $"工作表“{sheet.SheetName}”是空的：第一行应是表头，从第二行起每行一条记录"));
            }

            return new ImportOutcome(ImportStatus.Invalid, Errors: problems);
        }

        var header = top[Math.Max(headerAt, 0)];
        var ignoredRows = top.Take(Math.Max(headerAt, 0)).Select(r => new IgnoredRow(r.Number, $"表头之上的标题或说明：“{Shorten(FirstText(r))}”")).ToList();
        var ignoredCount = ignoredRows.Count;
        var pending = top.Skip(Math.Max(headerAt, 0) + 1).ToList();
        var map = MapHeader(roster, header);
        var errors = new List<ImportError>(map.Errors);
        if (errors.Count > 0)
        {
            return new ImportOutcome(ImportStatus.Invalid, Errors: Sorted(errors, roster));
        }

        var columns = map.Columns;
        var letterOf = columns.Where(c => c.Column.Field is not null).ToDictionary(c => c.Column.Field!, c => c.Letter);
        var collection = roster.Collection;
        var rule = collection.Duplicates;
        var saved = rule is null ? [] : (await rule.Saved(db, unitId, null).ToListAsync(ct)).ToHashSet();
        var seen = new Dictionary<DuplicateKey, int>();
        var today = time.Today();
        var source = Path.GetFileName(fileName);
        source = source.Length > 80 ? source[..80] : source;
        var seenRows = 0;
        var accepted = 0;
        var shown = new List<PreviewRow>();
        var unreadable = new HashSet<string>(StringComparer.Ordinal);

        // Valid rows are written as they are read, inside one transaction: nothing is held in memory, and the
        // first error stops the writing; the transaction is rolled back unless every row was right. A dry run
        // opens no transaction and writes nothing.
        await using var session = dryRun ? null : await writer.BeginAsync(ct);
        foreach (var row in Remaining(pending, rowsRead))
        {
            if (SkipReason(row, map) is { } reason)
            {
                if (ignoredRows.Count < IgnoredRowsListed)
                {
                    ignoredRows.Add(new IgnoredRow(row.Number, reason));
                }

                ignoredCount++;
                continue;
            }

            seenRows++;
            var input = new TInput();
            unreadable.Clear();
            foreach (var (letter, _, column) in columns)
            {
                var cell = row.Cells.GetValueOrDefault(letter);
                var problem = ExcelCells.IsEmpty(cell) && sheet.IsUncachedFormula(row.Number, letter)
                    ? "这个单元格是公式，但文件里没有保存它的计算结果（有的软件保存时不计算公式）：请在Excel或WPS中打开文件、保存后再导入，或“选择性粘贴→数值”替换公式"
                    : column.Read(input, cell);
                if (problem is not null)
                {
                    errors.Add(new ImportError(row.Number, column.Header, problem, letter));
                    unreadable.Add(column.Field ?? column.Header);
                }
            }

            var invalid = await commands.ValidateShapeAsync(collection, input, unitId, null, today, ct);
            foreach (var (field, message) in invalid.All.Where(e => !unreadable.Contains(e.Field)))
            {
                errors.Add(new ImportError(row.Number, HeaderOf(roster, field), message, letterOf.GetValueOrDefault(field)));
            }

            if (!invalid.IsValid || unreadable.Count > 0)
            {
                continue;
            }

            var record = collection.Create(input, unitId);
            if (rule is not null && rule.CountsFor(record))
            {
                var key = rule.KeyOf(record);
                if (seen.TryGetValue(key, out var first))
                {
                    errors.Add(new ImportError(row.Number, HeaderOf(roster, rule.Field), $"与第{first}行重复：{rule.Describe(key)}在文件中出现了两次",
                        letterOf.GetValueOrDefault(rule.Field)));
                    continue;
                }

                seen[key] = row.Number;
                if (saved.Contains(key))
                {
                    errors.Add(new ImportError(row.Number, HeaderOf(roster, rule.Field), rule.Message(key), letterOf.GetValueOrDefault(rule.Field)));
                    continue;
                }
            }

            if (errors.Count == 0)
            {
                accepted++;
                if (session is not null)
                {
                    await session.AddAsync(record, $"Excel导入：{source} 第{row.Number}行", ct);
                }

                if (shown.Count < PreviewRows)
                {
                    shown.Add(new PreviewRow(row.Number, columns.Select(c => Shown(c.Column, row.Cells.GetValueOrDefault(c.Letter))).ToList()));
                }
            }
        }

        // Problems met while reading the rows (a damaged part, more rows than the limit).
        errors.AddRange(sheet.Problems.Select(ImportError.Of));
        if (seenRows == 0)
        {
            errors.Add(new ImportError(header.Number + 1, null, "只有表头，没有数据行：请从表头下一行起每行填一条记录"));
        }

        if (errors.Count > 0)
        {
            return new ImportOutcome(ImportStatus.Invalid, Errors: Sorted(errors, roster));
        }

        var preview = new ImportPreview(header.Number, columns.Select(c => new ImportColumn(c.Letter, c.InFile, c.Column.Header)).ToList(),
            map.Ignored, ignoredRows, ignoredCount, shown, accepted);
        if (session is not null)
        {
            await session.CommitAsync(ct);
        }

        return new ImportOutcome(ImportStatus.Ok, session?.Count ?? 0, Preview: preview);
    }

    /// <summary>The rows read while looking for the header that come after it, then the rest of the sheet.</summary>
    private static IEnumerable<ExcelRow> Remaining(List<ExcelRow> read, IEnumerator<ExcelRow> rest)
    {
        foreach (var row in read)
        {
            yield return row;
        }

        while (rest.MoveNext())
        {
            yield return rest.Current;
        }
    }

    /// <summary>The roster of a unit as .xlsx (null: the unit is not in scope); phone numbers masked unless the user may edit the unit.</summary>
    public async Task<(byte[] Content, string FileName)?> ExportAsync<TEntity, TInput, TDto>(
        ExcelRoster<TEntity, TInput, TDto> roster, int unitId, int? year, CancellationToken ct)
        where TEntity : UnitRecord where TInput : class, IRecordInput, new() where TDto : class
    {
        if (await CheckUnitAsync(unitId, edit: false, ct) is not null)
        {
            return null;
        }

        var scope = await orgScope.CurrentAsync(ct);
        var fullPhones = await commands.MayEditAsync(new UnitResource(unitId));
        var query = roster.Collection.InYear(db.Set<TEntity>().VisibleTo(scope).Where(r => r.UnitId == unitId), year);
        var items = await roster.ExportOrder(query).Select(roster.Collection.Project).ToListAsync(ct);
        var rows = items.Select(dto => Row(roster, dto, fullPhones)).ToList();
        var unitName = await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).FirstAsync(ct);
        var content = Save(roster, new Dictionary<string, object> { [roster.Title] = Sheet(roster, rows) });
        var suffix = year is { } y ? string.Create(CultureInfo.InvariantCulture, $"{y}年") : time.Today().ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return (content, $"{unitName}{roster.Title}-{suffix}.xlsx");
    }

    /// <summary>The import template: the headers, one example row, and a sheet of instructions.</summary>
    public byte[] Template<TEntity, TInput, TDto>(ExcelRoster<TEntity, TInput, TDto> roster)
        where TEntity : UnitRecord where TInput : class, IRecordInput, new() where TDto : class
    {
        var example = roster.Columns.ToDictionary(c => c.Header, c => c.Example is DateOnly d ? d.ToDateTime(TimeOnly.MinValue) : c.Example);
        var notes = roster.Columns.Select(c => new Dictionary<string, object?>
            {
                ["列"] = c.Header,
                ["是否必填"] = c.Required ? "必填" : "选填",
                ["填写说明"] = c.Hint ?? "",
            })
            .Concat(new[]
            {
                "第1行是表头，请不要改动；第2行是示例，导入前请删除或改写。",
                $"每次最多导入{options.Value.MaxRows}行，文件不超过{options.Value.MaxBytesText}。",
                $"日期可写成{ExcelCells.DateFormats}。",
                "单元格里不要用公式（请“选择性粘贴→数值”）；导入是“全部成功或全部不导入”，有错会逐行列出。",
            }.Concat(roster.Notes).Select(n => new Dictionary<string, object?> { ["列"] = "说明", ["是否必填"] = "", ["填写说明"] = n }))
            .ToList();
        return Save(roster, new Dictionary<string, object> { [roster.Title] = Sheet(roster, [example]), ["填写说明"] = notes });
    }

    public string TemplateFileName<TEntity, TInput, TDto>(ExcelRoster<TEntity, TInput, TDto> roster)
        where TEntity : UnitRecord where TInput : class, IRecordInput, new() where TDto : class => $"{roster.Title}导入模板.xlsx";

    /// <summary>Null when the unit is in scope (and editable when <paramref name="edit"/>), else why not: checked before a request's body is read.</summary>
    public async Task<ImportStatus?> CheckUnitAsync(int unitId, bool edit, CancellationToken ct)
    {
        if (!await orgScope.IncludesAsync(unitId, ct))
        {
            return ImportStatus.NotFound;
        }

        return edit && !await commands.MayEditAsync(new UnitResource(unitId)) ? ImportStatus.Forbidden : null;
    }

    private static Dictionary<string, object?> Row<TEntity, TInput, TDto>(ExcelRoster<TEntity, TInput, TDto> roster, TDto dto, bool fullPhones)
        where TEntity : UnitRecord where TInput : class, IRecordInput, new() where TDto : class =>
        roster.Columns.ToDictionary(c => c.Header, c =>
        {
            var value = c.Write(dto);
            return c.IsPhone && !fullPhones ? Masking.Phone(value as string) : value;
        });

    /// <summary>Rows with every header present, so that even an empty list writes the header row.</summary>
    private static List<Dictionary<string, object?>> Sheet<TEntity, TInput, TDto>(ExcelRoster<TEntity, TInput, TDto> roster, List<Dictionary<string, object?>> rows)
        where TEntity : UnitRecord where TInput : class, IRecordInput, new() where TDto : class =>
        rows.Count > 0 ? rows : [roster.Columns.ToDictionary(c => c.Header, _ => (object?)null)];

    private static byte[] Save<TEntity, TInput, TDto>(ExcelRoster<TEntity, TInput, TDto> roster, Dictionary<string, object> sheets)
        where TEntity : UnitRecord where TInput : class, IRecordInput, new() where TDto : class
    {
        var configuration = new OpenXmlConfiguration
        {
            FastMode = true,
            AutoFilter = false,
            EnableWriteNullValueCell = true,
            DynamicColumns = [.. roster.Columns.Select((c, i) => new DynamicExcelColumn(c.Header)
            {
                Index = i, Width = c.Width, Format = c.IsDate ? "yyyy-mm-dd" : null,
            }), new DynamicExcelColumn("列") { Width = 14 }, new DynamicExcelColumn("是否必填") { Width = 10 }, new DynamicExcelColumn("填写说明") { Width = 70 }],
        };
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheets, configuration: configuration);
        return stream.ToArray();
    }

    /// <summary>The file's header row read against a roster: the columns imported, those not, and errors that stop the import.</summary>
    private sealed record HeaderMap<TInput, TDto>(
        List<(string Letter, string InFile, ExcelColumn<TInput, TDto> Column)> Columns, List<IgnoredColumn> Ignored, List<ImportError> Errors);

    /// <summary>Headers that are often in a roster and that we do not import (they are counted or computed).</summary>
    private static readonly HashSet<string> NotImported = new(StringComparer.Ordinal) { "序号", "编号", "年龄", "工龄", "党龄", "岁数", "序" };

    private static int HeaderCount<TEntity, TInput, TDto>(ExcelRoster<TEntity, TInput, TDto> roster, ExcelRow row)
        where TEntity : UnitRecord where TInput : class, IRecordInput, new() where TDto : class =>
        row.Cells.Values.Count(v => v is string text && ExcelHeaders.Normalise(text) is { Length: > 0 } name && roster.Columns.Any(c => c.Accepts(name)));

    private static HeaderMap<TInput, TDto> MapHeader<TEntity, TInput, TDto>(ExcelRoster<TEntity, TInput, TDto> roster, ExcelRow header)
        where TEntity : UnitRecord where TInput : class, IRecordInput, new() where TDto : class
    {
        var map = new HeaderMap<TInput, TDto>([], [], []);
        var unknown = new List<ImportError>();
        foreach (var (letter, value) in header.Cells.OrderBy(c => c.Key.Length).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            var text = ExcelCells.Text(value);
            if (text is null)
            {
                continue;
            }

            var name = ExcelHeaders.Normalise(text);
            var column = roster.Columns.FirstOrDefault(c => c.Accepts(name));
            if (column is null)
            {
                map.Ignored.Add(new IgnoredColumn(letter, text, NotImported.Contains(name) ? "不需要导入，已跳过" : "不是本名册的列，已跳过"));
                if (!NotImported.Contains(name))
                {
                    unknown.Add(new ImportError(header.Number, text, $"无法识别的列“{text}”（{letter}列）：可用的列有{string.Join("、", roster.Columns.Select(c => c.Header))}", letter));
                }
            }
            else if (map.Columns.FirstOrDefault(m => m.Column == column) is { Letter: not null } other)
            {
                map.Errors.Add(new ImportError(header.Number, text,
                    $"{other.Letter}列“{other.InFile}”和{letter}列“{text}”都是“{column.Header}”：请删去或改名其中一列", letter));
            }
            else
            {
                map.Columns.Add((letter, text, column));
            }
        }

        var missing = roster.Columns.Where(c => c.Required && map.Columns.All(m => m.Column != c)).Select(c => c.Header).ToList();
        if (missing.Count > 0)
        {
            // The unknown headers are likely the missing ones under another name: name them too.
            map.Errors.AddRange(unknown);
            map.Errors.Add(new ImportError(header.Number, null, $"第{header.Number}行（表头）缺少必需的列：{string.Join("、", missing)}。请下载导入模板，按模板的表头填写"));
        }

        return map;
    }

    /// <summary>Why a row below the header is not a record (a 合计 line, a footer, only 序号 filled), or null for a record.</summary>
    private static string? SkipReason<TInput, TDto>(ExcelRow row, HeaderMap<TInput, TDto> map)
    {
        // Called for every row of a file of thousands: the common case (a record) allocates nothing here.
        var first = FirstText(row);
        var compact = Compact(first);
        if (StartsWithAny(compact, TotalMarks) || row.Cells.Values.Take(3).Any(v => v is string s && StartsWithAny(Compact(s), TotalMarks)))
        {
            return $"合计行：“{Shorten(first)}”";
        }

        if (StartsWithAny(compact, FooterMarks) && (compact.Contains('：') || compact.Contains(':')))
        {
            return $"表尾的落款或说明：“{Shorten(first)}”";
        }

        if (map.Columns.All(c => ExcelCells.IsEmpty(row.Cells.GetValueOrDefault(c.Letter))))
        {
            return "只有不导入的列有内容（如序号），不是一条记录";
        }

        var repeated = 0;
        foreach (var c in map.Columns)
        {
            if (row.Cells.GetValueOrDefault(c.Letter) is string s && s.AsSpan().Trim().SequenceEqual(c.InFile.AsSpan().Trim()))
            {
                repeated++;
            }
        }

        return repeated >= Math.Min(2, map.Columns.Count) ? "重复的表头行" : null;
    }

    private static readonly string[] TotalMarks = ["合计", "总计", "小计", "共计"];

    private static readonly string[] FooterMarks = ["填表人", "填报人", "制表人", "审核人", "审核", "负责人", "单位负责人", "主要负责人", "注", "说明", "填表说明", "填报单位", "填报日期", "填表日期"];

    private static bool StartsWithAny(string text, string[] marks)
    {
        foreach (var m in marks)
        {
            if (text.StartsWith(m, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text without white space ("合 计" → "合计"); the same string when it has none.</summary>
    private static string Compact(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                return string.Concat(text.Where(ch => !char.IsWhiteSpace(ch)));
            }
        }

        return text;
    }

    /// <summary>The text of the leftmost filled cell (A before B, Z before AA).</summary>
    private static string FirstText(ExcelRow row)
    {
        string? key = null;
        string? text = null;
        foreach (var (letter, value) in row.Cells)
        {
            if (ExcelCells.Text(value) is { } t && (key is null || letter.Length < key.Length || (letter.Length == key.Length && string.CompareOrdinal(letter, key) < 0)))
            {
                (key, text) = (letter, t);
            }
        }

        return text ?? "";
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    /// <summary>A cell as the preview shows it: dates as read (2023-06-01), the rest as text.</summary>
    private static string? Shown<TInput, TDto>(ExcelColumn<TInput, TDto> column, object? cell) =>
        column.IsDate ? ExcelCells.Date(cell, out _)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ExcelCells.Text(cell) : ExcelCells.Text(cell);

    private static string? HeaderOf<TEntity, TInput, TDto>(ExcelRoster<TEntity, TInput, TDto> roster, string field)
        where TEntity : UnitRecord where TInput : class, IRecordInput, new() where TDto : class =>
        roster.Columns.FirstOrDefault(c => c.Field == field)?.Header
        ?? (FieldLabels.Of<TInput>().TryGetValue(field, out var label) ? label : null);

    private static List<ImportError> Sorted<TEntity, TInput, TDto>(List<ImportError> errors, ExcelRoster<TEntity, TInput, TDto> roster)
        where TEntity : UnitRecord where TInput : class, IRecordInput, new() where TDto : class
    {
        var order = roster.Columns.Select((c, i) => (c.Header, i)).ToDictionary(x => x.Header, x => x.i);
        return errors.OrderBy(e => e.Row ?? 0).ThenBy(e => e.Column is { } c && order.TryGetValue(c, out var i) ? i : int.MaxValue).ToList();
    }
}

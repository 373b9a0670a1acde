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

/// <summary>One error of an import: the Excel row (the header is row 1), the column's header, and what is wrong, in Chinese.</summary>
public sealed record ImportError(int? Row, string? Column, string Message);

public enum ImportStatus
{
    Ok,
    NotFound,
    Forbidden,
    TooLarge,
    WrongType,
    Invalid,
}

public sealed record ImportOutcome(ImportStatus Status, int Imported = 0, IReadOnlyList<ImportError>? Errors = null)
{
    public IReadOnlyList<ImportError> ErrorList => Errors ?? [];

    public static ImportOutcome Refused(ImportStatus status, string message) => new(status, Errors: [new ImportError(null, null, message)]);
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

    /// <summary>Imports the first sheet of <paramref name="file"/> into the unit, all or nothing, in one transaction.</summary>
    public async Task<ImportOutcome> ImportAsync<TEntity, TInput, TDto>(
        ExcelRoster<TEntity, TInput, TDto> roster, int unitId, Stream file, string fileName, CancellationToken ct)
        where TEntity : UnitRecord where TInput : class, IRecordInput, new() where TDto : class
    {
        if (await CheckUnitAsync(unitId, edit: true, ct) is { } denied)
        {
            return new ImportOutcome(denied);
        }

        var sheet = ExcelReader.Open(file, options.Value);
        if (sheet.Refused)
        {
            var status = sheet.Failure switch { ExcelFailure.TooLarge => ImportStatus.TooLarge, ExcelFailure.WrongType => ImportStatus.WrongType, _ => ImportStatus.Invalid };
            return new ImportOutcome(status, Errors: sheet.Problems.Select(p => new ImportError(p.Row, ColumnName(p.Column), p.Message)).ToList());
        }

        using var rowsRead = sheet.Rows().GetEnumerator();
        if (!rowsRead.MoveNext())
        {
            var problems = sheet.Problems.Select(p => new ImportError(p.Row, ColumnName(p.Column), p.Message)).ToList();
            if (problems.Count == 0)
            {
                problems.Add(new ImportError(null, null, $"工作表“{sheet.SheetName}”是空的：第一行应是表头，从第二行起每行一条记录"));
            }

            return new ImportOutcome(ImportStatus.Invalid, Errors: problems);
        }

        var header = rowsRead.Current;
        var (columns, headerErrors) = MapHeader(roster, header);
        var headers = header.Cells.Where(c => !ExcelCells.IsEmpty(c.Value)).ToDictionary(c => c.Key, c => ExcelCells.Text(c.Value)!);
        var errors = sheet.Problems.Select(p => new ImportError(p.Row, p.Column is { } l && headers.TryGetValue(l, out var h) ? h : ColumnName(p.Column), p.Message))
            .ToList();
        errors.AddRange(headerErrors);
        if (headerErrors.Count > 0)
        {
            return new ImportOutcome(ImportStatus.Invalid, Errors: Sorted(errors, roster));
        }

        var known = sheet.Problems.Count;
        var collection = roster.Collection;
        var rule = collection.Duplicates;
        var saved = rule is null ? [] : (await rule.Saved(db, unitId, null).ToListAsync(ct)).ToHashSet();
        var seen = new Dictionary<DuplicateKey, int>();
        var today = time.Today();
        var source = Path.GetFileName(fileName);
        source = source.Length > 80 ? source[..80] : source;
        var seenRows = 0;
        var unreadable = new HashSet<string>(StringComparer.Ordinal);

        // Valid rows are written as they are read, inside one transaction: nothing is held in memory, and the
        // first error stops the writing; the transaction is rolled back unless every row was right.
        await using var session = await writer.BeginAsync(ct);
        while (rowsRead.MoveNext())
        {
            var row = rowsRead.Current;
            seenRows++;
            var input = new TInput();
            unreadable.Clear();
            foreach (var (letter, column) in columns)
            {
                if (column.Read(input, row.Cells.GetValueOrDefault(letter)) is { } problem)
                {
                    errors.Add(new ImportError(row.Number, column.Header, problem));
                    unreadable.Add(column.Field ?? column.Header);
                }
            }

            var invalid = await commands.ValidateShapeAsync(collection, input, unitId, null, today, ct);
            foreach (var (field, message) in invalid.All.Where(e => !unreadable.Contains(e.Field)))
            {
                errors.Add(new ImportError(row.Number, HeaderOf(roster, field), message));
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
                    errors.Add(new ImportError(row.Number, HeaderOf(roster, rule.Field), $"与第{first}行重复：{rule.Describe(key)}在文件中出现了两次"));
                    continue;
                }

                seen[key] = row.Number;
                if (saved.Contains(key))
                {
                    errors.Add(new ImportError(row.Number, HeaderOf(roster, rule.Field), rule.Message(key)));
                    continue;
                }
            }

            if (errors.Count == 0)
            {
                await session.AddAsync(record, $"Excel导入：{source} 第{row.Number}行", ct);
            }
        }

        // Problems met while reading the rows (a damaged part, more rows than the limit).
        errors.AddRange(sheet.Problems.Skip(known).Select(p => new ImportError(p.Row, ColumnName(p.Column), p.Message)));
        if (seenRows == 0)
        {
            errors.Add(new ImportError(header.Number + 1, null, "只有表头，没有数据行：请从表头下一行起每行填一条记录"));
        }

        if (errors.Count > 0)
        {
            return new ImportOutcome(ImportStatus.Invalid, Errors: Sorted(errors, roster));
        }

        await session.CommitAsync(ct);
        return new ImportOutcome(ImportStatus.Ok, session.Count);
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

    private static (List<(string Letter, ExcelColumn<TInput, TDto> Column)> Columns, List<ImportError> Errors) MapHeader<TEntity, TInput, TDto>(
        ExcelRoster<TEntity, TInput, TDto> roster, ExcelRow header)
        where TEntity : UnitRecord where TInput : class, IRecordInput, new() where TDto : class
    {
        var mapped = new List<(string, ExcelColumn<TInput, TDto>)>();
        var errors = new List<ImportError>();
        foreach (var (letter, value) in header.Cells.OrderBy(c => c.Key.Length).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            var text = ExcelCells.Text(value);
            if (text is null)
            {
                continue;
            }

            var name = NormaliseHeader(text);
            var column = roster.Columns.FirstOrDefault(c => c.Header == name || c.Aliases.Contains(name));
            if (column is null)
            {
                if (name is not ("序号" or "编号"))
                {
                    errors.Add(new ImportError(header.Number, text, $"无法识别的列“{text}”（{letter}列）：请使用导入模板的表头，可用的列有{string.Join("、", roster.Columns.Select(c => c.Header))}"));
                }
            }
            else if (mapped.Any(m => m.Item2 == column))
            {
                errors.Add(new ImportError(header.Number, text, $"列“{column.Header}”出现了两次（{letter}列）"));
            }
            else
            {
                mapped.Add((letter, column));
            }
        }

        var missing = roster.Columns.Where(c => c.Required && mapped.All(m => m.Item2 != c)).Select(c => c.Header).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new ImportError(header.Number, null, $"第{header.Number}行（表头）缺少必需的列：{string.Join("、", missing)}。请下载导入模板，按模板的表头填写"));
        }

        return (mapped, errors);
    }

    private static string NormaliseHeader(string text)
    {
        var t = string.Concat(text.Where(c => !char.IsWhiteSpace(c))).TrimEnd('*', '＊');
        foreach (var suffix in new[] { "（必填）", "(必填)", "（选填）", "(选填)" })
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal))
            {
                t = t[..^suffix.Length];
            }
        }

        return t;
    }

    private static string? HeaderOf<TEntity, TInput, TDto>(ExcelRoster<TEntity, TInput, TDto> roster, string field)
        where TEntity : UnitRecord where TInput : class, IRecordInput, new() where TDto : class =>
        roster.Columns.FirstOrDefault(c => c.Field == field)?.Header
        ?? (FieldLabels.Of<TInput>().TryGetValue(field, out var label) ? label : null);

    private static string? ColumnName(string? letter) => letter is null ? null : $"{letter}列";

    private static List<ImportError> Sorted<TEntity, TInput, TDto>(List<ImportError> errors, ExcelRoster<TEntity, TInput, TDto> roster)
        where TEntity : UnitRecord where TInput : class, IRecordInput, new() where TDto : class
    {
        var order = roster.Columns.Select((c, i) => (c.Header, i)).ToDictionary(x => x.Header, x => x.i);
        return errors.OrderBy(e => e.Row ?? 0).ThenBy(e => e.Column is { } c && order.TryGetValue(c, out var i) ? i : int.MaxValue).ToList();
    }
}

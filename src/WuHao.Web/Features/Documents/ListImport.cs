using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Office;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Documents;

/// <summary>
/// API.md's <c>POST /api/v1/units/{unitId}/{collection}/import</c> for every list that has the generic export
/// (<see cref="ListExport"/>), hung on <see cref="CollectionApi.MapCollection"/> beside it (R-7.3, R-8.2). It reads the
/// file the export writes: the first row holds the input's [Display] labels (序号 is not imported), dates as
/// 2023年6月20日, 2023-06-20 or Excel dates, lists joined with 、, 是/否. Every row goes through the collection's own
/// create (<see cref="RecordCommands.CreateInCheckedUnitAsync"/>: the POST's annotations, validator, side effects and
/// change log), inside one transaction that is committed only when no row has an error; the errors of all rows are
/// reported by Excel row and Chinese header. Scope and edit rights are checked once, before the body is read, as for
/// the roster imports (<see cref="RosterApi"/>), which keep their own route, as do the youth cases (none: sensitive).
/// </summary>
public static class ListImport
{
    /// <summary>An import's answer: how many records were written.</summary>
    public sealed record ListImportResult(int Imported);

    /// <summary>
    /// A labelled field of the input as a column of the sheet: how a cell becomes its value, or, for a field that no
    /// sheet can carry (evidence files, child rows), why the column is skipped.
    /// </summary>
    private sealed record Column(string Header, PropertyInfo Property, bool Required, Func<object?, (object? Value, string? Error)>? Read, string? Skipped);

    private const string NotImported = "序号";

    public static void MapListImport<TEntity, TInput, TDto>(this IEndpointRouteBuilder api, CollectionSpec<TEntity, TInput, TDto> c, string tag)
        where TEntity : UnitRecord where TInput : class, IRecordInput where TDto : class
    {
        if (ListExport.HasOwnRoutes(c.Name))
        {
            return;
        }

        var columns = Columns<TInput>();

        // Typed as Delegate, as in CollectionApi: the route analyzer crashes on lambdas over generic type parameters.
        Delegate import = async Task<Results<Ok<ListImportResult>, ProblemHttpResult>> (
            int unitId, HttpRequest request, RosterExcel excel, RecordCommands commands, AppDbContext db, CancellationToken ct) =>
        {
            // Scope and rights first: a unit outside the scope answers 404 whatever is sent.
            ImportOutcome outcome;
            if (await excel.CheckUnitAsync(unitId, edit: true, ct) is { } denied)
            {
                outcome = new ImportOutcome(denied);
            }
            else
            {
                var upload = await RosterUpload.ReadAsync(request, excel.Options, ct);
                outcome = upload.Refusal ?? await ImportAsync(c, columns, unitId, upload.File!, excel.Options, commands, db, ct);
            }

            return outcome.Status == ImportStatus.Ok ? TypedResults.Ok(new ListImportResult(outcome.Imported)) : RosterApi.Problem(outcome, c.Title);
        };
        api.MapPost($"/units/{{unitId:int}}/{c.Name}/import", import).WithTags(tag)
            .WithSummary($"从Excel导入{c.Title}")
            .WithDescription(Describe(c, columns))
            .Produces<ListImportResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                RosterApi.DocumentUpload(operation);
                return Task.CompletedTask;
            });
    }

    private static string Describe<TEntity, TInput, TDto>(CollectionSpec<TEntity, TInput, TDto> c, List<Column> columns)
        where TEntity : UnitRecord where TInput : class, IRecordInput where TDto : class
    {
        var skipped = columns.Where(x => x.Skipped is not null).Select(x => $"“{x.Header}”（{x.Skipped}）").ToList();
        var references = columns.Where(x => x.Skipped is null && (x.Property.Name.EndsWith("Id", StringComparison.Ordinal) || x.Property.Name.EndsWith("Ids", StringComparison.Ordinal)))
            .Select(x => $"“{x.Header}”").ToList();
        var required = columns.Where(x => x.Skipped is null && x.Required).Select(x => x.Header).ToList();
        return $"multipart/form-data，文件字段 file：本列表的导出文件（GET /api/v1/units/{{unitId}}/{c.Name}/export），或按它的表头填写的 .xlsx。"
            + $"第一个工作表的第一行是表头（中文列名，与导出相同；“{NotImported}”列不导入），从第二行起每行一条{c.Title}。"
            + $"可用的列：{string.Join("、", columns.Select(x => x.Header))}；必需的列：{(required.Count == 0 ? "无" : string.Join("、", required))}；无法识别的列是错误。"
            + "日期可写成2023年6月20日、2023-06-20或Excel的日期；一格多个值用“、”分隔；是/否。"
            + (references.Count == 0 ? "" : $"{string.Join("、", references)}填所引用记录的 id（与导出相同），须是本单位的记录。")
            + (skipped.Count == 0 ? "" : $"不从表格导入、有也跳过的列：{string.Join("；", skipped)}。")
            + "每行按与新增（POST）相同的规则校验；全部正确才在一个事务中写入，每条记录与逐条新增一样记入修改记录：200 {\"imported\": N}。"
            + "有错时 400，errors 为 [{row, column, message, letter}]（Excel 行号、中文列名、中文说明、列字母），列出所有行的错误，什么也不写入；"
            + "只能查看的角色 403；单位不在权限范围内 404；文件过大 413，不是 .xlsx 415，空文件 400。行数和大小上限见配置 Excel:MaxRows 和 Excel:MaxBytes。";
    }

    /// <summary>The input's labelled fields in order, each once per header.</summary>
    private static List<Column> Columns<TInput>()
    {
        var labels = FieldLabels.Of<TInput>();
        var evidence = typeof(IEvidenceInput).IsAssignableFrom(typeof(TInput));
        var columns = new List<Column>();
        var headers = new HashSet<string>(StringComparer.Ordinal) { NotImported };
        foreach (var property in typeof(TInput).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!labels.TryGetValue(property.Name, out var label) || !headers.Add(ExcelHeaders.Normalise(label)))
            {
                continue;
            }

            var read = evidence && property.Name == nameof(IEvidenceInput.FileIds) ? null : ReaderOf(property.PropertyType);
            if (read is not null && property.GetCustomAttribute<ValueWordsAttribute>() is { } words)
            {
                // The export writes 收入 for "income": either is read.
                var readText = read;
                read = cell => readText(cell) is { Value: string text, Error: null } ? (words.Values.GetValueOrDefault(text, text), null) : readText(cell);
            }

            var skipped = read is not null ? null
                : evidence && property.Name == nameof(IEvidenceInput.FileIds) ? "照片和文件不能从表格导入，导入后请在记录页面上传"
                : "这种明细没有表格形式，导入后请在记录页面补填";
            columns.Add(new Column(label, property, property.GetCustomAttribute<RequiredAttribute>() is not null, read, skipped));
        }

        return columns;
    }

    /// <summary>How a cell becomes a value of the field's type; null for types that a cell cannot carry (child rows).</summary>
    private static Func<object?, (object? Value, string? Error)>? ReaderOf(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            return cell => (ExcelCells.Text(cell), null);
        }

        if (t == typeof(DateOnly))
        {
            return cell => (ExcelCells.Date(cell, out var error), error);
        }

        if (t == typeof(bool))
        {
            return cell => (ExcelCells.Bool(cell, out var error), error);
        }

        if (t == typeof(int))
        {
            return cell => (ExcelCells.Whole(cell, out var error), error);
        }

        if (t == typeof(decimal))
        {
            return cell => (ExcelCells.Amount(cell, out var error), error);
        }

        if (t == typeof(double))
        {
            return cell => (ExcelCells.Amount(cell, out var error) is { } amount ? (double?)amount : null, error);
        }

        if (t == typeof(List<string>))
        {
            return cell => (Split(cell), null);
        }

        if (t == typeof(List<int>))
        {
            return cell =>
            {
                var ids = new List<int>();
                foreach (var part in Split(cell))
                {
                    if (ExcelCells.Whole(part, out var error) is not { } id)
                    {
                        return (null, error);
                    }

                    ids.Add(id);
                }

                return (ids, null);
            };
        }

        // Child rows as the export writes them (ListExport.Cell): items joined with 、, each item's fields in order, split
        // by spaces, the last taking the rest of the item (张三 优秀五老 结对帮扶; 2023年6月1日 村务公开栏).
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>) && t.GetGenericArguments()[0] is { IsClass: true } item
            && item != typeof(string) && PartsOf(item) is { } parts)
        {
            return cell =>
            {
                var list = (System.Collections.IList)Activator.CreateInstance(t)!;
                var number = 0;
                foreach (var entry in (ExcelCells.Text(cell) ?? "").Split(['、', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    number++;
                    var words = entry.Split((char[]?)null, parts.Count, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var child = Activator.CreateInstance(item)!;
                    for (var i = 0; i < words.Length; i++)
                    {
                        var (value, error) = parts[i].Read(words[i]);
                        if (error is not null)
                        {
                            return (null, $"第{number}项“{entry}”：{error}");
                        }

                        parts[i].Property.SetValue(child, value);
                    }

                    list.Add(child);
                }

                return (list, null);
            };
        }

        return null;
    }

    /// <summary>The labelled fields of a child row, in order, when each is a single value a word can carry; else null.</summary>
    private static List<(PropertyInfo Property, Func<object?, (object? Value, string? Error)> Read)>? PartsOf(Type item)
    {
        var labels = FieldLabels.Of(item);
        var parts = new List<(PropertyInfo, Func<object?, (object? Value, string? Error)>)>();
        foreach (var property in item.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => labels.ContainsKey(p.Name)))
        {
            if (!property.CanWrite || property.PropertyType.IsGenericType && !property.PropertyType.IsValueType || ReaderOf(property.PropertyType) is not { } read)
            {
                return null;
            }

            parts.Add((property, read));
        }

        return parts.Count > 0 ? parts : null;
    }

    /// <summary>A cell of several values as the export writes it (张三、李四), also with commas or semicolons.</summary>
    private static List<string> Split(object? cell) =>
        [.. (ExcelCells.Text(cell) ?? "").Split(['、', '，', ',', '；', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static async Task<ImportOutcome> ImportAsync<TEntity, TInput, TDto>(
        CollectionSpec<TEntity, TInput, TDto> c, List<Column> columns, int unitId, Stream file, ExcelOptions options,
        RecordCommands commands, AppDbContext db, CancellationToken ct)
        where TEntity : UnitRecord where TInput : class, IRecordInput where TDto : class
    {
        var sheet = ExcelReader.Open(file, options);
        if (sheet.Refused)
        {
            return ImportOutcome.Of(sheet);
        }

        using var rows = sheet.Rows().GetEnumerator();
        if (!rows.MoveNext())
        {
            List<ImportError> problems = [.. sheet.Problems.Select(ImportError.Of)];
            return new ImportOutcome(ImportStatus.Invalid, Errors: problems.Count > 0 ? problems
                : [new ImportError(null, null, $"工作表“{sheet.SheetName}”是空的：第一行应是表头（与导出的文件相同），从第二行起每行一条{c.Title}")]);
        }

        var header = rows.Current;
        var (mapped, errors) = MapHeader(c, columns, header);
        if (errors.Count > 0)
        {
            return new ImportOutcome(ImportStatus.Invalid, Errors: errors);
        }

        var letterOf = mapped.ToDictionary(m => m.Column.Property.Name, m => m.Letter, StringComparer.Ordinal);
        var labels = FieldLabels.Of<TInput>();
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        var records = 0;
        var imported = 0;

        // Each valid row is saved as it is read, inside one transaction, so that the validator of a later row sees the
        // earlier ones (as for rows posted one by one); after the first error the rows are only checked, and nothing is
        // kept unless every row was right.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        while (rows.MoveNext())
        {
            var row = rows.Current;
            if (mapped.All(m => ExcelCells.IsEmpty(row.Cells.GetValueOrDefault(m.Letter))))
            {
                continue; // only 序号 or skipped columns filled: not a record
            }

            records++;
            var input = Activator.CreateInstance<TInput>();
            unreadable.Clear();
            foreach (var (letter, column) in mapped)
            {
                var (value, error) = column.Read!(row.Cells.GetValueOrDefault(letter));
                if (error is not null)
                {
                    errors.Add(new ImportError(row.Number, column.Header, error, letter));
                    unreadable.Add(column.Property.Name);
                }
                else if (value is not null || Nullable.GetUnderlyingType(column.Property.PropertyType) is not null || !column.Property.PropertyType.IsValueType)
                {
                    column.Property.SetValue(input, value);
                }
            }

            ValidationErrors invalid;
            if (errors.Count == 0)
            {
                var created = await commands.CreateInCheckedUnitAsync(c, unitId, input, [], ct);
                if (created.Status == CommandStatus.Ok)
                {
                    imported++;
                    db.ChangeTracker.Clear(); // saved: a file of thousands of rows does not pile up in the change tracker
                    continue;
                }

                invalid = created.Errors!;
            }
            else
            {
                invalid = await commands.ValidateAsync(c, input, unitId, null, ct);
            }

            foreach (var (field, message) in invalid.All.Where(e => !unreadable.Contains(e.Field)))
            {
                // A child row's field (Honorees[0].Name) is reported under its list's column.
                var root = field.Split('[', '.')[0];
                errors.Add(new ImportError(row.Number, labels.GetValueOrDefault(root), message, letterOf.GetValueOrDefault(root)));
            }
        }

        // Problems met while reading the rows (a damaged part, more rows than the limit).
        errors.AddRange(sheet.Problems.Select(ImportError.Of));
        if (records == 0)
        {
            errors.Add(new ImportError(header.Number + 1, null, $"只有表头，没有数据行：请从表头下一行起每行填一条{c.Title}"));
        }

        if (errors.Count > 0)
        {
            return new ImportOutcome(ImportStatus.Invalid, Errors: [.. errors.OrderBy(e => e.Row ?? 0)]);
        }

        await transaction.CommitAsync(ct);
        return new ImportOutcome(ImportStatus.Ok, imported);
    }

    /// <summary>The header row against the columns: the columns read (by letter), or errors for unknown, repeated and missing columns.</summary>
    private static (List<(string Letter, Column Column)> Mapped, List<ImportError> Errors) MapHeader<TEntity, TInput, TDto>(
        CollectionSpec<TEntity, TInput, TDto> c, List<Column> columns, ExcelRow header)
        where TEntity : UnitRecord where TInput : class, IRecordInput where TDto : class
    {
        var mapped = new List<(string Letter, Column Column)>();
        var found = new Dictionary<Column, string>();
        var errors = new List<ImportError>();
        foreach (var (letter, value) in header.Cells.OrderBy(x => x.Key.Length).ThenBy(x => x.Key, StringComparer.Ordinal))
        {
            if (ExcelCells.Text(value) is not { } text)
            {
                continue;
            }

            var name = ExcelHeaders.Normalise(text);
            var column = columns.FirstOrDefault(x => ExcelHeaders.Normalise(x.Header) == name);
            if (column is null)
            {
                if (name != NotImported)
                {
                    errors.Add(new ImportError(header.Number, text,
                        $"无法识别的列“{text}”（{letter}列）：{c.Title}的列有{string.Join("、", columns.Select(x => x.Header))}", letter));
                }
            }
            else if (found.TryGetValue(column, out var other))
            {
                errors.Add(new ImportError(header.Number, text, $"{other}列和{letter}列都是“{column.Header}”：请删去其中一列", letter));
            }
            else
            {
                found[column] = letter;
                if (column.Read is not null)
                {
                    mapped.Add((letter, column));
                }
            }
        }

        var missing = columns.Where(x => x.Required && x.Read is not null && !found.ContainsKey(x)).Select(x => x.Header).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new ImportError(header.Number, null, $"第{header.Number}行（表头）缺少必需的列：{string.Join("、", missing)}。请先导出{c.Title}列表，按导出文件的表头填写"));
        }

        return (mapped, errors);
    }
}

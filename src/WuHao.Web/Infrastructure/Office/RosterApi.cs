using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Infrastructure.Office;

/// <summary>An uploaded spreadsheet read from a multipart request, or why it could not be read.</summary>
public sealed record Upload(Stream? File, string FileName, ImportOutcome? Refusal);

public static class RosterUpload
{
    /// <summary>
    /// Reads the multipart field <c>file</c> within the size limit (the rest of a larger body is not read), so that
    /// a 50 MB upload is refused with the limit named instead of being buffered.
    /// </summary>
    public static async Task<Upload> ReadAsync(HttpRequest request, ExcelOptions options, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return new Upload(null, "", ImportOutcome.Refused(ImportStatus.WrongType, "请以 multipart/form-data 上传Excel文件，文件字段名为 file"));
        }

        var slack = options.MaxBytes + (1024 * 1024);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = slack;
        }

        if (request.ContentLength > slack)
        {
            return new Upload(null, "", ImportOutcome.Refused(ImportStatus.TooLarge, ExcelReader.TooLargeMessage(request.ContentLength.Value, options)));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = slack, ValueCountLimit = 100 }, ct);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException)
        {
            return new Upload(null, "", ImportOutcome.Refused(ImportStatus.TooLarge,
                $"上传的内容超过了{options.MaxBytesText}的上限：每次最多导入{options.MaxRows}行，请分成几个文件导入"));
        }

        if (form.Files.GetFile("file") is not { } file)
        {
            return new Upload(null, "", ImportOutcome.Refused(ImportStatus.Invalid, "请选择要导入的Excel文件（.xlsx）"));
        }

        if (file.Length > options.MaxBytes)
        {
            return new Upload(null, file.FileName, ImportOutcome.Refused(ImportStatus.TooLarge, ExcelReader.TooLargeMessage(file.Length, options)));
        }

        var copy = new MemoryStream((int)file.Length);
        await file.CopyToAsync(copy, ct);
        copy.Position = 0;
        return new Upload(copy, file.FileName, null);
    }
}

/// <summary>API.md's import, export and template routes of a roster.</summary>
public static class RosterApi
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>An import's answer: the records written (0 in a dry run) and what was read (columns, ignored parts, first rows).</summary>
    public sealed record ImportResult(int Imported, bool DryRun, ImportPreview? Preview);

    public static void MapRoster<TEntity, TInput, TDto>(this IEndpointRouteBuilder api, ExcelRoster<TEntity, TInput, TDto> roster, string tag)
        where TEntity : UnitRecord where TInput : class, IRecordInput, new() where TDto : class
    {
        var name = roster.Collection.Name;

        // Typed as Delegate, as in CollectionApi: the route analyzer crashes on lambdas over generic type parameters.
        Delegate import = async Task<Results<Ok<ImportResult>, ProblemHttpResult>> (
            int unitId, bool? dryRun, HttpRequest request, RosterExcel excel, CancellationToken ct) =>
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
                outcome = upload.Refusal ?? await excel.ImportAsync(roster, unitId, upload.File!, upload.FileName, dryRun ?? false, ct);
            }

            return outcome.Status == ImportStatus.Ok
                ? TypedResults.Ok(new ImportResult(outcome.Imported, dryRun ?? false, outcome.Preview))
                : Problem(outcome, roster.Title);
        };
        api.MapPost($"/units/{{unitId:int}}/{name}/import", import).WithTags(tag)
            .WithSummary($"从Excel导入{roster.Title}")
            .WithDescription($"multipart/form-data，文件字段 file（.xlsx：GET /api/v1/{name}/import-template 的模板，或各单位自己的名册表格）。"
                + "表头行在标题行、“填报单位/填报日期”行之下自动找到，常见的表头写法（出生年月、参加时间、手机号等）都能识别；序号、年龄等不导入的列，"
                + "合计行、表尾落款和只填了序号的行跳过，并在 preview.ignoredColumns / preview.ignoredRows 中列出；公式按保存的计算结果读取，"
                + "导入的列中没有计算结果的公式按行列报错。全部成功才写入：200 {\"imported\": N, \"dryRun\": false, \"preview\": {…}}；"
                + "有错时 400，errors 为 [{row, column, message, letter}]（文件自己的行号和列字母），什么也不写入；文件过大 413，不是 .xlsx 415。"
                + "?dryRun=true：同样检查，什么也不写入，200 返回 imported=0 和 preview：headerRow、columns（文件的列→名册的列）、"
                + $"ignoredColumns、ignoredRows（ignoredRowCount 为总数）、rows（前{RosterExcel.PreviewRows}行）和 rowCount（将导入的行数）。"
                + "行数和大小上限见配置 Excel:MaxRows（默认5000行）和 Excel:MaxBytes（默认5MB）。")
            .Produces<ImportResult>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (operation.Parameters?.FirstOrDefault(p => p.Name == "dryRun") is OpenApiParameter dry)
                {
                    dry.Description = "true：只检查并返回预览（列的对应、将导入的行、跳过的列和行），什么也不写入";
                }

                DocumentUpload(operation);
                return Task.CompletedTask;
            });

        Delegate export = async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> (
            int unitId, int? year, RosterExcel excel, CancellationToken ct) =>
        {
            if (Paging.Check(year, null, null) is { } invalid)
            {
                return invalid;
            }

            return await excel.ExportAsync(roster, unitId, year, ct) is { } file
                ? TypedResults.File(file.Content, XlsxType, file.FileName)
                : ApiProblems.NotFound();
        };
        api.MapGet($"/units/{{unitId:int}}/{name}/export", export).WithTags(tag)
            .WithSummary($"导出{roster.Title}（.xlsx）")
            .WithDescription("列与导入模板相同；?year= 按年度筛选有日期的记录。不能修改该单位的用户（验收组、只读用户）导出的电话号码打码，如139****5678。")
            .Produces(StatusCodes.Status200OK, contentType: XlsxType);

        Delegate template = (RosterExcel excel) => TypedResults.File(excel.Template(roster), XlsxType, excel.TemplateFileName(roster));
        api.MapGet($"/{name}/import-template", template).WithTags(tag)
            .WithSummary($"{roster.Title}导入模板（.xlsx）").WithDescription("中文表头、一行示例和“填写说明”工作表。")
            .Produces(StatusCodes.Status200OK, contentType: XlsxType);
    }

    /// <summary>
    /// The request body of an import: the body is read by hand (after the scope check, within the size limit), so the
    /// OpenAPI document learns of it here.
    /// </summary>
    public static void DocumentUpload(OpenApiOperation operation) =>
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "file" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "Excel工作簿（.xlsx）" },
                        },
                    },
                },
            },
        };

    /// <summary>A refused import as problem+json: 404, 403, 413, 415, or 400 with every error in <c>errors</c>.</summary>
    public static ProblemHttpResult Problem(ImportOutcome outcome, string title)
    {
        var (status, heading) = outcome.Status switch
        {
            ImportStatus.NotFound => (404, "未找到单位"),
            ImportStatus.Forbidden => (403, "无权导入"),
            ImportStatus.TooLarge => (413, "文件过大"),
            ImportStatus.WrongType => (415, "文件类型不支持"),
            _ => (400, $"{title}有错，什么也没有导入"),
        };
        var detail = outcome.Status switch
        {
            ImportStatus.NotFound => "单位不存在，或不在您的权限范围内。",
            ImportStatus.Forbidden => "您的角色只能查看，不能导入。",
            _ => $"共{outcome.ErrorList.Count}处错误，请按 errors 逐条修改后重新导入。",
        };
        return TypedResults.Problem(title: heading, detail: detail, statusCode: status,
            extensions: new Dictionary<string, object?> { ["errors"] = outcome.ErrorList });
    }
}

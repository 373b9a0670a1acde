using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Files;

/// <summary>The multipart form of POST /api/v1/files.</summary>
public sealed class FileUploadForm
{
    /// <summary>The file (field <c>file</c>).</summary>
    public IFormFile? File { get; set; }

    /// <summary>The unit the file belongs to; the caller must be able to edit its records.</summary>
    public int? UnitId { get; set; }

    /// <summary>Archive category (文书, 会议, 活动, 照片, 财务, 表彰, 制度, 其他); default 照片 for photos, else 其他. Linking the file to a record files it with the record.</summary>
    public string? Category { get; set; }

    /// <summary>Work year; default this year.</summary>
    public int? Year { get; set; }

    /// <summary>Retention (永久, 30年, 10年); default by category.</summary>
    public string? Retention { get; set; }
}

/// <summary>API.md's answer to an upload; <c>linked</c> tells whether a record holds it as evidence.</summary>
public sealed record StoredFileDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string FileName, string ContentType, long Size, string Sha256, string Category, int Year, string Retention, bool Linked);

public static class FilesApi
{
    public static readonly System.Linq.Expressions.Expression<Func<StoredFile, StoredFileDto>> Project = f => new StoredFileDto(
        f.Id, f.UnitId, f.Version, f.CreatedAt, f.UpdatedAt, f.FileName, f.ContentType, f.Size, f.Sha256, f.Category, f.Year, f.Retention, f.Links.Any());

    public static void MapFilesApi(this RouteGroupBuilder api)
    {
        const string tag = "证明材料（文件）";
        var record = new ScopedRecordAttribute(typeof(StoredFile));

        api.MapPost("/files", UploadAsync).DisableAntiforgery().WithTags(tag)
            .WithSummary("上传证明材料文件")
            .WithDescription("multipart/form-data：file（文件）、unitId（单位）、可选 category、year、retention（归档）。类型按文件内容识别，只接受 JPEG、PNG、WebP、HEIC 照片，PDF，.docx，.xlsx；"
                + "超过大小上限（默认20MB）返回 413，类型不允许返回 415，空文件、文件名含路径或控制字符、压缩炸弹返回 400。原样保存（不缩放），返回 sha256。"
                + "再在记录的 fileIds 中引用此 id，文件即归入该记录并按记录归档（一个文件只属于一条记录，记录删除时文件一并删除；PUT 记录时 fileIds 是完整列表，未列出的文件随之删除）。");

        api.MapGet("/files/{id:int}", DownloadAsync).WithTags(tag).WithMetadata(record)
            .WithSummary("下载文件")
            .WithDescription("返回原始字节。默认 Content-Disposition: attachment；?preview=true 时图片（JPEG、PNG、WebP）以 inline 返回供预览。总是带 X-Content-Type-Options: nosniff。");

        api.MapDelete("/files/{id:int}", DeleteAsync).WithTags(tag).WithMetadata(record)
            .WithSummary("删除文件")
            .WithDescription("文件从其所属记录中一并移除。");
    }

    private static async Task<Results<Created<StoredFileDto>, ProblemHttpResult, ValidationProblem>> UploadAsync(
        [FromForm] FileUploadForm? upload, AppDbContext db, OrgScope orgScope, RecordCommands commands, FileIntake intake, TimeProvider time, CancellationToken ct)
    {
        // The binder leaves the form null when none of its fields is present.
        var form = upload ?? new FileUploadForm();
        var errors = new ValidationErrors();
        if (form.UnitId is null)
        {
            errors.Add("unitId", "请填写单位（unitId）");
        }

        if (form.File is null)
        {
            errors.Add("file", "请选择要上传的文件（字段 file）");
        }

        if (form.Category is not null)
        {
            Check.OneOf(errors, "category", "档案类别", form.Category, Vocabulary.ArchiveCategories);
        }

        if (form.Retention is not null)
        {
            Check.OneOf(errors, "retention", "保管期限", form.Retention, Vocabulary.Retentions);
        }

        if (form.Year is < 2000 or > 2100)
        {
            errors.Add("year", "年度应在2000到2100之间");
        }

        if (form.UnitId is { } unitId)
        {
            if (!await orgScope.IncludesAsync(unitId, ct))
            {
                return ApiProblems.NotFound();
            }

            if (!await commands.MayEditAsync(new UnitResource(unitId)))
            {
                return ApiProblems.Forbidden();
            }
        }

        if (!errors.IsValid)
        {
            return ApiProblems.Invalid(errors);
        }

        var (checkedFile, refusal) = await intake.ReadAsync(form.File!, scalePhotos: false, ct);
        if (refusal is not null)
        {
            return refusal.Status switch
            {
                StatusCodes.Status413PayloadTooLarge => TypedResults.Problem(title: "文件过大", detail: refusal.Message, statusCode: refusal.Status),
                StatusCodes.Status415UnsupportedMediaType => TypedResults.Problem(title: "文件类型不支持", detail: refusal.Message, statusCode: refusal.Status),
                _ => ApiProblems.Invalid("file", refusal.Message),
            };
        }

        var category = form.Category ?? (checkedFile!.IsImage ? "照片" : "其他");
        var file = checkedFile!.ToStoredFile(form.UnitId!.Value, category, form.Year ?? time.Today().Year, form.Retention ?? Vocabulary.DefaultRetention(category));
        db.Files.Add(file);
        await db.SaveChangesAsync(ct);
        var dto = await db.Files.AsNoTracking().Where(f => f.Id == file.Id).Select(Project).FirstAsync(ct);
        return TypedResults.Created($"/api/v1/files/{file.Id}", dto);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(
        int id, bool? preview, HttpContext http, AppDbContext db, OrgScope orgScope, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var file = await db.Files.VisibleTo(scope).Where(f => f.Id == id)
            .Select(f => new { f.FileName, f.ContentType, f.Sha256 }).FirstOrDefaultAsync(ct);
        if (file is null)
        {
            return ApiProblems.NotFound();
        }

        var data = await db.FileContents.Where(c => c.Id == id).Select(c => c.Data).FirstAsync(ct);
        var inline = preview == true && file.ContentType is "image/jpeg" or "image/png" or "image/webp";
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
        headers.CacheControl = "private, max-age=86400";
        headers.ContentDisposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment")
        {
            FileNameStar = file.FileName,
            FileName = AsciiName(file.FileName),
        }.ToString();
        return TypedResults.File(data, file.ContentType, entityTag: new EntityTagHeaderValue($"\"{file.Sha256}\""));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, AppDbContext db, OrgScope orgScope, RecordCommands commands, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var file = await db.Files.VisibleTo(scope).FirstOrDefaultAsync(f => f.Id == id, ct);
        if (file is null)
        {
            return ApiProblems.NotFound();
        }

        if (!await commands.MayEditAsync(file))
        {
            return ApiProblems.Forbidden();
        }

        db.Files.Remove(file);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>The plain filename= fallback for old clients: ASCII only.</summary>
    private static string AsciiName(string name)
    {
        var ext = Path.GetExtension(name);
        var ascii = new StringBuilder();
        foreach (var c in Path.GetFileNameWithoutExtension(name))
        {
            ascii.Append(c is >= ' ' and < (char)127 and not '"' and not '\\' ? c : '_');
        }

        return ascii + ext;
    }
}

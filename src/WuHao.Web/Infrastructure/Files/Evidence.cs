using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Infrastructure.Files;

/// <summary>An input that names the evidence files of its record (API: <c>fileIds</c>).</summary>
public interface IEvidenceInput : IRecordInput
{
    List<int> FileIds { get; set; }
}

/// <summary>A read model that lists its record's evidence files.</summary>
public interface IHasFiles
{
    IReadOnlyList<int> FileIds { get; }
    IReadOnlyList<FileRef> Files { get; }
}

/// <summary>A record's file in its read model: enough to list it and link to it.</summary>
public sealed record FileRef(int Id, string FileName, string ContentType, long Size)
{
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);

    /// <summary>Images the browser can show (HEIC is kept, but not shown inline).</summary>
    public bool IsPreviewable => ContentType is "image/jpeg" or "image/png" or "image/webp";

    public string Url => $"/api/v1/files/{Id}";

    public string SizeText => Size < 1024 * 1024
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Math.Max(1, Size / 1024)} KB")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Size / 1024.0 / 1024.0:0.0} MB");
}

/// <summary>Where a record's files are filed in the archive .</summary>
public sealed record Filing(string Category, int Year, string Retention)
{
    public static Filing Of(string category, int year) => new(category, year, Vocabulary.DefaultRetention(category));
}

/// <summary>
/// Links records and their evidence files, in the record's own save (ADR-004): a file and its record commit or
/// roll back together. A file is evidence of one record at most and is filed with it; deleting the record
/// deletes its files.
/// </summary>
public static class Evidence
{
    /// <summary>Every id names a file of the record's unit that no other record holds.</summary>
    public static async Task ValidateAsync<TEntity>(AppDbContext db, IEvidenceInput input, int unitId, int? recordId, ValidationErrors errors, CancellationToken ct)
        where TEntity : UnitRecord
    {
        var ids = input.FileIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        if (ids.Count > 50)
        {
            errors.Add(nameof(input.FileIds), "一条记录最多50个文件");
            return;
        }

        var found = await db.Files.Where(f => ids.Contains(f.Id) && f.UnitId == unitId).Select(f => f.Id).ToListAsync(ct);
        foreach (var missing in ids.Except(found))
        {
            errors.Add(nameof(input.FileIds), $"文件 {missing} 不存在或不属于本单位");
        }

        // Only the unit's own files are looked up further: another unit's file answers exactly as a missing one.
        var linkType = LinkType<TEntity>();
        var links = await db.FileLinks.AsNoTracking().Where(l => found.Contains(l.FileId)).ToListAsync(ct);
        foreach (var link in links.Where(l => l.GetType() != linkType || recordId is null || RecordIdOf(db, l) != recordId))
        {
            errors.Add(nameof(input.FileIds), $"文件 {link.FileId} 已是另一条记录的证明材料");
        }
    }

    /// <summary>Makes the record's links what the input says, adds the new uploads, and files them all with the record.</summary>
    public static async Task SyncAsync<TEntity>(
        AppDbContext db, TEntity record, IEvidenceInput input, IReadOnlyList<Upload> uploads, Func<TEntity, bool, Filing> filing, CancellationToken ct)
        where TEntity : UnitRecord
    {
        var evidence = (IHasEvidence)record;
        var entry = db.Entry(record);
        if (entry.State != EntityState.Added)
        {
            await entry.Collection("Files").LoadAsync(ct);
        }

        var wanted = input.FileIds.Distinct().ToHashSet();
        foreach (var gone in evidence.FileLinks.Select(l => l.FileId).Where(id => !wanted.Contains(id)).ToList())
        {
            evidence.Detach(gone);
            await DeleteFileAsync(db, gone, ct);
        }

        foreach (var id in wanted)
        {
            evidence.Attach(id);
        }

        foreach (var upload in uploads)
        {
            var f = filing(record, upload.IsImage);
            evidence.Attach(upload.ToStoredFile(record.UnitId, f.Category, f.Year, f.Retention));
        }

        // Every file of the record is filed where the record says (its year, its category).
        var files = await db.Files.Where(f => wanted.Contains(f.Id)).ToListAsync(ct);
        foreach (var file in files.Concat(evidence.FileLinks.Select(l => l.File).OfType<StoredFile>()).Distinct())
        {
            var f = filing(record, file.IsImage);
            (file.Category, file.Year, file.Retention) = (f.Category, f.Year, f.Retention);
        }
    }

    /// <summary>Before a record is deleted: its files go with it.</summary>
    public static async Task DeleteFilesOfAsync(AppDbContext db, IHasEvidence record, CancellationToken ct)
    {
        await db.Entry(record).Collection("Files").LoadAsync(ct);
        foreach (var id in record.FileLinks.Select(l => l.FileId).ToList())
        {
            await DeleteFileAsync(db, id, ct);
        }
    }

    public static async Task DeleteFileAsync(AppDbContext db, int fileId, CancellationToken ct)
    {
        var file = await db.Files.FirstOrDefaultAsync(f => f.Id == fileId, ct);
        if (file is not null)
        {
            db.Files.Remove(file);
        }
    }

    /// <summary>The link subclass of a record type (EvidenceRecord&lt;TLink&gt;).</summary>
    private static Type? LinkType<TEntity>()
    {
        for (var t = typeof(TEntity); t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(EvidenceRecord<>))
            {
                return t.GetGenericArguments()[0];
            }
        }

        return null;
    }

    private static int? RecordIdOf(AppDbContext db, FileLink link)
    {
        var fk = db.Model.FindEntityType(link.GetType())!.GetForeignKeys().First(k => k.PrincipalEntityType.ClrType != typeof(StoredFile) && k.PrincipalEntityType.ClrType != typeof(OrgUnit));
        return (int?)fk.Properties[0].PropertyInfo!.GetValue(link);
    }
}

using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Infrastructure.Office;

/// <summary>
/// An uploaded roster between its preview and the user's confirmation: the file is kept on the server so
/// that a weak rural link uploads it once. Not audited (it is no record of the unit); deleted when confirmed or expired.
/// </summary>
public sealed class PendingImport : IBannerOwned
{
    public Guid Id { get; set; }

    /// <summary>Who uploaded it: only they may confirm it.</summary>
    public string UserName { get; set; } = "";

    public int UnitId { get; set; }

    public int BannerId { get; set; }

    /// <summary>The roster's collection name (elders, donors, team-members).</summary>
    public string Collection { get; set; } = "";

    public string FileName { get; set; } = "";

    public byte[] Content { get; set; } = [];

    /// <summary>SHA-256 of <see cref="Content"/> in hex: the preview's form carries it back, so a confirm is of the file previewed.</summary>
    public string Hash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class PendingImportConfiguration : IEntityTypeConfiguration<PendingImport>
{
    public void Configure(EntityTypeBuilder<PendingImport> b)
    {
        b.ToTable("PendingImports");
        b.HasKey(p => p.Id);
        b.Property(p => p.UserName).HasMaxLength(100);
        b.Property(p => p.Collection).HasMaxLength(40);
        b.Property(p => p.FileName).HasMaxLength(260);
        b.Property(p => p.Hash).HasMaxLength(64);
        b.HasIndex(p => p.ExpiresAt);
        b.HasIndex(p => new { p.UserName, p.UnitId, p.Collection });
    }
}

/// <summary>A pending upload taken back for its confirmation, or why it cannot be.</summary>
public sealed record PendingFile(Stream? File, string FileName, string? Refusal);

/// <summary>
/// Keeps uploads between preview and confirmation: one per user, unit and roster (a new upload replaces the last),
/// for <see cref="Lifetime"/>; expired ones are deleted whenever another is kept.
/// </summary>
public sealed class PendingImports(AppDbContext db, ICurrentActor actor, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    /// <summary>Keeps the upload; returns its id and hash for the preview's confirm form.</summary>
    public async Task<(Guid Id, string Hash)> KeepAsync(int unitId, string collection, string fileName, byte[] content, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await db.Set<PendingImport>()
            .Where(p => p.ExpiresAt < now || (p.UserName == actor.UserName && p.UnitId == unitId && p.Collection == collection))
            .ExecuteDeleteAsync(ct);
        var pending = new PendingImport
        {
            Id = Guid.NewGuid(), UserName = actor.UserName, UnitId = unitId, Collection = collection,
            FileName = fileName.Length > 260 ? fileName[^260..] : fileName, Content = content, Hash = HashOf(content), CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.Add(pending);
        await db.SaveChangesAsync(ct);
        db.Entry(pending).State = EntityState.Detached;
        return (pending.Id, pending.Hash);
    }

    /// <summary>
    /// Takes the upload for its confirmation and deletes it, so that it is imported once even if confirmed twice: refused
    /// (with a Chinese message) when it is gone, expired, another user's or another unit's or roster's, or its content
    /// is not the one previewed.
    /// </summary>
    public async Task<PendingFile> TakeAsync(Guid id, string? hash, int unitId, string collection, CancellationToken ct)
    {
        const string gone = "这次上传的预览已失效（已导入、已取消、超过2小时或被新的上传替换）：请重新选择文件上传";
        var pending = await db.Set<PendingImport>().AsNoTracking()
            .Where(p => p.Id == id && p.UserName == actor.UserName && p.UnitId == unitId && p.Collection == collection)
            .FirstOrDefaultAsync(ct);
        if (pending is null)
        {
            return new PendingFile(null, "", gone);
        }

        var claimed = await db.Set<PendingImport>().Where(p => p.Id == id).ExecuteDeleteAsync(ct);
        if (claimed == 0 || pending.ExpiresAt < time.GetUtcNow())
        {
            return new PendingFile(null, pending.FileName, gone);
        }

        if (!string.Equals(hash, pending.Hash, StringComparison.Ordinal) || HashOf(pending.Content) != pending.Hash)
        {
            return new PendingFile(null, pending.FileName, "文件内容与预览时不一致，没有导入：请重新上传文件并核对预览");
        }

        return new PendingFile(new MemoryStream(pending.Content, writable: false), pending.FileName, null);
    }

    /// <summary>Deletes the user's pending upload (the preview was cancelled).</summary>
    public Task CancelAsync(Guid id, CancellationToken ct) =>
        db.Set<PendingImport>().Where(p => p.Id == id && p.UserName == actor.UserName).ExecuteDeleteAsync(ct);

    private static string HashOf(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;

namespace WuHao.Web.Infrastructure.Protection;

/// <summary>A named secret kept in the database, itself encrypted with Data Protection (see ADR-006).</summary>
public sealed class ProtectedSecret
{
    public required string Name { get; set; }
    public required string Value { get; set; }
}

/// <summary>
/// Field encryption for minors' sensitive data: values are encrypted with ASP.NET Data Protection
/// (key ring in the database, so every app instance can read them), and ID numbers are also hashed with
/// HMAC-SHA256 under a search key so that equality search and duplicate checks never need plaintext.
/// </summary>
public sealed class FieldProtector(IDataProtectionProvider provider, IServiceScopeFactory scopes) : IDisposable
{
    private const string SearchKeyName = "youth-case-search-key";
    private readonly IDataProtector fields = provider.CreateProtector("WuHao.Fields.v1");
    private readonly IDataProtector secrets = provider.CreateProtector("WuHao.Secrets.v1");
    private readonly SemaphoreSlim gate = new(1, 1);
    private byte[]? searchKey;

    public void Dispose() => gate.Dispose();

    /// <summary>
    /// Creates the Data Protection key and the search key if they do not exist yet. Call it before opening a
    /// transaction that will encrypt: both are written through their own connection, which an open SQLite
    /// write transaction would block.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken ct = default)
    {
        fields.Protect("warm-up");
        await SearchKeyAsync(ct);
    }

    public string? Protect(string? plaintext) => string.IsNullOrEmpty(plaintext) ? null : fields.Protect(plaintext);

    public string? Unprotect(string? cipher) => string.IsNullOrEmpty(cipher) ? null : fields.Unprotect(cipher);

    /// <summary>The keyed hash of a normalised value (hex), for equality search.</summary>
    public async Task<string?> HashAsync(string? normalised, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(normalised))
        {
            return null;
        }

        var key = await SearchKeyAsync(ct);
        return Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(normalised)));
    }

    private async Task<byte[]> SearchKeyAsync(CancellationToken ct)
    {
        if (searchKey is { } cached)
        {
            return cached;
        }

        await gate.WaitAsync(ct);
        try
        {
            if (searchKey is not null)
            {
                return searchKey;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var stored = await db.ProtectedSecrets.AsNoTracking().FirstOrDefaultAsync(s => s.Name == SearchKeyName, ct);
            if (stored is null)
            {
                var fresh = RandomNumberGenerator.GetBytes(32);
                db.ProtectedSecrets.Add(new ProtectedSecret { Name = SearchKeyName, Value = secrets.Protect(Convert.ToBase64String(fresh)) });
                try
                {
                    await db.SaveChangesAsync(ct);
                    return searchKey = fresh;
                }
                catch (DbUpdateException)
                {
                    // Another instance created it first: use theirs.
                    db.ChangeTracker.Clear();
                    stored = await db.ProtectedSecrets.AsNoTracking().FirstAsync(s => s.Name == SearchKeyName, ct);
                }
            }

            return searchKey = Convert.FromBase64String(secrets.Unprotect(stored.Value));
        }
        finally
        {
            gate.Release();
        }
    }
}

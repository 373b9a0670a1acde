using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using WuHao.Web.Data;

namespace WuHao.Web.Infrastructure;

/// <summary>
/// Seeding (roles, demo data) by several instances started at once on one database: each seeding step runs in
/// a transaction that first takes this lock, then looks whether the data is already there; the instance that finds it
/// there does nothing, which is normal. PostgreSQL: a transaction-scoped advisory lock, released at commit or rollback.
/// SQLite: the transaction itself, which Microsoft.Data.Sqlite opens with BEGIN IMMEDIATE (one writer at a time; the
/// next waits for it, up to the command timeout).
/// </summary>
public static class SeedLock
{
    /// <summary>The advisory lock's key: "WuHaoSeed" folded into 64 bits, any fixed number the app alone uses.</summary>
    private const long Key = 0x5775_4861_6F53_6565;

    public static async Task<IDbContextTransaction> BeginAsync(AppDbContext db, CancellationToken ct = default)
    {
        var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({Key})", ct);
        }

        return transaction;
    }
}

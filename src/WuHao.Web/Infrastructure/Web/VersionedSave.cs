using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Web.Infrastructure.Web;

/// <summary>
/// The one way a change is saved against the version the user saw (optimistic concurrency, API.md "409"):
/// the seen version is the concurrency token, so a stale save changes nothing and reports a conflict.
/// </summary>
public static class VersionedSave
{
    /// <summary>Saves; false (and nothing left tracked) when someone else saved the record since <paramref name="seenVersion"/>.</summary>
    public static async Task<bool> TrySaveVersionAsync<TEntity>(this AppDbContext db, TEntity record, int seenVersion, CancellationToken ct)
        where TEntity : Entity
    {
        db.Entry(record).Property(r => r.Version).OriginalValue = seenVersion;
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary><see cref="TrySaveVersionAsync"/> as a command result: Ok, or Conflict with the record.</summary>
    public static async Task<CommandResult<TEntity>> SaveVersionAsync<TEntity>(this AppDbContext db, TEntity record, int seenVersion, CancellationToken ct)
        where TEntity : Entity =>
        await db.TrySaveVersionAsync(record, seenVersion, ct) ? new(CommandStatus.Ok, record) : new(CommandStatus.Conflict, record);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using WuHao.Web.Domain;

namespace WuHao.Web.Data.Interceptors;

/// <summary>
/// Sets the distribution column <see cref="IBannerOwned.BannerId"/> (docs/decisions/ADR-016-citus-distribution.md) of
/// every record a save adds, or moves to another unit, from its unit's <see cref="OrgUnit.BannerId"/>: the one place the
/// change tracker's writes get it, never from input. The banners of the units involved are read in one query per save,
/// and kept for the rest of the request (a scoped service: units do not move during a request, and a save that changes
/// a unit forgets them). Runs after <see cref="AuditInterceptor"/>, so its change-log rows are stamped too.
/// </summary>
public sealed class BannerStamp : SaveChangesInterceptor
{
    private readonly Dictionary<int, int> banners = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && Pending(context) is { Count: > 0 } pending)
        {
            var missing = Missing(pending);
            if (missing.Count > 0)
            {
                Remember(context.Set<OrgUnit>().AsNoTracking().Where(u => missing.Contains(u.Id)).Select(u => new { u.Id, u.BannerId })
                    .AsEnumerable().Select(u => (u.Id, u.BannerId)));
            }

            Apply(pending);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Pending(context) is { Count: > 0 } pending)
        {
            var missing = Missing(pending);
            if (missing.Count > 0)
            {
                var rows = await context.Set<OrgUnit>().AsNoTracking().Where(u => missing.Contains(u.Id))
                    .Select(u => new { u.Id, u.BannerId }).ToListAsync(cancellationToken);
                Remember(rows.Select(u => (u.Id, u.BannerId)));
            }

            Apply(pending);
        }

        return result;
    }

    /// <summary>The entries to stamp, with their unit; tracked units with a banner are remembered on the way.</summary>
    private List<(EntityEntry Entry, int UnitId)> Pending(DbContext context)
    {
        var pending = new List<(EntityEntry, int)>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case OrgUnit when entry.State is EntityState.Modified or EntityState.Deleted:
                    banners.Clear();
                    break;
                case OrgUnit { BannerId: > 0 } unit when entry.State is EntityState.Unchanged:
                    banners[unit.Id] = unit.BannerId;
                    break;
                case IBannerOwned owned when entry.State == EntityState.Added
                    || (entry.State == EntityState.Modified && entry.Property(nameof(IUnitOwned.UnitId)).IsModified):
                    pending.Add((entry, owned.UnitId));
                    break;
                case ChangeLogEntry { UnitId: { } unitId } when entry.State == EntityState.Added:
                    pending.Add((entry, unitId));
                    break;
            }
        }

        return pending;
    }

    private List<int> Missing(List<(EntityEntry Entry, int UnitId)> pending) =>
        pending.Select(p => p.UnitId).Where(id => !banners.ContainsKey(id)).Distinct().ToList();

    private void Remember(IEnumerable<(int Id, int BannerId)> rows)
    {
        foreach (var (id, bannerId) in rows)
        {
            // A unit being added has no banner until its path is set (UnitTree): one that is its own banner.
            banners[id] = bannerId > 0 ? bannerId : id;
        }
    }

    private void Apply(List<(EntityEntry Entry, int UnitId)> pending)
    {
        foreach (var (entry, unitId) in pending)
        {
            var banner = banners.GetValueOrDefault(unitId, unitId);
            switch (entry.Entity)
            {
                case IBannerOwned owned:
                    owned.BannerId = banner;
                    break;
                case ChangeLogEntry log:
                    log.BannerId = banner;
                    break;
            }
        }
    }
}

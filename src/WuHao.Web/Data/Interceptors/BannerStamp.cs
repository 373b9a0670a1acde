using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using WuHao.Web.Domain;

namespace WuHao.Web.Data.Interceptors;

/// <summary>
/// Sets the distribution column <see cref="IBannerRow.BannerId"/> (docs/decisions/ADR-016-citus-distribution.md) of every
/// row a save adds, or moves to another unit, from its unit's <see cref="OrgUnit.BannerId"/>: the one place the change
/// tracker's writes get it, never from input. A child row without a unit (a multi-valued field's value, a file's bytes)
/// takes its record's banner, a calendar token its user's unit's. Driven by <see cref="AuditInterceptor"/> in its one pass
/// over the change tracker (<see cref="Visit"/>); the banners of the units involved are read together with the units on
/// the far side of the save's links (<see cref="UnitStamps"/>), in one query per save (<see cref="Lookup"/>), and kept
/// for the rest of the request (units do not move during a request, and a save that changes a unit forgets them).
/// </summary>
public sealed class BannerStamp
{
    private readonly Dictionary<int, int> banners = [];

    /// <summary>Rows to stamp with the banner of a unit, once it is known.</summary>
    private readonly List<(IBannerRow Row, int UnitId)> pending = [];

    /// <summary>Change-log rows to stamp likewise (their banner is nullable, with their unit).</summary>
    private readonly List<ChangeLogEntry> logs = [];

    /// <summary>Added calendar tokens whose user is not tracked, and users moved to another unit (their token follows).</summary>
    private readonly List<CalendarFeedToken> tokens = [];
    private readonly Dictionary<string, int> movedUsers = [];

    /// <summary>Added child rows: each must have been reached through its record.</summary>
    private readonly List<IBannerRow> children = [];

    /// <summary>Units added by this save: their log rows, written after it, take the banner they were given.</summary>
    private readonly List<OrgUnit> newUnits = [];

    /// <summary>Units whose banner the log rows written after the save need (a new user's).</summary>
    private readonly HashSet<int> needed = [];

    private static readonly ConcurrentDictionary<IEntityType, INavigation[]> ChildNavigations = new();

    /// <summary>Takes note of one tracked entry (no database work).</summary>
    public void Visit(EntityEntry entry)
    {
        switch (entry.Entity)
        {
            case OrgUnit when entry.State is EntityState.Modified or EntityState.Deleted:
                banners.Clear();
                break;
            case OrgUnit { BannerId: > 0 } unit when entry.State is EntityState.Unchanged:
                banners[unit.Id] = unit.BannerId;
                break;
            case OrgUnit unit when entry.State is EntityState.Added:
                newUnits.Add(unit);
                break;
            case AppUser added when entry.State == EntityState.Added:
                needed.Add(added.UnitId);
                break;
            case IBannerOwned owned:
                var moved = entry.State == EntityState.Added
                    || (entry.State == EntityState.Modified && entry.Property(nameof(IUnitOwned.UnitId)).IsModified);
                if (moved)
                {
                    pending.Add((owned, owned.UnitId));
                }

                if (entry.State != EntityState.Deleted)
                {
                    VisitChildren(entry, owned, moved);
                }

                break;
            case ChangeLogEntry log when entry.State == EntityState.Added:
                logs.Add(log);
                break;
            case CalendarFeedToken token when entry.State == EntityState.Added:
                if (token.User is { } user)
                {
                    pending.Add((token, user.UnitId));
                }
                else
                {
                    tokens.Add(token);
                }

                break;
            case AppUser reassigned when entry.State == EntityState.Modified && entry.Property(nameof(AppUser.UnitId)).IsModified:
                movedUsers[reassigned.Id] = reassigned.UnitId;
                break;
            case IBannerRow child when entry.State == EntityState.Added:
                children.Add(child);
                break;
        }
    }

    /// <summary>
    /// Change-log rows the audit adds after its pass or, for new records, after the save (<paramref name="saved"/>: the
    /// units this save added have their ids now). They take their unit's banner.
    /// </summary>
    public void Log(IEnumerable<ChangeLogEntry> rows, bool saved)
    {
        if (saved)
        {
            foreach (var unit in newUnits)
            {
                banners[unit.Id] = unit.BannerId > 0 ? unit.BannerId : unit.Id;
            }

            newUnits.Clear();
        }

        logs.AddRange(rows);
    }

    /// <summary>The units whose banner this save needs and that are not known yet.</summary>
    public List<int> Missing() =>
        [.. pending.Select(p => p.UnitId).Concat(logs.Select(l => l.UnitId ?? 0)).Concat(movedUsers.Values).Concat(needed)
            .Where(id => id > 0 && !banners.ContainsKey(id)).Distinct()];

    /// <summary>
    /// The one query of a save: the banners of <paramref name="missing"/> and, when there are links to follow, the units on
    /// their far side (<see cref="UnitRow.Far"/>).
    /// </summary>
    public static IQueryable<UnitRow> Lookup(DbContext db, List<int> missing, IQueryable<int>? others)
    {
        var units = db.Set<OrgUnit>().AsNoTracking().IgnoreQueryFilters();
        return others is null
            ? units.Where(u => missing.Contains(u.Id)).Select(u => new UnitRow(u.Id, u.BannerId, false))
            : units.Where(u => missing.Contains(u.Id) || others.Contains(u.Id)).Select(u => new UnitRow(u.Id, u.BannerId, others.Contains(u.Id)));
    }

    /// <summary>A unit read by <see cref="Lookup"/>: its banner, and whether it is on the far side of a link.</summary>
    public sealed record UnitRow(int Id, int BannerId, bool Far);

    /// <summary>
    /// Reads the units and banners of the users of added tokens (a save that adds a token has no other lookup), and
    /// loads the tokens of users moved to another unit: only when a save has either (rare).
    /// </summary>
    public async Task TokensAsync(DbContext db, CancellationToken ct)
    {
        if (tokens.Count > 0)
        {
            var ids = tokens.Select(t => t.UserId).Distinct().ToList();
            var users = await db.Set<AppUser>().AsNoTracking().Where(u => ids.Contains(u.Id))
                .Select(u => new { u.Id, u.UnitId, u.Unit!.BannerId }).ToListAsync(ct);
            Remember(users.Select(u => new UnitRow(u.UnitId, u.BannerId, false)));
            pending.AddRange(tokens.Join(users, t => t.UserId, u => u.Id, (t, u) => ((IBannerRow)t, u.UnitId)));
            tokens.Clear();
        }

        if (movedUsers.Count > 0)
        {
            var ids = movedUsers.Keys.ToList();
            foreach (var token in await db.Set<CalendarFeedToken>().IgnoreQueryFilters().Where(t => ids.Contains(t.UserId)).ToListAsync(ct))
            {
                pending.Add((token, movedUsers[token.UserId]));
            }

            movedUsers.Clear();
        }
    }

    /// <summary>Remembers the banners read.</summary>
    public void Remember(IEnumerable<UnitRow> rows)
    {
        foreach (var row in rows)
        {
            // A unit being added has no banner until its path is set (UnitTree): one that is its own banner.
            banners[row.Id] = row.BannerId > 0 ? row.BannerId : row.Id;
        }
    }

    /// <summary>Stamps the rows noted so far and forgets them.</summary>
    public void Apply()
    {
        foreach (var (row, unitId) in pending)
        {
            row.BannerId = banners.GetValueOrDefault(unitId, unitId);
        }

        foreach (var log in logs.Where(l => l.UnitId is not null))
        {
            log.BannerId = banners.GetValueOrDefault(log.UnitId!.Value, log.UnitId.Value);
        }

        pending.Clear();
        logs.Clear();
        needed.Clear();
        if (children.Find(c => c.BannerId == 0) is { } orphan)
        {
            children.Clear();
            throw new InvalidOperationException($"A new {orphan.GetType().Name} must be added through its record's navigation, which gives it the record's banner (ADR-016).");
        }

        children.Clear();
    }

    /// <summary>Forgets what a failed save noted.</summary>
    public void Reset()
    {
        pending.Clear();
        logs.Clear();
        tokens.Clear();
        movedUsers.Clear();
        children.Clear();
        newUnits.Clear();
        needed.Clear();
    }

    /// <summary>
    /// The child rows of a record (its multi-valued fields, its file's bytes): new ones take its banner, and all of them
    /// when the record moves to another unit.
    /// </summary>
    private void VisitChildren(EntityEntry entry, IBannerOwned owned, bool moved)
    {
        foreach (var navigation in Navigations(entry.Metadata))
        {
            var value = navigation.GetGetter().GetClrValue(entry.Entity);
            IEnumerable<object> rows = value switch
            {
                null => [],
                System.Collections.IEnumerable many when navigation.IsCollection => many.Cast<object>(),
                _ => [value],
            };
            foreach (var row in rows.Cast<IBannerRow>())
            {
                if (moved)
                {
                    pending.Add((row, owned.UnitId));
                }
                else if (entry.Context.Entry(row).State == EntityState.Added)
                {
                    row.BannerId = owned.BannerId;
                }
            }
        }
    }

    private static INavigation[] Navigations(IEntityType type) =>
        ChildNavigations.GetOrAdd(type, t => [.. t.GetNavigations().Where(n => !n.IsOnDependent
            && n.TargetEntityType.ClrType.IsAssignableTo(typeof(IBannerRow)) && !n.TargetEntityType.ClrType.IsAssignableTo(typeof(IBannerOwned)))]);
}

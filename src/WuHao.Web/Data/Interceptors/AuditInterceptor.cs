using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Data.Interceptors;

/// <summary>
/// Stamps who and when on every record, bumps its version, and writes one change-log row per changed
/// field. Rows for new records need their generated ids, so when a save adds records the
/// interceptor wraps it in a transaction and writes their rows right after, before the commit: the
/// record and its history commit or roll back together.
/// A multi-valued field (child rows of <see cref="ListValue"/>, ADR-011) counts as one field of its record: a change
/// of its values alone makes the record modified, so its version goes up and a stale save is refused, and the
/// log shows the old and new values joined by "、" as it did when they were one column.
/// The same pass over the change tracker notes the units whose data stamps the save raises (<see cref="UnitStamps"/>)
/// and the rows whose distribution column it sets (<see cref="BannerStamp"/>); what they need from the database is read
/// in one query on Units before the save.
/// </summary>
public sealed class AuditInterceptor(TimeProvider time, ICurrentActor actor) : SaveChangesInterceptor
{
    /// <summary>The distribution column of the rows this request saves, stamped in the same pass (ADR-016).</summary>
    private readonly BannerStamp banners = new();

    /// <summary>Fields whose change is logged, but never their value.</summary>
    private static readonly HashSet<string> Hidden = [nameof(AppUser.PasswordHash)];

    /// <summary>Bookkeeping columns, stamped by the framework or here: not worth a history row of their own.</summary>
    private static readonly HashSet<string> Bookkeeping =
        [nameof(Entity.Id), nameof(Entity.Version), nameof(Entity.CreatedAt), nameof(Entity.CreatedBy),
         nameof(Entity.UpdatedAt), nameof(Entity.UpdatedBy), nameof(OrgUnit.Path), nameof(IBannerOwned.BannerId), nameof(OrgUnit.DataStamp),
         nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp), nameof(AppUser.NormalizedEmail),
         nameof(AppUser.NormalizedUserName), nameof(AppUser.AccessFailedCount), nameof(AppUser.LockoutEnd)];

    private List<EntityEntry> pendingAdded = [];

    /// <summary>The units whose data stamp this save raises before it commits (<see cref="UnitStamps"/>).</summary>
    private UnitStamps.Touched? touched;
    private IDbContextTransaction? ownTransaction;
    private bool writingLog;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Before(eventData.Context, beginTransaction: c => c.Database.BeginTransaction());
        if (eventData.Context is { } context)
        {
            banners.TokensAsync(context, CancellationToken.None).GetAwaiter().GetResult(); // no query unless the save has tokens
            if (Lookup(context) is { } lookup)
            {
                Resolve([.. lookup]);
            }

            banners.Apply();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && !writingLog && NeedsOwnTransaction(context))
        {
            ownTransaction = await context.Database.BeginTransactionAsync(cancellationToken);
        }

        Before(eventData.Context, beginTransaction: null);
        if (eventData.Context is { } saving)
        {
            await banners.TokensAsync(saving, cancellationToken);
            if (Lookup(saving) is { } lookup)
            {
                Resolve(await lookup.ToListAsync(cancellationToken));
            }

            banners.Apply();
        }

        return result;
    }

    /// <summary>
    /// The save's one read of units (none when it needs none): the banners it stamps that are not known yet and the units
    /// on the far side of its links, whose data stamps it raises.
    /// </summary>
    private IQueryable<BannerStamp.UnitRow>? Lookup(DbContext context)
    {
        var others = !writingLog && touched is not null ? UnitStamps.Others(context, touched) : null;
        var missing = banners.Missing();
        return missing.Count > 0 || others is not null ? BannerStamp.Lookup(context, missing, others) : null;
    }

    private void Resolve(List<BannerStamp.UnitRow> rows)
    {
        banners.Remember(rows);
        if (!writingLog && touched is not null)
        {
            touched.Units.UnionWith(rows.Where(r => r.Far).Select(r => r.Id));
        }
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (writingLog)
        {
            return result;
        }

        if (eventData.Context is { } context && pendingAdded.Count > 0)
        {
            WriteAddedRows(context);
            writingLog = true;
            try
            {
                context.SaveChanges();
            }
            catch
            {
                writingLog = false;
                Fail();
                throw;
            }

            writingLog = false;
        }

        if (eventData.Context is { } stamped && touched is { } units)
        {
            touched = null;
            UnitStamps.Raise(stamped, units.Units);
        }

        ownTransaction?.Commit();
        DisposeTransaction();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (writingLog)
        {
            return result;
        }

        if (eventData.Context is { } context && pendingAdded.Count > 0)
        {
            WriteAddedRows(context);
            writingLog = true;
            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                writingLog = false;
                Fail();
                throw;
            }

            writingLog = false;
        }

        if (eventData.Context is { } stamped && touched is { } units)
        {
            touched = null;
            await UnitStamps.RaiseAsync(stamped, units.Units, cancellationToken);
        }

        if (ownTransaction is not null)
        {
            await ownTransaction.CommitAsync(cancellationToken);
            await ownTransaction.DisposeAsync();
            ownTransaction = null;
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Fail();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Fail();
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Fail();

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Fail();
        return Task.CompletedTask;
    }

    private void Fail()
    {
        if (writingLog)
        {
            return;
        }

        pendingAdded = [];
        touched = null;
        banners.Reset();
        if (ownTransaction is not null)
        {
            ownTransaction.Rollback();
            DisposeTransaction();
        }
    }

    private void DisposeTransaction()
    {
        if (writingLog)
        {
            return;
        }

        ownTransaction?.Dispose();
        ownTransaction = null;
    }

    /// <summary>
    /// New records (their log rows are written after the save) and changes that raise a unit's data stamp (after the
    /// save too) need one transaction around the save and what follows it.
    /// </summary>
    private static bool NeedsOwnTransaction(DbContext context) =>
        context.Database.CurrentTransaction is null
        && context.ChangeTracker.Entries().Any(e => (e.State == EntityState.Added && IsAudited(e)) || UnitStamps.Counts(e));

    private void Before(DbContext? context, Func<DbContext, IDbContextTransaction>? beginTransaction)
    {
        if (context is null || writingLog)
        {
            return;
        }

        if (beginTransaction is not null && NeedsOwnTransaction(context))
        {
            ownTransaction = beginTransaction(context);
        }

        var now = time.GetUtcNow();
        var who = actor.UserName;
        var log = new List<ChangeLogEntry>();
        pendingAdded = [];
        var entries = context.ChangeTracker.Entries().ToList();
        var values = ValuesByOwner(entries);
        var changedLists = new Dictionary<EntityEntry, List<ListField>>();
        foreach (var owner in entries.Where(e => e.Entity is Entity && e.State is EntityState.Unchanged or EntityState.Modified))
        {
            var changed = ListFields(owner, values).Where(f => f.Old != f.New).ToList();
            if (changed.Count > 0)
            {
                changedLists[owner] = changed;
                owner.Property(nameof(Entity.Version)).IsModified = true;
            }
        }

        var units = new UnitStamps.Touched();
        foreach (var entry in entries)
        {
            banners.Visit(entry);
            units.Add(entry);
            if (entry.Entity is CaseAccessEntry && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("The case access log is append-only.");
            }

            if (!IsAudited(entry))
            {
                continue;
            }

            if (entry.Entity is Entity record)
            {
                switch (entry.State)
                {
                    case EntityState.Added:
                        record.CreatedAt = now;
                        record.CreatedBy = who;
                        record.UpdatedAt = now;
                        record.UpdatedBy = who;
                        record.Version = 1;
                        break;
                    case EntityState.Modified:
                        record.UpdatedAt = now;
                        record.UpdatedBy = who;
                        record.Version = (int)entry.Property(nameof(Entity.Version)).OriginalValue! + 1;
                        break;
                }
            }

            switch (entry.State)
            {
                case EntityState.Added:
                    pendingAdded.Add(entry);
                    break;
                case EntityState.Modified:
                    log.AddRange(Rows(entry, "updated", now, p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue), changedLists.GetValueOrDefault(entry) ?? []));
                    break;
                case EntityState.Deleted:
                    log.AddRange(Rows(entry, "deleted", now, p => p.OriginalValue is not null, ListFields(entry, values).Where(f => f.Old is not null)));
                    break;
            }
        }

        context.Set<ChangeLogEntry>().AddRange(log);
        banners.Log(log, saved: false);
        touched = units.Any ? units : null;
    }

    private void WriteAddedRows(DbContext context)
    {
        var now = time.GetUtcNow();
        var values = ValuesByOwner(context.ChangeTracker.Entries());
        var rows = pendingAdded.SelectMany(e => Rows(e, "created", now, p => p.CurrentValue is not null, ListFields(e, values).Where(f => f.New is not null))).ToList();
        pendingAdded = [];
        context.Set<ChangeLogEntry>().AddRange(rows);
        banners.Log(rows, saved: true);
    }

    private IEnumerable<ChangeLogEntry> Rows(
        EntityEntry entry, string action, DateTimeOffset now, Func<PropertyEntry, bool> include, IEnumerable<ListField> lists)
    {
        var type = entry.Metadata.ClrType.Name;
        var id = Format(entry.Properties.First(p => p.Metadata.IsPrimaryKey()).CurrentValue) ?? "?";
        int? unitId = entry.Entity switch
        {
            OrgUnit u => u.Id,
            IUnitOwned owned => owned.UnitId,
            AppUser user => user.UnitId,
            _ => null,
        };
        var noValues = entry.Metadata.ClrType.IsDefined(typeof(NoValuesInChangeLogAttribute), inherit: false);
        var fields = entry.Properties.Where(p => !Bookkeeping.Contains(p.Metadata.Name) && include(p))
            .Select(p => (p.Metadata.Name, ForeignKey: p.Metadata.IsForeignKey(), p.OriginalValue, p.CurrentValue))
            .Concat(lists.Select(f => (f.Name, ForeignKey: false, OriginalValue: (object?)f.Old, CurrentValue: (object?)f.New)));
        foreach (var p in fields)
        {
            var name = p.Name;
            var hidden = noValues ? !p.ForeignKey && name != nameof(UnitRecord.UnitId) : Hidden.Contains(name);
            if (hidden && action != "updated")
            {
                continue;
            }

            yield return new ChangeLogEntry
            {
                EntityType = type,
                EntityId = id,
                UnitId = unitId,
                Action = action,
                Field = name,
                OldValue = action == "created" ? null : hidden ? "（已隐藏）" : Format(p.OriginalValue),
                NewValue = action == "deleted" ? null : hidden ? "（已更改）" : Format(p.CurrentValue),
                UserId = actor.UserId,
                UserName = actor.UserName,
                At = now,
            };
        }
    }

    private static bool IsAudited(EntityEntry entry) => entry.Entity is Entity or AppUser;

    /// <summary>A multi-valued field of a record: its values before and after the save, joined; null when it has none.</summary>
    private sealed record ListField(string Name, string? Old, string? New);

    /// <summary>The tracked value rows, by the relationship and the key of their record.</summary>
    private static ILookup<(IForeignKey, object?), EntityEntry> ValuesByOwner(IEnumerable<EntityEntry> entries) =>
        entries.Where(e => e.Entity is ListValue).ToLookup(e =>
        {
            var fk = e.Metadata.GetForeignKeys().Single();
            return ((IForeignKey)fk, e.Property(fk.Properties[0].Name).CurrentValue);
        });

    private static IEnumerable<ListField> ListFields(EntityEntry owner, ILookup<(IForeignKey, object?), EntityEntry> values)
    {
        var navigations = owner.Metadata.GetNavigations().Where(n => n.IsCollection && n.TargetEntityType.ClrType.IsAssignableTo(typeof(ListValue))).ToList();
        if (navigations.Count == 0)
        {
            yield break;
        }

        var key = owner.Properties.First(p => p.Metadata.IsPrimaryKey()).CurrentValue;
        foreach (var n in navigations)
        {
            var rows = values[(n.ForeignKey, key)].ToList();
            yield return new ListField(
                n.Name,
                Joined(rows.Where(r => r.State != EntityState.Added), r => r.Property(nameof(ListValue.Position)).OriginalValue),
                Joined(rows.Where(r => r.State != EntityState.Deleted), r => r.Property(nameof(ListValue.Position)).CurrentValue));
        }
    }

    private static string? Joined(IEnumerable<EntityEntry> rows, Func<EntityEntry, object?> position)
    {
        var list = rows.OrderBy(r => (int)position(r)!).Select(r => ((ListValue)r.Entity).Value).ToList();
        return list.Count == 0 ? null : string.Join("、", list);
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using WuHao.Web.Domain;

namespace WuHao.Web.Data;

/// <summary>
/// The units whose evaluation a write can change, and the raising of their <see cref="OrgUnit.DataStamp"/> in the
/// write's own transaction (issue 12, ADR-017). A unit's measures read its own records, and three kinds of record of
/// other units: the activities and trainings its 五老 took part in (eldersParticipating, eldersTrained) and the
/// activities of a school link it is a party to (schoolJointActivities). So a write raises the stamp of the unit that
/// owns each changed record and, for those three kinds, of the units on the other side of the link.
/// </summary>
public static class UnitStamps
{
    /// <summary>What one save touches, worked out before it runs: a deleted link and an old foreign key are gone afterwards.</summary>
    public sealed class Touched
    {
        public HashSet<int> Units { get; } = [];
        public HashSet<int> Elders { get; } = [];
        public HashSet<int> Activities { get; } = [];
        public HashSet<int> Trainings { get; } = [];
        public HashSet<int> SchoolLinks { get; } = [];

        public bool NeedsLookup => Elders.Count > 0 || Activities.Count > 0 || Trainings.Count > 0 || SchoolLinks.Count > 0;
        public bool Any => Units.Count > 0 || NeedsLookup;

        /// <summary>Adds the units and links of one tracked change (no database work).</summary>
        public void Add(EntityEntry entry)
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                return;
            }

            switch (entry.Entity)
            {
                case OrgUnit unit when entry.State != EntityState.Added:
                    Units.Add(unit.Id);
                    break;
                case IUnitOwned owned:
                    Units.Add(owned.UnitId);
                    Both(entry, nameof(UnitRecord.UnitId), Units);
                    break;
            }

            switch (entry.Entity)
            {
                case IElderLink:
                    Both(entry, nameof(IElderLink.ElderId), Elders);
                    break;
                case Activity activity:
                    if (entry.State != EntityState.Added)
                    {
                        Activities.Add(activity.Id);
                    }

                    Both(entry, nameof(Activity.SchoolLinkId), SchoolLinks);
                    break;
                case Training training when entry.State != EntityState.Added:
                    Trainings.Add(training.Id);
                    break;
                case SchoolLink:
                    Both(entry, nameof(SchoolLink.SchoolUnitId), Units);
                    break;
            }
        }
    }

    /// <summary>Whether a tracked change can move an evaluation (the save then needs a transaction for the stamp).</summary>
    public static bool Counts(EntityEntry entry) =>
        entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
        && entry.Entity is IUnitOwned or OrgUnit or ListValue;

    /// <summary>Raises the stamps of <paramref name="units"/> by one, in the context's current transaction.</summary>
    public static Task RaiseAsync(DbContext db, IReadOnlyCollection<int> units, CancellationToken ct) =>
        units.Count == 0 ? Task.CompletedTask : Stamps(db, units).ExecuteUpdateAsync(s => s.SetProperty(u => u.DataStamp, u => u.DataStamp + 1), ct);

    /// <inheritdoc cref="RaiseAsync"/>
    public static void Raise(DbContext db, IReadOnlyCollection<int> units)
    {
        if (units.Count > 0)
        {
            Stamps(db, units).ExecuteUpdate(s => s.SetProperty(u => u.DataStamp, u => u.DataStamp + 1));
        }
    }

    private static IQueryable<OrgUnit> Stamps(DbContext db, IReadOnlyCollection<int> units)
    {
        var ids = units.ToList();
        return db.Set<OrgUnit>().IgnoreQueryFilters().Where(u => ids.Contains(u.Id));
    }

    /// <summary>
    /// The units on the other side of the touched links (none: null), as a sub-query: the save reads them with the banners
    /// it needs in one command (<see cref="Interceptors.BannerStamp.Lookup"/>).
    /// </summary>
    public static IQueryable<int>? Others(DbContext db, Touched touched)
    {
        if (!touched.NeedsLookup)
        {
            return null;
        }

        List<int> elders = [.. touched.Elders], activities = [.. touched.Activities], trainings = [.. touched.Trainings], links = [.. touched.SchoolLinks];
        IQueryable<int>? query = null;
        void Add(IQueryable<int> part) => query = query is null ? part : query.Concat(part);
        if (elders.Count > 0)
        {
            Add(db.Set<Elder>().Where(e => elders.Contains(e.Id)).Select(e => e.UnitId));
        }

        if (activities.Count > 0)
        {
            Add(db.Set<ActivityElder>().Where(l => activities.Contains(l.ActivityId)).Select(l => l.Elder!.UnitId));
        }

        if (trainings.Count > 0)
        {
            Add(db.Set<TrainingTrainee>().Where(t => trainings.Contains(t.TrainingId)).Select(t => t.Elder!.UnitId));
        }

        if (links.Count > 0)
        {
            Add(db.Set<SchoolLink>().Where(s => links.Contains(s.Id)).Select(s => s.UnitId));
            Add(db.Set<SchoolLink>().Where(s => links.Contains(s.Id)).Select(s => s.SchoolUnitId));
        }

        return query;
    }

    /// <summary>The current and, for a modified record, the original value of an int (or int?) property.</summary>
    private static void Both(EntityEntry entry, string property, HashSet<int> into)
    {
        var p = entry.Property(property);
        if (entry.State != EntityState.Deleted && p.CurrentValue is int current)
        {
            into.Add(current);
        }

        if (entry.State != EntityState.Added && p.OriginalValue is int original)
        {
            into.Add(original);
        }
    }
}

using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Web.Features.Activities;

/// <summary>
/// The activity figures of counted by the database (ADR-011): activities per unit and month, and per unit
/// and type, in two commands whatever the number of activities or units. <see cref="RecordRules.Activities"/>
/// then decides what is missing from those counts.
/// </summary>
public static class ActivityCounts
{
    /// <summary>The figures of one set of activities (a unit's list with its joint activities, one link's activities).</summary>
    public static async Task<ActivityFigures> OfAsync(
        IQueryable<Activity> activities, int year, DateOnly today, IReadOnlyList<string> requiredTypes, CancellationToken ct)
    {
        var (months, types) = await CountAsync(activities, year, ct);
        return RecordRules.Activities(year, months.Select(m => (m.Month, m.Count, m.Joint)), types.Select(t => (t.Type, t.Count)), today, requiredTypes);
    }

    /// <summary>The figures of each unit's own activities, for a set of units at once (e.g. a whole banner).</summary>
    public static async Task<IReadOnlyDictionary<int, ActivityFigures>> ByUnitAsync(
        AppDbContext db, IQueryable<int> unitIds, int year, DateOnly today, IReadOnlyList<string> requiredTypes, CancellationToken ct)
    {
        var (months, types) = await CountAsync(db.Activities.Where(a => unitIds.Contains(a.UnitId)), year, ct);
        var monthsOf = months.ToLookup(m => m.UnitId);
        var typesOf = types.ToLookup(t => t.UnitId);
        return monthsOf.Select(m => m.Key).ToDictionary(u => u, u => RecordRules.Activities(
            year, monthsOf[u].Select(m => (m.Month, m.Count, m.Joint)), typesOf[u].Select(t => (t.Type, t.Count)), today, requiredTypes));
    }

    private sealed record MonthRow(int UnitId, int Month, int Count, int Joint);

    private sealed record TypeRow(int UnitId, string Type, int Count);

    private static async Task<(List<MonthRow> Months, List<TypeRow> Types)> CountAsync(IQueryable<Activity> activities, int year, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var ofYear = activities.Where(a => a.Date >= from && a.Date <= to);
        var months = await ofYear.GroupBy(a => new { a.UnitId, a.Date.Month })
            .Select(g => new MonthRow(g.Key.UnitId, g.Key.Month, g.Count(), g.Count(a => a.SchoolLinkId != null))).ToListAsync(ct);
        var types = await ofYear.SelectMany(a => a.Types, (a, v) => new { a.UnitId, v.Value })
            .GroupBy(x => new { x.UnitId, x.Value }).Select(g => new TypeRow(g.Key.UnitId, g.Key.Value, g.Count())).ToListAsync(ct);
        return (months, types);
    }
}

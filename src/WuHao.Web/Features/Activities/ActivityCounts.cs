using System.Linq.Expressions;
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
    /// <summary>
    /// Which activities are a unit's: its own, and its joint activities with a village or a school recorded by
    /// the other side. Written once: the unit's list (<see cref="OfUnit"/>) and the figures of many units at once
    /// (<see cref="ForUnitsAsync"/>) read this rule.
    /// </summary>
    private static readonly Expression<Func<Activity, int, bool>> Belongs = (a, unitId) => a.UnitId == unitId
        || (a.SchoolLinkId != null && (a.SchoolLink!.UnitId == unitId || a.SchoolLink.SchoolUnitId == unitId));

    /// <summary>A unit's activities (<see cref="Belongs"/>), for the collection's list.</summary>
    public static Expression<Func<Activity, bool>> OfUnit(int unitId)
    {
        // A closure keeps the unit id a parameter of the SQL command rather than a constant in its text.
        Expression<Func<int>> id = () => unitId;
        var a = Belongs.Parameters[0];
        return Expression.Lambda<Func<Activity, bool>>(Replace(Belongs.Body, Belongs.Parameters[1], id.Body), a);
    }

    /// <summary>An activity attributed to a unit: a row of (unit, activity) where the activity is the unit's.</summary>
    public sealed class Attributed
    {
        public int UnitId { get; init; }
        public Activity Activity { get; init; } = null!;
    }

    /// <summary>
    /// The figures of each of <paramref name="unitIds"/>, as each unit's own page shows them (its own and its joint
    /// activities among <paramref name="activities"/>, e.g. those the user may see): two commands for all units.
    /// Units without any activity get the figures of an empty year.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, ActivityFigures>> ForUnitsAsync(
        AppDbContext db, IQueryable<Activity> activities, IReadOnlyCollection<int> unitIds, int year, DateOnly today,
        IReadOnlyList<string> requiredTypes, CancellationToken ct)
    {
        var ids = unitIds.Distinct().ToList();
        var pair = Expression.Parameter(typeof(Attributed), "p");
        var rule = Expression.Lambda<Func<Attributed, bool>>(
            Replace(Replace(Belongs.Body, Belongs.Parameters[0], Expression.Property(pair, nameof(Attributed.Activity))),
                Belongs.Parameters[1], Expression.Property(pair, nameof(Attributed.UnitId))),
            pair);
        var attributed = db.Units.Where(u => ids.Contains(u.Id))
            .SelectMany(u => activities, (u, a) => new Attributed { UnitId = u.Id, Activity = a })
            .Where(rule);
        var (months, types) = await CountAsync(attributed, year, ct);
        var monthsOf = months.ToLookup(m => m.UnitId);
        var typesOf = types.ToLookup(t => t.UnitId);
        return ids.ToDictionary(u => u, u => RecordRules.Activities(
            year, monthsOf[u].Select(m => (m.Month, m.Count, m.Joint)), typesOf[u].Select(t => (t.Type, t.Count)), today, requiredTypes));
    }

    /// <summary>The figures of each unit's own activities (recorded by the unit itself), for a set of units at once.</summary>
    public static async Task<IReadOnlyDictionary<int, ActivityFigures>> ByUnitAsync(
        AppDbContext db, IQueryable<int> unitIds, int year, DateOnly today, IReadOnlyList<string> requiredTypes, CancellationToken ct)
    {
        var (months, types) = await CountAsync(
            db.Activities.Where(a => unitIds.Contains(a.UnitId)).Select(a => new Attributed { UnitId = a.UnitId, Activity = a }), year, ct);
        var monthsOf = months.ToLookup(m => m.UnitId);
        var typesOf = types.ToLookup(t => t.UnitId);
        return monthsOf.Select(m => m.Key).ToDictionary(u => u, u => RecordRules.Activities(
            year, monthsOf[u].Select(m => (m.Month, m.Count, m.Joint)), typesOf[u].Select(t => (t.Type, t.Count)), today, requiredTypes));
    }

    private sealed record MonthRow(int UnitId, int Month, int Count, int Joint);

    private sealed record TypeRow(int UnitId, string Type, int Count);

    private static async Task<(List<MonthRow> Months, List<TypeRow> Types)> CountAsync(IQueryable<Attributed> activities, int year, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var ofYear = activities.Where(p => p.Activity.Date >= from && p.Activity.Date <= to);
        var months = await ofYear.GroupBy(p => new { p.UnitId, p.Activity.Date.Month })
            .Select(g => new MonthRow(g.Key.UnitId, g.Key.Month, g.Count(), g.Count(p => p.Activity.SchoolLinkId != null))).ToListAsync(ct);
        var types = await ofYear.SelectMany(p => p.Activity.Types, (p, v) => new { p.UnitId, v.Value })
            .GroupBy(x => new { x.UnitId, x.Value }).Select(g => new TypeRow(g.Key.UnitId, g.Key.Value, g.Count())).ToListAsync(ct);
        return (months, types);
    }

    private static Expression Replace(Expression body, ParameterExpression from, Expression to) => new Replacer(from, to).Visit(body);

    private sealed class Replacer(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

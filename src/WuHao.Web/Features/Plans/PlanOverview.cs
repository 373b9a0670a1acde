using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Web.Features.Plans;

/// <summary>
/// The township's view of the plans below it: every unit that drafts a plan, its plan's state, and whether it came
/// late or is missing, all worked out in one SQL query for all the units at once (a left join of the units to their plans).
/// </summary>
public static class PlanOverview
{
    /// <summary>One unit: its plan (if any), the state, when it was first submitted, late (first submission after the due
    /// date), missing (not submitted and the due date has passed), how many versions, and the township's last comment.</summary>
    public sealed record Row(int UnitId, string UnitName, int? PlanId, string? State, DateTimeOffset? FirstSubmittedAt, bool Late, bool Missing, int Versions, string? ReviewComment);

    /// <summary>The headline figures, counted from the rows shown, so that they and the table never disagree.</summary>
    public sealed record Figures(int Units, int Submitted, int Approved, int Returned, int Late, int Missing)
    {
        public static Figures Of(IReadOnlyList<Row> rows) => new(
            rows.Count, rows.Count(r => r.FirstSubmittedAt is not null), rows.Count(r => r.State == PlanStates.Approved),
            rows.Count(r => r.State == PlanStates.Returned), rows.Count(r => r.Late), rows.Count(r => r.Missing));
    }

    /// <summary>
    /// The units under <paramref name="rootPath"/> that draft plans, each with its plan in the campaign; <paramref name="overdue"/>
    /// says whether the due date has passed (then a plan never submitted is missing).
    /// </summary>
    public static IQueryable<Row> Query(AppDbContext db, string rootPath, int campaignId, bool overdue) =>
        from u in db.Units.Where(u => u.Path.StartsWith(rootPath) && PlanCommands.PlanUnits.Contains(u.Type))
        join p in db.Plans.Where(p => p.CampaignId == campaignId) on u.Id equals p.UnitId into plans
        from p in plans.DefaultIfEmpty()
        orderby u.Path
        select new Row(
            u.Id, u.Name, p == null ? null : p.Id, p == null ? null : p.State, p == null ? null : p.FirstSubmittedAt,
            p != null && p.Late, overdue && (p == null || p.FirstSubmittedAt == null), p == null ? 0 : p.Versions.Count, p == null ? null : p.ReviewComment);
}

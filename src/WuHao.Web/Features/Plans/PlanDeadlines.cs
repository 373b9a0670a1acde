using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Assessment;
using WuHao.Web.Features.Reminders;

namespace WuHao.Web.Features.Plans;

/// <summary>
/// The 实施方案 due at the township by the 准备阶段's due date. A village or school: its own plan until it
/// is submitted, or while it is returned for revision. A township: how many units below have not submitted theirs. Two
/// commands, whatever the number of units.
/// </summary>
public sealed class PlanDeadlines(AppDbContext db, Campaigns campaigns) : IDeadlineSource
{
    public async Task<IReadOnlyList<Deadline>> ForAsync(DeadlineUnit unit, DateOnly today, CancellationToken ct)
    {
        var own = PlanCommands.PlanUnits.Contains(unit.Type);
        if (!own && unit.Type != UnitType.Township)
        {
            return [];
        }

        var covering = await campaigns.CoveringAsync(unit.Path, ct);
        if (covering.Count == 0 || PlanCommands.DueOf(covering[0]) is not { } due)
        {
            return [];
        }

        var campaignId = covering[0].Id;
        var path = unit.Path;
        var states = await db.Units.Where(u => u.Path.StartsWith(path) && PlanCommands.PlanUnits.Contains(u.Type))
            .Select(u => db.Plans.Where(p => p.UnitId == u.Id && p.CampaignId == campaignId)
                .Select(p => new PlanState(p.State, p.FirstSubmittedAt != null)).FirstOrDefault())
            .ToListAsync(ct);
        var uid = Deadlines.Uid(DeadlineKinds.Plan, unit.Id, campaignId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (own)
        {
            var mine = states.FirstOrDefault();
            return mine is { State: PlanStates.Returned }
                ? [new Deadline(uid, DeadlineKinds.Plan, due, "实施方案被退回：按修改意见修改后重新报送", unit.Id, $"/Plans/{unit.Id}")]
                : mine is null or { Submitted: false }
                    ? [new Deadline(uid, DeadlineKinds.Plan, due, "实施方案：报送乡（苏木）关工委", unit.Id, $"/Plans/{unit.Id}")]
                    : [];
        }

        var missing = states.Count(s => s is null or { Submitted: false });
        return missing == 0
            ? []
            : [new Deadline(uid, DeadlineKinds.Plan, due, $"实施方案：下辖{missing}个单位尚未报送", unit.Id, $"/Plans/Units/{unit.Id}")];
    }

    private sealed record PlanState(string State, bool Submitted);
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features.Plans;

/// <summary>
/// The township's (or the banner's) view of the plans below it: every unit that drafts one, its plan's state, and
/// late and missing plans marked at a glance; one query for all the units (<see cref="PlanOverview"/>).
/// </summary>
public sealed class UnitsModel(AppDbContext db, OrgScope orgScope, PlanCommands plans, TimeProvider time) : PageModel
{
    public int UnitId { get; private set; }
    public string UnitName { get; private set; } = "";
    public Campaign? Campaign { get; private set; }
    public DateOnly? Due { get; private set; }
    public DateOnly Today { get; private set; }
    public bool Overdue { get; private set; }
    public IReadOnlyList<PlanOverview.Row> Rows { get; private set; } = [];
    public PlanOverview.Figures Counts { get; private set; } = new(0, 0, 0, 0, 0, 0);

    public async Task<IActionResult> OnGetAsync(int unitId, int? campaignId, CancellationToken ct)
    {
        if (!await orgScope.IncludesAsync(unitId, ct))
        {
            return NotFound();
        }

        var unit = await db.Units.Where(u => u.Id == unitId).Select(u => new { u.Name, u.Path }).FirstAsync(ct);
        (UnitId, UnitName, Today) = (unitId, unit.Name, time.Today());
        Campaign = await plans.CampaignForAsync(unit.Path, campaignId, ct);
        if (Campaign is null)
        {
            return Page();
        }

        Due = PlanCommands.DueOf(Campaign);
        Overdue = Due is { } due && Today > due;
        Rows = await PlanOverview.Query(db, unit.Path, Campaign.Id, Overdue).ToListAsync(ct);
        Counts = PlanOverview.Figures.Of(Rows);
        return Page();
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Web.Features.Assessment;

/// <summary>
/// The campaign's stage on pages that belong to one: which stage is running today and what is due, the year's
/// self-check due date, and a link to the unit's round. Nothing when no campaign covers the unit.
/// </summary>
public sealed class StageViewComponent(AppDbContext db, Campaigns campaigns, TimeProvider time) : ViewComponent
{
    public sealed record Model(int UnitId, int Year, Campaign Campaign, CalendarDay Day, StageDates? SelfCheck, StageDates? Review, StageDates? Acceptance, bool ShowLink);

    public async Task<IViewComponentResult> InvokeAsync(int unitId, int year, bool showLink = true)
    {
        var path = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync();
        var covering = path is null ? [] : await campaigns.CoveringAsync(path, HttpContext.RequestAborted);
        if (covering.Count == 0)
        {
            return Content("");
        }

        var campaign = covering[0];
        var dates = Campaigns.Dates(campaign);
        return View(new Model(unitId, year, campaign, CampaignCalendar.On(dates, time.Today()), CampaignCalendar.Find(dates, StageKinds.SelfCheck, year),
            CampaignCalendar.Find(dates, StageKinds.Review, year), CampaignCalendar.Find(dates, StageKinds.Acceptance, year), showLink));
    }
}

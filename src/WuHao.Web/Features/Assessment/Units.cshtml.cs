using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features.Assessment;

/// <summary>
/// The township's and the banner's list of the units below: each round's state, self-score and assessors' scores,
/// the result and the late flags, with the figures counted in SQL. Three commands, whatever the number of units.
/// </summary>
public sealed class UnitsModel(AppDbContext db, OrgScope orgScope, Campaigns campaigns, TimeProvider time) : PageModel
{
    public sealed record Row(int UnitId, string Name, UnitType Type, string Path, AssessmentApi.RoundDto? Round, bool Late);

    public sealed record Figures(int Units, int Submitted, int Late, int Reviewed, int Accepted, int Passed);

    private static readonly UnitType[] Assessed = [UnitType.Village, UnitType.Community, UnitType.Farm, UnitType.School];

    public string UnitName { get; private set; } = "";
    public int UnitId { get; private set; }
    public Campaign? Campaign { get; private set; }
    public int Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Figures Counts { get; private set; } = new(0, 0, 0, 0, 0, 0);
    public StageDates? SelfCheck { get; private set; }

    public string PickerPath => $"/Assessment/Units/{UnitId}";

    public async Task<IActionResult> OnGetAsync(int unitId, int? year, CancellationToken ct)
    {
        if (!await orgScope.IncludesAsync(unitId, ct))
        {
            return NotFound();
        }

        var unit = await db.Units.Where(u => u.Id == unitId).Select(u => new { u.Name, u.Path }).FirstAsync(ct);
        (UnitId, UnitName) = (unitId, unit.Name);
        var today = time.Today();
        var covering = await campaigns.CoveringAsync(unit.Path, ct);
        Campaign = covering.Count > 0 ? covering[0] : null;
        var dates = Campaign is null ? [] : Campaigns.Dates(Campaign);
        var yearly = dates.Where(d => d.Year is not null).Select(d => d.Year!.Value).Distinct().OrderDescending().ToList();
        Year = year is >= 2000 and <= 2100 ? year.Value : CampaignCalendar.WorkYear(dates, today);
        Years = [.. yearly.Append(Year).Distinct().OrderDescending()];
        if (Campaign is null)
        {
            return Page();
        }

        SelfCheck = CampaignCalendar.Find(dates, StageKinds.SelfCheck, Year);
        var overdue = SelfCheck is { } due && CampaignCalendar.IsLate(due.Due, null, today);
        var path = unit.Path;
        var units = await db.Units.Where(u => u.Path.StartsWith(path) && Assessed.Contains(u.Type)).OrderBy(u => u.Path)
            .Select(u => new { u.Id, u.Name, u.Type, u.Path }).ToListAsync(ct);
        var campaignId = Campaign.Id;
        var rounds = (await RoundList.Query(db, path, Year, campaignId).ToListAsync(ct)).ToDictionary(r => r.UnitId);
        Rows = [.. units.Select(u => rounds.GetValueOrDefault(u.Id) is { } r
            ? new Row(u.Id, u.Name, u.Type, u.Path, r, r.Late || (r.SelfTotal is null && overdue))
            : new Row(u.Id, u.Name, u.Type, u.Path, null, overdue))];

        // The headline counts the rows below, so the figures and the table can never disagree.
        Counts = new Figures(Rows.Count, Rows.Count(r => r.Round?.SelfTotal is not null), Rows.Count(r => r.Late),
            Rows.Count(r => r.Round?.TownshipTotal is not null), Rows.Count(r => r.Round?.State == RoundStates.Done),
            Rows.Count(r => r.Round?.Passed == true));
        return Page();
    }
}

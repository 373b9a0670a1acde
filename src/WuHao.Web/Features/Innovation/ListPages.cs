using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Innovation;

public sealed class InvestigationsModel(AppDbContext db, OrgScope orgScope, TimeProvider time)
    : YearListPage<Investigation, InvestigationInput, InvestigationDto>(db, orgScope, time)
{
    protected override CollectionSpec<Investigation, InvestigationInput, InvestigationDto> Collection => InvestigationRecords.Collection;
}

public sealed class ExperiencesModel(AppDbContext db, OrgScope orgScope, TimeProvider time)
    : YearListPage<Experience, ExperienceInput, ExperienceDto>(db, orgScope, time)
{
    protected override CollectionSpec<Experience, ExperienceInput, ExperienceDto> Collection => ExperienceRecords.Collection;
}

/// <summary>A link with its joint activities of the year (at least one a year, R-4.2).</summary>
public sealed record LinkRow(SchoolLinkDto Link, int JointActivities)
{
    public bool BelowTarget => Link.Until is null && JointActivities < RecordRules.RequiredJointActivitiesPerYear;
}

/// <summary>The village–school links of a unit, from the village's side or the school's .</summary>
public sealed class SchoolLinksModel(AppDbContext db, OrgScope orgScope, IAuthorizationService authorization, TimeProvider time) : PageModel
{
    public UnitHeader Unit { get; private set; } = UnitHeader.None;
    public int Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<LinkRow> Rows { get; private set; } = [];
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(int unitId, int? year, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        if (await UnitHeader.LoadAsync(db, scope, unitId, ct) is not { } unit)
        {
            return NotFound();
        }

        Unit = unit;
        (Year, Years) = YearChoice.Of(year, time.Today().Year);
        Rows = await InnovationFigures.LinksAsync(db, scope, unitId, Year, ct);
        CanEdit = unit.Type is UnitType.Village or UnitType.Community or UnitType.Farm
            && (await authorization.AuthorizeAsync(User, new UnitResource(unitId), RecordOperations.Edit)).Succeeded;
        return Page();
    }
}

public static class InnovationFigures
{
    public static async Task<IReadOnlyList<LinkRow>> LinksAsync(AppDbContext db, UnitScope scope, int unitId, int year, CancellationToken ct)
    {
        var c = SchoolLinkRecords.Collection;
        var links = await c.Order(db.SchoolLinks.VisibleTo(scope).Where(c.BelongsTo(unitId))).Select(c.Project).ToListAsync(ct);
        var ids = links.Select(l => l.Id).ToList();
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var counts = await db.Activities.Where(a => a.SchoolLinkId != null && ids.Contains(a.SchoolLinkId.Value) && a.Date >= from && a.Date <= to)
            .GroupBy(a => a.SchoolLinkId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return [.. links.Select(l => new LinkRow(l, counts.GetValueOrDefault(l.Id)))];
    }

    /// <summary>Experiences promoted at banner level or above count as 推广经验.</summary>
    public static readonly IReadOnlyList<string> PromotedLevels = ["旗", "市", "区", "国家"];

    /// <summary>
    /// The figures of each of <paramref name="unitIds"/> for a year, as each unit's own page shows them:
    /// four commands whatever the number of units. A joint activity counts for both the village and the school of its link.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, InnovationYear>> ForUnitsAsync(
        AppDbContext db, UnitScope scope, IReadOnlyCollection<int> unitIds, int year, CancellationToken ct)
    {
        var ids = unitIds.Distinct().ToList();
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var i = InvestigationRecords.Collection;
        var investigations = await i.InYear(db.Investigations.VisibleTo(scope).Where(r => ids.Contains(r.UnitId)), year)
            .GroupBy(r => r.UnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var links = await db.SchoolLinks.VisibleTo(scope).Where(l => ids.Contains(l.UnitId) || ids.Contains(l.SchoolUnitId))
            .Select(l => new { l.Id, l.UnitId, l.SchoolUnitId }).ToListAsync(ct);
        var linkIds = links.Select(l => l.Id).ToList();
        var joint = await db.Activities.Where(a => a.SchoolLinkId != null && linkIds.Contains(a.SchoolLinkId.Value) && a.Date >= from && a.Date <= to)
            .GroupBy(a => a.SchoolLinkId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var promoted = await db.Experiences.VisibleTo(scope).Where(x => ids.Contains(x.UnitId) && x.Level != null && PromotedLevels.Contains(x.Level))
            .GroupBy(x => x.UnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return ids.ToDictionary(id => id, id => new InnovationYear(
            year,
            investigations.GetValueOrDefault(id),
            links.Where(l => l.UnitId == id || l.SchoolUnitId == id).Sum(l => joint.GetValueOrDefault(l.Id)),
            promoted.GetValueOrDefault(id)));
    }
}

/// <summary>One unit's 积极探索创新好 figures for a year .</summary>
public sealed record InnovationYear(int Year, int Investigations, int JointActivities, int Promoted)
{
    public bool JointShort => JointActivities < RecordRules.RequiredJointActivitiesPerYear;
}

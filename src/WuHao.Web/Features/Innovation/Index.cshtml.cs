using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features.Innovation;

/// <summary>四、积极探索创新好: investigations, village–school links and typical experiences of a unit and year .</summary>
public sealed class IndexModel(AppDbContext db, OrgScope orgScope, IAuthorizationService authorization, TimeProvider time) : PageModel
{
    public UnitHeader Unit { get; private set; } = UnitHeader.None;
    public IReadOnlyList<UnitChoice> Units { get; private set; } = [];
    public int Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<InvestigationDto> Investigations { get; private set; } = [];
    public IReadOnlyList<LinkRow> Links { get; private set; } = [];
    public IReadOnlyList<ExperienceDto> Experiences { get; private set; } = [];
    public bool CanEdit { get; private set; }

    /// <summary>The unit's figures of the year, counted with those of the units under it .</summary>
    public InnovationYear Figures { get; private set; } = new(0, 0, 0, 0);
    public IReadOnlyList<UnitBelow> Below { get; private set; } = [];
    public IReadOnlyDictionary<int, InnovationYear> BelowFigures { get; private set; } = new Dictionary<int, InnovationYear>();

    /// <summary>Whether the unit's own records are shown: always for a unit without units under it, else only if it keeps any.</summary>
    public bool ShowsOwn => Below.Count == 0 || Investigations.Count > 0 || Links.Count > 0 || Experiences.Count > 0;
    public bool KeepsLinks => Unit.Type is UnitType.Village or UnitType.Community or UnitType.Farm;

    public async Task<IActionResult> OnGetAsync(int? unitId, int? year, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var id = unitId ?? scope.RootUnitId;
        if (await UnitHeader.LoadAsync(db, scope, id, ct) is not { } unit)
        {
            return NotFound();
        }

        Unit = unit;
        Units = await UnitChoice.ListAsync(db, scope, ct);
        (Year, Years) = YearChoice.Of(year, time.Today().Year);
        var i = InvestigationRecords.Collection;
        Investigations = await i.Order(i.InYear(db.Investigations.VisibleTo(scope).Where(r => r.UnitId == id), Year)).Select(i.Project).ToListAsync(ct);
        var e = ExperienceRecords.Collection;
        Experiences = await e.Order(db.Experiences.VisibleTo(scope).Where(r => r.UnitId == id)).Select(e.Project).Take(20).ToListAsync(ct);
        Links = await InnovationFigures.LinksAsync(db, scope, id, Year, ct);
        Below = await UnitsBelow.ListAsync(db, scope, id, ct);
        BelowFigures = await InnovationFigures.ForUnitsAsync(db, scope, [id, .. Below.Select(b => b.Id)], Year, ct);
        Figures = BelowFigures[id];
        CanEdit = (await authorization.AuthorizeAsync(User, new UnitResource(id), RecordOperations.Edit)).Succeeded;
        return Page();
    }
}

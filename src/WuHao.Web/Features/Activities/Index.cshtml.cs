using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features.Activities;

/// <summary>五、活动经常效果好: a unit's activities of a year by month, with the figures of .</summary>
public sealed class IndexModel(AppDbContext db, OrgScope orgScope, IAuthorizationService authorization, IOptions<ActivityOptions> options, TimeProvider time) : PageModel
{
    public UnitHeader Unit { get; private set; } = UnitHeader.None;
    public IReadOnlyList<UnitChoice> Units { get; private set; } = [];
    public int Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<ActivityDto> Items { get; private set; } = [];
    public ActivityFigures Figures { get; private set; } = null!;
    public int CivilizationEntries { get; private set; }
    public bool CanEdit { get; private set; }
    public string? Saved { get; private set; }
    public string? LinkName { get; private set; }

    /// <summary>The units under the unit, each with its figures as its own page shows them.</summary>
    public IReadOnlyList<UnitBelow> Below { get; private set; } = [];
    public IReadOnlyDictionary<int, ActivityFigures> BelowFigures { get; private set; } = new Dictionary<int, ActivityFigures>();

    /// <summary>Whether the unit's own activities are shown: always for a unit without units under it, else only if it keeps any.</summary>
    public bool ShowsOwn => Below.Count == 0 || Figures.Count > 0;

    public async Task<IActionResult> OnGetAsync(int? unitId, int? year, int? link, string? saved, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var id = unitId ?? scope.RootUnitId;
        if (await UnitHeader.LoadAsync(db, scope, id, ct) is not { } unit)
        {
            return NotFound();
        }

        Unit = unit;
        Saved = saved;
        Units = await UnitChoice.ListAsync(db, scope, ct);
        var today = time.Today();
        (Year, Years) = YearChoice.Of(year, today.Year);
        var c = ActivityRecords.Collection;
        var wholeYear = c.InYear(db.Activities.VisibleTo(scope).Where(c.BelongsTo(id)), Year);
        var query = wholeYear;
        if (link is { } l)
        {
            query = query.Where(a => a.SchoolLinkId == l);
            LinkName = await db.SchoolLinks.VisibleTo(scope).Where(x => x.Id == l).Select(x => x.Unit!.Name + " — " + x.School!.Name).FirstOrDefaultAsync(ct);
        }

        Items = await c.Order(query).Select(c.Project).ToListAsync(ct);

        // The unit's figures are its whole year's, also when the list shows only one school link's activities;
        // counted with those of the units under it, in the same commands.
        Below = await UnitsBelow.ListAsync(db, scope, id, ct);
        var figures = await ActivityCounts.ForUnitsAsync(db, db.Activities.VisibleTo(scope), [id, .. Below.Select(b => b.Id)], Year, today, options.Value.Required, ct);
        Figures = figures[id];
        BelowFigures = figures;
        CivilizationEntries = await db.CivilizationEntries.CountAsync(e => e.UnitId == id && e.Year == Year, ct);
        CanEdit = (await authorization.AuthorizeAsync(User, new UnitResource(id), RecordOperations.Edit)).Succeeded;
        return Page();
    }
}

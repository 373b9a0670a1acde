using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WuHao.Web.Data;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features.Rules;

/// <summary>三、制度健全执行好: one unit's rules, work cycle, archive and funds for a year .</summary>
public sealed class IndexModel(AppDbContext db, OrgScope orgScope, IAuthorizationService authorization, TimeProvider time) : PageModel
{
    public UnitHeader Unit { get; private set; } = UnitHeader.None;
    public IReadOnlyList<UnitChoice> Units { get; private set; } = [];
    public int Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public RulesYear Figures { get; private set; } = null!;
    public bool CanEdit { get; private set; }

    /// <summary>The units under the unit, each with its figures as its own page shows them.</summary>
    public IReadOnlyList<UnitBelow> Below { get; private set; } = [];
    public IReadOnlyDictionary<int, RulesYear> BelowFigures { get; private set; } = new Dictionary<int, RulesYear>();

    /// <summary>Whether the unit's own records are shown: always for a unit without units under it, else only if it keeps any.</summary>
    public bool ShowsOwn => Below.Count == 0 || Figures.InForce.Count > 0 || Figures.Stages.Count > 0 || Figures.ArchiveEntries + Figures.FilesFiled > 0
        || Figures.Income != 0 || Figures.Spending != 0;

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
        (Year, Years) = YearChoice.Of(year, Domain.Clock.Today(time).Year);
        Below = await UnitsBelow.ListAsync(db, scope, id, ct);
        BelowFigures = await RulesFigures.ForUnitsAsync(db, [id, .. Below.Select(b => b.Id)], Year, ct);
        Figures = BelowFigures[id];
        CanEdit = (await authorization.AuthorizeAsync(User, new UnitResource(id), RecordOperations.Edit)).Succeeded;
        return Page();
    }
}

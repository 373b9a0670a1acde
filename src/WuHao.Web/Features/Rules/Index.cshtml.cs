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
        Figures = await RulesFigures.ForAsync(db, id, Year, ct);
        CanEdit = (await authorization.AuthorizeAsync(User, new UnitResource(id), RecordOperations.Edit)).Succeeded;
        return Page();
    }
}

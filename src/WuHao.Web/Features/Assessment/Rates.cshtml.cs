using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features.Assessment;

/// <summary>达标率: the share of units holding 五好关工委, for the unit and each township below it, by year (counted in SQL).</summary>
public sealed class RatesModel(AppDbContext db, OrgScope orgScope, Certifications certifications, TimeProvider time) : PageModel
{
    public int UnitId { get; private set; }
    public string UnitName { get; private set; } = "";
    public IReadOnlyList<CertificationRate> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int unitId, CancellationToken ct)
    {
        if (!await orgScope.IncludesAsync(unitId, ct))
        {
            return NotFound();
        }

        (UnitId, UnitName) = (unitId, await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).FirstAsync(ct));
        var year = time.Today().Year;
        Rows = await certifications.RatesAsync(unitId, [year, year - 1, year - 2], ct);
        return Page();
    }
}

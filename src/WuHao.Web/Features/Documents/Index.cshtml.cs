using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features.Documents;

/// <summary>What a unit can download for a year: the dossier (page and Word) and the official documents its kind of unit has.</summary>
public sealed class IndexModel(AppDbContext db, OrgScope orgScope, TimeProvider time) : PageModel
{
    public sealed record UnitLine(int Id, string Name, UnitType Type);

    public UnitLine? Unit { get; private set; }
    public int Year { get; private set; }
    public IReadOnlyList<DocumentKind> Kinds { get; private set; } = [];
    public bool HasDossier { get; private set; }

    public async Task<IActionResult> OnGetAsync(int unitId, int? year, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        Unit = await db.Units.VisibleTo(scope).Where(u => u.Id == unitId).Select(u => new UnitLine(u.Id, u.Name, u.Type)).FirstOrDefaultAsync(ct);
        if (Unit is null)
        {
            return NotFound();
        }

        Year = year is >= 2000 and <= 2100 ? year.Value : time.Today().Year;
        Kinds = [.. DocumentKind.All.Where(k => DocumentKind.Refusal(k.Key, Unit.Type) is null)];
        HasDossier = DocumentKind.Refusal("dossier", Unit.Type) is null;
        return Page();
    }
}

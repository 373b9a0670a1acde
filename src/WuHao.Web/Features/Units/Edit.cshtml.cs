using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features.Units;

/// <summary>Edit a unit: name, code, type, parent (admin and banner staff, within their scope).</summary>
[Authorize(Policy = Policies.TreeEditor)]
[ScopedRecord(typeof(OrgUnit))]
public sealed class EditModel(AppDbContext db, OrgScope orgScope, UnitCommands commands) : RecordPageModel
{
    [BindProperty]
    public UnitInput Input { get; set; } = new();

    public int Id { get; private set; }
    public IReadOnlyList<(int Id, string Name)> Parents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var unit = await db.Units.VisibleTo(scope).AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return NotFound();
        }

        Input = UnitCommands.ToInput(unit);
        await LoadParentsAsync(scope, id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        if (!await db.Units.VisibleTo(scope).AnyAsync(u => u.Id == id, ct))
        {
            return NotFound();
        }

        await LoadParentsAsync(scope, id, ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await commands.UpdateAsync(id, Input, ct);
        return await AfterSaveAsync(result, Input,
            async () => UnitCommands.ToInput(await db.Units.AsNoTracking().FirstAsync(u => u.Id == id, ct)),
            saved: _ => Redirect("/Units"));
    }

    private async Task LoadParentsAsync(UnitScope scope, int id, CancellationToken ct)
    {
        Id = id;
        Parents = (await db.Units.VisibleTo(scope).Where(u => u.Type == UnitType.Region || u.Type == UnitType.League || u.Type == UnitType.Banner || u.Type == UnitType.Township)
                .Where(u => u.Id != id).OrderBy(u => u.Path).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
            .Select(u => (u.Id, u.Name)).ToList();
    }
}

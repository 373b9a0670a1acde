using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features.Units;

/// <summary>Add a unit under the unit in the route (admin and banner staff, within their scope).</summary>
[Authorize(Policy = Policies.TreeEditor)]
public sealed class CreateModel(AppDbContext db, OrgScope orgScope, UnitCommands commands) : RecordPageModel
{
    [BindProperty]
    public UnitInput Input { get; set; } = new();

    public UnitHeader Parent { get; private set; } = UnitHeader.None;

    public async Task<IActionResult> OnGetAsync(int unitId, CancellationToken ct)
    {
        if (await LoadAsync(unitId, ct) is { } stop)
        {
            return stop;
        }

        Input = new UnitInput { ParentId = unitId, Type = OrgUnit.ApiName(OrgUnit.NextLevel(Parent.Type)) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int unitId, CancellationToken ct)
    {
        if (await LoadAsync(unitId, ct) is { } stop)
        {
            return stop;
        }

        Input.ParentId = unitId;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await commands.CreateAsync(Input, ct);
        return await AfterSaveAsync(result, Input, () => Task.FromResult(Input), saved: _ => Redirect("/Units"));
    }

    private async Task<IActionResult?> LoadAsync(int unitId, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        if (await UnitHeader.LoadAsync(db, scope, unitId, ct) is not { } parent)
        {
            return NotFound();
        }

        Parent = parent;
        return null;
    }
}

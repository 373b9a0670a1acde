using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features.Cases;

/// <summary>A unit's cases (masked), its figures, search by ID number, exports. Needs the 困境青少年档案 permission (folder filter).</summary>
public sealed class IndexModel(AppDbContext db, OrgScope orgScope, CaseCommands commands, CaseAccessLog log, IAuthorizationService authorization, TimeProvider time) : PageModel
{
    public UnitHeader Unit { get; private set; } = UnitHeader.None;
    public IReadOnlyList<YouthCaseDto> Cases { get; private set; } = [];
    public CaseFigures? Figures { get; private set; }
    public IReadOnlyList<(int Id, string Name)> Units { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public string? Message { get; private set; }
    public bool OwnUnit { get; private set; }

    /// <summary>Whether the user may open a case at this unit (the record authorization of the unit).</summary>
    public bool CanEdit { get; private set; }

    /// <summary>The units under the unit (R-8.5), each with its figures as its own page shows them.</summary>
    public IReadOnlyList<UnitBelow> Below { get; private set; } = [];
    public IReadOnlyDictionary<int, CaseFigures> BelowFigures { get; private set; } = new Dictionary<int, CaseFigures>();

    /// <summary>Whether the unit's own cases are shown: always for a unit without units under it, else only if it keeps any.</summary>
    public bool ShowsOwn => Below.Count == 0 || Cases.Count > 0;

    public async Task<IActionResult> OnGetAsync(int? unitId, string? message, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var id = unitId ?? scope.RootUnitId;
        if (await UnitHeader.LoadAsync(db, scope, id, ct) is not { } unit)
        {
            return NotFound();
        }

        Unit = unit;
        Message = message;
        Today = time.Today();
        OwnUnit = scope.RootUnitId == id;
        Units = (await db.Units.VisibleTo(scope).Where(u => (u.Type != UnitType.Region && u.Type != UnitType.League && u.Type != UnitType.Banner && u.Type != UnitType.Township) || u.Id == id)
                .OrderBy(u => u.Path).Select(u => new { u.Id, u.Name }).Take(500).ToListAsync(ct))
            .Select(u => (u.Id, u.Name)).ToList();
        var rows = await db.YouthCases.VisibleTo(scope).Where(c => c.UnitId == id).OrderBy(c => c.Status).ThenBy(c => c.Name).AsNoTracking().ToListAsync(ct);
        await log.WriteAsync("list", id, null, $"{rows.Count}条", ct);
        Cases = [.. rows.Select(r => commands.ToDto(r, []))];
        Below = await UnitsBelow.ListAsync(db, scope, id, ct);
        BelowFigures = await CaseFigures.ComputeManyAsync(db, [id, .. Below.Select(b => b.Id)], Today.Year, ct);
        Figures = BelowFigures[id];
        CanEdit = (await authorization.AuthorizeAsync(User, new UnitResource(id), RecordOperations.Edit)).Succeeded;
        return Page();
    }

    /// <summary>Search by ID number: a POST, so the number never appears in an address or a request log.</summary>
    public async Task<IActionResult> OnPostSearchAsync(int? unitId, string? idNumber, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var id = unitId ?? scope.RootUnitId;
        if (!await orgScope.IncludesAsync(id, ct))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(idNumber))
        {
            return Redirect($"/Cases/{id}?message={Uri.EscapeDataString("请输入身份证号")}");
        }

        var found = await commands.FindByIdNumberAsync(id, idNumber, ct);
        return found is { } caseId
            ? Redirect($"/Cases/Case/{id}/{caseId}")
            : Redirect($"/Cases/{id}?message={Uri.EscapeDataString("本单位没有此身份证号的档案")}");
    }
}

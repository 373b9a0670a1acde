using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Assessment;

/// <summary>
/// 五好关工委 of a unit and the units below it: each title's period and history (命名, 复评延续, 撤销), its
/// certificate, and for banner staff the form to revoke it with a reason.
/// </summary>
public sealed class CertificatesModel(AppDbContext db, OrgScope orgScope, Certifications certifications, TimeProvider time) : PageModel
{
    public int UnitId { get; private set; }
    public string UnitName { get; private set; } = "";
    public bool Administrative { get; private set; }
    public IReadOnlyList<Certification> Titles { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool CanRevoke { get; private set; }
    public int Years => certifications.Years;
    public string? Message { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int unitId, string? done, CancellationToken ct)
    {
        Message = done == "revoke" ? "已撤销，历史记录保留。" : null;
        return await LoadAsync(unitId, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int unitId, int id, int version, string? reason, CancellationToken ct)
    {
        if (!await LoadAsync(unitId, ct))
        {
            return NotFound();
        }

        if (Titles.All(t => t.Id != id))
        {
            return NotFound();
        }

        var result = await certifications.RevokeAsync(id, new RevokeInput(version, reason), ct);
        switch (result.Status)
        {
            case CommandStatus.Ok:
                return Redirect($"/Assessment/Certificates/{unitId}?done=revoke");
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Forbidden:
                return StatusCode(StatusCodes.Status403Forbidden);
            case CommandStatus.Conflict:
                Errors = ["这个命名刚被别人改动过，您的操作没有保存。请看最新情况后重新操作。"];
                break;
            default:
                Errors = [.. result.Errors!.All.Select(e => e.Message)];
                break;
        }

        await LoadAsync(unitId, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(int unitId, CancellationToken ct)
    {
        if (!await orgScope.IncludesAsync(unitId, ct))
        {
            return false;
        }

        var unit = await db.Units.Where(u => u.Id == unitId).Select(u => new { u.Name, u.Type }).FirstAsync(ct);
        (UnitId, UnitName, Administrative) = (unitId, unit.Name, OrgUnit.IsAdministrative(unit.Type));
        Today = time.Today();
        Titles = await certifications.ListAsync(unitId, ct);
        CanRevoke = Certifications.MayRevoke(User);
        return true;
    }
}

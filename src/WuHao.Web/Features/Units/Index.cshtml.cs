using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features.Units;

/// <summary>The organisation tree as far as the user may see it .</summary>
public sealed class IndexModel(AppDbContext db, OrgScope orgScope) : PageModel
{
    public sealed record Row(int Id, string Code, string Name, UnitType Type, int Depth, int Members, bool IsDemo);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool CanEditTree { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        CanEditTree = Roles.TreeEditors.Any(User.IsInRole);
        var units = await db.Units.VisibleTo(scope).OrderBy(u => u.Path)
            .Select(u => new { u.Id, u.Code, u.Name, u.Type, u.Path, u.IsDemo }).ToListAsync(ct);
        var members = await db.TeamMembers.VisibleTo(scope).Where(m => m.TermEnd == null)
            .GroupBy(m => m.UnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var top = units.Count == 0 ? 0 : units.Min(u => Depth(u.Path));
        Rows = units.Select(u => new Row(u.Id, u.Code, u.Name, u.Type, Depth(u.Path) - top, members.GetValueOrDefault(u.Id), u.IsDemo)).ToList();
    }

    private static int Depth(string path) => path.Count(c => c == '/');
}

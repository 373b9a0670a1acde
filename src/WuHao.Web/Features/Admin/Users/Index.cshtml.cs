using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Web.Features.Admin.Users;

/// <summary>All accounts, with their unit, role and state (system admin only: folder policy).</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Row(string Id, string UserName, string DisplayName, string UnitName, string Role, bool Disabled, bool LockedOut);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var users = await db.Users.OrderBy(u => u.Unit!.Path).ThenBy(u => u.UserName)
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, Unit = u.Unit!.Name, u.IsDisabled, u.LockoutEnd,
                Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        Rows = users.Select(u => new Row(u.Id, u.UserName ?? "", u.DisplayName, u.Unit, Roles.DisplayName(u.Role ?? ""), u.IsDisabled, u.LockoutEnd > now)).ToList();
    }
}

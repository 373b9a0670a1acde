using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features.AccessLog;

/// <summary>
/// The case access log: who listed, viewed, revealed, changed, exported or shared which case, when
/// and from where. Read-only for the system admin and banner staff, within their scope; nothing in the
/// application changes or deletes it.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Banner)]
public sealed class IndexModel(AppDbContext db, OrgScope orgScope) : PageModel
{
    public const int PageSize = 200;

    public sealed record Row(DateTimeOffset At, string UserName, string UnitName, int? CaseId, string Action, string? Detail, string? Address);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; }
    public string? ActionFilter { get; private set; }

    public static string ActionName(string action) => action switch
    {
        "list" => "查看列表",
        "view" => "查看档案",
        "reveal" => "显示明文",
        "search" => "按身份证号查找",
        "create" => "新建",
        "update" => "修改",
        "delete" => "删除",
        "export" => "导出（遮盖）",
        "export-unmasked" => "导出（明文）",
        "share" => "共享",
        "figures" => "查看统计",
        "anonymise" => "匿名化",
        _ => action,
    };

    public async Task OnGetAsync(string? action, int? page, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var query = db.CaseAccessLog.AsQueryable();
        if (!scope.Everything)
        {
            // The entries of units in scope, by path in SQL (the log rows have no navigation to their unit).
            var units = db.Units.VisibleTo(scope);
            query = query.Where(e => units.Any(u => u.Id == e.UnitId));
        }

        if (!string.IsNullOrEmpty(action))
        {
            query = query.Where(e => e.Action == action);
            ActionFilter = action;
        }

        PageNumber = Math.Max(1, page ?? 1);
        Total = await query.CountAsync(ct);
        Rows = await query.OrderByDescending(e => e.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Join(db.Units, e => e.UnitId, u => u.Id, (e, u) => new Row(e.At, e.UserName, u.Name, e.CaseId, e.Action, e.Detail, e.Address))
            .ToListAsync(ct);
    }
}

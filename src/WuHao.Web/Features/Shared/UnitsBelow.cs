using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features.Shared;

/// <summary>A unit under the unit an area page shows: a row of that page's 下辖单位 table, indented by depth below it.</summary>
public sealed record UnitBelow(int Id, string Name, UnitType Type, int Depth)
{
    public string TypeName => OrgUnit.TypeName(Type);
}

/// <summary>
/// The units under a unit, as a township or banner reads its area pages: every unit of the subtree the user
/// may see, in tree order. One query; each area then counts its figures for all of them at once.
/// </summary>
public static class UnitsBelow
{
    public static async Task<IReadOnlyList<UnitBelow>> ListAsync(AppDbContext db, UnitScope scope, int unitId, CancellationToken ct)
    {
        var path = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstAsync(ct);
        var depth = path.Count(c => c == '/');
        return (await db.Units.VisibleTo(scope).Where(u => u.Path.StartsWith(path) && u.Id != unitId).OrderBy(u => u.Path)
                .Select(u => new { u.Id, u.Name, u.Type, u.Path }).Take(1000).ToListAsync(ct))
            .Select(u => new UnitBelow(u.Id, u.Name, u.Type, u.Path.Count(c => c == '/') - depth - 1)).ToList();
    }
}

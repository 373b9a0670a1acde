using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features.Shared;

/// <summary>A unit in the unit chooser of a section's landing page, indented by depth.</summary>
public sealed record UnitChoice(int Id, string Name, UnitType Type, int Depth)
{
    public static async Task<IReadOnlyList<UnitChoice>> ListAsync(AppDbContext db, UnitScope scope, CancellationToken ct) =>
        (await db.Units.VisibleTo(scope).OrderBy(u => u.Path).Select(u => new { u.Id, u.Name, u.Type, u.Path }).Take(500).ToListAsync(ct))
        .Select(u => new UnitChoice(u.Id, u.Name, u.Type, u.Path.Count(c => c == '/') - 2)).ToList();
}

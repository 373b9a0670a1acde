using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Web.Infrastructure.Authorization;

/// <summary>
/// The units a user may see: their own unit and everything under it; everything for the system
/// admin. Resolved once per request. Every list, page, API route, export and dashboard filters through
/// <see cref="ScopeQueryExtensions.VisibleTo{T}"/>, so they cannot disagree.
/// </summary>
public sealed class UnitScope
{
    private readonly HashSet<int> unitIds;

    public UnitScope(int rootUnitId, bool everything, IEnumerable<int> unitIds)
    {
        RootUnitId = rootUnitId;
        Everything = everything;
        this.unitIds = [.. unitIds];
    }

    public int RootUnitId { get; }
    public bool Everything { get; }
    public IReadOnlyCollection<int> UnitIds => unitIds;

    public bool Contains(int unitId) => Everything || unitIds.Contains(unitId);

    public static readonly UnitScope Nothing = new(0, false, []);
}

public sealed class OrgScope(AppDbContext db, IHttpContextAccessor accessor)
{
    private UnitScope? resolved;

    public async Task<UnitScope> CurrentAsync(CancellationToken ct = default) =>
        resolved ??= await ResolveAsync(accessor.HttpContext?.User, ct);

    public async Task<UnitScope> ResolveAsync(ClaimsPrincipal? user, CancellationToken ct = default)
    {
        if (user?.Identity?.IsAuthenticated != true || WuHaoClaims.UnitIdOf(user) is not { } unitId)
        {
            return UnitScope.Nothing;
        }

        var root = await db.Units.Where(u => u.Id == unitId).Select(u => new { u.Id, u.Path }).FirstOrDefaultAsync(ct);
        if (root is null)
        {
            return UnitScope.Nothing;
        }

        var everything = user.IsInRole(Roles.Admin);
        var ids = everything
            ? []
            : await db.Units.Where(u => u.Path.StartsWith(root.Path)).Select(u => u.Id).ToListAsync(ct);
        return new UnitScope(root.Id, everything, ids);
    }
}

public static class ScopeQueryExtensions
{
    /// <summary>The one scope rule for records: only rows whose unit the user may see.</summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> query, UnitScope scope) where T : class, IUnitOwned
    {
        if (scope.Everything)
        {
            return query;
        }

        var ids = scope.UnitIds;
        return query.Where(r => ids.Contains(r.UnitId));
    }

    /// <summary>The same rule for the units themselves.</summary>
    public static IQueryable<OrgUnit> VisibleTo(this IQueryable<OrgUnit> query, UnitScope scope)
    {
        if (scope.Everything)
        {
            return query;
        }

        var ids = scope.UnitIds;
        return query.Where(u => ids.Contains(u.Id));
    }
}

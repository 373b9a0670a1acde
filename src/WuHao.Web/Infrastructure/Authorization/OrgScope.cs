using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Web.Infrastructure.Authorization;

/// <summary>
/// The units a user may see: their own unit and everything under it; everything for the system
/// admin. "Under it" is the materialised path: every unit whose <see cref="OrgUnit.Path"/> starts with the
/// root's, resolved in SQL — no list of unit ids is kept or passed into a query, so a region user costs the
/// same as a village user. Every list, page, API route, export and dashboard filters through
/// <see cref="ScopeQueryExtensions.VisibleTo{T}"/>, so they cannot disagree.
/// </summary>
public sealed class UnitScope(int rootUnitId, string rootPath, bool everything, bool youthCases = false)
{
    /// <summary>The user holds 困境青少年档案: files of children's records are visible too.</summary>
    public bool YouthCases { get; } = youthCases;

    public int RootUnitId { get; } = rootUnitId;

    /// <summary>The root unit's path, e.g. "/1/4/": the scope is every unit whose path starts with it.</summary>
    public string RootPath { get; } = rootPath;

    public bool Everything { get; } = everything;

    /// <summary>Whether a unit, by its already loaded path, is in scope.</summary>
    public bool Covers(string unitPath) => Everything || unitPath.StartsWith(RootPath, StringComparison.Ordinal);

    /// <summary>No unit: ids start at 1, so no path starts with "/0/".</summary>
    public static readonly UnitScope Nothing = new(0, "/0/", false);
}

public sealed class OrgScope(AppDbContext db, IHttpContextAccessor accessor)
{
    private UnitScope? resolved;
    private readonly Dictionary<int, bool> included = [];

    public async Task<UnitScope> CurrentAsync(CancellationToken ct = default) =>
        resolved ??= await ResolveAsync(accessor.HttpContext?.User, ct);

    /// <summary>Whether the unit exists and is in the current user's scope: one small query, remembered for the request.</summary>
    public async Task<bool> IncludesAsync(int unitId, CancellationToken ct = default)
    {
        if (!included.TryGetValue(unitId, out var yes))
        {
            var scope = await CurrentAsync(ct);
            included[unitId] = yes = await db.Units.VisibleTo(scope).AnyAsync(u => u.Id == unitId, ct);
        }

        return yes;
    }

    /// <summary>
    /// Whether the signed-in <paramref name="user"/> is still current: the account exists, is not disabled and still
    /// holds the security stamp it logged in with. In the same command, the user's scope for this request: every
    /// authenticated request asks both, so they cost one query, not two.
    /// </summary>
    public async Task<bool> AdmitAsync(ClaimsPrincipal user, string userId, string? securityStamp, CancellationToken ct = default)
    {
        var users = db.Users.Where(u => u.Id == userId && !u.IsDisabled && u.SecurityStamp == securityStamp);
        if (WuHaoClaims.UnitIdOf(user) is not { } unitId)
        {
            var current = await users.AnyAsync(ct);
            resolved = UnitScope.Nothing;
            return current;
        }

        var units = db.Units;
        var found = await users.Select(u => new { Path = units.Where(x => x.Id == unitId).Select(x => x.Path).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        resolved = found?.Path is { } path
            ? new UnitScope(unitId, path, user.IsInRole(Roles.Admin), user.MayKeepYouthCases())
            : UnitScope.Nothing;
        return found is not null;
    }

    public async Task<UnitScope> ResolveAsync(ClaimsPrincipal? user, CancellationToken ct = default)
    {
        if (user?.Identity?.IsAuthenticated != true || WuHaoClaims.UnitIdOf(user) is not { } unitId)
        {
            return UnitScope.Nothing;
        }

        var root = await db.Units.Where(u => u.Id == unitId).Select(u => new { u.Id, u.Path }).FirstOrDefaultAsync(ct);
        return root is null
            ? UnitScope.Nothing
            : new UnitScope(root.Id, root.Path, user.IsInRole(Roles.Admin), user.MayKeepYouthCases());
    }
}

public static class ScopeQueryExtensions
{
    /// <summary>
    /// The one scope rule for records: only rows whose unit the user may see, and the few records that are
    /// shared across units by design (<see cref="Shared{T}"/>).
    /// </summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> query, UnitScope scope) where T : UnitRecord
    {
        if (!scope.YouthCases && ChildrensFiles<T>() is { } notChildrens)
        {
            // Scans of children's consents follow the 困境青少年档案 permission, for everyone, admins included.
            query = query.Where(notChildrens);
        }

        if (scope.Everything)
        {
            return query;
        }

        // A captured variable, so EF sends it as one parameter: LIKE @root (escaped, with '%' appended) on both engines.
        var root = scope.RootPath;
        return Shared<T>(root) is { } shared ? query.Where(shared) : query.Where(r => r.Unit!.Path.StartsWith(root));
    }

    private static Expression<Func<T, bool>>? ChildrensFiles<T>() =>
        typeof(T) == typeof(StoredFile)
            ? (Expression<Func<StoredFile, bool>>)(f => !f.Links.OfType<CaseConsentFile>().Any()) as Expression<Func<T, bool>>
            : null;

    /// <summary>
    /// The exceptions to "own unit and below", all in one place: a village–school link belongs to the
    /// village and is shared with its school; so are the joint activities recorded under it (by either side),
    /// and the evidence files of both. Whoever sees the village or the school sees them; nobody else does.
    /// The same path rule applies to each side. Sharing is for reading: changes still need the record's own
    /// unit in scope (RecordAuthorizationHandler).
    /// </summary>
#pragma warning disable CA1310 // Expression trees translated to SQL LIKE, never run as .NET string comparisons.
    private static Expression<Func<T, bool>>? Shared<T>(string root) => (typeof(T).Name switch
    {
        nameof(SchoolLink) => (LambdaExpression)(Expression<Func<SchoolLink, bool>>)(l => l.Unit!.Path.StartsWith(root) || l.School!.Path.StartsWith(root)),
        nameof(Activity) => (Expression<Func<Activity, bool>>)(a => a.Unit!.Path.StartsWith(root)
            || (a.SchoolLinkId != null && (a.SchoolLink!.Unit!.Path.StartsWith(root) || a.SchoolLink.School!.Path.StartsWith(root)))),
        nameof(StoredFile) => (Expression<Func<StoredFile, bool>>)(f => f.Unit!.Path.StartsWith(root)
            || f.Links.OfType<ActivityFile>().Any(l => l.Activity!.SchoolLinkId != null
                && (l.Activity.SchoolLink!.Unit!.Path.StartsWith(root) || l.Activity.SchoolLink.School!.Path.StartsWith(root)))
            || f.Links.OfType<SchoolLinkFile>().Any(l => l.SchoolLink!.Unit!.Path.StartsWith(root) || l.SchoolLink.School!.Path.StartsWith(root))),
        _ => null,
    }) as Expression<Func<T, bool>>;
#pragma warning restore CA1310

    /// <summary>The same rule for the units themselves.</summary>
    public static IQueryable<OrgUnit> VisibleTo(this IQueryable<OrgUnit> query, UnitScope scope)
    {
        if (scope.Everything)
        {
            return query;
        }

        var root = scope.RootPath;
        return query.Where(u => u.Path.StartsWith(root));
    }
}

using System.Linq.Expressions;
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

    public UnitScope(int rootUnitId, bool everything, IEnumerable<int> unitIds, bool youthCases = false)
    {
        RootUnitId = rootUnitId;
        Everything = everything;
        YouthCases = youthCases;
        this.unitIds = [.. unitIds];
    }

    /// <summary>The user holds 困境青少年档案: files of children's records are visible too.</summary>
    public bool YouthCases { get; }

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
        return new UnitScope(root.Id, everything, ids, user.MayKeepYouthCases());
    }
}

public static class ScopeQueryExtensions
{
    /// <summary>
    /// The one scope rule for records: only rows whose unit the user may see, and the few records that are
    /// shared across units by design (<see cref="Shared{T}"/>).
    /// </summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> query, UnitScope scope) where T : class, IUnitOwned
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

        var ids = scope.UnitIds;
        return Shared<T>(ids) is { } shared ? query.Where(shared) : query.Where(r => ids.Contains(r.UnitId));
    }

    private static Expression<Func<T, bool>>? ChildrensFiles<T>() =>
        typeof(T) == typeof(StoredFile)
            ? (Expression<Func<StoredFile, bool>>)(f => !f.Links.OfType<CaseConsentFile>().Any()) as Expression<Func<T, bool>>
            : null;

    /// <summary>
    /// The exceptions to "own unit and below", all in one place: a village–school link belongs to the
    /// village and is shared with its school; so are the joint activities recorded under it (by either side),
    /// and the evidence files of both. Whoever sees the village or the school sees them; nobody else does.
    /// Sharing is for reading: changes still need the record's own unit in scope (RecordAuthorizationHandler).
    /// </summary>
    private static Expression<Func<T, bool>>? Shared<T>(IReadOnlyCollection<int> ids) => (typeof(T).Name switch
    {
        nameof(SchoolLink) => (LambdaExpression)(Expression<Func<SchoolLink, bool>>)(l => ids.Contains(l.UnitId) || ids.Contains(l.SchoolUnitId)),
        nameof(Activity) => (Expression<Func<Activity, bool>>)(a => ids.Contains(a.UnitId)
            || (a.SchoolLinkId != null && (ids.Contains(a.SchoolLink!.UnitId) || ids.Contains(a.SchoolLink.SchoolUnitId)))),
        nameof(StoredFile) => (Expression<Func<StoredFile, bool>>)(f => ids.Contains(f.UnitId)
            || f.Links.OfType<ActivityFile>().Any(l => l.Activity!.SchoolLinkId != null
                && (ids.Contains(l.Activity.SchoolLink!.UnitId) || ids.Contains(l.Activity.SchoolLink.SchoolUnitId)))
            || f.Links.OfType<SchoolLinkFile>().Any(l => ids.Contains(l.SchoolLink!.UnitId) || ids.Contains(l.SchoolLink.SchoolUnitId))),
        _ => null,
    }) as Expression<Func<T, bool>>;

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

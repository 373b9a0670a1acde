using System.Security.Claims;

namespace WuHao.Web.Infrastructure.Authorization;

/// <summary>Who is acting now, for the audit stamps and the change log.</summary>
public interface ICurrentActor
{
    string? UserId { get; }
    string UserName { get; }
}

public sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    public string? UserId => accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The login name; "system" for commands and background work.</summary>
    public string UserName => accessor.HttpContext?.User.Identity?.Name ?? "system";
}

public static class WuHaoClaims
{
    public const string UnitId = "wuhao:unit";
    public const string DisplayName = "wuhao:name";
    public const string Demo = "wuhao:demo";

    /// <summary>A permission on top of the role and the unit scope; held as an Identity user claim.</summary>
    public const string Permission = "wuhao:permission";

    /// <summary>困境青少年档案: reading and keeping records of young people in difficulty .</summary>
    public const string YouthCases = "youth-cases";

    public static bool MayKeepYouthCases(this ClaimsPrincipal user) => user.HasClaim(Permission, YouthCases);

    public static int? UnitIdOf(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(UnitId), out var id) ? id : null;

    public static string DisplayNameOf(ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";
}

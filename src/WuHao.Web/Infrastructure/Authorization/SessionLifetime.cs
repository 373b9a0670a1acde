using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace WuHao.Web.Infrastructure.Authorization;

/// <summary>
/// How long a login lasts (R-0.3, issue 13 item 14), for the login cookie and bearer tokens alike:
/// <see cref="IdleTimeout"/> without activity ends it (the cookie slides; a bearer client refreshes its token within
/// it), and <see cref="AbsoluteLifetime"/> after the password was checked ends it however active it is.
/// </summary>
public sealed class SessionOptions
{
    public const string Section = "Session";

    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(8);

    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>An access token's own lifetime (API.md: expiresIn 3600), never longer than the idle timeout.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// The instant of the password check travels in the principal (a claim), so that a sliding cookie, a security stamp
/// refresh of the cookie and a refreshed bearer token all keep the first sign-in's time, and one check
/// (<see cref="IsOver"/>, from <see cref="IdentitySetup.UseActiveUserCheck"/>) ends both kinds at the same limit.
/// </summary>
public sealed class SessionLifetime(IOptions<SessionOptions> options, TimeProvider time)
{
    /// <summary>Unix seconds of the password check that began this session.</summary>
    public const string SignedInClaim = "wuhao:signed-in";

    private SessionOptions Options => options.Value;

    /// <summary>Marks a principal just made from a checked password as the start of a session.</summary>
    public ClaimsPrincipal Begin(ClaimsPrincipal principal)
    {
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SignedInClaim,
            time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        return principal;
    }

    /// <summary>Carries the session's start from the principal it replaces (a refresh) into a new one.</summary>
    public static void Carry(ClaimsPrincipal from, ClaimsPrincipal to)
    {
        if (from.FindFirst(SignedInClaim) is { } claim && to.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == SignedInClaim))
        {
            identity.AddClaim(new Claim(SignedInClaim, claim.Value));
        }
    }

    /// <summary>When the session of this principal must end however active it is; null when it carries no start.</summary>
    public DateTimeOffset? Ends(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst(SignedInClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) + Options.AbsoluteLifetime
            : null;

    /// <summary>Past the absolute lifetime, or without a recorded start (a login made before this rule): over.</summary>
    public bool IsOver(ClaimsPrincipal principal) => Ends(principal) is not { } end || time.GetUtcNow() >= end;

    /// <summary>A bearer token's properties: its own lifetime, cut short where the session ends.</summary>
    public AuthenticationProperties TokenProperties(ClaimsPrincipal principal)
    {
        var now = time.GetUtcNow();
        var lifetime = Options.AccessTokenLifetime < Options.IdleTimeout ? Options.AccessTokenLifetime : Options.IdleTimeout;
        var expires = now + lifetime;
        if (Ends(principal) is { } end && end < expires)
        {
            expires = end;
        }

        return new AuthenticationProperties { ExpiresUtc = expires };
    }
}

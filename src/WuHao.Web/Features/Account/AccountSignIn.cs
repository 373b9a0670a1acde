using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features.Account;

public enum SignInStatus
{
    Ok,
    Failed,

    /// <summary>Too many failed logins for this name (<see cref="LoginThrottle"/>): 429.</summary>
    Throttled,
}

public sealed record SignInOutcome(SignInStatus Status, string Message, ClaimsPrincipal? Principal = null, AppUser? User = null);

/// <summary>
/// One password check for the login page and the API: lockout after five failures, disabled accounts refused.
/// A failed login says the same thing and costs the same password hash whether the account exists, is locked, is
/// disabled or the password is wrong, so that neither the answer nor its timing tells which accounts exist;
/// "disabled" is said only to whoever knows the password.
/// </summary>
public sealed class AccountSignIn(UserManager<AppUser> users, SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher, LoginThrottle throttle,
    SessionLifetime session)
{
    public const string Failed = "用户名或密码不正确。连续输错5次，账号将锁定15分钟";

    /// <summary>A hash of a password nobody has, checked for unknown and locked accounts so that they take as long as real ones.</summary>
    private static string? dummyHash;

    public async Task<SignInOutcome> CheckAsync(string userName, string password)
    {
        if (!throttle.MayTry(userName))
        {
            return new(SignInStatus.Throttled, LoginThrottle.Message);
        }

        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            HashForTiming(password);
            return Fail(userName);
        }

        if (await users.IsLockedOutAsync(user))
        {
            HashForTiming(password);
            return Fail(userName);
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            return Fail(userName);
        }

        return user.IsDisabled
            ? new(SignInStatus.Failed, "此账号已停用，请联系管理员")
            : new(SignInStatus.Ok, "", session.Begin(await signIn.CreateUserPrincipalAsync(user)), user);
    }

    private SignInOutcome Fail(string userName)
    {
        throttle.Failed(userName);
        return new(SignInStatus.Failed, Failed);
    }

    private void HashForTiming(string password)
    {
        var probe = new AppUser { UserName = "-", DisplayName = "-" };
        _ = hasher.VerifyHashedPassword(probe, dummyHash ??= hasher.HashPassword(probe, Guid.NewGuid().ToString("N")), password);
    }
}

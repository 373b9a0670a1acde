using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using WuHao.Web.Domain;

namespace WuHao.Web.Features.Account;

public enum SignInStatus
{
    Ok,
    Failed,
    LockedOut,
}

public sealed record SignInOutcome(SignInStatus Status, string Message, ClaimsPrincipal? Principal = null, AppUser? User = null);

/// <summary>One password check for the login page and the API: lockout after five failures, disabled accounts refused.</summary>
public sealed class AccountSignIn(UserManager<AppUser> users, SignInManager<AppUser> signIn, TimeProvider time)
{
    private const string WrongPassword = "用户名或密码不正确";

    public async Task<SignInOutcome> CheckAsync(string userName, string password)
    {
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            return new(SignInStatus.Failed, WrongPassword);
        }

        if (user.IsDisabled)
        {
            return new(SignInStatus.Failed, "此账号已停用，请联系管理员");
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            var end = await users.GetLockoutEndDateAsync(user);
            var minutes = end is { } e ? Math.Max(1, (int)Math.Ceiling((e - time.GetUtcNow()).TotalMinutes)) : 15;
            return new(SignInStatus.LockedOut, string.Create(CultureInfo.InvariantCulture, $"密码连续输错次数过多，账号已锁定，请{minutes}分钟后再试"));
        }

        if (!result.Succeeded)
        {
            var left = users.Options.Lockout.MaxFailedAccessAttempts - await users.GetAccessFailedCountAsync(user);
            return new(SignInStatus.Failed, left is > 0 and <= 3 ? $"{WrongPassword}，再错{left}次账号将被锁定" : WrongPassword);
        }

        return new(SignInStatus.Ok, "", await signIn.CreateUserPrincipalAsync(user), user);
    }
}

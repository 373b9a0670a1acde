using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Account;

public sealed record LoginRequest(
    [property: Required(ErrorMessage = "请填写用户名")] string? UserName,
    [property: Required(ErrorMessage = "请填写密码")] string? Password);

public sealed record RefreshRequest([property: Required(ErrorMessage = "请提供刷新令牌")] string? RefreshToken);

public static class AuthApi
{
    public static void MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/login", async Task<Results<SignInHttpResult, ProblemHttpResult, ValidationProblem>> (
                LoginRequest request, AccountSignIn signIn, SessionLifetime session) =>
            {
                var errors = ValidationErrors.FromAnnotations(request);
                if (!errors.IsValid)
                {
                    return ApiProblems.Invalid(errors);
                }

                var outcome = await signIn.CheckAsync(request.UserName!, request.Password!);
                return outcome.Status switch
                {
                    SignInStatus.Ok => TypedResults.SignIn(outcome.Principal!, session.TokenProperties(outcome.Principal!), IdentityConstants.BearerScheme),
                    SignInStatus.Throttled => TypedResults.Problem(title: "登录尝试过于频繁", detail: outcome.Message, statusCode: StatusCodes.Status429TooManyRequests),
                    _ => TypedResults.Problem(title: "登录失败", detail: outcome.Message, statusCode: StatusCodes.Status401Unauthorized),
                };
            })
            .AllowAnonymous()
            .WithTags("登录")
            .WithSummary("用用户名和密码换取 Bearer 令牌")
            .Produces<AccessTokenResponse>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithDescription("返回 {tokenType: \"Bearer\", accessToken, expiresIn: 3600, refreshToken}。用户名或密码错误、账号锁定（连续错误5次，15分钟）时一律 401、同一说明，不透露账号是否存在；同一地址或同一用户名尝试过于频繁时 429。");

        api.MapPost("/auth/refresh", async Task<Results<SignInHttpResult, ProblemHttpResult, ValidationProblem>> (
                RefreshRequest request, IOptionsMonitor<BearerTokenOptions> bearer, SignInManager<AppUser> signIn, SessionLifetime session, TimeProvider time) =>
            {
                var errors = ValidationErrors.FromAnnotations(request);
                if (!errors.IsValid)
                {
                    return ApiProblems.Invalid(errors);
                }

                // Refused alike: a forged or expired refresh token (idle past Session:IdleTimeout), a session past its
                // absolute lifetime, an account disabled or changed since (security stamp, e.g. after logout).
                var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
                var user = ticket?.Properties.ExpiresUtc is { } expires && time.GetUtcNow() < expires && !session.IsOver(ticket.Principal)
                    ? await signIn.ValidateSecurityStampAsync(ticket.Principal)
                    : null;
                if (user is null || user.IsDisabled)
                {
                    return TypedResults.Problem(title: "登录已过期", detail: "请重新登录。", statusCode: StatusCodes.Status401Unauthorized);
                }

                var principal = await signIn.CreateUserPrincipalAsync(user);
                SessionLifetime.Carry(ticket!.Principal, principal);
                return TypedResults.SignIn(principal, session.TokenProperties(principal), IdentityConstants.BearerScheme);
            })
            .AllowAnonymous()
            .WithTags("登录")
            .WithSummary("用刷新令牌换取新的 Bearer 令牌（会话保持）")
            .Produces<AccessTokenResponse>().ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithDescription("请求体 {refreshToken}（登录或上次刷新时返回的）。返回与登录相同的 {tokenType, accessToken, expiresIn, refreshToken}。" +
                "刷新令牌在空闲超时（默认8小时）内有效；自输入密码登录起满会话最长时限（默认12小时）后不再刷新，令牌也在那时失效，须重新登录。失败一律 401。");

        api.MapPost("/auth/logout", async Task<NoContent> (ClaimsPrincipal user, UserManager<AppUser> users) =>
            {
                if (await users.GetUserAsync(user) is { } account)
                {
                    await users.UpdateSecurityStampAsync(account);
                }

                return TypedResults.NoContent();
            })
            .WithTags("登录")
            .WithSummary("退出登录：此账号已发出的令牌和登录 Cookie 一律失效")
            .WithDescription("更新账号的安全戳，之后用旧令牌或旧 Cookie 的请求一律 401。返回 204。");
    }
}

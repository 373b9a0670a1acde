using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Account;

public sealed record LoginRequest(
    [property: Required(ErrorMessage = "请填写用户名")] string? UserName,
    [property: Required(ErrorMessage = "请填写密码")] string? Password);

public static class AuthApi
{
    public static void MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/login", async Task<Results<SignInHttpResult, ProblemHttpResult, ValidationProblem>> (
                LoginRequest request, AccountSignIn signIn) =>
            {
                var errors = ValidationErrors.FromAnnotations(request);
                if (!errors.IsValid)
                {
                    return ApiProblems.Invalid(errors);
                }

                var outcome = await signIn.CheckAsync(request.UserName!, request.Password!);
                return outcome.Status switch
                {
                    SignInStatus.Ok => TypedResults.SignIn(outcome.Principal!, authenticationScheme: IdentityConstants.BearerScheme),
                    SignInStatus.Throttled => TypedResults.Problem(title: "登录尝试过于频繁", detail: outcome.Message, statusCode: StatusCodes.Status429TooManyRequests),
                    _ => TypedResults.Problem(title: "登录失败", detail: outcome.Message, statusCode: StatusCodes.Status401Unauthorized),
                };
            })
            .AllowAnonymous()
            .WithTags("登录")
            .WithSummary("用用户名和密码换取 Bearer 令牌")
            .WithDescription("返回 {tokenType: \"Bearer\", accessToken, expiresIn: 3600}。用户名或密码错误、账号锁定（连续错误5次，15分钟）时一律 401、同一说明，不透露账号是否存在；同一地址或同一用户名尝试过于频繁时 429。");

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

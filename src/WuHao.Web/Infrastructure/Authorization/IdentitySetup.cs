using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Web.Infrastructure.Authorization;

public static class IdentitySetup
{
    /// <summary>The scheme that picks the bearer token when one is sent, else the login cookie.</summary>
    public const string CookieOrBearer = "CookieOrBearer";

    public static void AddWuHaoIdentity(this IServiceCollection services)
    {
        // Data Protection (keys in the database, encrypted with a key kept outside it): Protection/KeyRing.cs.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, "登录 Cookie 或 Bearer 令牌", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddIdentityCookies();

        // Idle timeout and absolute lifetime, one section for both kinds of login (SessionLifetime.cs).
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.Section)
            .Validate(s => s.IdleTimeout > TimeSpan.Zero && s.AccessTokenLifetime > TimeSpan.Zero && s.AbsoluteLifetime >= s.IdleTimeout,
                "Session: IdleTimeout and AccessTokenLifetime must be positive, AbsoluteLifetime at least IdleTimeout")
            .ValidateOnStart();
        services.AddSingleton<SessionLifetime>();
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme).Configure<IOptions<SessionOptions>>((o, session) =>
        {
            o.BearerTokenExpiration = session.Value.AccessTokenLifetime < session.Value.IdleTimeout ? session.Value.AccessTokenLifetime : session.Value.IdleTimeout;
            o.RefreshTokenExpiration = session.Value.IdleTimeout;
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SessionOptions>>((o, session) => o.ExpireTimeSpan = session.Value.IdleTimeout);

        // The security stamp check rebuilds the cookie's principal now and then: keep the session's start in it.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            SessionLifetime.Carry(context.CurrentPrincipal!, context.NewPrincipal!);
            return Task.CompletedTask;
        });

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "WuHao.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Error/403";
            o.SlidingExpiration = true; // ExpireTimeSpan: Session:IdleTimeout, above
            o.Events.OnRedirectToLogin = ctx => ApiOr(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                // A real 403 everywhere; pages get the Chinese status page through UseStatusCodePagesWithReExecute.
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddErrorDescriber<ChineseIdentityErrors>();

        // No scheme on the policies: the default scheme authenticates once, and UseActiveUserCheck may then clear the user.
        var active = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(active)
            .SetFallbackPolicy(active)
            .AddPolicy(Policies.Admin, p => p.Combine(active).RequireRole(Roles.Admin))
            .AddPolicy(Policies.TreeEditor, p => p.Combine(active).RequireRole([.. Roles.TreeEditors]));

        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentActor, HttpCurrentActor>();
        services.AddScoped<OrgScope>();
        services.AddScoped<IAuthorizationHandler, RecordAuthorizationHandler>();
    }

    /// <summary>
    /// Signs out a principal whose account was disabled, deleted, or changed (role, unit, password: a new
    /// security stamp) since it logged in, or whose session passed its absolute lifetime (Session:AbsoluteLifetime).
    /// Runs after authentication, for cookies and bearer tokens alike.
    /// </summary>
    public static IApplicationBuilder UseActiveUserCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var options = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value;
            var userId = context.User.FindFirst(options.ClaimsIdentity.UserIdClaimType)?.Value;
            var stamp = context.User.FindFirst(options.ClaimsIdentity.SecurityStampClaimType)?.Value;
            var current = userId is not null
                && !context.RequestServices.GetRequiredService<SessionLifetime>().IsOver(context.User)
                && await context.RequestServices.GetRequiredService<OrgScope>().AdmitAsync(context.User, userId, stamp, context.RequestAborted);
            if (!current)
            {
                if (context.Request.Headers.Authorization.Count == 0)
                {
                    await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                }

                context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
            }
        }

        await next(context);
    });

    private static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
        }
        else
        {
            ctx.Response.Redirect(ctx.RedirectUri);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Identity's messages in Chinese.</summary>
public sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"密码至少需要{length}位" };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "密码须包含数字" };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "密码须包含小写字母" };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "密码须包含大写字母" };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "密码须包含符号" };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"密码至少要有{uniqueChars}个不同的字符" };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"用户名“{userName}”已被使用" };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"用户名“{userName}”无效，只能包含字母、数字和 - . _ @" };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "原密码不正确" };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "此记录已被他人修改，请刷新后重试" };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "操作失败，请重试" };
}

using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace WuHao.Web.Features.Account;

/// <summary>Settings of section "Login": how fast logins may be tried, on top of the lockout of one account .</summary>
public sealed class LoginOptions
{
    public const string Section = "Login";

    /// <summary>Login attempts (page and API) from one client address per <see cref="AddressWindow"/>: slows spraying one password over many accounts.</summary>
    public int PermitsPerAddress { get; set; } = 30;

    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Failed logins for one account name, existing or not, per <see cref="NameWindow"/>. Above the lockout's five, so that
    /// the lockout acts first on real accounts and a made-up name is slowed down exactly as a real one is.
    /// </summary>
    public int FailuresPerName { get; set; } = 10;

    public TimeSpan NameWindow { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// The two login limits, with ASP.NET Core's rate limiters: per client address as middleware on the two login
/// endpoints (POST /Account/Login and POST /api/v1/auth/login), and per account name inside <see cref="AccountSignIn"/>
/// (the name is in the body, which the middleware does not read). Both answer 429 in Chinese.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    public const string Message = "登录尝试过于频繁，请稍后再试。";

    private readonly PartitionedRateLimiter<string> names;

    public LoginThrottle(IOptions<LoginOptions> options)
    {
        var o = options.Value;
        names = PartitionedRateLimiter.Create<string, string>(name => RateLimitPartition.GetFixedWindowLimiter(name, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, o.FailuresPerName), Window = o.NameWindow, QueueLimit = 0, AutoReplenishment = true,
        }));
    }

    /// <summary>Whether the name may be tried now (its failures are not used up).</summary>
    public bool MayTry(string userName)
    {
        using var lease = names.AttemptAcquire(Key(userName), 0);
        return lease.IsAcquired;
    }

    public void Failed(string userName)
    {
        using var lease = names.AttemptAcquire(Key(userName), 1);
    }

    public void Dispose() => names.Dispose();

    private static string Key(string userName) => userName.Trim().ToUpperInvariant();

    public static bool IsLogin(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && (context.Request.Path.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.Equals("/api/v1/auth/login", StringComparison.OrdinalIgnoreCase));
}

public static class LoginThrottleSetup
{
    public static IServiceCollection AddLoginThrottle(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LoginOptions>(configuration.GetSection(LoginOptions.Section));
        services.AddSingleton<LoginThrottle>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LoginOptions>>((o, login) =>
        {
            var limits = login.Value;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => LoginThrottle.IsLogin(context)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, limits.PermitsPerAddress), Window = limits.AddressWindow, QueueLimit = 0, AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                // No body: the status pages (Chinese page or problem+json) describe the 429.
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }
}

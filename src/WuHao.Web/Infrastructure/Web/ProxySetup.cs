using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;

namespace WuHao.Web.Infrastructure.Web;

/// <summary>Settings of section "Proxy": which reverse proxies may tell the app the client's address and scheme.</summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>Addresses of trusted proxies, e.g. <c>Proxy__KnownProxies__0=127.0.0.1</c> for nginx on the same machine.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Trusted proxy networks in CIDR form, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>
    /// Serve plain HTTP outside Development, with cookies that are Secure only on HTTPS requests: for a closed test rig.
    /// Off by default: then a plain HTTP request gets a Chinese explanation instead of a page.
    /// </summary>
    public bool AllowPlainHttp { get; set; }
}

/// <summary>
/// Running behind a TLS-terminating reverse proxy: X-Forwarded-For/Proto honoured from the configured proxies only
/// (no default trust, not even loopback), Secure cookies and HSTS outside Development, no Server header.
/// </summary>
public static class ProxySetup
{
    public const string PlainHttpRefused = "请通过 HTTPS 访问本系统。管理员请注意：若系统在反向代理之后，请在 Proxy:KnownProxies 或 Proxy:KnownNetworks 中配置代理地址，"
        + "使代理转发的 X-Forwarded-Proto 生效（见 README“Behind a reverse proxy”）。";

    public static void AddWuHaoProxy(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // With both lists empty the middleware would trust every caller: then it reads no header at all.
            o.ForwardedHeaders = options.KnownProxies.Count + options.KnownNetworks.Count > 0
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in options.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in options.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);

        builder.Services.AddSingleton(options);
        if (!builder.Environment.IsDevelopment() && !options.AllowPlainHttp)
        {
            // Sent only over HTTPS (directly or as X-Forwarded-Proto from a configured proxy); never for localhost.
            builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
            builder.Services.ConfigureAll<CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            builder.Services.Configure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        }
    }

    /// <summary>First in the pipeline, so that everything after it (the case access log included) sees the client.</summary>
    public static void UseWuHaoProxy(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (app.Environment.IsDevelopment() || app.Services.GetRequiredService<ProxyOptions>().AllowPlainHttp)
        {
            return;
        }

        app.UseHsts();

        // Secure cookies never come back over plain HTTP (and antiforgery refuses to issue them there): say why.
        app.Use(async (context, next) =>
        {
            if (context.Request.IsHttps || context.Request.Path.StartsWithSegments("/healthz"))
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(PlainHttpRefused, context.RequestAborted);
        });
    }
}

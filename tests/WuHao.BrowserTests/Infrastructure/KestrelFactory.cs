using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;

namespace WuHao.BrowserTests.Infrastructure;

/// <summary>
/// The real app (SQLite, fake clock, real migrations) served by Kestrel on a free port of this machine,
/// so that a real browser can reach it.
/// </summary>
public sealed class KestrelFactory : WuHaoFactory
{
    private Uri? address;

    public KestrelFactory() => UseKestrel(0);

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);

        // The browser reaches Kestrel over plain HTTP; outside Development the app otherwise asks for HTTPS.
        builder.UseSetting("Proxy:AllowPlainHttp", "true");
    }

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234/; starts the server on first use.</summary>
    public Uri Address => address ??= Start();

    private Uri Start()
    {
        StartServer();
        var bound = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var uri = bound is not null ? new Uri(bound) : ClientOptions.BaseAddress;

        // Kestrel may report a wildcard host ("http://[::]:port"): the browser needs a host it can dial.
        if (uri.Host is "[::]" or "0.0.0.0" or "+" or "*")
        {
            uri = new UriBuilder(uri) { Host = "127.0.0.1" }.Uri;
        }

        return uri;
    }
}

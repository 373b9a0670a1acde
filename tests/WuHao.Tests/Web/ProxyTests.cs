using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;

namespace WuHao.Tests.Web;

/// <summary>
/// Behind a reverse proxy (R-0.3, R-5.5): forwarded headers only from configured proxies, so the case access log
/// records the client and not the proxy; Secure cookies and HSTS outside Development; no Server header.
/// </summary>
public sealed class ProxyTests(SqliteFactory direct, ProxyTests.ProxiedFactory proxied) : IClassFixture<SqliteFactory>, IClassFixture<ProxyTests.ProxiedFactory>
{
    private const string Client = "203.0.113.7";

    [Fact]
    public async Task Behind_a_configured_proxy_the_case_access_log_records_the_client_it_forwards_for()
    {
        var data = await TestData.CreateAsync(proxied);
        var api = await ApiClient.LoginAsync(proxied, data.User("village1"));
        Assert.Equal(HttpStatusCode.OK, (await ListCasesAsync(api, data)).StatusCode);
        Assert.Equal([Client], await LoggedAddressesAsync(proxied, data));
    }

    [Fact]
    public async Task From_an_address_not_configured_as_a_proxy_the_forwarded_header_is_ignored()
    {
        // The caller is 127.0.0.2: loopback, which ASP.NET would trust by default. Only configured proxies count.
        var data = await TestData.CreateAsync(direct);
        var api = await ApiClient.LoginAsync(direct, data.User("village1"));
        Assert.Equal(HttpStatusCode.OK, (await ListCasesAsync(api, data)).StatusCode);
        Assert.Equal([ClientAddressFilter.Address.ToString()], await LoggedAddressesAsync(direct, data));
    }

    [Fact]
    public async Task HSTS_is_sent_over_HTTPS_and_over_HTTP_only_when_a_configured_proxy_says_the_client_used_HTTPS()
    {
        var http = direct.CreateClient();
        var overHttps = await http.GetAsync(new Uri("https://wuhao.example/healthz"));
        Assert.Equal("max-age=31536000", Assert.Single(overHttps.Headers.GetValues("Strict-Transport-Security")));
        Assert.False((await http.GetAsync(new Uri("http://wuhao.example/healthz"))).Headers.Contains("Strict-Transport-Security"));

        Assert.False((await SendAsync(direct.CreateClient(), "http://wuhao.example/healthz", ("X-Forwarded-Proto", "https"))).Headers.Contains("Strict-Transport-Security"));
        Assert.True((await SendAsync(proxied.CreateClient(), "http://wuhao.example/healthz", ("X-Forwarded-Proto", "https"))).Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_login_and_antiforgery_cookies_are_Secure_outside_Development()
    {
        var data = await TestData.CreateAsync(direct);
        var page = PageClient.Anonymous(direct);
        var (form, _) = await page.GetAsync("/Account/Login");
        var antiforgery = Assert.Single(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);

        var login = await page.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = data.User("village1"), ["Input.Password"] = TestData.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var auth = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("WuHao.Auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_page_over_plain_HTTP_outside_Development_explains_in_Chinese_instead_of_failing()
    {
        var plain = await direct.CreateClient().GetAsync(new Uri("http://wuhao.example/Account/Login"));
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Contains("请通过 HTTPS 访问", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var forwarded = await SendAsync(proxied.CreateClient(), "http://wuhao.example/Account/Login", ("X-Forwarded-Proto", "https"));
        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        Assert.Contains("; secure", Assert.Single(forwarded.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Kestrel_sends_no_Server_header()
    {
        using var kestrel = new KestrelFactory();
        using var http = new HttpClient { BaseAddress = kestrel.Start() };
        var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Headers.Server);
        Assert.False(response.Headers.Contains("Server"));
    }

    private static Task<HttpResponseMessage> ListCasesAsync(HttpClient api, TestData data) =>
        SendAsync(api, $"/api/v1/units/{data.Unit("A1")}/youth-cases", ("X-Forwarded-For", Client));

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string url, (string Name, string Value) header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.RelativeOrAbsolute));
        request.Headers.Add(header.Name, header.Value);
        return await http.SendAsync(request);
    }

    private static async Task<List<string?>> LoggedAddressesAsync(WuHaoFactory factory, TestData data)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().CaseAccessLog
            .Where(e => e.UnitId == data.Unit("A1") && e.UserName == data.User("village1") && e.Action == "list")
            .Select(e => e.Address).Distinct().ToListAsync();
    }

    /// <summary>The app with the test server's client address (127.0.0.2) configured as its reverse proxy.</summary>
    public sealed class ProxiedFactory : WuHaoFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Proxy:KnownProxies:0", ClientAddressFilter.Address.ToString());
        }
    }

    /// <summary>The app served by real Kestrel on a free port.</summary>
    private sealed class KestrelFactory : WuHaoFactory
    {
        public KestrelFactory() => UseKestrel(0);

        public Uri Start()
        {
            StartServer();
            var bound = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var uri = new Uri(bound);
            return uri.Host is "[::]" or "0.0.0.0" or "+" or "*" ? new UriBuilder(uri) { Host = "127.0.0.1" }.Uri : uri;
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using WuHao.Tests.Infrastructure;

namespace WuHao.Tests.Hardening;

/// <summary>
/// Issue 13 item 4 (R-0.3): logging out ends the session on the server, not only in the browser: a copy of the
/// cookie taken before logout, replayed after it, is refused; so is a bearer token after the API's logout.
/// </summary>
public sealed class LogoutTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task A_cookie_replayed_after_logout_is_sent_to_the_login_page()
    {
        var data = await TestData.CreateAsync(factory);
        var browser = PageClient.Anonymous(factory);
        var login = await browser.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = data.User("village1"), ["Input.Password"] = TestData.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("WuHao.Auth", StringComparison.Ordinal)).Select(c => c.Split(';')[0]));
        Assert.NotEmpty(cookie);

        var copy = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = factory.ClientOptions.BaseAddress });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        var api = $"/api/v1/units/{data.Unit("A1")}/team-members";
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(api)).StatusCode);

        var (_, home) = await browser.GetAsync("/");
        var logout = await browser.PostFormAsync(home.Forms.Single(f => f.GetAttribute("action") == "/Account/Logout"), "/", []);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        var page = await copy.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Account/Login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync(api)).StatusCode);

        // Logging in again works.
        await PageClient.LoginAsync(factory, data.User("village1"));
    }

    [Fact]
    public async Task A_bearer_token_is_refused_after_the_API_logout()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var url = $"/api/v1/units/{data.Unit("A1")}/team-members";
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(url)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/logout", null)).StatusCode);

        var replay = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, BaseAddress = factory.ClientOptions.BaseAddress });
        replay.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.DefaultRequestHeaders.Authorization!.Parameter);
        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.GetAsync(url)).StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;

namespace WuHao.Tests.Auth;

/// <summary>Accounts (issue: foundation, item 3): login, lockout, password policy, logout, antiforgery, disabling.</summary>
public sealed class AuthTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_Chinese_login_page()
    {
        var client = PageClient.Anonymous(factory);
        var response = await client.Http.GetAsync("/Team");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var (login, doc) = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("zh-CN", doc.DocumentElement.GetAttribute("lang"));
        Assert.Contains("用户名", doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("密码", doc.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_logs_in_with_the_form_and_sees_their_unit()
    {
        var data = await TestData.CreateAsync(factory);
        var client = await PageClient.LoginAsync(factory, data.User("village1"));
        var (response, doc) = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"甲一嘎查{data.Prefix}", doc.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var data = await TestData.CreateAsync(factory);
        var client = PageClient.Anonymous(factory);
        for (var i = 1; i <= 5; i++)
        {
            var wrong = await client.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = data.User("village2"), ["Input.Password"] = "wrong-pass1" });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            var text = PageClient.Parse(await wrong.Content.ReadAsStringAsync()).Body!.TextContent;
            Assert.Contains("用户名或密码不正确", text, StringComparison.Ordinal);
        }

        // Locked: the right password is refused too, with the same message as any failure (issue 13: no account enumeration).
        var right = await client.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = data.User("village2"), ["Input.Password"] = TestData.Password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("连续输错5次，账号将锁定15分钟", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var api = factory.CreateClient();
        var apiLogin = await api.PostAsJsonAsync("/api/v1/auth/login", new { userName = data.User("village2"), password = TestData.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, apiLogin.StatusCode);
        Assert.Equal("application/problem+json", apiLogin.Content.Headers.ContentType!.MediaType);
        Assert.Equal("登录失败", (await apiLogin.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_API_answers_401_in_Chinese_for_a_wrong_password_and_for_no_token()
    {
        var data = await TestData.CreateAsync(factory);
        var api = factory.CreateClient();
        var login = await api.PostAsJsonAsync("/api/v1/auth/login", new { userName = data.User("village1"), password = "nope-nope1" });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal("登录失败", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        var anonymous = await api.GetAsync($"/api/v1/units/{data.Unit("A1")}/team-members");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("未登录", (await anonymous.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_API_token_has_the_promised_shape()
    {
        var data = await TestData.CreateAsync(factory);
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = data.User("village1"), password = TestData.Password });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", body.GetProperty("tokenType").GetString());
        Assert.Equal(3600, body.GetProperty("expiresIn").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("accessToken").GetString()));
    }

    [Fact]
    public async Task A_weak_password_is_refused_in_Chinese_and_no_account_is_made()
    {
        var data = await TestData.CreateAsync(factory);
        var admin = await PageClient.LoginAsync(factory, data.User("admin"));
        var userName = $"{data.Prefix}-weak";
        var response = await admin.SubmitAsync("/Admin/Users/Edit", new()
        {
            ["Input.UserName"] = userName, ["Input.DisplayName"] = "弱密码", ["Input.Role"] = "village",
            ["Input.UnitId"] = data.Unit("A1").ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Password"] = "abc",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Contains("密码至少需要8位", StringComparison.Ordinal), PageClient.Parse(text).QuerySelector("main")?.TextContent);
        Assert.Contains("密码须包含数字", text, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.AnyAsync(u => u.UserName == userName));
    }

    [Fact]
    public async Task Logout_ends_the_session()
    {
        var data = await TestData.CreateAsync(factory);
        var client = await PageClient.LoginAsync(factory, data.User("village1"));
        var (_, home) = await client.GetAsync("/");
        var logoutForm = home.Forms.Single(f => f.GetAttribute("action") == "/Account/Logout");
        var logout = await client.PostFormAsync(logoutForm, "/", []);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        var after = await client.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_rejected_and_saves_nothing()
    {
        var data = await TestData.CreateAsync(factory);
        var client = await PageClient.LoginAsync(factory, data.User("village1"));
        var before = await CountMembersAsync(data.Unit("A1"));
        var response = await client.Http.PostAsync($"/Team/Member/{data.Unit("A1")}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "无令牌", ["Input.Gender"] = "男", ["Input.Position"] = "委员", ["Input.Affiliation"] = "其他", ["Input.TermStart"] = "2024-01-01",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CountMembersAsync(data.Unit("A1")));
    }

    [Fact]
    public async Task A_cookie_API_call_that_changes_data_needs_the_antiforgery_header()
    {
        var data = await TestData.CreateAsync(factory);
        var client = await PageClient.LoginAsync(factory, data.User("village1"));
        var before = await CountMembersAsync(data.Unit("A1"));
        var response = await client.Http.PostAsJsonAsync($"/api/v1/units/{data.Unit("A1")}/team-members", new
        {
            name = "无令牌", gender = "男", position = "委员", affiliation = "其他", termStart = "2024-01-01",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("缺少防伪令牌", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(before, await CountMembersAsync(data.Unit("A1")));
    }

    [Fact]
    public async Task A_disabled_account_is_signed_out_at_once_and_cannot_log_in()
    {
        var data = await TestData.CreateAsync(factory);
        var victim = await PageClient.LoginAsync(factory, data.User("village2"));
        var token = await ApiClient.LoginAsync(factory, data.User("village2"));
        Assert.Equal(HttpStatusCode.OK, (await victim.Http.GetAsync("/")).StatusCode);

        var admin = await PageClient.LoginAsync(factory, data.User("admin"));
        var saved = await admin.SubmitAsync($"/Admin/Users/Edit/{data.UserIds["village2"]}", new() { ["Input.IsDisabled"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.SingleAsync(u => u.Id == data.UserIds["village2"]);
            Assert.True(user.IsDisabled, $"location {saved.Headers.Location}");
        }

        var page = await victim.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync($"/api/v1/units/{data.Unit("A2")}/team-members")).StatusCode);

        var again = await PageClient.Anonymous(factory).SubmitAsync("/Account/Login", new() { ["Input.UserName"] = data.User("village2"), ["Input.Password"] = TestData.Password });
        Assert.Contains("此账号已停用", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_resets_a_password_and_the_account_is_unlocked()
    {
        var data = await TestData.CreateAsync(factory);
        var anonymous = PageClient.Anonymous(factory);
        for (var i = 0; i < 5; i++)
        {
            await anonymous.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = data.User("school"), ["Input.Password"] = "wrong-pass1" });
        }

        var admin = await PageClient.LoginAsync(factory, data.User("admin"));
        var reset = await admin.SubmitAsync($"/Admin/Users/Edit/{data.UserIds["school"]}", new() { ["Reset.NewPassword"] = "newpass2024" }, "form[action*='handler=Reset']");
        Assert.True(reset.StatusCode == HttpStatusCode.Redirect, PageClient.Parse(await reset.Content.ReadAsStringAsync()).QuerySelector("main")?.TextContent);

        await PageClient.LoginAsync(factory, data.User("school"), "newpass2024");
    }

    [Fact]
    public async Task Only_the_system_admin_opens_user_management()
    {
        var data = await TestData.CreateAsync(factory);
        var township = await PageClient.LoginAsync(factory, data.User("township"));
        var (response, doc) = await township.GetAsync("/Admin/Users");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("无权访问", doc.Body!.TextContent, StringComparison.Ordinal);
    }

    private async Task<int> CountMembersAsync(int unitId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().TeamMembers.CountAsync(m => m.UnitId == unitId);
    }
}

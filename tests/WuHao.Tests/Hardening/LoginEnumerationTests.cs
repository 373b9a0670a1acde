using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Tests.Hardening;

/// <summary>
/// Issue 13 item 2 (R-0.3): a failed login does not tell which accounts exist. One message for a wrong password, a
/// missing account, a locked and a disabled one; a password hash for unknown names too; "disabled" only after the
/// right password.
/// </summary>
public sealed class LoginEnumerationTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private const string OneMessage = "用户名或密码不正确。连续输错5次，账号将锁定15分钟";

    [Fact]
    public async Task Every_failed_login_gets_the_same_message_on_the_page_and_the_API()
    {
        var data = await TestData.CreateAsync(factory);
        await DisableAsync(data.UserIds["village2"]);
        (string Name, string Password)[] failures =
        [
            (data.User("village1"), "wrong-pass1"), ($"{data.Prefix}-nobody", "wrong-pass1"), (data.User("village2"), "wrong-pass1"),
        ];

        var pageTexts = new List<string>();
        var apiBodies = new List<string>();
        foreach (var (name, password) in failures)
        {
            // Four failures each: the lockout's "N more tries" countdown would show on the third.
            for (var i = 0; i < 4; i++)
            {
                var page = await PageClient.Anonymous(factory).SubmitAsync("/Account/Login", new() { ["Input.UserName"] = name, ["Input.Password"] = password });
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                pageTexts.Add(PageClient.Parse(await page.Content.ReadAsStringAsync()).QuerySelector("form [role=alert]")!.TextContent.Trim());
            }

            var api = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = name, password });
            Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
            var body = await api.BodyAsync();
            apiBodies.Add($"{body.Str("title")}|{body.Str("detail")}");
        }

        Assert.All(pageTexts, t => Assert.Equal(OneMessage, t));
        Assert.Equal($"登录失败|{OneMessage}", Assert.Single(apiBodies.Distinct()));

        // Locked (five failures) with the right password: the same answer, the lockout holds.
        var locked = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = data.User("village1"), password = TestData.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(OneMessage, (await locked.BodyAsync()).Str("detail"));
    }

    [Fact]
    public async Task A_disabled_account_is_named_only_to_whoever_knows_its_password()
    {
        var data = await TestData.CreateAsync(factory);
        await DisableAsync(data.UserIds["village2"]);
        var wrong = await PageClient.Anonymous(factory).SubmitAsync("/Account/Login", new() { ["Input.UserName"] = data.User("village2"), ["Input.Password"] = "wrong-pass1" });
        var wrongText = await wrong.Content.ReadAsStringAsync();
        Assert.DoesNotContain("停用", wrongText, StringComparison.Ordinal);
        Assert.Contains(OneMessage, wrongText, StringComparison.Ordinal);

        var right = await PageClient.Anonymous(factory).SubmitAsync("/Account/Login", new() { ["Input.UserName"] = data.User("village2"), ["Input.Password"] = TestData.Password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("此账号已停用", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_name_costs_a_password_hash_as_a_known_one_does()
    {
        var data = await TestData.CreateAsync(factory);
        var hasher = new CountingHasher();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<AppUser>>(hasher)));
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = factory.ClientOptions.BaseAddress });

        foreach (var name in new[] { $"{data.Prefix}-nobody", data.User("township") })
        {
            var before = hasher.Verifications;
            var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = name, password = "wrong-pass1" });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal(1, hasher.Verifications - before);
        }
    }

    private async Task DisableAsync(string userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        user.IsDisabled = true;
        await db.SaveChangesAsync();
    }

    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> inner = new();
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

/// <summary>Issue 13 item 2 (R-0.3): login attempts per client address are limited (here to 3 a minute), on the page and the API alike.</summary>
public sealed class LoginAddressLimitTests(LoginAddressLimitTests.Factory factory) : IClassFixture<LoginAddressLimitTests.Factory>
{
    public sealed class Factory() : SqliteFactoryWith(("Login:PermitsPerAddress", "3"), ("Login:AddressWindow", "01:00:00"));

    [Fact]
    public async Task Spraying_one_password_over_many_names_from_one_address_gets_429_in_Chinese()
    {
        var data = await TestData.CreateAsync(factory);
        var client = PageClient.Anonymous(factory);
        for (var i = 0; i < 3; i++)
        {
            var allowed = await client.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = $"{data.Prefix}-name{i}", ["Input.Password"] = "Spring2024" });
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        var page = await client.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = data.User("village1"), ["Input.Password"] = TestData.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("登录尝试过于频繁", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var api = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = data.User("village1"), password = TestData.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
        Assert.Equal("登录尝试过于频繁", (await api.BodyAsync()).Str("title"));

        // Only logins are limited: the login page itself still opens.
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/Account/Login")).StatusCode);
    }
}

/// <summary>Issue 13 item 2 (R-0.3): failed logins per account name are limited (here to 2), for real and made-up names alike.</summary>
public sealed class LoginNameLimitTests(LoginNameLimitTests.Factory factory) : IClassFixture<LoginNameLimitTests.Factory>
{
    public sealed class Factory() : SqliteFactoryWith(("Login:FailuresPerName", "2"));

    [Fact]
    public async Task After_the_failures_allowed_for_a_name_it_gets_429_existing_or_not()
    {
        var data = await TestData.CreateAsync(factory);
        foreach (var name in new[] { data.User("village1"), $"{data.Prefix}-nobody" })
        {
            for (var i = 0; i < 2; i++)
            {
                var failed = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = name, password = "wrong-pass1" });
                Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
            }

            var api = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = name, password = TestData.Password });
            Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
            Assert.Equal("登录尝试过于频繁", (await api.BodyAsync()).Str("title"));

            var page = await PageClient.Anonymous(factory).SubmitAsync("/Account/Login", new() { ["Input.UserName"] = name, ["Input.Password"] = TestData.Password });
            Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
            Assert.Contains("登录尝试过于频繁", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Another name is not affected.
        await PageClient.LoginAsync(factory, data.User("village2"));
    }
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;

namespace WuHao.Tests.Hardening;

/// <summary>
/// Issue 13 item 3 (R-0.3): an API write with the login cookie needs the antiforgery token, whatever Authorization
/// header comes with it; only a request the bearer scheme authenticated goes without.
/// </summary>
public sealed class AntiforgeryBypassTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Theory]
    [InlineData("Basic eDp4")]
    [InlineData("")]
    [InlineData("Negotiate abc")]
    public async Task The_cookie_with_a_non_bearer_Authorization_header_still_needs_the_antiforgery_token(string authorization)
    {
        var data = await TestData.CreateAsync(factory);
        var unit = data.Unit("A1");
        var client = await PageClient.LoginAsync(factory, data.User("village1"));
        var before = await CountMembersAsync(unit);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/units/{unit}/team-members")
        {
            Content = JsonContent.Create(new { name = "绕过防伪", gender = "男", position = "委员", affiliation = "其他", termStart = "2024-01-01" }),
        };
        Assert.True(request.Headers.TryAddWithoutValidation("Authorization", authorization));
        var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("缺少防伪令牌", (await response.BodyAsync()).Str("title"));
        Assert.Equal(before, await CountMembersAsync(unit));
    }

    [Fact]
    public async Task A_bearer_token_writes_without_the_antiforgery_token()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var created = await api.PostAsJsonAsync($"/api/v1/units/{data.Unit("A1")}/team-members",
            new { name = "令牌写入", gender = "男", position = "委员", affiliation = "其他", termStart = "2024-01-01" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private async Task<int> CountMembersAsync(int unitId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().TeamMembers.CountAsync(m => m.UnitId == unitId);
    }
}

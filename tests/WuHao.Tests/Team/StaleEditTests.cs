using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Tests.Team;

/// <summary>R-8.4: two people edit the same record; the second save is refused, shown side by side, and nothing is lost.</summary>
public abstract class StaleEditTests(WuHaoFactory factory)
{
    [Fact]
    public async Task The_second_of_two_stale_edits_gets_the_conflict_and_nothing_is_lost()
    {
        var data = await TestData.CreateAsync(factory);
        var id = data.Record<TeamMember>("A1");
        var url = $"/Team/Member/{data.Unit("A1")}/{id}";
        var alice = await PageClient.LoginAsync(factory, data.User("village1"));
        var bob = await PageClient.LoginAsync(factory, data.User("township"));

        // Both open the form before either saves.
        var (_, aliceForm) = await alice.GetAsync(url);
        var (_, bobForm) = await bob.GetAsync(url);

        var first = await alice.PostFormAsync(aliceForm.Forms.First(f => f.QuerySelector("button[type=submit]") is not null && f.GetAttribute("action") != "/Account/Logout"), url,
            new() { ["Input.Phone"] = "13811112222" });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        var second = await bob.PostFormAsync(bobForm.Forms.First(f => f.QuerySelector("button[type=submit]") is not null && f.GetAttribute("action") != "/Account/Logout"), url,
            new() { ["Input.Phone"] = "13999998888", ["Input.Note"] = "乡里核对过" });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var page = PageClient.Parse(await second.Content.ReadAsStringAsync());
        var conflict = page.QuerySelector("[data-testid=conflict]")!.TextContent;
        Assert.Contains("此记录已被他人修改", conflict, StringComparison.Ordinal);
        Assert.Contains("13811112222", conflict, StringComparison.Ordinal);
        Assert.Contains("13999998888", conflict, StringComparison.Ordinal);
        Assert.Equal("13999998888", page.QuerySelector("input[name='Input.Phone']")!.GetAttribute("value"));

        Assert.Equal(("13811112222", (string?)null, 2), await ReadAsync(id));

        // Having seen both, Bob saves again on purpose: now his version wins, and the log keeps Alice's.
        var again = await bob.PostFormAsync(page.Forms.First(f => f.QuerySelector("button[type=submit]") is not null && f.GetAttribute("action") != "/Account/Logout"), url, []);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(("13999998888", "乡里核对过", 3), await ReadAsync(id));
    }

    private async Task<(string? Phone, string? Note, int Version)> ReadAsync(int id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var m = await scope.ServiceProvider.GetRequiredService<AppDbContext>().TeamMembers.AsNoTracking().SingleAsync(m => m.Id == id);
        return (m.Phone, m.Note, m.Version);
    }
}

public sealed class StaleEditsOnSqlite(SqliteFactory factory) : StaleEditTests(factory), IClassFixture<SqliteFactory>;

public sealed class StaleEditsOnPostgres(PostgresFactory factory) : StaleEditTests(factory), IClassFixture<PostgresFactory>;

using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Tests.Data;

/// <summary>
/// The Citus distribution column <c>BannerId</c> (R-8.3, issue 12 item 4, docs/decisions/ADR-016-citus-distribution.md):
/// set by the app from the unit's path, never from input; rewritten when a unit moves to another banner; and the banner
/// dashboard's commands all filter every distributed table they read by it (single-shard), while a league's spans
/// banners. Runs on both engines; one factory per class, one test world for all.
/// </summary>
public abstract class BannerIdTests(WuHaoFactory factory)
{
    [Fact]
    public async Task R8_3_units_and_records_created_through_the_api_carry_the_banner_of_their_path()
    {
        var data = await TestData.CreateAsync(factory);
        var (banner, banner2, a1) = (data.Unit("Banner"), data.Unit("Banner2"), data.Unit("A1"));
        var client = await ApiClient.LoginAsync(factory, data.User("banner"));
        var posted = await client.PostAsJsonAsync($"/api/v1/units/{a1}/activities", new
        {
            date = factory.Time.Today().AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            title = "分片测试活动", types = new[] { "爱国主义" }, mode = "本地",
        });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = (await posted.BodyAsync()).Number("id");

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(banner, await db.Activities.Where(a => a.Id == id).Select(a => a.BannerId).SingleAsync());
        var entityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var logged = await db.ChangeLog.Where(c => c.EntityType == nameof(Activity) && c.EntityId == entityId).Select(c => c.BannerId).Distinct().ToListAsync();
        Assert.Equal([banner], logged);

        // Units: a banner and everything under it have the banner's id; a league, the region and a school under a league their own.
        var units = await db.Units.Where(u => data.Units.Values.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.BannerId);
        foreach (var key in new[] { "Banner", "A", "A1", "AS", "B1" })
        {
            Assert.Equal(banner, units[data.Unit(key)]);
        }

        Assert.Equal(banner2, units[data.Unit("C1")]);
        foreach (var key in new[] { "R", "L", "LS", "L2" })
        {
            Assert.Equal(data.Unit(key), units[data.Unit(key)]);
        }

        // Every record the test world wrote for A1 through the change tracker carries the banner.
        Assert.Equal([banner], await db.Elders.Where(e => e.UnitId == a1).Select(e => e.BannerId).Distinct().ToListAsync());
        Assert.Equal([banner], await db.YouthCases.Where(e => e.UnitId == a1).Select(e => e.BannerId).Distinct().ToListAsync());
        Assert.Equal([banner], await db.FileLinks.Where(e => e.UnitId == a1).Select(e => e.BannerId).Distinct().ToListAsync());
    }

    [Fact]
    public async Task R8_3_a_township_moved_to_another_banner_takes_its_records_along_in_the_same_save()
    {
        var data = await TestData.CreateAsync(factory);
        var (b, b1, banner2) = (data.Unit("B"), data.Unit("B1"), data.Unit("Banner2"));
        var client = await ApiClient.LoginAsync(factory, data.User("region"));
        var unit = await (await client.GetAsync($"/api/v1/units/{b}")).BodyAsync();
        var moved = await client.PutAsJsonAsync($"/api/v1/units/{b}", new
        {
            code = unit.Str("code"), name = unit.Str("name"), type = "township", parentId = banner2, version = unit.Number("version"),
        });
        Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal([banner2], await db.Units.Where(u => u.Id == b || u.ParentId == b).Select(u => u.BannerId).Distinct().ToListAsync());
        Assert.Equal([banner2], await db.Activities.Where(a => a.UnitId == b1).Select(a => a.BannerId).Distinct().ToListAsync());
        Assert.Equal([banner2], await db.Elders.Where(e => e.UnitId == b1).Select(e => e.BannerId).Distinct().ToListAsync());
        Assert.Equal([banner2], await db.TeamMembers.Where(e => e.UnitId == b1).Select(e => e.BannerId).Distinct().ToListAsync());
    }

    [Fact]
    public async Task R8_3_every_command_of_a_banner_dashboard_filters_each_distributed_table_by_its_banner_and_a_leagues_does_not()
    {
        var data = await TestData.CreateAsync(factory);
        var year = factory.Time.Today().Year;
        var client = await ApiClient.LoginAsync(factory, data.User("region"));
        IReadOnlyList<string> distributed;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            distributed = BannerColumn.DistributedTables(scope.ServiceProvider.GetRequiredService<AppDbContext>().Model);
        }

        async Task<List<(string Sql, IReadOnlyList<string> Missing)>> CommandsAsync(int unitId)
        {
            var mark = factory.Logs.Count;
            var response = await client.GetAsync($"/api/v1/units/{unitId}/dashboard?year={year}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return [.. factory.Logs.Skip(mark).Where(l => l.Contains("Executed DbCommand", StringComparison.Ordinal)
                    && !l.Contains("\"PackageJobs\"", StringComparison.Ordinal) && !l.Contains("\"JobLeases\"", StringComparison.Ordinal))
                .Select(ShardCheck.CommandText).Select(sql => (sql, ShardCheck.Unfiltered(sql, distributed)))];
        }

        foreach (var unit in new[] { data.Unit("Banner"), data.Unit("A") })
        {
            var commands = await CommandsAsync(unit);
            Assert.Contains(commands, c => ShardCheck.Tables(c.Sql).Any(distributed.Contains));
            Assert.All(commands, c => Assert.True(c.Missing.Count == 0, $"not filtered by BannerId: {string.Join(", ", c.Missing)} in\n{c.Sql}"));
        }

        // A league spans banners: its dashboard fans out (ADR-016), which the check sees.
        Assert.Contains(await CommandsAsync(data.Unit("L")), c => c.Missing.Count > 0);
    }
}

public sealed class SqliteBannerIdTests(SqliteFactory factory) : BannerIdTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresBannerIdTests(PostgresFactory factory) : BannerIdTests(factory), IClassFixture<PostgresFactory>;

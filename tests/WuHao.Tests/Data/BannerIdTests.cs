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
        var id = await PostActivityAsync(data, a1, ["爱国主义"], []);

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
    public async Task R8_3_rows_without_a_unit_of_their_own_carry_the_banner_of_their_record_or_their_users_unit()
    {
        var data = await TestData.CreateAsync(factory);
        var (banner, banner2, a1) = (data.Unit("Banner"), data.Unit("Banner2"), data.Unit("A1"));
        var id = await PostActivityAsync(data, a1, ["爱国主义", "法治教育"], ["团委", "妇联"]);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var feeds = scope.ServiceProvider.GetRequiredService<WuHao.Web.Features.Reminders.CalendarFeeds>();
        var (userB, userC) = (await UserIdAsync(db, data.User("villageB")), await UserIdAsync(db, data.User("villageC")));
        await feeds.ResetAsync(userB, CancellationToken.None);
        await feeds.ResetAsync(userC, CancellationToken.None);

        // The activity posted through the API: both of its multi-valued fields.
        Assert.Equal([banner, banner], await db.Set<ActivityTypeValue>().Where(v => v.ActivityId == id).Select(v => v.BannerId).ToListAsync());
        Assert.Equal([banner, banner], await db.Set<ActivityPartnerValue>().Where(v => v.ActivityId == id).Select(v => v.BannerId).ToListAsync());

        // The test world's records of a village in each banner: their values and their evidence file's bytes.
        foreach (var (village, expected) in new[] { ("A1", banner), ("B1", banner), ("C1", banner2) })
        {
            var (file, youth) = (data.Record<StoredFile>(village), data.Record<YouthCase>(village));
            Assert.Equal(expected, await db.Set<StoredFileContent>().Where(c => c.Id == file).Select(c => c.BannerId).SingleAsync());
            Assert.Equal([expected], await db.Set<YouthCaseCategoryValue>().Where(v => v.YouthCaseId == youth).Select(v => v.BannerId).ToListAsync());
        }

        // Calendar tokens: the banner of their user's unit, and it follows the user to a unit in another banner.
        Assert.Equal(banner, await TokenBannerAsync(db, userB));
        Assert.Equal(banner2, await TokenBannerAsync(db, userC));
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var moved = (await users.FindByIdAsync(userB))!;
        moved.UnitId = data.Unit("C1");
        Assert.True((await users.UpdateAsync(moved)).Succeeded);
        Assert.Equal(banner2, await TokenBannerAsync(db, userB));
    }

    /// <summary>An activity of a unit posted through the API by the banner's user: its id.</summary>
    private async Task<int> PostActivityAsync(TestData data, int unitId, string[] types, string[] partners)
    {
        var client = await ApiClient.LoginAsync(factory, data.User("banner"));
        var posted = await client.PostAsJsonAsync($"/api/v1/units/{unitId}/activities", new
        {
            date = factory.Time.Today().AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            title = "分片测试活动", types, partners, mode = "本地",
        });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        return (await posted.BodyAsync()).Number("id");
    }

    private static Task<string> UserIdAsync(AppDbContext db, string userName) =>
        db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();

    private static Task<int> TokenBannerAsync(AppDbContext db, string userId) =>
        db.CalendarFeedTokens.AsNoTracking().Where(t => t.UserId == userId).Select(t => t.BannerId).SingleAsync();

    [Fact]
    public async Task R8_3_a_save_reads_units_once_for_the_banners_it_stamps_and_the_units_across_its_links()
    {
        var data = await TestData.CreateAsync(factory);
        var (a1, school) = (data.Unit("A1"), data.Unit("BS"));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stampBefore = await db.Units.Where(u => u.Id == school).Select(u => u.DataStamp).SingleAsync();

        // A joint activity with the school (the school's evaluation moves too) and two types: a typical save.
        var activity = new Activity
        {
            UnitId = a1, Date = factory.Time.Today(), Title = "村校联谊", Mode = "本地", SchoolLinkId = data.Record<SchoolLink>("A1"),
            Types = [new() { Value = "爱国主义", Position = 0 }, new() { Value = "法治教育", Position = 1 }],
        };
        db.Activities.Add(activity);
        var mark = factory.Logs.Count;
        await db.SaveChangesAsync();
        var reads = CommandCount.After(factory, mark).Select(ShardCheck.CommandText)
            .Where(sql => sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)).ToList();

        var read = Assert.Single(reads);
        Assert.Contains("\"Units\"", read, StringComparison.Ordinal);
        Assert.Contains("\"SchoolLinks\"", read, StringComparison.Ordinal);
        Assert.Equal(data.Unit("Banner"), activity.BannerId);
        Assert.All(activity.Types, t => Assert.Equal(data.Unit("Banner"), t.BannerId));
        Assert.Equal(stampBefore + 1, await db.Units.AsNoTracking().Where(u => u.Id == school).Select(u => u.DataStamp).SingleAsync());
    }

    [Fact]
    public async Task R8_3_a_township_moved_to_another_banner_takes_its_records_along_in_the_same_save()
    {
        var data = await TestData.CreateAsync(factory);
        var (b, b1, banner2) = (data.Unit("B"), data.Unit("B1"), data.Unit("Banner2"));
        string userB;
        await using (var before = factory.Services.CreateAsyncScope())
        {
            userB = await UserIdAsync(before.ServiceProvider.GetRequiredService<AppDbContext>(), data.User("villageB"));
            await before.ServiceProvider.GetRequiredService<WuHao.Web.Features.Reminders.CalendarFeeds>().ResetAsync(userB, CancellationToken.None);
        }

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

        // Rows without a unit of their own go with their record, or with their user's unit.
        var (activities, file) = (db.Activities.Where(a => a.UnitId == b1).Select(a => a.Id), data.Record<StoredFile>("B1"));
        Assert.Equal([banner2], await db.Set<ActivityTypeValue>().Where(v => activities.Contains(v.ActivityId)).Select(v => v.BannerId).Distinct().ToListAsync());
        Assert.Equal(banner2, await db.Set<StoredFileContent>().Where(c => c.Id == file).Select(c => c.BannerId).SingleAsync());
        Assert.Equal(banner2, await TokenBannerAsync(db, userB));
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

        // The rows without a unit of their own are distributed too (co-located with their records).
        Assert.Superset(new HashSet<string> { "ActivityTypeValue", "ActivityPartnerValue", "StoredFileContents", "CalendarFeedTokens" }, distributed.ToHashSet());

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
            Assert.Contains(commands, c => ShardCheck.Tables(c.Sql).Contains("ActivityTypeValue"));
            Assert.All(commands, c => Assert.True(c.Missing.Count == 0, $"not filtered by BannerId: {string.Join(", ", c.Missing)} in\n{c.Sql}"));
        }

        // A league spans banners: its dashboard fans out (ADR-016), which the check sees.
        Assert.Contains(await CommandsAsync(data.Unit("L")), c => c.Missing.Count > 0);
    }
}

public sealed class SqliteBannerIdTests(SqliteFactory factory) : BannerIdTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresBannerIdTests(PostgresFactory factory) : BannerIdTests(factory), IClassFixture<PostgresFactory>;

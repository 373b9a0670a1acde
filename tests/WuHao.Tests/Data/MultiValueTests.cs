using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Tests.Data;

/// <summary>
/// Multi-valued fields as child tables (ADR-011; ): the migration carries the old
/// "、"-joined strings over value by value, a change of the values alone bumps the version and is logged, and the
/// activity figures are counted by the database in a fixed number of commands.
/// </summary>
public abstract class MultiValueTests(WuHaoFactory factory)
{
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Old strings, and the values each must become: trimmed, blanks and repeats left out, odd values kept.</summary>
    private static readonly (string Old, string[] Values)[] Samples =
    [
        ("爱国主义", ["爱国主义"]),
        ("爱国主义、法治教育", ["爱国主义", "法治教育"]),
        (" 法治教育 、、爱国主义、法治教育、", ["法治教育", "爱国主义"]),
        ("自编的类型、关爱帮扶", ["自编的类型", "关爱帮扶"]),
        ("", []),
    ];

    [Fact]
    public async Task R8_3_the_migration_carries_every_joined_value_over_into_its_child_table()
    {
        await using var db = await NewDatabaseAsync();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("Initial");

        var now = factory.Engine == Engine.Postgres ? "now()" : "0";
        var unitSql = $"""
            INSERT INTO "Units" ("Id", "Code", "Name", "Type", "Path", "IsDemo", "Version", "CreatedAt", "UpdatedAt")
            VALUES (1, 'U1', '迁移村', 'Village', '/1/', {False}, 1, {now}, {now});
            """;
        await db.Database.ExecuteSqlRawAsync(unitSql);
        for (var i = 0; i < Samples.Length; i++)
        {
            var (old, _) = Samples[i];
            var id = i + 1;
            object[] p = [id, old];
            var orNull = old.Length == 0 ? "NULL" : "{1}";
            var sql = $$"""
                INSERT INTO "Activities" ("Id", "Date", "Title", "Types", "Partners", "Mode", "YouthCount", "ElderCount", "Version", "CreatedAt", "UpdatedAt", "UnitId")
                VALUES ({0}, '2024-05-01', '活动', {1}, {{orNull}}, '本地', 0, 0, 1, {{now}}, {{now}}, 1);
                INSERT INTO "Investigations" ("Id", "Date", "Topic", "TargetGroups", "Method", "Version", "CreatedAt", "UpdatedAt", "UnitId")
                VALUES ({0}, '2024-05-01', '调研', {1}, '走访', 1, {{now}}, {{now}}, 1);
                INSERT INTO "YouthCases" ("Id", "Name", "Gender", "BirthDate", "Categories", "Status", "Version", "CreatedAt", "UpdatedAt", "UnitId")
                VALUES ({0}, '儿童', '女', '2014-05-01', {1}, 'open', 1, {{now}}, {{now}}, 1);
                INSERT INTO "PartyMeetings" ("Id", "Date", "Topic", "Attendees", "AttendeeCount", "Organisations", "Version", "CreatedAt", "UpdatedAt", "UnitId")
                VALUES ({0}, '2024-05-01', '会议', '甲', 1, {{orNull}}, 1, {{now}}, {{now}}, 1);
                """;
            await db.Database.ExecuteSqlRawAsync(sql, p);
        }

        await migrator.MigrateAsync();

        for (var i = 0; i < Samples.Length; i++)
        {
            var id = i + 1;
            var expected = Samples[i].Values;
            Assert.Equal(expected, await ValuesAsync<ActivityTypeValue>(db, v => v.ActivityId == id));
            Assert.Equal(expected, await ValuesAsync<ActivityPartnerValue>(db, v => v.ActivityId == id));
            Assert.Equal(expected, await ValuesAsync<InvestigationTargetGroupValue>(db, v => v.InvestigationId == id));
            Assert.Equal(expected, await ValuesAsync<YouthCaseCategoryValue>(db, v => v.YouthCaseId == id));
            Assert.Equal(expected, await ValuesAsync<PartyMeetingOrganisationValue>(db, v => v.PartyMeetingId == id));
        }

        // The records themselves came through, and read back with their values through the model.
        var activity = await db.Activities.AsNoTracking().SingleAsync(a => a.Id == 3);
        Assert.Equal(["法治教育", "爱国主义"], activity.Types.OrderBy(t => t.Position).Select(t => t.Value));
        Assert.Equal(Samples.Length, await db.YouthCases.CountAsync());

        // And back (Down): each column holds its values joined again, cleaned; a record without values gets ''.
        await migrator.MigrateAsync("Initial");
        var expectedJoined = Samples.Select(x => string.Join("、", x.Values)).ToList();
        foreach (var (table, column) in new[] { ("Activities", "Types"), ("Activities", "Partners"), ("Investigations", "TargetGroups"), ("YouthCases", "Categories"), ("PartyMeetings", "Organisations") })
        {
            var sql = $"""SELECT COALESCE("{column}", '') AS "Value" FROM "{table}" ORDER BY "Id" """;
            Assert.Equal(expectedJoined, await db.Database.SqlQueryRaw<string>(sql).ToListAsync());
        }
    }

    private string False => factory.Engine == Engine.Postgres ? "false" : "0";

    private static Task<List<string>> ValuesAsync<T>(AppDbContext db, System.Linq.Expressions.Expression<Func<T, bool>> owner) where T : ListValue =>
        db.Set<T>().Where(owner).OrderBy(v => v.Position).Select(v => v.Value).ToListAsync();

    private async Task<AppDbContext> NewDatabaseAsync()
    {
        var name = $"wuhao_carry_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
        if (factory.Engine == Engine.Postgres)
        {
            var cs = await PostgresCluster.CreateDatabaseAsync(name);
            return new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(cs).Options);
        }

        var file = Path.Combine(Path.GetTempPath(), name + ".db");
        return new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options);
    }

    [Fact]
    public async Task R8_4_changing_only_the_types_bumps_the_version_is_logged_and_a_stale_change_is_refused()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var id = data.Record<Activity>("A1");
        var url = $"/api/v1/activities/{id}";
        var before = await (await api.GetAsync(url)).BodyAsync();
        Assert.Equal(["爱国主义"], before.GetProperty("types").EnumerateArray().Select(t => t.GetString()));
        var version = before.Number("version");

        object Body(string[] types, int v) => new
        {
            date = before.Str("date"), title = before.Str("title"), types, mode = before.Str("mode"),
            youthCount = 20, elderCount = 2, version = v,
        };

        var changed = await api.PutAsJsonAsync(url, Body(["法治教育", "爱国主义"], version));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var after = await changed.BodyAsync();
        Assert.Equal(version + 1, after.Number("version"));
        Assert.Equal(["法治教育", "爱国主义"], after.GetProperty("types").EnumerateArray().Select(t => t.GetString()));

        // A second user still holding the old version is refused, and nothing of theirs is saved.
        var stale = await api.PutAsJsonAsync(url, Body(["家教家风"], version));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var read = await (await api.GetAsync(url)).BodyAsync();
        Assert.Equal(["法治教育", "爱国主义"], read.GetProperty("types").EnumerateArray().Select(t => t.GetString()));

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var log = await db.ChangeLog.Where(c => c.EntityType == nameof(Activity) && c.EntityId == id.ToString(CultureInfo.InvariantCulture))
            .Select(c => new { c.Action, c.Field, c.OldValue, c.NewValue }).ToListAsync();
        Assert.Contains(log, c => c.Action == "created" && c.Field == "Types" && c.NewValue == "爱国主义");
        var update = Assert.Single(log, c => c.Action == "updated");
        Assert.Equal(("Types", "爱国主义", "法治教育、爱国主义"), (update.Field, update.OldValue, update.NewValue));
    }

    [Fact]
    public async Task R5_2_the_activity_page_counts_per_type_in_SQL_in_the_same_number_of_commands_for_5_or_50_activities()
    {
        var data = await TestData.CreateAsync(factory);
        var page = await PageClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        var year = factory.Time.Today().Year - 1;
        await AddActivitiesAsync(unit, year, 5);
        var (five, fiveDoc) = await CountCommandsAsync(() => page.GetAsync($"/Activities/{unit}?year={year}"));
        await AddActivitiesAsync(unit, year, 45);
        var (fifty, fiftyDoc) = await CountCommandsAsync(() => page.GetAsync($"/Activities/{unit}?year={year}"));

        Assert.Equal(five, fifty);
        Assert.True(fifty <= 20, $"{fifty} commands");
        // Every activity has 爱国主义, every second one also 法治教育: the page shows the counts the SQL made.
        Assert.Contains("50", fiftyDoc, StringComparison.Ordinal);
        Assert.Contains("25", fiftyDoc, StringComparison.Ordinal);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var figures = await WuHao.Web.Features.Activities.ActivityCounts.ByUnitAsync(
            db, db.Units.Where(u => u.Id == unit).Select(u => u.Id), year, factory.Time.Today(), ["爱国主义", "法治教育", "家教家风"], CancellationToken.None);
        var f = figures[unit];
        Assert.Equal(50, f.Count);
        Assert.Equal(50, f.PerType.Single(t => t.Type == "爱国主义").Count);
        Assert.Equal(25, f.PerType.Single(t => t.Type == "法治教育").Count);
        Assert.Equal(["家教家风"], f.MissingTypes);
        Assert.Equal([.. Enumerable.Range(1, 12).Where(m => m > 10)], f.MonthsWithout);
    }

    private async Task AddActivitiesAsync(int unit, int year, int count)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var existing = await db.Activities.CountAsync(a => a.UnitId == unit && a.Date.Year == year);
        for (var i = existing; i < existing + count; i++)
        {
            List<ActivityTypeValue> types = i % 2 == 0 ? [new() { Value = "爱国主义" }, new() { Value = "法治教育", Position = 1 }] : [new() { Value = "爱国主义" }];
            db.Activities.Add(new Activity { UnitId = unit, Date = new DateOnly(year, 1 + (i % 10), 5), Title = $"活动{i}", Types = types, Mode = "本地" });
        }

        await db.SaveChangesAsync();
    }

    private async Task<(int Commands, string Text)> CountCommandsAsync(Func<Task<(HttpResponseMessage Response, AngleSharp.Html.Dom.IHtmlDocument Document)>> request)
    {
        int Executed() => CommandCount.Executed(factory);
        var before = Executed();
        var (response, doc) = await request();
        Assert.True(response.StatusCode == HttpStatusCode.OK, response.StatusCode + string.Join("\n", factory.Logs.Where(l => l.StartsWith("Error", StringComparison.Ordinal)).TakeLast(3)));
        return (Executed() - before, doc.QuerySelector("main")?.TextContent ?? doc.Body!.TextContent);
    }
}

public sealed class MultiValueOnSqlite(SqliteFactory factory) : MultiValueTests(factory), IClassFixture<SqliteFactory>;

public sealed class MultiValueOnPostgres(PostgresFactory factory) : MultiValueTests(factory), IClassFixture<PostgresFactory>;

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;

namespace WuHao.Tests.Data;

/// <summary>
/// names of 五老 written before the roster links (an activity's ElderNames, a case's PairedElders)
/// are carried over by the migration: a name that is exactly one 五老 of the record's unit becomes a link, the rest stays
/// as text. Data is written in the old shape (migrated to Initial, raw rows), then migrated to the latest, on each engine.
/// </summary>
public abstract class ElderNamesMigrationTests
{
    private static int counter;

    protected abstract AppDbContext CreateEmpty(string name);

    protected static string Name => string.Create(CultureInfo.InvariantCulture, $"wuhao_carry_{Environment.ProcessId}_{Interlocked.Increment(ref counter)}");

    [Fact]
    public async Task Names_matching_one_elder_of_the_unit_become_links_and_the_others_stay_as_text()
    {
        await using var db = CreateEmpty(Name);
        await db.GetService<IMigrator>().MigrateAsync("Initial");
        var sqlite = db.Database.IsSqlite();
        var now = sqlite ? "0" : "now()";
        var no = sqlite ? "0" : "false";
        var sql = $"""
            INSERT INTO "Units" ("Id", "Code", "Name", "Type", "Path", "IsDemo", "Version", "CreatedAt", "UpdatedAt") VALUES
                (1, 'v1', '甲村', 'Village', '/1/', {no}, 1, {now}, {now}), (2, 'v2', '乙村', 'Village', '/2/', {no}, 1, {now}, {now});
            INSERT INTO "Elders" ("Id", "Name", "Gender", "Category", "JoinDate", "Version", "CreatedAt", "UpdatedAt", "UnitId") VALUES
                (1, '张三', '男', '老干部', '2020-01-01', 1, {now}, {now}, 1),
                (2, '李四', '男', '老教师', '2020-01-01', 1, {now}, {now}, 1),
                (3, '王五', '男', '老战士', '2020-01-01', 1, {now}, {now}, 1),
                (4, '王五', '男', '老专家', '2020-01-01', 1, {now}, {now}, 1),
                (5, '赵六', '女', '老模范', '2020-01-01', 1, {now}, {now}, 2);
            INSERT INTO "Activities" ("Id", "Date", "Title", "Types", "Mode", "YouthCount", "ElderCount", "Version", "CreatedAt", "UpdatedAt", "UnitId", "ElderNames") VALUES
                (1, '2024-05-01', '活动一', '爱国主义', '本地', 10, 3, 1, {now}, {now}, 1, '张三、外来人员、李四'),
                (2, '2024-05-02', '活动二', '爱国主义', '本地', 10, 2, 1, {now}, {now}, 1, '赵六、王五'),
                (3, '2024-05-03', '活动三', '爱国主义', '本地', 10, 1, 1, {now}, {now}, 1, '张三'),
                (4, '2024-05-04', '活动四', '爱国主义', '本地', 10, 0, 1, {now}, {now}, 1, NULL);
            INSERT INTO "YouthCases" ("Id", "Name", "Gender", "BirthDate", "Categories", "Status", "Version", "CreatedAt", "UpdatedAt", "UnitId", "PairedElders") VALUES
                (1, '儿童一', '女', '2014-03-01', '留守儿童', 'open', 1, {now}, {now}, 1, '李四，韩老师'),
                (2, '儿童二', '男', '2013-03-01', '单亲', 'open', 1, {now}, {now}, 2, '赵六'),
                (3, '儿童三', '男', '2013-03-01', '单亲', 'open', 1, {now}, {now}, 1, '韩振国（老教师）');
            """;
        await db.Database.ExecuteSqlRawAsync(sql);

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var activityLinks = await db.ActivityElders.OrderBy(l => l.ActivityId).ThenBy(l => l.ElderId).Select(l => new { l.ActivityId, l.ElderId, l.UnitId }).ToListAsync();
        Assert.Equal([(1, 1, 1), (1, 2, 1), (3, 1, 1)], activityLinks.Select(l => (l.ActivityId, l.ElderId, l.UnitId)));
        var names = await db.Activities.OrderBy(a => a.Id).Select(a => a.ElderNames).ToListAsync();
        Assert.Equal(["外来人员", "赵六、王五", null, null], names);

        var caseLinks = await db.YouthCaseElders.OrderBy(l => l.CaseId).Select(l => new { l.CaseId, l.ElderId }).ToListAsync();
        Assert.Equal([(1, 2), (2, 5)], caseLinks.Select(l => (l.CaseId, l.ElderId)));
        var paired = await db.YouthCases.IgnoreAutoIncludes().OrderBy(c => c.Id).Select(c => c.PairedElders).ToListAsync();
        Assert.Equal(["韩老师", null, "韩振国（老教师）"], paired);
    }
}

public sealed class ElderNamesMigrationOnSqlite : ElderNamesMigrationTests, IDisposable
{
    private readonly List<string> files = [];

    protected override AppDbContext CreateEmpty(string name)
    {
        var file = Path.Combine(Path.GetTempPath(), name + ".db");
        files.Add(file);
        return new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={file}").Options);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in files)
        {
            File.Delete(f);
        }
    }
}

public sealed class ElderNamesMigrationOnPostgres : ElderNamesMigrationTests
{
    protected override AppDbContext CreateEmpty(string name) =>
        new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseNpgsql(PostgresCluster.CreateDatabaseAsync(name).GetAwaiter().GetResult()).Options);
}

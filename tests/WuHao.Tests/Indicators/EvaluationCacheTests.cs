using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Indicators;

namespace WuHao.Tests.Indicators;

/// <summary>
/// The evaluation cache (issue 12, ADR-017) never shows a score older than the records (R-6.4): after each kind of write,
/// the API's evaluation and the matrix equal an evaluation computed from the records with the cache off, including
/// the writes of another unit that a unit's measures read (a joint activity of the village names the school's 五老),
/// a roster import (written around the save path) and the turn of the day. A matrix of unchanged units runs no measure
/// query. Runs on both engines.
/// </summary>
public abstract class EvaluationCacheTests(WuHaoFactory factory)
{
    /// <summary>A rubric for villages and schools whose indicators read the cross-unit measures.</summary>
    private static string Rubric(string code) => $$"""
    {
      "code": "{{code}}", "name": "缓存测试指标", "version": "1", "passScore": 60, "appliesTo": ["village", "school"],
      "sections": [
        { "code": "1", "name": "活动与五老", "indicators": [
          { "code": "J", "name": "村校联谊活动", "points": 25, "rule": { "type": "count", "measure": "schoolJointActivities", "min": 1 } },
          { "code": "P", "name": "五老参加活动", "points": 25, "rule": { "type": "ratio", "measure": "eldersParticipating", "min": 1, "proportional": true } },
          { "code": "A", "name": "开展活动", "points": 25, "rule": { "type": "count", "measure": "activities", "min": 3, "proportional": true } },
          { "code": "E", "name": "在册五老", "points": 25, "rule": { "type": "count", "measure": "eldersActive", "min": 4, "proportional": true } } ] } ]
    }
    """;

    [Fact]
    public async Task Every_write_a_units_measures_read_shows_at_once_in_its_evaluation_and_matrix_also_when_another_unit_writes_it()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var systemId = await PublishAsync(banner, Rubric($"{data.Prefix}-cache"));
        var year = factory.Time.GetUtcNow().Year;
        var (village, school, township) = (data.Unit("A1"), data.Unit("BS"), data.Unit("B"));
        var link = data.Record<SchoolLink>("A1");
        var elder = (await PostAsync(banner, $"/api/v1/units/{school}/elders", new { name = "校五老甲", gender = "男", category = "老教师", joinDate = $"{year - 1}-03-01" })).Number("id");

        // Read once, so that what follows is served from the cache unless a write raised the stamp.
        var before = await CheckedAsync(banner, school, township, systemId, year);
        Assert.Equal(0m, before["J"]);
        Assert.Equal(0m, before["P"]);

        // The village writes a joint activity naming the school's 五老: the school's figures move.
        var date = $"{year}-01-15";
        var activity = (await PostAsync(banner, $"/api/v1/units/{village}/activities", new
        {
            date, title = "村校联谊读书会", types = new[] { "爱国主义" }, mode = "请进来", schoolLinkId = link, elderIds = new[] { elder },
        })).Number("id");
        var joint = await CheckedAsync(banner, school, township, systemId, year);
        Assert.Equal(25m, joint["J"]);
        Assert.Equal(25m, joint["P"]);

        // The village moves its activity into last year: the school loses both again.
        var version = (await (await banner.GetAsync($"/api/v1/activities/{activity}")).BodyAsync()).Number("version");
        var put = await banner.PutAsJsonAsync($"/api/v1/activities/{activity}", new
        {
            date = $"{year - 1}-12-20", title = "村校联谊读书会", types = new[] { "爱国主义" }, mode = "请进来", schoolLinkId = link, elderIds = new[] { elder }, version,
        });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        var moved = await CheckedAsync(banner, school, township, systemId, year);
        Assert.Equal(0m, moved["J"]);
        Assert.Equal(0m, moved["P"]);

        // A second joint activity this year, then deleted: up and down again.
        var second = (await PostAsync(banner, $"/api/v1/units/{village}/activities", new
        {
            date, title = "村校联谊故事会", types = new[] { "爱国主义" }, mode = "请进来", schoolLinkId = link, elderIds = new[] { elder },
        })).Number("id");
        Assert.Equal(25m, (await CheckedAsync(banner, school, township, systemId, year))["J"]);
        Assert.Equal(HttpStatusCode.NoContent, (await banner.DeleteAsync($"/api/v1/activities/{second}")).StatusCode);
        Assert.Equal(0m, (await CheckedAsync(banner, school, township, systemId, year))["J"]);

        // A roster import writes around the save path (batched INSERTs): the school's 五老 count still moves.
        string[] headers = ["姓名", "性别", "民族", "出生日期", "政治面貌", "联系电话", "类别", "原工作单位", "原职务", "特长", "健康状况", "加入日期", "状态", "状态日期", "备注"];
        object?[] Row(string name, string joined) => [name, "女", "蒙古族", null, "群众", null, "老教师", "原学校", "教师", "", "良好", joined, null, null, null];
        var roster = Xlsx.Build([headers, Row("校五老乙", $"{year - 1}-05-01"), Row("校五老丙", $"{year - 1}-06-01")]);
        var imported = await banner.PostAsync($"/api/v1/units/{school}/elders/import", Xlsx.Upload(roster));
        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        Assert.Equal(25m * 3 / 4, (await CheckedAsync(banner, school, township, systemId, year))["E"]);

        // A 五老 who joins tomorrow counts from tomorrow: the same data, a new day, a new evaluation.
        var tomorrow = DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime).AddDays(1);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // Written past the API, which refuses a join date after today: only the day is under test here.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Elders.Add(new Elder { UnitId = school, Name = "校五老丁", Gender = "男", Category = "老战士", JoinDate = tomorrow });
            await db.SaveChangesAsync();
        }

        Assert.Equal(25m * 3 / 4, (await CheckedAsync(banner, school, township, systemId, tomorrow.Year))["E"]);
        factory.Time.Advance(TimeSpan.FromDays(2));
        var nextDay = await ApiClient.LoginAsync(factory, data.User("banner"));
        Assert.Equal(25m, (await CheckedAsync(nextDay, school, township, systemId, tomorrow.Year))["E"]);
    }

    [Fact]
    public async Task A_system_published_after_an_evaluation_is_the_one_the_next_evaluation_uses()
    {
        // The published systems are kept in memory between requests (issue 12): publishing must show at once.
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var village = data.Unit("A1");
        async Task<int> ScoredByAsync(string query = "") =>
            (await (await banner.GetAsync($"/api/v1/units/{village}/evaluation{query}")).BodyAsync()).Number("systemId");

        var first = await PublishAsync(banner, Rubric($"{data.Prefix}-first"));
        Assert.Equal(first, await ScoredByAsync());

        var second = await PublishAsync(banner, Rubric($"{data.Prefix}-second"));
        Assert.Equal(second, await ScoredByAsync());
        Assert.Equal(first, await ScoredByAsync($"?systemId={first}"));

        // Warm, a repeated evaluation reads only the user with its scope, and the unit's header with its stamps.
        var mark = factory.Logs.Count;
        (await banner.GetAsync($"/api/v1/units/{village}/evaluation")).EnsureSuccessStatusCode();
        var commands = CommandCount.After(factory, mark);
        Assert.True(commands.Count == 2, string.Join("\n----\n", commands));
        Assert.Contains("SecurityStamp", commands[0], StringComparison.Ordinal);
        Assert.Contains("DataStamp", commands[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_matrix_whose_units_have_not_changed_runs_no_measure_query_and_one_changed_unit_brings_it_back()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var systemId = await PublishAsync(banner, Rubric($"{data.Prefix}-matrix"));
        var year = factory.Time.GetUtcNow().Year;
        var url = $"/api/v1/units/{data.Unit("Banner")}/evaluation-matrix?year={year}&systemId={systemId}";

        // The measures of a matrix travel as one UNION ALL command (ADR-012): the first read runs it, the second does not.
        var cold = await CommandsAsync(() => banner.GetAsync(url));
        var warm = await CommandsAsync(() => banner.GetAsync(url));
        Assert.Single(cold, IsMeasures);
        Assert.DoesNotContain(warm, IsMeasures);
        Assert.True(warm.Count < cold.Count, $"{warm.Count} commands warm, {cold.Count} cold");

        await PostAsync(banner, $"/api/v1/units/{data.Unit("A2")}/activities", new { date = $"{year}-02-01", title = "法治讲座", types = new[] { "法治教育" }, mode = "本地" });
        HttpResponseMessage? response = null;
        var again = await CommandsAsync(async () => response = await banner.GetAsync(url));
        Assert.Single(again, IsMeasures);
        var row = (await response!.BodyAsync()).GetProperty("rows").EnumerateArray().Single(r => r.Number("unitId") == data.Unit("A2"));
        Assert.Equal(await FreshTotalAsync(data.Unit("A2"), systemId, year), row.GetProperty("total").GetDecimal());
    }

    private static bool IsMeasures(string command) => command.Contains("UNION ALL", StringComparison.Ordinal);

    /// <summary>The SQL commands a request issued, from the factory's command log.</summary>
    private async Task<List<string>> CommandsAsync(Func<Task<HttpResponseMessage>> request)
    {
        var mark = factory.Logs.Count;
        var response = await request();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return CommandCount.After(factory, mark);
    }

    /// <summary>
    /// The unit's scores from the API (served from the cache where it can be), after checking that they and the unit's
    /// row in its township's matrix equal an evaluation computed from the records with the cache off.
    /// </summary>
    private async Task<Dictionary<string, decimal?>> CheckedAsync(HttpClient api, int unitId, int townshipId, int systemId, int year)
    {
        var fresh = await FreshAsync(unitId, systemId, year);
        var body = await (await api.GetAsync($"/api/v1/units/{unitId}/evaluation?year={year}&systemId={systemId}")).BodyAsync();
        var scores = body.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("indicators").EnumerateArray())
            .ToDictionary(i => i.Str("code"), i => i.GetProperty("score").ValueKind == JsonValueKind.Null ? (decimal?)null : i.GetProperty("score").GetDecimal());
        Assert.Equal(fresh.Indicators.ToDictionary(i => i.Code, i => i.Score), scores);
        Assert.Equal(fresh.Total, body.GetProperty("total").GetDecimal());

        var matrix = await (await api.GetAsync($"/api/v1/units/{townshipId}/evaluation-matrix?year={year}&systemId={systemId}")).BodyAsync();
        var row = matrix.GetProperty("rows").EnumerateArray().Single(r => r.Number("unitId") == unitId);
        Assert.Equal(fresh.Total, row.GetProperty("total").GetDecimal());
        return scores;
    }

    private async Task<decimal> FreshTotalAsync(int unitId, int systemId, int year) => (await FreshAsync(unitId, systemId, year)).Total;

    /// <summary>The evaluation as the records give it now: the same code with the cache turned off.</summary>
    private async Task<WuHao.Web.Domain.Indicators.Evaluation> FreshAsync(int unitId, int systemId, int year)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        using var off = new EvaluationCache(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Evaluation:Cache"] = "false" }).Build());
        var evaluations = new Evaluations(db, scope.ServiceProvider.GetRequiredService<IOptions<TeamOptions>>(), factory.Time, off);
        var unit = await evaluations.HeaderAsync(unitId, default);
        var system = await db.IndicatorSystems.AsNoTracking().SingleAsync(s => s.Id == systemId);
        return (await evaluations.EvaluateAsync(unit!, system, year, withRecords: true, default)).Evaluation;
    }

    private static async Task<int> PublishAsync(HttpClient banner, string json)
    {
        var created = await banner.PostAsync("/api/v1/indicator-systems", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.BodyAsync()).Number("id");
        Assert.Equal(HttpStatusCode.OK, (await banner.PostAsync($"/api/v1/indicator-systems/{id}/publish", null)).StatusCode);
        return id;
    }

    private static async Task<JsonElement> PostAsync(HttpClient api, string url, object body)
    {
        var response = await api.PostAsJsonAsync(url, body);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.BodyAsync();
    }
}

public sealed class SqliteEvaluationCacheTests(SqliteFactory factory) : EvaluationCacheTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresEvaluationCacheTests(PostgresFactory factory) : EvaluationCacheTests(factory), IClassFixture<PostgresFactory>;

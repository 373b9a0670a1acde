using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Tests.Dashboards;

/// <summary>
/// The township's and banner's dashboard (R-7.4): its numbers are those of the evaluation matrix and the figures APIs,
/// a township sees only its own units, a village has none, and the commands do not grow with the number of units.
/// Runs on both engines; one factory per class.
/// </summary>
public abstract class DashboardTests(WuHaoFactory factory)
{
    private const int Year = 2024;

    [Fact]
    public async Task R7_4_dashboard_numbers_equal_the_evaluation_matrix_and_the_figures_apis()
    {
        var data = await TestData.CreateAsync(factory);
        var (a, a1, a2, b1) = (data.Unit("A"), data.Unit("A1"), data.Unit("A2"), data.Unit("B1"));
        await AddActivitiesAsync(a1, (3, "法治教育"), (3, "法治教育"), (3, "爱国主义"));
        await AddActivitiesAsync(a2, (5, "爱国主义"), (11, "法治教育"));
        await AddActivitiesAsync(b1, (3, "法治教育"), (3, "法治教育"), (3, "法治教育"), (3, "法治教育"));
        var township = await ApiClient.LoginAsync(factory, data.User("township"));

        var dash = await OkAsync(township, $"/api/v1/units/{a}/dashboard?year={Year}");
        Assert.Equal(a, dash.Number("unitId"));
        Assert.Equal(Year, dash.Number("year"));

        // Ranking and heat map: the matrix's rows, highest total first, each indicator's score in the indicators' order.
        var matrix = await OkAsync(township, $"/api/v1/units/{a}/evaluation-matrix?year={Year}");
        Assert.Equal(matrix.Number("systemId"), dash.Number("systemId"));
        var codes = dash.GetProperty("indicators").EnumerateArray().Select(i => i.Str("code")).ToList();
        Assert.Equal(matrix.GetProperty("indicators").EnumerateArray().Select(i => i.Str("code")), codes);
        var rows = matrix.GetProperty("rows").EnumerateArray().ToDictionary(r => r.Number("unitId"));
        var ranking = dash.GetProperty("ranking").EnumerateArray().ToList();
        Assert.Equal(rows.Keys.Order(), ranking.Select(r => r.Number("unitId")).Order());
        Assert.Contains(a1, rows.Keys);
        var totals = ranking.Select(r => r.GetProperty("total").GetDecimal()).ToList();
        Assert.Equal(totals.OrderDescending(), totals);
        foreach (var r in ranking)
        {
            var row = rows[r.Number("unitId")];
            Assert.Equal(row.GetProperty("total").GetDecimal(), r.GetProperty("total").GetDecimal());
            Assert.Equal(row.GetProperty("passed").GetBoolean(), r.GetProperty("passed").GetBoolean());
            var scores = r.GetProperty("scores").EnumerateArray().ToList();
            for (var i = 0; i < codes.Count; i++)
            {
                Assert.Equal(row.GetProperty("scores").GetProperty(codes[i]).ToString(), scores[i].ToString());
            }

            Assert.Equal($"/Evaluation/{r.Number("unitId")}?year={Year}&systemId={dash.Number("systemId")}", r.Str("url"));
        }

        // Open gaps per indicator: the units whose 查遗补漏 list (the gaps API) has that indicator open.
        var open = new Dictionary<string, int>();
        foreach (var unitId in rows.Keys)
        {
            var gaps = await OkAsync(township, $"/api/v1/units/{unitId}/gaps?year={Year}&systemId={dash.Number("systemId")}");
            foreach (var g in gaps.GetProperty("items").EnumerateArray().Where(g => g.Str("state") == "open"))
            {
                open[g.Str("indicatorCode")] = open.GetValueOrDefault(g.Str("indicatorCode")) + 1;
            }
        }

        Assert.NotEmpty(open);
        Assert.Equal(open.OrderBy(o => o.Key, StringComparer.Ordinal),
            dash.GetProperty("openGaps").EnumerateArray().Select(g => KeyValuePair.Create(g.Str("code"), g.Number("units"))).OrderBy(o => o.Key, StringComparer.Ordinal));

        // 五老 growth: the elder figures' roll-up of the township; 达标率: the certification rates' row of the township.
        var elders = await OkAsync(township, $"/api/v1/units/{a}/elder-figures?year={Year}");
        Assert.Equal(elders.GetProperty("rollupYears").ToString(), dash.GetProperty("elders").ToString());
        var rates = await OkAsync(township, $"/api/v1/units/{a}/certification-rates?from={Year - 4}&to={Year}");
        Assert.Equal(
            rates.GetProperty("items").EnumerateArray().Where(r => r.Number("unitId") == a).OrderBy(r => r.Number("year"))
                .Select(r => (r.Number("year"), r.Number("units"), r.Number("certified"), r.GetProperty("rate").GetDecimal())),
            dash.GetProperty("rates").EnumerateArray().Select(r => (r.Number("year"), r.Number("units"), r.Number("certified"), r.GetProperty("rate").GetDecimal())));

        // Activities: the township's villages' own, per month and per type (乙乡's are not counted); the lists agree.
        Assert.Equal(5, dash.Number("activities"));
        var listed = 0;
        foreach (var unitId in new[] { a1, a2 })
        {
            listed += (await OkAsync(township, $"/api/v1/units/{unitId}/activities?year={Year}")).Number("total");
        }

        Assert.Equal(listed, dash.Number("activities"));
        var months = dash.GetProperty("activitiesPerMonth").EnumerateArray().Select(m => m.Number("count")).ToList();
        Assert.Equal([0, 0, 3, 0, 1, 0, 0, 0, 0, 0, 1, 0], months);
        var types = dash.GetProperty("activitiesPerType").EnumerateArray().ToDictionary(t => t.Str("type"), t => t.Number("count"));
        Assert.Equal(3, types["法治教育"]);
        Assert.Equal(2, types["爱国主义"]);

        // Deadlines: the township user's own list (the home page's and the calendar's).
        var mine = await OkAsync(township, "/api/v1/me/deadlines");
        dash = await OkAsync(township, $"/api/v1/units/{a}/dashboard?year={Year}"); // after the gap lists above were synced
        Assert.Equal(
            mine.GetProperty("items").EnumerateArray().Select(d => (d.Str("kind"), d.Str("due"), d.Str("title"))),
            dash.GetProperty("deadlines").EnumerateArray().Select(d => (d.Str("kind"), d.Str("due"), d.Str("title"))));

        // The page shows the same numbers, as tables, with the data island dashboard.js draws from.
        var html = await township.GetStringAsync($"/Dashboards/{a}?year={Year}");
        Assert.Contains("<script type=\"application/json\" id=\"dashboard-data\">", html, StringComparison.Ordinal);
        Assert.Contains("甲一嘎查", html, StringComparison.Ordinal);
        Assert.Contains($">{dash.Number("activities")}</td></tr></tbody>", html, StringComparison.Ordinal);
        Assert.Matches(@"<script src=""/js/dashboard\.[^""]*js"" defer data-echarts=""/lib/echarts/echarts\.min\.js""", html);
        Assert.DoesNotContain("<script src=\"/lib/echarts", html, StringComparison.Ordinal); // loaded by dashboard.js, after the tables
    }

    [Fact]
    public async Task R7_4_a_townships_dashboard_never_includes_another_townships_units_and_a_village_has_none()
    {
        var data = await TestData.CreateAsync(factory);
        var township = await ApiClient.LoginAsync(factory, data.User("township"));
        var dash = await OkAsync(township, $"/api/v1/units/{data.Unit("A")}/dashboard?year={Year}");
        var ids = dash.GetProperty("ranking").EnumerateArray().Select(r => r.Number("unitId")).ToList();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Contains(id, new[] { data.Unit("A1"), data.Unit("A2"), data.Unit("AS") }));
        var html = await township.GetStringAsync($"/Dashboards/{data.Unit("A")}");
        Assert.DoesNotContain("乙一嘎查", html, StringComparison.Ordinal);
        Assert.DoesNotContain("丙一嘎查", html, StringComparison.Ordinal);
        Assert.Contains("看板", await township.GetStringAsync("/"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/api/v1/units/{data.Unit("B")}/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/Dashboards/{data.Unit("B")}")).StatusCode);
        var bad = await township.GetAsync($"/api/v1/units/{data.Unit("A")}/dashboard?year=1900");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("年度请填写2000到2100之间的年份", (await bad.BodyAsync()).GetProperty("errors").GetProperty("year")[0].GetString());

        var village = await ApiClient.LoginAsync(factory, data.User("village1"));
        Assert.Equal(HttpStatusCode.NotFound, (await village.GetAsync($"/api/v1/units/{data.Unit("A")}/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await village.GetAsync($"/api/v1/units/{data.Unit("A1")}/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await village.GetAsync($"/Dashboards/{data.Unit("A1")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await village.GetAsync("/Dashboards")).StatusCode);
    }

    [Fact]
    public async Task R7_4_a_dashboard_of_3_and_of_30_villages_issues_the_same_number_of_commands()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var three = await NewTownshipAsync(banner, data, "D3", 3);
        var thirty = await NewTownshipAsync(banner, data, "D30", 30);
        for (var i = 0; i < thirty.Villages.Count; i += 3)
        {
            await AddActivitiesAsync(thirty.Villages[i], (1 + (i % 12), "法治教育"));
        }

        // The published systems are read once, then kept while none changes: both measured requests find them kept.
        (await banner.GetAsync($"/api/v1/units/{three.Id}/dashboard?year={Year - 1}")).EnsureSuccessStatusCode();
        var few = await CommandCount.OfAsync(factory, () => banner.GetAsync($"/api/v1/units/{three.Id}/dashboard?year={Year}"));
        HttpResponseMessage? response = null;
        var many = await CommandCount.OfAsync(factory, async () => response = await banner.GetAsync($"/api/v1/units/{thirty.Id}/dashboard?year={Year}"));
        Assert.Equal(few, many);
        var body = await response!.BodyAsync();
        Assert.Equal(30, body.GetProperty("ranking").GetArrayLength());
        Assert.Equal(10, body.Number("activities"));
    }

    private static async Task<JsonElement> OkAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.BodyAsync();
    }

    /// <summary>Activities of <see cref="Year"/> (month, type) written straight into the database, and one of the year before that must not count.</summary>
    private async Task AddActivitiesAsync(int unitId, params (int Month, string Type)[] activities)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var i = 0;
        foreach (var (month, type) in activities.Append((12, "法治教育")))
        {
            db.Activities.Add(new Activity
            {
                UnitId = unitId, Date = new DateOnly(i == activities.Length ? Year - 1 : Year, month, 10 + i), Title = $"看板活动{i}",
                Types = [new() { Value = type }], Mode = "本地",
            });
            i++;
        }

        await db.SaveChangesAsync();
    }

    private async Task<(int Id, List<int> Villages)> NewTownshipAsync(HttpClient banner, TestData data, string key, int villages)
    {
        var response = await banner.PostAsJsonAsync("/api/v1/units", new { code = $"{data.Prefix}-{key}", name = $"{key}乡{data.Prefix}", type = "township", parentId = data.Unit("Banner") });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.BodyAsync()).Number("id");
        var list = new List<int>();
        for (var i = 0; i < villages; i++)
        {
            var village = await banner.PostAsJsonAsync("/api/v1/units", new { code = $"{data.Prefix}-{key}v{i}", name = $"{key}v{i}嘎查{data.Prefix}", type = "village", parentId = id });
            Assert.True(village.StatusCode == HttpStatusCode.Created, await village.Content.ReadAsStringAsync());
            list.Add((await village.BodyAsync()).Number("id"));
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var unit in db.Units.Where(u => list.Contains(u.Id)))
        {
            unit.CommitteeFoundedOn = new DateOnly(2020, 1, 1);
        }

        await db.SaveChangesAsync();
        return (id, list);
    }
}

public sealed class SqliteDashboardTests(SqliteFactory factory) : DashboardTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresDashboardTests(PostgresFactory factory) : DashboardTests(factory), IClassFixture<PostgresFactory>;

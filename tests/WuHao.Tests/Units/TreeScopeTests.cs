using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Units;

namespace WuHao.Tests.Units;

/// <summary>
/// R-0.1 and R-0.3 over a tree five levels deep (TestData: region → league → banner → township → village, schools
/// under a league and under townships): a user sees their own unit and everything under it, worked out in SQL from
/// the materialised path — the same for a region user as for a village user. On SQLite and PostgreSQL.
/// </summary>
public abstract partial class TreeScopeTests(WuHaoFactory factory)
{
    private static readonly string[] Everything = ["R", "L", "LS", "L2", "Banner2", "C", "C1", "CS", "Banner", "A", "B", "A1", "A2", "AS", "B1", "BS"];

    [Theory]
    [InlineData("region", new[] { "R", "L", "LS", "L2", "Banner2", "C", "C1", "CS", "Banner", "A", "B", "A1", "A2", "AS", "B1", "BS" })]
    [InlineData("league", new[] { "L", "LS", "Banner", "A", "B", "A1", "A2", "AS", "B1", "BS" })]
    [InlineData("township", new[] { "A", "A1", "A2", "AS" })]
    [InlineData("village1", new[] { "A1" })]
    [InlineData("leagueSchool", new[] { "LS" })]
    public async Task Each_level_sees_its_own_subtree_by_API_and_pages(string user, string[] visible)
    {
        var data = await TestData.SharedAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User(user));
        var body = await api.GetFromJsonAsync<JsonElement>("/api/v1/units?pageSize=500");
        var codes = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!)
            .Where(c => c.StartsWith(data.Prefix + "-", StringComparison.Ordinal)).Select(c => c[(data.Prefix.Length + 1)..]).Order().ToList();
        Assert.Equal(visible.Order().ToList(), codes);

        // Every unit's own read and a record list: 200 inside, 404 outside.
        foreach (var key in Everything)
        {
            var expected = visible.Contains(key) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            Assert.True(expected == (await api.GetAsync($"/api/v1/units/{data.Unit(key)}")).StatusCode, $"{user} → unit {key}");
            Assert.True(expected == (await api.GetAsync($"/api/v1/units/{data.Unit(key)}/team-members")).StatusCode, $"{user} → team of {key}");
        }

        // The units page lists exactly the same units, at every level.
        var (_, page) = await (await PageClient.LoginAsync(factory, data.User(user))).GetAsync("/Units");
        var text = page.QuerySelector("[data-testid=units]")!.TextContent;
        foreach (var (key, name) in Names(data))
        {
            Assert.True(visible.Contains(key) == text.Contains(name, StringComparison.Ordinal), $"{user}: /Units and {key} ({name})");
        }

        // And the team-member list of the user's own unit and below: a village user reads A1, a region user C1 too.
        var (homeResponse, _) = await (await PageClient.LoginAsync(factory, data.User(user))).GetAsync($"/Team/{data.Unit(visible[^1])}");
        Assert.Equal(HttpStatusCode.OK, homeResponse.StatusCode);
    }

    private static IEnumerable<(string Key, string Name)> Names(TestData data) =>
        new[] { ("A1", "甲一嘎查"), ("A2", "甲二村"), ("B1", "乙一嘎查"), ("C1", "丙一嘎查"), ("LS", "盟直学校"), ("CS", "丙乡学校") }
            .Select(p => (p.Item1, p.Item2 + data.Prefix));

    [Fact]
    public async Task A_scoped_list_filters_by_path_in_SQL_with_no_list_of_unit_ids()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("region"));
        var before = await ListCommandAsync(api, data.Unit("C1"));

        // Thirty more units under the region: the same query, the same parameters.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var league = await db.Units.FindAsync(data.Unit("L2"));
            for (var i = 0; i < 30; i++)
            {
                await UnitTree.AddAsync(db, new OrgUnit { Code = $"{data.Prefix}-extra{i}", Name = $"加{i}", Type = UnitType.School }, league);
            }
        }

        var after = await ListCommandAsync(api, data.Unit("C1"));
        Assert.Contains("LIKE", after.Sql, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(InList(), after.Sql);
        Assert.DoesNotContain("json_each", after.Sql, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("unnest", after.Sql, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before.Parameters, after.Parameters);
        Assert.Equal(before.Sql, after.Sql);
    }

    /// <summary>The logged SQL and parameter names of the record list the API runs for one unit.</summary>
    private async Task<(string Sql, string Parameters)> ListCommandAsync(HttpClient api, int unitId)
    {
        var mark = factory.Logs.Count;
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/units/{unitId}/team-members")).StatusCode);
        var command = factory.Logs.Skip(mark).Where(l => l.Contains("Executed DbCommand", StringComparison.Ordinal))
            .Last(l => l.Contains("FROM \"TeamMembers\"", StringComparison.Ordinal) && l.Contains("ORDER BY", StringComparison.Ordinal));
        var parameters = ParameterList().Match(command).Groups[1].Value;
        var sql = command[command.IndexOf("SELECT", StringComparison.Ordinal)..];
        return (sql, parameters);
    }

    [Fact]
    public async Task Any_type_may_be_the_root_and_each_level_holds_the_next_one_down_or_a_school()
    {
        var data = await TestData.CreateAsync(factory);
        var region = await ApiClient.LoginAsync(factory, data.User("region"));
        var league = await region.PostAsJsonAsync("/api/v1/units", new { code = $"{data.Prefix}-L3", name = "新盟", type = "league", parentId = data.Unit("R") });
        Assert.Equal(HttpStatusCode.Created, league.StatusCode);
        var leagueBody = await league.BodyAsync();
        var leagueId = leagueBody.Number("id");
        Assert.Equal("league", leagueBody.Str("type"));
        Assert.Equal("region", (await (await region.GetAsync($"/api/v1/units/{data.Unit("R")}")).BodyAsync()).Str("type"));

        var banner = await region.PostAsJsonAsync("/api/v1/units", new { code = $"{data.Prefix}-Q", name = "新旗", type = "banner", parentId = leagueId });
        Assert.Equal(HttpStatusCode.Created, banner.StatusCode);
        var school = await region.PostAsJsonAsync("/api/v1/units", new { code = $"{data.Prefix}-QS", name = "盟属学校", type = "school", parentId = leagueId });
        Assert.Equal(HttpStatusCode.Created, school.StatusCode);

        var townshipUnderRegion = await region.PostAsJsonAsync("/api/v1/units", new { code = $"{data.Prefix}-X1", name = "错层", type = "township", parentId = data.Unit("R") });
        Assert.Equal("自治区之下不能设苏木乡镇", (await townshipUnderRegion.BodyAsync()).GetProperty("errors").GetProperty("type")[0].GetString());
        var townshipUnderVillage = await region.PostAsJsonAsync("/api/v1/units", new { code = $"{data.Prefix}-X2", name = "错层", type = "township", parentId = data.Unit("A1") });
        Assert.Equal("嘎查村之下不能设苏木乡镇", (await townshipUnderVillage.BodyAsync()).GetProperty("errors").GetProperty("type")[0].GetString());
        var wrong = await region.PostAsJsonAsync("/api/v1/units", new { code = $"{data.Prefix}-X3", name = "错", type = "city", parentId = data.Unit("R") });
        Assert.Contains("region", (await wrong.BodyAsync()).GetProperty("errors").GetProperty("type")[0].GetString(), StringComparison.Ordinal);

        // A township may be the root of its own deployment: the admin creates it without a parent.
        var admin = await ApiClient.LoginAsync(factory, data.User("admin"));
        var root = await admin.PostAsJsonAsync("/api/v1/units", new { code = $"{data.Prefix}-T0", name = "独立乡", type = "township" });
        Assert.Equal(HttpStatusCode.Created, root.StatusCode);

        // The unit form offers the new levels.
        var (_, form) = await (await PageClient.LoginAsync(factory, data.User("region"))).GetAsync($"/Units/Create/{data.Unit("R")}");
        var options = form.QuerySelectorAll("#Input_Type option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains("region", options);
        Assert.Contains("league", options);
        Assert.Equal("league", form.QuerySelector("#Input_Type option[selected]")?.GetAttribute("value"));
    }

    [GeneratedRegex(@"IN \(\s*@", RegexOptions.IgnoreCase)]
    private static partial Regex InList();

    [GeneratedRegex(@"\[Parameters=\[(.*?)\], CommandType", RegexOptions.Singleline)]
    private static partial Regex ParameterList();
}

public sealed class TreeScopeOnSqlite(SqliteFactory factory) : TreeScopeTests(factory), IClassFixture<SqliteFactory>;

public sealed class TreeScopeOnPostgres(PostgresFactory factory) : TreeScopeTests(factory), IClassFixture<PostgresFactory>;

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Tests.Plans;

/// <summary>
/// Implementation plans (实施方案, R-6.2) end to end over HTTP, on both engines: drafting from the template, submitting,
/// returning with a comment, resubmitting and approving with every version kept; who may do what; late at the due date's
/// boundary (FakeTimeProvider); missing plans on the township's list; bad input saving nothing.
/// </summary>
public abstract class PlanTests(WuHaoFactory factory)
{
    private DateOnly Today => factory.Time.Today();

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A campaign of the test banner whose 准备阶段 (the plan) is due on <paramref name="due"/>.</summary>
    private static async Task<int> CampaignAsync(HttpClient banner, DateOnly due)
    {
        var stages = new object[] { new { kind = "prepare", start = Iso(due.AddDays(-30)), due = Iso(due) } };
        var response = await banner.PostAsJsonAsync("/api/v1/campaigns", new { name = "创建五好测试", targetDate = Iso(due.AddMonths(6)), stages });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.BodyAsync()).Number("id");
    }

    private static async Task<JsonElement> DraftAsync(HttpClient village, int unitId, int campaignId)
    {
        var response = await village.PostAsJsonAsync($"/api/v1/units/{unitId}/plans", new { campaignId });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.BodyAsync();
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ActAsync(HttpClient api, int planId, string action, object body)
    {
        var response = await api.PostAsJsonAsync($"/api/v1/plans/{planId}/{action}", body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static object Content(string title, string step) => new
    {
        title,
        goals = new[] { "到年底达到“五好”关工委目标要求" },
        steps = new[] { new { what = step, responsible = "白音仓", due = "2030-06-20" } },
        people = new[] { new { name = "白音仓", role = "组长", duty = "全面负责" } },
        requirements = "按时推进",
    };

    private static async Task<JsonElement> PlanAsync(HttpClient api, int id) => await api.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{id}");

    [Fact]
    public async Task A_plan_is_drafted_from_the_template_submitted_returned_with_a_comment_resubmitted_and_approved_keeping_every_version()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var village = await ApiClient.LoginAsync(factory, data.User("village1"));
        var township = await ApiClient.LoginAsync(factory, data.User("township"));
        var a1 = data.Unit("A1");
        var due = Today.AddDays(10);
        var campaign = await CampaignAsync(banner, due);

        // The draft is pre-filled: the seed's goals, the village's own serving team (its 主任 leads), the plan's own due date.
        var draft = await DraftAsync(village, a1, campaign);
        Assert.Equal("draft", draft.Str("state"));
        Assert.Equal(Iso(due), draft.Str("due"));
        Assert.Contains(draft.GetProperty("goals").EnumerateArray(), g => g.GetString()!.Contains("达到“五好”关工委目标要求", StringComparison.Ordinal));
        Assert.Contains(draft.GetProperty("goals").EnumerateArray(), g => g.GetString()!.StartsWith("领导班子建设好", StringComparison.Ordinal));
        var leader = draft.GetProperty("people")[0];
        Assert.Equal(("成员A1", "组长"), (leader.Str("name"), leader.Str("role")));
        Assert.DoesNotContain(draft.GetProperty("people").EnumerateArray(), p => p.Str("name") == "前成员A1"); // left the team
        Assert.Contains(draft.GetProperty("steps").EnumerateArray(), s => s.Str("due") == Iso(due) && s.Str("responsible") == "成员A1");
        var id = draft.Number("id");

        var put = await village.PutAsJsonAsync($"/api/v1/plans/{id}", new { version = draft.Number("version"), title = "甲一嘎查实施方案（初稿）", goals = new[] { "达标" },
            steps = new[] { new { what = "召开专题会议", responsible = "成员A1", due = Iso(due) } }, people = new[] { new { name = "成员A1", role = "组长" } } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var first = await ActAsync(village, id, "submit", new { version = (await put.BodyAsync()).Number("version") });
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("submitted", first.Body.Str("state"));

        // Returning needs a comment: without one nothing changes.
        var bare = await ActAsync(township, id, "return", new { version = first.Body.Number("version") });
        Assert.Equal(HttpStatusCode.BadRequest, bare.Status);
        Assert.Contains("修改意见", bare.Body.GetProperty("errors").GetProperty("comment")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(first.Body.Number("version"), (await PlanAsync(village, id)).Number("version"));

        var returned = await ActAsync(township, id, "return", new { version = first.Body.Number("version"), comment = "请补充与学校的联谊活动" });
        Assert.Equal(HttpStatusCode.OK, returned.Status);
        Assert.Equal("returned", returned.Body.Str("state"));
        Assert.Equal("请补充与学校的联谊活动", returned.Body.Str("reviewComment"));

        var revised = await village.PutAsJsonAsync($"/api/v1/plans/{id}", new { version = returned.Body.Number("version"), title = "甲一嘎查实施方案（修改稿）", goals = new[] { "达标" },
            steps = new[] { new { what = "召开专题会议", responsible = "成员A1", due = Iso(due) }, new { what = "与学校开展联谊活动", responsible = "成员A1", due = Iso(due.AddMonths(3)) } },
            people = new[] { new { name = "成员A1", role = "组长" } } });
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        var second = await ActAsync(village, id, "submit", new { version = (await revised.BodyAsync()).Number("version") });
        Assert.Equal(HttpStatusCode.OK, second.Status);
        var approved = await ActAsync(township, id, "approve", new { version = second.Body.Number("version"), comment = "同意" });
        Assert.Equal(HttpStatusCode.OK, approved.Status);
        Assert.Equal("approved", approved.Body.Str("state"));

        // Both versions kept as they were submitted, each with the township's decision and comment.
        var versions = approved.Body.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(2, versions.Count);
        Assert.Equal(("returned", "请补充与学校的联谊活动", "甲一嘎查实施方案（初稿）", 1), (versions[0].Str("decision"), versions[0].Str("comment"),
            versions[0].GetProperty("content").Str("title"), versions[0].GetProperty("content").GetProperty("steps").GetArrayLength()));
        Assert.Equal(("approved", "同意", "甲一嘎查实施方案（修改稿）", 2), (versions[1].Str("decision"), versions[1].Str("comment"),
            versions[1].GetProperty("content").Str("title"), versions[1].GetProperty("content").GetProperty("steps").GetArrayLength()));
        Assert.All(versions, v => Assert.False(v.GetProperty("late").GetBoolean()));
        Assert.False(approved.Body.GetProperty("late").GetBoolean());

        // An approved plan is not changed any more.
        var after = await village.PutAsJsonAsync($"/api/v1/plans/{id}", Content("再改", "再改"));
        Assert.Equal(HttpStatusCode.BadRequest, after.StatusCode);
        Assert.Equal(approved.Body.Number("version"), (await PlanAsync(village, id)).Number("version"));

        // The plan page shows both versions and the comments, and the stage.
        var page = await PageClient.LoginAsync(factory, data.User("township"));
        var (response, doc) = await page.GetAsync($"/Plans/{a1}?campaignId={campaign}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("已批准", doc.QuerySelector("[data-testid=state]")!.TextContent.Trim());
        Assert.Contains("请补充与学校的联谊活动", doc.QuerySelector("[data-testid=version-1]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("甲一嘎查实施方案（初稿）", doc.QuerySelector("[data-testid=version-1]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("同意", doc.QuerySelector("[data-testid=version-2]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector("[data-testid=stage]"));
        Assert.Null(doc.QuerySelector("[data-testid=plan-form]"));
    }

    [Fact]
    public async Task Only_the_unit_drafts_and_submits_only_the_township_above_reviews_and_read_only_roles_only_read()
    {
        var data = await TestData.CreateAsync(factory);
        var logins = new Dictionary<string, HttpClient>();
        foreach (var role in new[] { "admin", "banner", "township", "townshipB", "village1", "village2", "assessor", "viewer", "school" })
        {
            logins[role] = await ApiClient.LoginAsync(factory, data.User(role));
        }

        var a1 = data.Unit("A1");
        var campaign = await CampaignAsync(logins["banner"], Today.AddDays(10));
        foreach (var (role, expected) in new[]
        {
            ("township", HttpStatusCode.Forbidden), ("banner", HttpStatusCode.Forbidden), ("admin", HttpStatusCode.Forbidden), ("assessor", HttpStatusCode.Forbidden),
            ("viewer", HttpStatusCode.Forbidden), ("village2", HttpStatusCode.NotFound), ("townshipB", HttpStatusCode.NotFound), ("school", HttpStatusCode.NotFound),
        })
        {
            var response = await logins[role].PostAsJsonAsync($"/api/v1/units/{a1}/plans", new { campaignId = campaign });
            Assert.True(response.StatusCode == expected, $"{role} drafting A1's plan: {response.StatusCode}");
        }

        var draft = await DraftAsync(logins["village1"], a1, campaign);
        var id = draft.Number("id");
        var version = draft.Number("version");
        foreach (var (role, expected) in new[] { ("township", HttpStatusCode.Forbidden), ("viewer", HttpStatusCode.Forbidden), ("assessor", HttpStatusCode.Forbidden), ("village2", HttpStatusCode.NotFound) })
        {
            Assert.True((await logins[role].PutAsJsonAsync($"/api/v1/plans/{id}", Content("越权", "越权"))).StatusCode == expected, $"{role} editing");
            Assert.True((await ActAsync(logins[role], id, "submit", new { version })).Status == expected, $"{role} submitting");
        }

        var submitted = await ActAsync(logins["village1"], id, "submit", new { version });
        Assert.Equal(HttpStatusCode.OK, submitted.Status);
        version = submitted.Body.Number("version");
        foreach (var (role, expected) in new[]
        {
            ("village1", HttpStatusCode.Forbidden), ("banner", HttpStatusCode.Forbidden), ("admin", HttpStatusCode.Forbidden), ("assessor", HttpStatusCode.Forbidden),
            ("viewer", HttpStatusCode.Forbidden), ("townshipB", HttpStatusCode.NotFound), ("village2", HttpStatusCode.NotFound),
        })
        {
            Assert.True((await ActAsync(logins[role], id, "approve", new { version })).Status == expected, $"{role} approving");
            Assert.True((await ActAsync(logins[role], id, "return", new { version, comment = "越权" })).Status == expected, $"{role} returning");
        }

        foreach (var (role, expected) in new[] { ("viewer", HttpStatusCode.OK), ("assessor", HttpStatusCode.OK), ("banner", HttpStatusCode.OK), ("village2", HttpStatusCode.NotFound), ("townshipB", HttpStatusCode.NotFound) })
        {
            Assert.True((await logins[role].GetAsync($"/api/v1/plans/{id}")).StatusCode == expected, $"{role} reading");
        }

        Assert.Equal("submitted", (await PlanAsync(logins["village1"], id)).Str("state"));
        Assert.Equal(version, (await PlanAsync(logins["village1"], id)).Number("version"));

        // The submitted plan is neither changed nor deleted by its own unit while under review.
        Assert.Equal(HttpStatusCode.BadRequest, (await logins["village1"].PutAsJsonAsync($"/api/v1/plans/{id}", Content("改", "改"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await logins["village1"].DeleteAsync($"/api/v1/plans/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(logins["township"], id, "approve", new { version })).Status);

        // On the page: the viewer sees the plan without any form; the township sees the review buttons only while it is submitted.
        var viewer = await PageClient.LoginAsync(factory, data.User("viewer"));
        var (shown, doc) = await viewer.GetAsync($"/Plans/{a1}?campaignId={campaign}");
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.NotNull(doc.QuerySelector("[data-testid=plan-document]"));
        Assert.Empty(doc.QuerySelectorAll("form[method=post] button[name=act]"));
    }

    [Fact]
    public async Task A_plan_submitted_on_its_due_date_is_on_time_and_one_submitted_a_day_later_is_late()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var village1 = await ApiClient.LoginAsync(factory, data.User("village1"));
        var village2 = await ApiClient.LoginAsync(factory, data.User("village2"));
        var due = Today;
        var campaign = await CampaignAsync(banner, due);
        var onTime = await DraftAsync(village1, data.Unit("A1"), campaign);
        var later = await DraftAsync(village2, data.Unit("A2"), campaign);

        var first = await ActAsync(village1, onTime.Number("id"), "submit", new { version = onTime.Number("version") });
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.False(first.Body.GetProperty("late").GetBoolean());
        Assert.False(first.Body.GetProperty("versions")[0].GetProperty("late").GetBoolean());

        factory.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(due.AddDays(1), Today);
        village2 = await ApiClient.LoginAsync(factory, data.User("village2")); // the token of a day ago has expired
        var second = await ActAsync(village2, later.Number("id"), "submit", new { version = later.Number("version") });
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.True(second.Body.GetProperty("late").GetBoolean());
        Assert.True(second.Body.GetProperty("versions")[0].GetProperty("late").GetBoolean());

        var township = await PageClient.LoginAsync(factory, data.User("township"));
        var (response, doc) = await township.GetAsync($"/Plans/Units/{data.Unit("A")}?campaignId={campaign}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(doc.QuerySelector($"[data-testid=late-{data.Unit("A1")}]"));
        Assert.NotNull(doc.QuerySelector($"[data-testid=late-{data.Unit("A2")}]"));
        Assert.Equal("1", doc.QuerySelector("[data-testid=late-count]")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_township_sees_missing_plans_once_the_due_date_has_passed_counted_in_one_query_for_all_units()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var village1 = await ApiClient.LoginAsync(factory, data.User("village1"));
        var village2 = await ApiClient.LoginAsync(factory, data.User("village2"));
        var township = await ApiClient.LoginAsync(factory, data.User("township"));
        var (a, a1, a2, school) = (data.Unit("A"), data.Unit("A1"), data.Unit("A2"), data.Unit("AS"));
        var campaign = await CampaignAsync(banner, Today.AddDays(-1));
        var submitted = await DraftAsync(village1, a1, campaign);
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(village1, submitted.Number("id"), "submit", new { version = submitted.Number("version") })).Status);
        await DraftAsync(village2, a2, campaign); // a draft only: still missing

        var overview = await township.GetFromJsonAsync<JsonElement>($"/api/v1/units/{a}/plan-overview?campaignId={campaign}");
        var rows = overview.GetProperty("items").EnumerateArray().ToDictionary(r => r.Number("unitId"));
        Assert.Equal([a1, a2, school], rows.Keys.Order().ToArray());
        Assert.Equal((false, true), (rows[a1].GetProperty("missing").GetBoolean(), rows[a1].GetProperty("late").GetBoolean()));
        Assert.True(rows[a2].GetProperty("missing").GetBoolean());
        Assert.True(rows[school].GetProperty("missing").GetBoolean());
        Assert.Equal((2, 1, 1), (overview.GetProperty("figures").Number("missing"), overview.GetProperty("figures").Number("late"), overview.GetProperty("figures").Number("submitted")));

        var page = await PageClient.LoginAsync(factory, data.User("township"));
        var (_, doc) = await page.GetAsync($"/Plans/Units/{a}?campaignId={campaign}");
        Assert.NotNull(doc.QuerySelector($"[data-testid=missing-{a2}]"));
        Assert.NotNull(doc.QuerySelector($"[data-testid=missing-{school}]"));
        Assert.Null(doc.QuerySelector($"[data-testid=missing-{a1}]"));
        Assert.Equal("2", doc.QuerySelector("[data-testid=missing-count]")!.TextContent.Trim());

        // Before the due date nothing is missing yet.
        var future = await CampaignAsync(banner, Today.AddDays(5));
        var early = await township.GetFromJsonAsync<JsonElement>($"/api/v1/units/{a}/plan-overview?campaignId={future}");
        Assert.Equal(0, early.GetProperty("figures").Number("missing"));

        // The banner's list covers two townships' units with the same number of commands as the township's.
        var bannerCount = await CommandCount.OfAsync(factory, () => banner.GetAsync($"/api/v1/units/{data.Unit("Banner")}/plan-overview?campaignId={campaign}"));
        var townshipCount = await CommandCount.OfAsync(factory, () => township.GetAsync($"/api/v1/units/{a}/plan-overview?campaignId={campaign}"));
        Assert.Equal(townshipCount, bannerCount);
    }

    [Fact]
    public async Task Bad_input_is_refused_in_Chinese_and_saves_nothing()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var village = await ApiClient.LoginAsync(factory, data.User("village1"));
        var a1 = data.Unit("A1");
        var campaign = await CampaignAsync(banner, Today.AddDays(10));

        var bad = await village.PostAsJsonAsync($"/api/v1/units/{a1}/plans", new
        {
            campaignId = campaign, title = " ", goals = Array.Empty<string>(),
            steps = new[] { new { what = "召开会议", responsible = "", due = (string?)null } }, people = new[] { new { name = "张三", role = "" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.BodyAsync()).GetProperty("errors");
        Assert.Equal("请填写方案名称", errors.GetProperty("title")[0].GetString());
        Assert.Equal("第1个步骤：请填写责任人", errors.GetProperty("steps[0].responsible")[0].GetString());
        Assert.Equal("第1个步骤：请填写完成时间", errors.GetProperty("steps[0].due")[0].GetString());
        Assert.Contains("分工", errors.GetProperty("people[0].role")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await village.GetFromJsonAsync<JsonElement>($"/api/v1/units/{a1}/plans?campaignId={campaign}")).Number("total"));

        // The page: a plan with no title and a date that is no date is refused, with the reasons in Chinese, and nothing is saved.
        var page = await PageClient.LoginAsync(factory, data.User("village1"));
        var url = $"/Plans/{a1}?campaignId={campaign}";
        var refused = await page.SubmitAsync(url, new() { ["Input.Title"] = "", ["act"] = "submit" }, "[data-testid=plan-form]");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var shown = PageClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("请填写方案名称", shown.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        var wrongDate = await page.SubmitAsync(url, new() { ["Input.Steps[0].Due"] = "2023-13-45", ["act"] = "save" }, "[data-testid=plan-form]");
        Assert.Equal(HttpStatusCode.OK, wrongDate.StatusCode);
        Assert.NotNull(PageClient.Parse(await wrongDate.Content.ReadAsStringAsync()).QuerySelector("[data-testid=errors]"));
        Assert.Equal(0, (await village.GetFromJsonAsync<JsonElement>($"/api/v1/units/{a1}/plans?campaignId={campaign}")).Number("total"));

        // The page saves the pre-filled draft as it stands, and submits it.
        var saved = await page.SubmitAsync(url, new() { ["act"] = "submit" }, "[data-testid=plan-form]");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = await village.GetFromJsonAsync<JsonElement>($"/api/v1/units/{a1}/plans?campaignId={campaign}");
        var plan = list.GetProperty("items")[0];
        Assert.Equal("submitted", plan.Str("state"));

        // A change that empties the goals is refused; the plan stays as it was.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(1, await db.PlanVersions.CountAsync(v => v.PlanId == plan.Number("id")));
        }

        var returned = await ActAsync(await ApiClient.LoginAsync(factory, data.User("township")), plan.Number("id"), "return", new { version = plan.Number("version"), comment = "请修改" });
        Assert.Equal(HttpStatusCode.OK, returned.Status);
        var emptied = await village.PutAsJsonAsync($"/api/v1/plans/{plan.Number("id")}", new { version = returned.Body.Number("version"), title = "新名称", goals = Array.Empty<string>(),
            steps = new[] { new { what = "会议", responsible = "张三", due = "2030-01-01" } }, people = new[] { new { name = "张三", role = "组长" } } });
        Assert.Equal(HttpStatusCode.BadRequest, emptied.StatusCode);
        Assert.Equal("请至少填写一项创建目标", (await emptied.BodyAsync()).GetProperty("errors").GetProperty("goals")[0].GetString());
        var now = await PlanAsync(village, plan.Number("id"));
        Assert.Equal((returned.Body.Number("version"), plan.Str("title")), (now.Number("version"), now.Str("title")));
    }
}

public sealed class SqlitePlanTests(SqliteFactory factory) : PlanTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresPlanTests(PostgresFactory factory) : PlanTests(factory), IClassFixture<PostgresFactory>;

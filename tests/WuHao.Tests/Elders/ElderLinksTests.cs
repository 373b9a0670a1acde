using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Tests.Elders;

/// <summary>
/// 五老 as people, not names (R-2.1, R-5.1, R-5.4): activities and case pairings link to the roster (elderIds), a 五老's
/// page lists what they took part in, and 参与率 is counted per unit for a year; on SQLite and on PostgreSQL.
/// </summary>
public abstract class ElderLinksTests(WuHaoFactory factory)
{
    private DateOnly Today => factory.Time.Today();

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private object Activity(int[] elderIds, string[]? elderNames = null, int? schoolLinkId = null, int elderCount = 5) => new
    {
        date = Iso(Today), title = "红色故事会", types = new[] { "传承红色基因" }, mode = "本地", youthCount = 30, elderCount,
        elderIds, elderNames = elderNames ?? [], schoolLinkId,
    };

    private async Task<int> AddElderAsync(int unitId, string name, DateOnly joined, params (DateOnly Date, string Status)[] changes)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var elder = new Elder { UnitId = unitId, Name = name, Gender = "男", Category = "老干部", JoinDate = joined };
        elder.StatusChanges.AddRange(changes.Select(c => new ElderStatusChange { UnitId = unitId, Date = c.Date, Status = c.Status }));
        db.Elders.Add(elder);
        await db.SaveChangesAsync();
        return elder.Id;
    }

    private async Task AddActivityAsync(int unitId, DateOnly date, string title, params int[] elderIds)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var activity = new Activity { UnitId = unitId, Date = date, Title = title, Types = [new() { Value = "爱国主义" }], Mode = "本地" };
        activity.Elders.AddRange(elderIds.Select(id => new ActivityElder { UnitId = unitId, ElderId = id }));
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
    }

    private static int[] Ids(System.Text.Json.JsonElement e) => [.. e.GetProperty("elderIds").EnumerateArray().Select(x => x.GetInt32())];

    [Fact]
    public async Task An_activity_links_elders_of_its_unit_keeps_other_names_and_refuses_an_elder_of_another_unit()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        var elder = data.Record<Elder>("A1");

        var created = await api.PostAsJsonAsync($"/api/v1/units/{unit}/activities", Activity([elder], ["旗法院王法官"]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.BodyAsync()).Number("id");
        var read = await (await api.GetAsync($"/api/v1/activities/{id}")).BodyAsync();
        Assert.Equal([elder], Ids(read));
        Assert.Equal(["旗法院王法官"], read.GetProperty("elderNames").EnumerateArray().Select(n => n.GetString()));

        var before = (await (await api.GetAsync($"/api/v1/units/{unit}/activities")).BodyAsync()).Number("total");
        var refused = await api.PostAsJsonAsync($"/api/v1/units/{unit}/activities", Activity([elder, data.Record<Elder>("B1")]));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("“五老”名册", (await refused.BodyAsync()).GetProperty("errors").GetProperty("elderIds")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, (await (await api.GetAsync($"/api/v1/units/{unit}/activities")).BodyAsync()).Number("total"));

        // Unticking removes the link; the elder stays on the roster.
        var put = await api.PutAsJsonAsync($"/api/v1/activities/{id}", new
        {
            date = Iso(Today), title = "红色故事会", types = new[] { "传承红色基因" }, mode = "本地", elderIds = Array.Empty<int>(), version = read.Number("version"),
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Empty(Ids(await put.BodyAsync()));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/elders/{elder}")).StatusCode);
    }

    [Fact]
    public async Task A_joint_village_school_activity_takes_elders_of_either_side_only()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        var link = data.Record<SchoolLink>("A1");
        var teacher = await AddElderAsync(data.Unit("BS"), "退休教师", Today.AddYears(-1));

        var joint = await api.PostAsJsonAsync($"/api/v1/units/{unit}/activities", Activity([data.Record<Elder>("A1"), teacher], schoolLinkId: link));
        Assert.Equal(HttpStatusCode.Created, joint.StatusCode);
        Assert.Equal([data.Record<Elder>("A1"), teacher], Ids(await joint.BodyAsync()).Order());

        var notJoint = await api.PostAsJsonAsync($"/api/v1/units/{unit}/activities", Activity([teacher]));
        Assert.Equal(HttpStatusCode.BadRequest, notJoint.StatusCode);
        Assert.True((await notJoint.BodyAsync()).GetProperty("errors").TryGetProperty("elderIds", out _));
    }

    [Fact]
    public async Task The_activity_page_offers_the_active_elders_as_checkboxes_and_saves_the_ticked_ones()
    {
        var data = await TestData.CreateAsync(factory);
        var unit = data.Unit("A1");
        var elder = data.Record<Elder>("A1");
        var gone = await AddElderAsync(unit, "已退出五老", Today.AddYears(-3), (Today.AddYears(-1), ElderStatuses.Left));
        var page = await PageClient.LoginAsync(factory, data.User("village1"));

        var (_, form) = await page.GetAsync($"/Activities/Activity/{unit}");
        Assert.NotNull(form.QuerySelector($"input[type=checkbox][name='Input.ElderIds'][value='{elder}']"));
        Assert.Null(form.QuerySelector($"input[name='Input.ElderIds'][value='{gone}']"));

        var saved = await page.SubmitAsync($"/Activities/Activity/{unit}",
            new() { ["Input.Title"] = "勾选五老的活动", ["Input.Types"] = null, ["Input.ElderNames"] = "外来志愿者" },
            extra: [new("Input.Types", "关爱服务"), new("Input.ElderIds", elder.ToString(CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var activity = await db.Activities.SingleAsync(a => a.UnitId == unit && a.Title == "勾选五老的活动");
        Assert.Equal([elder], activity.Elders.Select(e => e.ElderId));
        Assert.Equal("外来志愿者", activity.ElderNames);
    }

    [Fact]
    public async Task A_case_pairs_elders_of_its_own_unit_only()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        object Case(int[] elderIds) => new
        {
            name = "结对儿童", gender = "男", birthDate = Iso(Today.AddYears(-10)), categories = new[] { "留守儿童" }, guardian = "张桂兰",
            elderIds, pairedElders = "驻村第一书记",
        };

        var created = await api.PostAsJsonAsync($"/api/v1/units/{unit}/youth-cases", Case([data.Record<Elder>("A1")]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = (await created.BodyAsync()).GetProperty("case");
        Assert.Equal([data.Record<Elder>("A1")], Ids(body));
        Assert.Equal("驻村第一书记", body.Str("pairedElders"));

        var refused = await api.PostAsJsonAsync($"/api/v1/units/{unit}/youth-cases", Case([data.Record<Elder>("A2")]));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("本单位", (await refused.BodyAsync()).GetProperty("errors").GetProperty("elderIds")[0].GetString(), StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.YouthCases.CountAsync(c => c.UnitId == unit && c.Name == "结对儿童"));
    }

    [Fact]
    public async Task An_elders_page_lists_their_activities_and_their_pairings_only_for_holders_of_the_case_permission()
    {
        var data = await TestData.CreateAsync(factory);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            foreach (var village in new[] { "A1", "A2" })
            {
                db.YouthCaseElders.Add(new YouthCaseElder { UnitId = data.Unit(village), CaseId = data.Record<YouthCase>(village), ElderId = data.Record<Elder>(village) });
            }

            await db.SaveChangesAsync();
        }

        await AddActivityAsync(data.Unit("A1"), Today.AddDays(-1), "敬老爱幼座谈会", data.Record<Elder>("A1"));
        await AddActivityAsync(data.Unit("A2"), Today.AddDays(-2), "法治宣传进校园", data.Record<Elder>("A2"));

        // village1 holds the 困境青少年档案 permission.
        var holder = await PageClient.LoginAsync(factory, data.User("village1"));
        var (_, own) = await holder.GetAsync($"/Elders/Elder/{data.Unit("A1")}/{data.Record<Elder>("A1")}");
        var activities = own.QuerySelector("[data-testid=elder-activities]")!;
        Assert.Contains("敬老爱幼座谈会", activities.TextContent, StringComparison.Ordinal);
        Assert.Contains(Today.AddDays(-1).Zh(), activities.TextContent, StringComparison.Ordinal);
        Assert.NotNull(activities.QuerySelector("a[href^='/Activities/Activity/']"));
        Assert.Contains("儿童A1", own.QuerySelector("[data-testid=elder-pairings]")!.TextContent, StringComparison.Ordinal);

        // village2 does not: the activity is there, the child is not, nor any trace of a pairing.
        var other = await PageClient.LoginAsync(factory, data.User("village2"));
        var (_, theirs) = await other.GetAsync($"/Elders/Elder/{data.Unit("A2")}/{data.Record<Elder>("A2")}");
        Assert.Contains("法治宣传进校园", theirs.QuerySelector("[data-testid=elder-activities]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(theirs.QuerySelector("[data-testid=elder-pairings]"));
        Assert.DoesNotContain("儿童A2", theirs.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("结对", theirs.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Participation_counts_elders_active_in_the_year_who_took_part_in_an_activity_of_that_year()
    {
        var data = await TestData.CreateAsync(factory);
        var year = Today.Year - 1;
        DateOnly D(int y, int m, int d) => new(y, m, d);
        var a1 = data.Unit("A1");

        // A1: the test elder (active) took part on 12-31 of the year: counted.
        await AddActivityAsync(a1, D(year, 12, 31), "年末活动", data.Record<Elder>("A1"));

        // One left before the year: not among the active, even with an activity of the year on record.
        var left = await AddElderAsync(a1, "早已退出", D(year - 3, 1, 1), (D(year - 1, 6, 1), ElderStatuses.Left));
        await AddActivityAsync(a1, D(year, 3, 1), "误记的活动", left);

        // One active who took part only on 01-01 of the next year, one only on 12-31 of the year before: active, not taking part.
        var next = await AddElderAsync(a1, "次年参加", D(year - 2, 1, 1));
        await AddActivityAsync(a1, D(year + 1, 1, 1), "新年活动", next);
        var before = await AddElderAsync(a1, "上年参加", D(year - 2, 1, 1));
        await AddActivityAsync(a1, D(year - 1, 12, 31), "上年末活动", before);

        // One who left in the middle of the year was active in it, and took part before leaving.
        var leaver = await AddElderAsync(a1, "年中退出", D(year - 2, 1, 1), (D(year, 7, 1), ElderStatuses.Left));
        await AddActivityAsync(a1, D(year, 1, 1), "年初活动", leaver);

        // A1: active 4 (test elder, next, before, leaver), took part 2 → 50%. A2: its test elder, no activity → 0%.
        // AS has no 五老 at all → "—". The township: 2 of 5 → 40%.
        var page = await PageClient.LoginAsync(factory, data.User("township"));
        var (response, doc) = await page.GetAsync($"/Elders/{data.Unit("A")}?year={year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("50%", doc.QuerySelector($"[data-testid=participation-{a1}]")!.TextContent.Trim());
        Assert.Equal("0%", doc.QuerySelector($"[data-testid=participation-{data.Unit("A2")}]")!.TextContent.Trim());
        Assert.Equal("—", doc.QuerySelector($"[data-testid=participation-{data.Unit("AS")}]")!.TextContent.Trim());
        Assert.Equal("40%", doc.QuerySelector("[data-testid=participation-total]")!.TextContent.Trim());
        Assert.StartsWith("40%", doc.QuerySelector("[data-testid=participation]")!.TextContent.Trim(), StringComparison.Ordinal);

        var school = await PageClient.LoginAsync(factory, data.User("school"));
        var (_, empty) = await school.GetAsync($"/Elders/{data.Unit("AS")}?year={year}");
        Assert.Equal("—", empty.QuerySelector("[data-testid=participation]")!.TextContent.Trim());
    }
}

public sealed class ElderLinksOnSqlite(SqliteFactory factory) : ElderLinksTests(factory), IClassFixture<SqliteFactory>;

public sealed class ElderLinksOnPostgres(PostgresFactory factory) : ElderLinksTests(factory), IClassFixture<PostgresFactory>;

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;

namespace WuHao.Tests.Team;

/// <summary>The leadership-team collections over the API (R-1, R-8.2, R-8.4, R-8.5), on SQLite and on PostgreSQL.</summary>
public abstract class TeamApiTests(WuHaoFactory factory)
{
    private static object Member(string name = "乌云其其格", string termStart = "2024-03-01") => new
    {
        name, gender = "女", ethnicity = "蒙古族", birthDate = "1960-05-04", politicalStatus = "中共党员", phone = "13912345678",
        isElder = true, position = "副主任", affiliation = "五老", termStart, note = "退休教师",
    };

    [Fact]
    public async Task A_member_goes_through_create_read_update_delete()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");

        var created = await api.PostAsJsonAsync($"/api/v1/units/{unit}/team-members", Member());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.BodyAsync();
        var id = body.Number("id");
        Assert.Equal(unit, body.Number("unitId"));
        Assert.Equal(1, body.Number("version"));
        Assert.Equal("乌云其其格", body.Str("name"));
        Assert.Equal("1960-05-04", body.Str("birthDate"));
        Assert.Equal($"/api/v1/team-members/{id}", created.Headers.Location!.OriginalString);

        var list = await (await api.GetAsync($"/api/v1/units/{unit}/team-members")).BodyAsync();
        Assert.Equal(3, list.Number("total"));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.Number("id") == id);

        var changed = await api.PutAsJsonAsync($"/api/v1/team-members/{id}", new
        {
            name = "乌云其其格", gender = "女", position = "常务副主任", affiliation = "五老", termStart = "2024-03-01", isElder = true, version = 1,
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var after = await changed.BodyAsync();
        Assert.Equal(2, after.Number("version"));
        Assert.Equal("常务副主任", after.Str("position"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, after.GetProperty("phone").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/team-members/{id}?version=2")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/team-members/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_stale_version_gets_409_and_changes_nothing()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var id = data.Record<WuHao.Web.Domain.TeamMember>("A1");
        var first = await api.PutAsJsonAsync($"/api/v1/team-members/{id}", new { name = "第一次", gender = "男", position = "主任", affiliation = "党支部", termStart = "2023-01-01", version = 1 });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var second = await api.PutAsJsonAsync($"/api/v1/team-members/{id}", new { name = "第二次", gender = "男", position = "主任", affiliation = "党支部", termStart = "2023-01-01", version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.BodyAsync();
        Assert.Equal("此记录已被他人修改", problem.Str("title"));
        Assert.Equal("第一次", problem.GetProperty("current").Str("name"));
        Assert.Equal(2, problem.GetProperty("current").Number("version"));

        var now = await (await api.GetAsync($"/api/v1/team-members/{id}")).BodyAsync();
        Assert.Equal("第一次", now.Str("name"));
        Assert.Equal(HttpStatusCode.Conflict, (await api.DeleteAsync($"/api/v1/team-members/{id}?version=1")).StatusCode);
    }

    [Fact]
    public async Task Bad_input_gets_Chinese_messages_per_field_and_writes_nothing()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        var before = await CountAsync(unit);

        var missing = await api.PostAsJsonAsync($"/api/v1/units/{unit}/team-members", new { gender = "未知", position = "队长", affiliation = "五老", termStart = "2024-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var errors = (await missing.BodyAsync()).GetProperty("errors");
        Assert.Equal("请填写姓名", errors.GetProperty("name")[0].GetString());

        var wrongTerms = await api.PostAsJsonAsync($"/api/v1/units/{unit}/team-members", new { name = "甲", gender = "未知", position = "队长", affiliation = "五老", termStart = "2024-01-01", birthDate = "2099-01-01" });
        var wrong = (await wrongTerms.BodyAsync()).GetProperty("errors");
        Assert.StartsWith("性别“未知”不在可选范围内", wrong.GetProperty("gender")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("职务“队长”不在可选范围内", wrong.GetProperty("position")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("出生日期不能晚于今天", wrong.GetProperty("birthDate")[0].GetString());

        var impossible = await api.PostAsync($"/api/v1/units/{unit}/team-members",
            new StringContent("""{"name":"乙","gender":"男","position":"委员","affiliation":"其他","termStart":"2023-02-30"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, impossible.StatusCode);
        var problem = await impossible.BodyAsync();
        Assert.Equal("请求格式不正确", problem.Str("title"));
        Assert.Contains("termStart", problem.Str("detail"), StringComparison.Ordinal);

        var notJson = await api.PostAsync($"/api/v1/units/{unit}/team-members", new StringContent("name=x", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);

        Assert.Equal(before, await CountAsync(unit));
    }

    [Fact]
    public async Task The_same_person_cannot_be_added_twice_to_a_team()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/units/{unit}/team-members", Member("重复者"))).StatusCode);
        var again = await api.PostAsJsonAsync($"/api/v1/units/{unit}/team-members", Member("重复者"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("重复者已在本单位班子中，不能重复添加", (await again.BodyAsync()).GetProperty("errors").GetProperty("name")[0].GetString());
    }

    [Fact]
    public async Task Hostile_text_is_stored_as_text_and_shown_escaped()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        const string hostile = "<script>alert(1)</script>";
        var created = await api.PostAsJsonAsync($"/api/v1/units/{unit}/team-members", Member(hostile));
        Assert.Equal(hostile, (await created.BodyAsync()).Str("name"));

        var page = await PageClient.LoginAsync(factory, data.User("village1"));
        var html = await page.Http.GetStringAsync($"/Team/{unit}");
        Assert.DoesNotContain(hostile, html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_team_change_ends_the_term_and_moves_the_successor_into_the_post()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        var leaving = data.Record<WuHao.Web.Domain.TeamMember>("A1");
        var successor = (await (await api.PostAsJsonAsync($"/api/v1/units/{unit}/team-members", Member("接任者"))).BodyAsync()).Number("id");
        var today = factory.Time.GetUtcNow().AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var change = await api.PostAsJsonAsync($"/api/v1/units/{unit}/team-changes", new { date = today, memberId = leaving, reason = "年龄原因", successorId = successor });
        Assert.Equal(HttpStatusCode.Created, change.StatusCode);
        var body = await change.BodyAsync();
        Assert.Equal("成员A1", body.Str("memberName"));
        Assert.Equal("主任", body.Str("position"));
        Assert.Equal("接任者", body.Str("successorName"));

        Assert.Equal(today, (await (await api.GetAsync($"/api/v1/team-members/{leaving}")).BodyAsync()).Str("termEnd"));
        Assert.Equal("主任", (await (await api.GetAsync($"/api/v1/team-members/{successor}")).BodyAsync()).Str("position"));

        var twice = await api.PostAsJsonAsync($"/api/v1/units/{unit}/team-changes", new { date = today, memberId = leaving, reason = "再次" });
        Assert.Equal("成员A1已经离任", (await twice.BodyAsync()).GetProperty("errors").GetProperty("memberId")[0].GetString());
    }

    [Fact]
    public async Task Lists_filter_by_year_and_page_within_limits()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        foreach (var date in new[] { "2022-03-01", "2022-09-01", "2023-05-01" })
        {
            var r = await api.PostAsJsonAsync($"/api/v1/units/{unit}/party-meetings", new { date, topic = "专题研究关工委工作", attendees = "支委", attendeeCount = 7, organisations = new[] { "妇联", "民兵" } });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }

        var y2022 = await (await api.GetAsync($"/api/v1/units/{unit}/party-meetings?year=2022")).BodyAsync();
        Assert.Equal(2, y2022.Number("total"));
        Assert.All(y2022.GetProperty("items").EnumerateArray(), i => Assert.StartsWith("2022-", i.Str("date"), StringComparison.Ordinal));
        Assert.Equal(["妇联", "民兵"], y2022.GetProperty("items")[0].GetProperty("organisations").EnumerateArray().Select(o => o.GetString()!));

        var paged = await (await api.GetAsync($"/api/v1/units/{unit}/party-meetings?page=2&pageSize=2")).BodyAsync();
        Assert.Equal(4, paged.Number("total"));
        Assert.Equal(2, paged.GetProperty("items").GetArrayLength());

        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"/api/v1/units/{unit}/party-meetings?pageSize=501")).StatusCode);
        var badOrg = await api.PostAsJsonAsync($"/api/v1/units/{unit}/party-meetings", new { date = "2023-01-01", topic = "x", attendees = "y", attendeeCount = 1, organisations = new[] { "外星人" } });
        Assert.Equal(HttpStatusCode.BadRequest, badOrg.StatusCode);
    }

    [Fact]
    public async Task A_future_meeting_cannot_be_recorded_as_held()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var future = factory.Time.GetUtcNow().AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var r = await api.PostAsJsonAsync($"/api/v1/units/{data.Unit("A1")}/study-sessions", new { date = future, topic = "学习", kind = "政治理论", participants = "全体", participantCount = 5, hours = 2 });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.StartsWith("学习日期不能晚于今天", (await r.BodyAsync()).GetProperty("errors").GetProperty("date")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_change_is_in_the_change_log_with_who_and_what()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var id = data.Record<WuHao.Web.Domain.TeamMember>("A1");
        await api.PutAsJsonAsync($"/api/v1/team-members/{id}", new { name = "改过的名字", gender = "男", position = "主任", affiliation = "党支部", termStart = "2023-01-01", version = 1 });

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var key = id.ToString(CultureInfo.InvariantCulture);
            var rows = await db.ChangeLog.Where(c => c.EntityType == "TeamMember" && c.EntityId == key && c.Action == "updated").ToListAsync();
            var name = Assert.Single(rows, r => r.Field == "Name");
            Assert.Equal("成员A1", name.OldValue);
            Assert.Equal("改过的名字", name.NewValue);
            Assert.Equal(data.User("village1"), name.UserName);
            Assert.Contains(await db.ChangeLog.Where(c => c.EntityType == "TeamMember" && c.EntityId == key).Select(c => c.Action).ToListAsync(), a => a == "created");
        }

        var page = await PageClient.LoginAsync(factory, data.User("village1"));
        var (_, doc) = await page.GetAsync($"/Team/Member/{data.Unit("A1")}/{id}");
        var history = doc.QuerySelector("[data-testid=history]")!.TextContent;
        Assert.Contains("姓名", history, StringComparison.Ordinal);
        Assert.Contains("成员A1", history, StringComparison.Ordinal);
        Assert.Contains("改过的名字", history, StringComparison.Ordinal);
        Assert.Contains(data.User("village1"), history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_only_roles_read_but_cannot_write()
    {
        var data = await TestData.CreateAsync(factory);
        var viewer = await ApiClient.LoginAsync(factory, data.User("viewer"));
        var unit = data.Unit("A1");
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/v1/units/{unit}/team-members")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync($"/api/v1/units/{unit}/team-members", Member())).StatusCode);
        var assessor = await ApiClient.LoginAsync(factory, data.User("assessor"));
        Assert.Equal(HttpStatusCode.Forbidden, (await assessor.DeleteAsync($"/api/v1/team-members/{data.Record<WuHao.Web.Domain.TeamMember>("B1")}")).StatusCode);
    }

    private async Task<int> CountAsync(int unitId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().TeamMembers.CountAsync(m => m.UnitId == unitId);
    }
}

public sealed class TeamApiOnSqlite(SqliteFactory factory) : TeamApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class TeamApiOnPostgres(PostgresFactory factory) : TeamApiTests(factory), IClassFixture<PostgresFactory>;

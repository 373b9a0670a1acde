using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Tests.Elders;

/// <summary>The collections of "五老作用发挥好" over the API (R-2, R-8.2, R-8.4), on SQLite and on PostgreSQL.</summary>
public abstract class EldersApiTests(WuHaoFactory factory)
{
    private DateOnly Today => factory.Time.Today();

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object Elder(string name = "乌云其其格", string joinDate = "2022-03-01", string? status = null, string? statusDate = null) => new
    {
        name, gender = "女", ethnicity = "蒙古族", birthDate = "1956-05-04", politicalStatus = "中共党员", phone = "13912345678",
        category = "老教师", formerUnit = "胜利中心学校", formerPost = "教师", specialties = "家庭教育指导", health = "良好", joinDate, status, statusDate,
    };

    [Fact]
    public async Task An_elder_goes_through_create_read_update_delete_with_a_status_history()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");

        var created = await api.PostAsJsonAsync($"/api/v1/units/{unit}/elders", Elder());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.BodyAsync();
        var id = body.Number("id");
        Assert.Equal("active", body.Str("status"));
        Assert.Equal("2022-03-01", body.Str("statusDate"));
        Assert.Equal("老教师", body.Str("category"));

        // A different status on PUT is a new entry of the history, dated as sent.
        var left = await api.PutAsJsonAsync($"/api/v1/elders/{id}", new
        {
            name = "乌云其其格", gender = "女", category = "老教师", joinDate = "2022-03-01", status = "left", statusDate = Iso(Today.AddDays(-3)), version = 1,
        });
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.Equal("left", (await left.BodyAsync()).Str("status"));

        var history = await (await api.GetAsync($"/api/v1/elders/{id}/status-changes")).BodyAsync();
        Assert.Equal(["active", "left"], history.EnumerateArray().Select(h => h.Str("status")));

        var back = await api.PostAsJsonAsync($"/api/v1/elders/{id}/status-changes", new { date = Iso(Today), status = "active", note = "恢复" });
        Assert.Equal(HttpStatusCode.Created, back.StatusCode);
        Assert.Equal("active", (await (await api.GetAsync($"/api/v1/elders/{id}")).BodyAsync()).Str("status"));

        var list = await (await api.GetAsync($"/api/v1/units/{unit}/elders")).BodyAsync();
        Assert.Equal(2, list.Number("total"));

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/elders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/elders/{id}/status-changes")).StatusCode);
    }

    [Fact]
    public async Task Bad_elders_get_Chinese_messages_per_field_and_nothing_is_written()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        var before = await CountAsync(unit);

        var bad = await api.PostAsJsonAsync($"/api/v1/units/{unit}/elders", new
        {
            name = "<script>alert(1)</script>", gender = "男", category = "老军人", birthDate = Iso(Today.AddYears(1)), joinDate = Iso(Today.AddDays(1)),
            health = "很好", status = "retired",
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.BodyAsync()).GetProperty("errors");
        Assert.StartsWith("类别“老军人”不在可选范围内，可选：老干部、老战士、老专家、老教师、老模范、其他", errors.GetProperty("category")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("出生日期不能晚于今天", errors.GetProperty("birthDate")[0].GetString());
        Assert.StartsWith("加入日期不能晚于今天", errors.GetProperty("joinDate")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("健康状况“很好”不在可选范围内", errors.GetProperty("health")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("状态“retired”不在可选范围内", errors.GetProperty("status")[0].GetString(), StringComparison.Ordinal);

        var noDate = await api.PostAsJsonAsync($"/api/v1/units/{unit}/elders", Elder(status: "deceased"));
        Assert.StartsWith("状态为“已故”时请填写状态日期", (await noDate.BodyAsync()).GetProperty("errors").GetProperty("statusDate")[0].GetString(), StringComparison.Ordinal);

        var impossible = await api.PostAsync($"/api/v1/units/{unit}/elders",
            new StringContent("""{"name":"乙","gender":"男","category":"老干部","joinDate":"2023-02-30"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, impossible.StatusCode);

        Assert.Equal(before, await CountAsync(unit));
    }

    [Fact]
    public async Task The_same_elder_cannot_be_added_twice_to_a_unit()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/units/{unit}/elders", Elder("重复者"))).StatusCode);
        var again = await api.PostAsJsonAsync($"/api/v1/units/{unit}/elders", Elder("重复者"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("重复者（1956年5月4日出生）已在本单位五老名册中，不能重复添加",
            (await again.BodyAsync()).GetProperty("errors").GetProperty("name")[0].GetString());

        // Another unit may have a namesake.
        var other = await ApiClient.LoginAsync(factory, data.User("township"));
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync($"/api/v1/units/{data.Unit("A2")}/elders", Elder("重复者"))).StatusCode);
    }

    [Fact]
    public async Task Year_end_counts_leave_out_an_elder_who_left_mid_year_and_roll_up_to_the_township()
    {
        var data = await TestData.CreateAsync(factory);
        var township = await ApiClient.LoginAsync(factory, data.User("township"));
        var a1 = data.Unit("A1");
        var a2 = data.Unit("A2");
        var lastYear = Today.Year - 1;
        var twoYearsAgo = Today.Year - 2;

        // A1 has 五老A1 (joined two years ago, from TestData). Add: one who joined two years ago and left mid last year,
        // one who joined last year; A2 gets one who joined last year and died this year.
        var leftId = (await (await township.PostAsJsonAsync($"/api/v1/units/{a1}/elders", Elder("中途退出", $"{twoYearsAgo}-01-10"))).BodyAsync()).Number("id");
        Assert.Equal(HttpStatusCode.Created, (await township.PostAsJsonAsync($"/api/v1/elders/{leftId}/status-changes", new { date = $"{lastYear}-06-30", status = "left", note = "迁居" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await township.PostAsJsonAsync($"/api/v1/units/{a1}/elders", Elder("新加入", $"{lastYear}-09-01"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await township.PostAsJsonAsync($"/api/v1/units/{a2}/elders",
            Elder("去世者", $"{lastYear}-02-01", status: "deceased", statusDate: Iso(new DateOnly(Today.Year, 1, 1))))).StatusCode);

        var figures = await (await township.GetAsync($"/api/v1/units/{a1}/elder-figures?year={lastYear}")).BodyAsync();
        var unit = figures.GetProperty("unit");
        Assert.Equal(2, unit.Number("active"));                 // 五老A1 and 新加入; 中途退出 left in June
        Assert.Equal(2, unit.Number("activeYearBefore"));       // 五老A1 (joined Today-2y, may be this or that year) … see below
        var years = figures.GetProperty("years").EnumerateArray().ToDictionary(y => y.Number("year"), y => y.Number("active"));
        Assert.Equal(2, years[lastYear]);

        // The township rolls up its villages (and the school): last year 2 (A1) + 2 (A2: 五老A2 and 去世者), this year 2 + 1.
        var rollup = await (await township.GetAsync($"/api/v1/units/{data.Unit("A")}/elder-figures?year={lastYear}")).BodyAsync();
        Assert.Equal(4, rollup.GetProperty("rollup").Number("active"));
        var now = await (await township.GetAsync($"/api/v1/units/{data.Unit("A")}/elder-figures")).BodyAsync();
        Assert.Equal(3, now.GetProperty("rollup").Number("active"));
        Assert.Equal(-1, now.GetProperty("rollup").Number("growth"));
        Assert.Equal(0, now.GetProperty("unit").Number("active"));   // the township keeps no elders of its own
    }

    [Fact]
    public async Task The_next_commendation_is_due_three_years_after_the_last_one()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("township"));
        var unit = data.Unit("AS");   // the school has no commendation meeting yet
        var never = (await (await api.GetAsync($"/api/v1/units/{unit}/elder-figures")).BodyAsync()).GetProperty("unit").GetProperty("commendation");
        Assert.Equal(JsonValueKind.Null, never.GetProperty("last").ValueKind);
        Assert.Equal(Iso(Today.AddYears(-3).AddYears(3)), never.Str("due"));   // three years after the committee's founding (TestData: 3 years ago)

        var date = Today.AddYears(-2).AddDays(-10);
        var created = await api.PostAsJsonAsync($"/api/v1/units/{unit}/commendations", new
        {
            date = Iso(date), title = "关心下一代工作表彰会", level = "乡",
            honorees = new[] { new { name = "韩老师", honour = "优秀五老", reason = "结对帮扶留守儿童5名" }, new { name = "", honour = "", reason = "" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var honorees = (await created.BodyAsync()).GetProperty("honorees");
        Assert.Equal(1, honorees.GetArrayLength());
        Assert.Equal("结对帮扶留守儿童5名", honorees[0].Str("reason"));

        var figures = (await (await api.GetAsync($"/api/v1/units/{unit}/elder-figures")).BodyAsync()).GetProperty("unit").GetProperty("commendation");
        Assert.Equal(Iso(date), figures.Str("last"));
        Assert.Equal(2, figures.Number("yearsSince"));
        Assert.Equal(Iso(date.AddYears(3)), figures.Str("due"));
        Assert.False(figures.GetProperty("overdue").GetBoolean());

        var none = await api.PostAsJsonAsync($"/api/v1/units/{unit}/commendations", new { date = Iso(Today), title = "表彰会", level = "乡", honorees = Array.Empty<object>() });
        Assert.Equal("请至少填写一名受表彰对象", (await none.BodyAsync()).GetProperty("errors").GetProperty("honorees")[0].GetString());
        var badLevel = await api.PostAsJsonAsync($"/api/v1/units/{unit}/commendations", new { date = Iso(Today), title = "表彰会", level = "省", honorees = new[] { new { name = "甲", honour = "乙" } } });
        Assert.StartsWith("级别“省”不在可选范围内", (await badLevel.BodyAsync()).GetProperty("errors").GetProperty("level")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_training_share_is_the_active_elders_trained_in_the_year()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        var first = data.Record<Elder>("A1");   // trained this year by TestData's training
        var ids = new List<int>();
        foreach (var name in new[] { "甲", "乙", "丙" })
        {
            ids.Add((await (await api.PostAsJsonAsync($"/api/v1/units/{unit}/elders", Elder(name))).BodyAsync()).Number("id"));
        }

        var training = await api.PostAsJsonAsync($"/api/v1/units/{unit}/trainings", new
        {
            date = Iso(Today), content = "学习未成年人保护法", hours = 3, inPartyPlan = true, elderIds = new[] { ids[0], first }, otherTrainees = "关工委主任、委员",
        });
        Assert.Equal(HttpStatusCode.Created, training.StatusCode);
        var body = await training.BodyAsync();
        Assert.Equal(2, body.GetProperty("elderIds").GetArrayLength());
        Assert.Contains("甲", body.GetProperty("elderNames").EnumerateArray().Select(n => n.GetString()));

        // 4 active, 2 trained (五老A1 twice counts once).
        var figures = (await (await api.GetAsync($"/api/v1/units/{unit}/elder-figures")).BodyAsync()).GetProperty("unit");
        Assert.Equal(4, figures.Number("active"));
        Assert.Equal(2, figures.Number("trained"));
        Assert.Equal(0.5, figures.GetProperty("trainedShare").GetDouble());
        Assert.Equal(2, figures.Number("trainingsInPartyPlan"));

        // An elder of another unit cannot be a trainee here.
        var foreign = await api.PostAsJsonAsync($"/api/v1/units/{unit}/trainings", new { date = Iso(Today), content = "x", hours = 1, elderIds = new[] { data.Record<Elder>("B1") } });
        Assert.Equal("参训五老须是本单位五老名册中的人员", (await foreign.BodyAsync()).GetProperty("errors").GetProperty("elderIds")[0].GetString());

        // Updating the trainees replaces them.
        var id = body.Number("id");
        var changed = await api.PutAsJsonAsync($"/api/v1/trainings/{id}", new { date = Iso(Today), content = "学习未成年人保护法", hours = 3, elderIds = new[] { ids[1], ids[2] }, version = 1 });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(new[] { ids[1], ids[2] }, (await changed.BodyAsync()).GetProperty("elderIds").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task Deeds_keep_their_publicity_and_donors_studios_go_through_the_api()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        var deed = await api.PostAsJsonAsync($"/api/v1/units/{unit}/deeds", new
        {
            title = "老教师义务辅导留守儿童", persons = "五老A1", date = Iso(Today.AddDays(-40)), story = "每周两次义务辅导。",
            publicity = new[] { new { date = Iso(Today.AddDays(-30)), outlet = "科左中旗融媒体", note = "头版" }, new { date = Iso(Today.AddDays(-20)), outlet = "村务公开栏", note = "" } },
        });
        Assert.Equal(HttpStatusCode.Created, deed.StatusCode);
        var deedBody = await deed.BodyAsync();
        Assert.Equal(["科左中旗融媒体", "村务公开栏"], deedBody.GetProperty("publicity").EnumerateArray().Select(p => p.Str("outlet")));

        var noOutlet = await api.PostAsJsonAsync($"/api/v1/units/{unit}/deeds", new { title = "t", persons = "p", date = Iso(Today), story = "s", publicity = new[] { new { date = Iso(Today), outlet = "" } } });
        Assert.Equal("第1条宣传：请填写宣传渠道", (await noOutlet.BodyAsync()).GetProperty("errors").GetProperty("publicity[0].Outlet")[0].GetString());

        var update = await api.PutAsJsonAsync($"/api/v1/deeds/{deedBody.Number("id")}", new
        {
            title = "老教师义务辅导留守儿童", persons = "五老A1", date = Iso(Today.AddDays(-40)), story = "每周两次义务辅导。", version = 1,
            publicity = new[] { new { date = Iso(Today.AddDays(-30)), outlet = "科左中旗融媒体", note = "头版" } },
        });
        Assert.Equal(1, (await update.BodyAsync()).GetProperty("publicity").GetArrayLength());

        var donor = await api.PostAsJsonAsync($"/api/v1/units/{unit}/donors", new { name = "包金山", kind = "个人", date = Iso(Today), gift = "助学金2000元", amount = 2000, recipient = "困境儿童", phone = "13812345678" });
        Assert.Equal(HttpStatusCode.Created, donor.StatusCode);
        var dup = await api.PostAsJsonAsync($"/api/v1/units/{unit}/donors", new { name = "包金山", kind = "个人", date = Iso(Today), gift = "书包", amount = 10 });
        Assert.EndsWith("的捐赠已登记，不能重复添加", (await dup.BodyAsync()).GetProperty("errors").GetProperty("name")[0].GetString(), StringComparison.Ordinal);

        var studio = await api.PostAsJsonAsync($"/api/v1/units/{unit}/studios", new { name = "五老之家", place = "党群服务中心", setUpDate = Iso(Today), members = new[] { "五老A1", "甲、乙" } });
        Assert.Equal(["五老A1", "甲", "乙"], (await studio.BodyAsync()).GetProperty("members").EnumerateArray().Select(m => m.GetString()!));
    }

    [Fact]
    public async Task Read_only_roles_see_phone_numbers_masked_and_cannot_write()
    {
        var data = await TestData.CreateAsync(factory);
        var viewer = await ApiClient.LoginAsync(factory, data.User("viewer"));
        var editor = await ApiClient.LoginAsync(factory, data.User("village1"));
        var id = data.Record<Elder>("A1");
        Assert.Equal("139****5678", (await (await viewer.GetAsync($"/api/v1/elders/{id}")).BodyAsync()).Str("phone"));
        Assert.Equal("13912345678", (await (await editor.GetAsync($"/api/v1/elders/{id}")).BodyAsync()).Str("phone"));
        var list = await (await viewer.GetAsync($"/api/v1/units/{data.Unit("A1")}/donors")).BodyAsync();
        Assert.Equal("138****5678", list.GetProperty("items")[0].Str("phone"));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync($"/api/v1/elders/{id}/status-changes", new { date = Iso(Today), status = "left" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync($"/api/v1/units/{data.Unit("A1")}/elders", Elder())).StatusCode);
    }

    private async Task<int> CountAsync(int unitId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Elders.CountAsync(m => m.UnitId == unitId) + await db.ElderStatusChanges.CountAsync(m => m.UnitId == unitId);
    }
}

public sealed class EldersApiOnSqlite(SqliteFactory factory) : EldersApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class EldersApiOnPostgres(PostgresFactory factory) : EldersApiTests(factory), IClassFixture<PostgresFactory>;

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Tests.Indicators;

/// <summary>
/// The live evaluation end to end (R-6.3, R-6.4, R-6.6): a rubric imported through the API, a village's records written
/// through the API, the scores computed from them, the command count that does not grow with the data, the matrix,
/// the gaps and the scope. Runs on both engines.
/// </summary>
public abstract class EvaluationApiTests(WuHaoFactory factory)
{
    private const int Year = 2024;

    /// <summary>
    /// A worked rubric of 19 indicators (17 scored + a bonus + a veto); non-bonus points add up to 100, pass score 60.
    /// The expected score of each indicator for the scenario of <see cref="WriteScenarioAsync"/> is worked out by hand
    /// in <see cref="Expected"/>.
    /// </summary>
    private static string Rubric(string code) => $$"""
    {
      "code": "{{code}}", "name": "测试验收指标体系", "version": "1", "passScore": 60, "appliesTo": ["village"],
      "sections": [
        { "code": "1", "name": "领导班子建设好", "indicators": [
          { "code": "1.1", "name": "党支部专题会议", "points": 5, "method": "查资料",
            "rule": { "type": "count", "measure": "partyMeetings", "min": 2, "deduct": 2.5 } },
          { "code": "1.2", "name": "学习", "points": 8, "method": "查资料",
            "rule": { "type": "count", "measure": "studySessions", "min": 4, "proportional": true } },
          { "code": "1.3", "name": "青妇民兵治保", "points": 4, "method": "听汇报",
            "rule": { "type": "present", "measure": "teamOrganisationsCovered", "required": ["共青团/青年", "妇联", "民兵", "治保"], "deduct": 1 } },
          { "code": "1.4", "name": "不缺位", "points": 6, "method": "查资料",
            "rule": { "type": "none", "measure": "teamVacancies", "deduct": 2 } } ] },
        { "code": "2", "name": "五老作用发挥好", "indicators": [
          { "code": "2.1", "name": "在册五老", "points": 5, "method": "查资料",
            "rule": { "type": "count", "measure": "eldersActive", "min": 5, "deduct": 1 } },
          { "code": "2.2", "name": "逐年壮大", "points": 4, "method": "查资料",
            "rule": { "type": "growth", "measure": "elderGrowth" } },
          { "code": "2.3", "name": "五老培训", "points": 5, "method": "查资料",
            "rule": { "type": "ratio", "measure": "eldersTrained", "min": 0.8, "proportional": true } },
          { "code": "2.4", "name": "三年一次表彰会", "points": 4, "method": "查资料",
            "rule": { "type": "count", "measure": "commendationMeetings", "min": 1, "yearsBack": 3 } },
          { "code": "2.5", "name": "先进事迹", "points": 3, "method": "查资料",
            "rule": { "type": "count", "measure": "deeds", "min": 3, "perItem": 1 } } ] },
        { "code": "3", "name": "制度健全执行好", "indicators": [
          { "code": "3.1", "name": "五项制度", "points": 10, "method": "看现场",
            "rule": { "type": "present", "measure": "ruleDocuments", "required": ["学习制度", "会议制度", "工作制度", "档案管理制度", "奖励制度"], "deduct": 2 } },
          { "code": "3.2", "name": "计划布置检查总结", "points": 10, "method": "查资料",
            "rule": { "type": "present", "measure": "workCycle", "required": ["计划", "布置", "检查", "总结"], "deduct": 2.5 } },
          { "code": "3.3", "name": "活动经费", "points": 5, "method": "查资料",
            "rule": { "type": "sum", "measure": "funds", "filter": { "direction": ["income"] }, "min": 1000, "proportional": true } } ] },
        { "code": "4", "name": "积极探索创新好", "indicators": [
          { "code": "4.1", "name": "经验推广到旗以上", "points": 5, "method": "查资料",
            "rule": { "type": "count", "measure": "experiences", "filter": { "level": ["旗", "市", "区", "国家"] }, "min": 1 } } ] },
        { "code": "5", "name": "活动经常效果好", "indicators": [
          { "code": "5.1", "name": "有佐证的活动", "points": 10, "method": "查资料",
            "rule": { "type": "count", "measure": "activities", "min": 6, "deduct": 1, "maxDeduct": 3, "requireEvidence": true } },
          { "code": "5.2", "name": "法治教育", "points": 4, "method": "查资料",
            "rule": { "type": "count", "measure": "activities", "filter": { "types": ["法治教育"] }, "min": 1 } },
          { "code": "5.3", "name": "月月有活动", "points": 6, "method": "查资料",
            "rule": { "type": "count", "measure": "activityMonths", "min": 10, "deduct": 0.5 } },
          { "code": "5.4", "name": "活动效果", "points": 6, "method": "走访", "rule": { "type": "manual" } },
          { "code": "B1", "name": "精神文明创建", "points": 2, "bonus": true,
            "rule": { "type": "count", "measure": "civilizationEntries", "min": 2, "perItem": 1 } },
          { "code": "V1", "name": "侵害未成年人案件未报告", "veto": true, "rule": { "type": "manual" } } ] } ]
    }
    """;

    /// <summary>Expected score per indicator, worked out by hand for the scenario.</summary>
    private static readonly Dictionary<string, decimal?> Expected = new()
    {
        ["1.1"] = 2.5m,   // 1 meeting in 2024 (the 2023 one does not count): 5 − 2.5 × 1
        ["1.2"] = 6m,     // 3 sessions of 4: 8 × 3/4
        ["1.3"] = 2m,     // 妇联 and 民兵 on the team at 2024-12-31, 2 of 4 missing: 4 − 1 × 2
        ["1.4"] = 4m,     // 联络员 never filled since the committee was founded in 2020: 1 flagged vacancy, 6 − 2
        ["2.1"] = 5m,     // E1–E4 (2023), E5 (2024-06) active; E6 left in 2024-03: 5 ≥ 5
        ["2.2"] = 4m,     // end 2023: E1–E4 + E6 = 5; end 2024: 5 — not fewer
        ["2.3"] = 3.75m,  // trained in 2024: E1, E2, E3 of 5 active = 0.6; 5 × 0.6 / 0.8
        ["2.4"] = 4m,     // a meeting in 2022, within 2022–2024
        ["2.5"] = 2m,     // 2 deeds in 2024 at 1 point each (cap 3)
        ["3.1"] = 4m,     // 学习 (2023) and 会议 (2024) in force; 工作制度 adopted 2025 does not count: 3 missing, 10 − 6
        ["3.2"] = 7.5m,   // 计划, 布置, 总结 of 2024; 检查 missing: 10 − 2.5
        ["3.3"] = 3m,     // income 600 of 1000 (spending 300 not counted): 5 × 0.6
        ["4.1"] = 0m,     // the 2024 experience is at 乡 level; the 旗-level one is of 2023
        ["5.1"] = 8m,     // 4 activities with a photo (1 without): 2 short, 10 − 2
        ["5.2"] = 4m,     // one 法治教育 activity (no photo needed here)
        ["5.3"] = 3.5m,   // activities in 5 months: 5 short × 0.5
        ["5.4"] = null,   // manual, pending
        ["B1"] = 1m,      // one 2024 entry at 1 point
        ["V1"] = null,    // veto, pending
    };

    private const decimal ExpectedTotal = 64.25m; // 14.5 + 18.75 + 14.5 + 0 + 15.5 + bonus 1

    [Fact]
    public async Task A_worked_rubric_scores_a_village_from_its_records_as_computed_by_hand()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var systemId = await ImportAndPublishAsync(banner, Rubric($"{data.Prefix}-worked"));
        var unitId = await NewVillageAsync(banner, data, "W");
        await WriteScenarioAsync(banner, unitId);

        var response = await banner.GetAsync($"/api/v1/units/{unitId}/evaluation?year={Year}&systemId={systemId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.BodyAsync();
        var indicators = Indicators(body);
        foreach (var (code, score) in Expected)
        {
            var indicator = indicators[code];
            var actual = indicator.GetProperty("score").ValueKind == JsonValueKind.Null ? (decimal?)null : indicator.GetProperty("score").GetDecimal();
            Assert.True(score == actual, $"{code}: expected {score}, got {actual} ({indicator.Str("reason")})");
        }

        Assert.Equal(ExpectedTotal, body.GetProperty("total").GetDecimal());
        Assert.Equal(1m, body.GetProperty("bonus").GetDecimal());
        Assert.True(body.GetProperty("passed").GetBoolean());
        Assert.False(body.GetProperty("vetoed").GetBoolean());
        Assert.Equal("partial", indicators["1.1"].Str("status"));
        Assert.Contains("1次", indicators["1.1"].Str("reason"), StringComparison.Ordinal);
        Assert.Equal("pending", indicators["5.4"].Str("status"));
        Assert.Equal("unmet", indicators["4.1"].Str("status"));
        Assert.Equal("met", indicators["2.1"].Str("status"));

        // The evidence links name what was counted; what was not is there with the reason (R-6.4).
        var meetings = indicators["1.1"];
        Assert.Single(meetings.GetProperty("evidence").EnumerateArray());
        Assert.Equal("party-meetings", meetings.GetProperty("evidence")[0].Str("collection"));
        var notCounted = meetings.GetProperty("notCounted").EnumerateArray().ToList();
        Assert.Single(notCounted);
        Assert.Contains("2023年", notCounted[0].Str("reason"), StringComparison.Ordinal);
        var photoless = indicators["5.1"].GetProperty("notCounted").EnumerateArray().Select(n => n.Str("reason")).ToList();
        Assert.Contains(photoless, r => r.Contains("佐证", StringComparison.Ordinal));
        Assert.Equal(4, indicators["5.1"].GetProperty("evidence").GetArrayLength());
    }

    [Fact]
    public async Task One_evaluation_issues_the_same_number_of_commands_for_10_and_for_1000_records()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var small = await NewVillageAsync(banner, data, "Small");
        var large = await NewVillageAsync(banner, data, "Large");
        await AddActivitiesAsync(small, 10);
        await AddActivitiesAsync(large, 1000);
        var template = await TemplateIdAsync(banner);

        // The published systems are read once, then kept while none changes: both measured requests find them kept.
        (await banner.GetAsync($"/api/v1/units/{small}/evaluation?year={Year - 1}&systemId={template}")).EnsureSuccessStatusCode();
        var few = await CommandsAsync(() => banner.GetAsync($"/api/v1/units/{small}/evaluation?year={Year}&systemId={template}"));
        var many = await CommandsAsync(() => banner.GetAsync($"/api/v1/units/{large}/evaluation?year={Year}&systemId={template}"));
        Assert.Equal(few, many);
        Assert.InRange(few, 1, 12);
    }

    [Fact]
    public async Task A_matrix_of_3_and_of_30_villages_issues_the_same_number_of_commands_and_counts_each_village()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var three = await NewTownshipAsync(banner, data, "T3", 3);
        var thirty = await NewTownshipAsync(banner, data, "T30", 30);
        for (var i = 0; i < thirty.Villages.Count; i++)
        {
            await AddActivitiesAsync(thirty.Villages[i], i % 4);
        }

        var template = await TemplateIdAsync(banner);
        (await banner.GetAsync($"/api/v1/units/{three.Id}/evaluation-matrix?year={Year - 1}&systemId={template}")).EnsureSuccessStatusCode(); // as above
        var few = await CommandsAsync(() => banner.GetAsync($"/api/v1/units/{three.Id}/evaluation-matrix?year={Year}&systemId={template}"));
        HttpResponseMessage? response = null;
        var many = await CommandsAsync(async () => response = await banner.GetAsync($"/api/v1/units/{thirty.Id}/evaluation-matrix?year={Year}&systemId={template}"));
        Assert.Equal(few, many);

        var rows = (await response!.BodyAsync()).GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(30, rows.Count);

        // The matrix is the single evaluation run per unit: each row equals that unit's own evaluation.
        foreach (var row in rows.Take(4))
        {
            var single = await (await banner.GetAsync($"/api/v1/units/{row.Number("unitId")}/evaluation?year={Year}&systemId={template}")).BodyAsync();
            Assert.Equal(single.GetProperty("total").GetDecimal(), row.GetProperty("total").GetDecimal());
        }

        Assert.NotEqual(rows[0].GetProperty("total").GetDecimal(), rows[1].GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task A_village_sees_only_itself_in_a_matrix_and_a_township_never_sees_another_townships_units()
    {
        var data = await TestData.CreateAsync(factory);
        var village = await ApiClient.LoginAsync(factory, data.User("village1"));
        var own = await (await village.GetAsync($"/api/v1/units/{data.Unit("A1")}/evaluation-matrix?year={Year}")).BodyAsync();
        Assert.Equal([data.Unit("A1")], own.GetProperty("rows").EnumerateArray().Select(r => r.Number("unitId")));
        Assert.Equal(HttpStatusCode.NotFound, (await village.GetAsync($"/api/v1/units/{data.Unit("A")}/evaluation-matrix?year={Year}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await village.GetAsync($"/api/v1/units/{data.Unit("A2")}/evaluation?year={Year}")).StatusCode);

        var township = await ApiClient.LoginAsync(factory, data.User("township"));
        var matrix = await (await township.GetAsync($"/api/v1/units/{data.Unit("A")}/evaluation-matrix?year={Year}")).BodyAsync();
        var ids = matrix.GetProperty("rows").EnumerateArray().Select(r => r.Number("unitId")).ToList();
        Assert.Equal([data.Unit("A1"), data.Unit("A2")], ids.Order());
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/api/v1/units/{data.Unit("B")}/evaluation-matrix?year={Year}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/api/v1/units/{data.Unit("B1")}/gaps?year={Year}")).StatusCode);
    }

    [Fact]
    public async Task A_gap_closes_itself_when_its_indicator_is_met_and_reopens_when_it_is_not_keeping_its_owner()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var systemId = await ImportAndPublishAsync(banner, Rubric($"{data.Prefix}-gaps"));
        var unitId = await NewVillageAsync(banner, data, "G");
        await PostAsync(banner, $"/api/v1/units/{unitId}/party-meetings", Meeting("2024-03-01"));

        var gap = await GapAsync(banner, unitId, systemId, "1.1");
        Assert.Equal("open", gap.Str("state"));
        Assert.Equal(2.5m, gap.GetProperty("recoverable").GetDecimal());

        // Bad input: a clear Chinese message per field, and nothing changed (R-8.5).
        var bad = await banner.PutAsJsonAsync($"/api/v1/gaps/{gap.Number("id")}", new { owner = new string('张', 51), dueDate = "1900-01-01", version = gap.Number("version") });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problems = (await bad.BodyAsync()).GetProperty("errors");
        Assert.Equal("责任人最多50个字", problems.GetProperty("owner")[0].GetString());
        Assert.StartsWith("完成期限请填写", problems.GetProperty("dueDate")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await GapAsync(banner, unitId, systemId, "1.1")).GetProperty("owner").ValueKind);

        var put = await banner.PutAsJsonAsync($"/api/v1/gaps/{gap.Number("id")}", new { owner = "张书记", dueDate = "2024-08-31", version = gap.Number("version") });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var stale = await banner.PutAsJsonAsync($"/api/v1/gaps/{gap.Number("id")}", new { owner = "李主任", dueDate = "2024-08-31", version = gap.Number("version") });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var second = await PostAsync(banner, $"/api/v1/units/{unitId}/party-meetings", Meeting("2024-09-01"));
        var closed = await GapAsync(banner, unitId, systemId, "1.1");
        Assert.Equal("closed", closed.Str("state"));
        Assert.Equal(gap.Number("id"), closed.Number("id"));

        Assert.Equal(HttpStatusCode.NoContent, (await banner.DeleteAsync($"/api/v1/party-meetings/{second.Number("id")}")).StatusCode);
        var reopened = await GapAsync(banner, unitId, systemId, "1.1");
        Assert.Equal("open", reopened.Str("state"));
        Assert.Equal("张书记", reopened.Str("owner"));
    }

    [Fact]
    public async Task A_system_goes_through_JSON_and_Excel_and_comes_back_the_same_and_a_published_one_cannot_be_edited()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var created = await banner.PostAsync("/api/v1/indicator-systems", new StringContent(Rubric($"{data.Prefix}-trip"), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.BodyAsync()).Number("id");
        var json = await banner.GetStringAsync($"/api/v1/indicator-systems/{id}?format=json");

        var xlsx = await banner.GetByteArrayAsync($"/api/v1/indicator-systems/{id}?format=xlsx");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(xlsx), "file", "体系.xlsx" } };
        Assert.Equal(HttpStatusCode.OK, (await banner.PutAsync($"/api/v1/indicator-systems/{id}", form)).StatusCode);
        Assert.Equal(json, await banner.GetStringAsync($"/api/v1/indicator-systems/{id}?format=json"));

        Assert.Equal(HttpStatusCode.OK, (await banner.PostAsync($"/api/v1/indicator-systems/{id}/publish", null)).StatusCode);
        var edit = await banner.PutAsync($"/api/v1/indicator-systems/{id}", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, edit.StatusCode);
        Assert.Contains("新版本", await edit.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var copy = await banner.PostAsync($"/api/v1/indicator-systems/{id}/versions", null);
        Assert.Equal(HttpStatusCode.Created, copy.StatusCode);
        Assert.Equal("2", (await copy.BodyAsync()).Str("edition"));
    }

    [Fact]
    public async Task A_bad_system_is_refused_with_every_problem_in_Chinese_naming_the_indicator_and_nothing_is_saved()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var bad = Rubric($"{data.Prefix}-bad").Replace("\"measure\": \"partyMeetings\"", "\"measure\": \"meetings\"", StringComparison.Ordinal);
        var response = await banner.PostAsync("/api/v1/indicator-systems", new StringContent(bad, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.BodyAsync()).GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(errors, e => e.Contains("1.1", StringComparison.Ordinal) && e.Contains("meetings", StringComparison.Ordinal) && e.Contains("partyMeetings", StringComparison.Ordinal));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await db.IndicatorSystems.AnyAsync(s => s.Code == $"{data.Prefix}-bad"));

        var village = await ApiClient.LoginAsync(factory, data.User("village1"));
        var denied = await village.PostAsync("/api/v1/indicator-systems", new StringContent(Rubric($"{data.Prefix}-v"), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    // ---- the scenario ------------------------------------------------------------------------------------------

    private static async Task WriteScenarioAsync(HttpClient api, int unit)
    {
        string U(string collection) => $"/api/v1/units/{unit}/{collection}";
        await PostAsync(api, U("party-meetings"), Meeting("2024-05-10"));
        await PostAsync(api, U("party-meetings"), Meeting("2023-11-10"));
        foreach (var day in new[] { "2024-02-01", "2024-06-01", "2024-10-01" })
        {
            await PostAsync(api, U("study-sessions"), new { date = day, topic = "政治理论学习", kind = "政治理论", participants = "班子成员", participantCount = 5, hours = 2 });
        }

        await PostAsync(api, U("team-members"), Member("主任", "妇联", "2024-01-01"));
        await PostAsync(api, U("team-members"), Member("副主任", "民兵", "2024-01-01"));

        var elders = new List<int>();
        foreach (var (name, join) in new[] { ("甲", "2023-01-01"), ("乙", "2023-01-01"), ("丙", "2023-01-01"), ("丁", "2023-01-01"), ("戊", "2024-06-01"), ("己", "2023-01-01") })
        {
            elders.Add((await PostAsync(api, U("elders"), new { name = "五老" + name, gender = "男", category = "老教师", joinDate = join })).Number("id"));
        }

        await PostAsync(api, $"/api/v1/elders/{elders[5]}/status-changes", new { date = "2024-03-01", status = "left", note = "迁出" });
        await PostAsync(api, U("trainings"), new { date = "2024-04-01", content = "关工委业务培训", hours = 3, inPartyPlan = true, elderIds = elders.Take(3).ToArray() });
        await PostAsync(api, U("commendations"), new { date = "2022-05-01", title = "表彰会", level = "村", honorees = new[] { new { name = "五老甲", honour = "优秀五老" } } });
        await PostAsync(api, U("deeds"), new { date = "2024-03-01", title = "事迹一", persons = "五老甲", story = "结对帮扶" });
        await PostAsync(api, U("deeds"), new { date = "2024-07-01", title = "事迹二", persons = "五老乙", story = "义务辅导" });

        await PostAsync(api, U("rule-documents"), new { type = "学习制度", title = "学习制度", adoptedOn = "2023-03-01", isPosted = true });
        await PostAsync(api, U("rule-documents"), new { type = "会议制度", title = "会议制度", adoptedOn = "2024-03-01", isPosted = true });
        await PostAsync(api, U("rule-documents"), new { type = "工作制度", title = "工作制度", adoptedOn = "2025-03-01", isPosted = true });
        foreach (var (stage, day) in new[] { ("计划", "2024-01-10"), ("布置", "2024-02-10"), ("总结", "2024-12-20") })
        {
            await PostAsync(api, U("work-cycle"), new { year = 2024, stage, date = day, title = stage });
        }

        await PostAsync(api, U("funds"), new { date = "2024-03-01", direction = "income", amount = 600, source = "上级拨款", purpose = "活动经费" });
        await PostAsync(api, U("funds"), new { date = "2024-04-01", direction = "spending", amount = 300, purpose = "购买图书" });
        await PostAsync(api, U("experiences"), new { date = "2024-05-01", title = "经验一", summary = "做法", level = "乡" });
        await PostAsync(api, U("experiences"), new { date = "2023-05-01", title = "经验二", summary = "做法", level = "旗" });

        foreach (var (day, types, photo) in new[]
        {
            ("2024-01-15", "爱国主义", true), ("2024-02-15", "法治教育", false), ("2024-03-15", "家教家风", true),
            ("2024-04-15", "关爱服务", true), ("2024-05-15", "革命传统", true),
        })
        {
            var fileIds = photo ? new[] { await UploadAsync(api, unit) } : [];
            await PostAsync(api, U("activities"), new { date = day, title = "活动" + day, types = new[] { types }, mode = "本地", youthCount = 10, elderCount = 2, fileIds });
        }

        await PostAsync(api, U("civilization-entries"), new { year = 2024, kind = "文明家庭", subject = "某家庭", result = "乡级文明家庭" });
    }

    private static object Meeting(string date) => new { date, topic = "专题研究关工委工作", attendees = "支委", attendeeCount = 5 };

    private static object Member(string position, string affiliation, string start) =>
        new { name = position + "某", gender = "男", position, affiliation, termStart = start };

    private static async Task<int> UploadAsync(HttpClient api, int unit)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Samples.Jpeg(60, 40)) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }, "file", "照片.jpg" },
            { new StringContent(unit.ToString(CultureInfo.InvariantCulture)), "unitId" },
        };
        var response = await api.PostAsync("/api/v1/files", form);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.BodyAsync()).Number("id");
    }

    private static async Task<JsonElement> PostAsync(HttpClient api, string url, object body)
    {
        var response = await api.PostAsJsonAsync(url, body);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.Content.Headers.ContentLength is 0 ? default : await response.BodyAsync();
    }

    private static Dictionary<string, JsonElement> Indicators(JsonElement evaluation) =>
        evaluation.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("indicators").EnumerateArray())
            .ToDictionary(i => i.Str("code"));

    private static async Task<int> ImportAndPublishAsync(HttpClient banner, string json)
    {
        var created = await banner.PostAsync("/api/v1/indicator-systems", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.BodyAsync()).Number("id");
        Assert.Equal(HttpStatusCode.OK, (await banner.PostAsync($"/api/v1/indicator-systems/{id}/publish", null)).StatusCode);
        return id;
    }

    private static async Task<int> TemplateIdAsync(HttpClient api)
    {
        var list = await (await api.GetAsync("/api/v1/indicator-systems")).BodyAsync();
        return list.GetProperty("items").EnumerateArray()
            .First(s => s.GetProperty("isTemplate").GetBoolean() && s.GetProperty("appliesTo").EnumerateArray().Any(t => t.GetString() == "village"))
            .Number("id");
    }

    private async Task<int> NewVillageAsync(HttpClient banner, TestData data, string key, int? parent = null)
    {
        var response = await banner.PostAsJsonAsync("/api/v1/units", new { code = $"{data.Prefix}-{key}", name = $"{key}嘎查{data.Prefix}", type = "village", parentId = parent ?? data.Unit("A") });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.BodyAsync()).Number("id");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unit = await db.Units.FindAsync(id);
        unit!.CommitteeFoundedOn = new DateOnly(2020, 1, 1);
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<(int Id, List<int> Villages)> NewTownshipAsync(HttpClient banner, TestData data, string key, int villages)
    {
        var response = await banner.PostAsJsonAsync("/api/v1/units", new { code = $"{data.Prefix}-{key}", name = $"{key}乡{data.Prefix}", type = "township", parentId = data.Unit("Banner") });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.BodyAsync()).Number("id");
        var list = new List<int>();
        for (var i = 0; i < villages; i++)
        {
            list.Add(await NewVillageAsync(banner, data, $"{key}v{i}", id));
        }

        return (id, list);
    }

    /// <summary>Activities written straight into the database (the count, not the API, is under test here).</summary>
    private async Task AddActivitiesAsync(int unitId, int count)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        for (var i = 0; i < count; i++)
        {
            db.Activities.Add(new Activity
            {
                UnitId = unitId, Date = new DateOnly(Year, 1 + (i % 12), 1 + (i % 28)), Title = $"活动{i}",
                Types = [new() { Value = i % 2 == 0 ? "法治教育" : "爱国主义" }], Mode = "本地",
            });
        }

        await db.SaveChangesAsync();
    }

    private static async Task<JsonElement> GapAsync(HttpClient api, int unitId, int systemId, string code)
    {
        var response = await api.GetAsync($"/api/v1/units/{unitId}/gaps?year={Year}&systemId={systemId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.BodyAsync()).GetProperty("items").EnumerateArray().Single(g => g.Str("indicatorCode") == code);
    }

    /// <summary>The database commands a request issued, counted from EF Core's command log.</summary>
    private Task<int> CommandsAsync(Func<Task<HttpResponseMessage>> request) => CommandCount.OfAsync(factory, request);
}

public sealed class SqliteEvaluationApiTests(SqliteFactory factory) : EvaluationApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresEvaluationApiTests(PostgresFactory factory) : EvaluationApiTests(factory), IClassFixture<PostgresFactory>;

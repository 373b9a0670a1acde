using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Tests.Assessments;

/// <summary>
/// Campaigns (R-6.1) and assessment rounds (R-6.5) end to end over HTTP, on both engines: the frozen snapshot, who may act
/// at which step, the order of the steps, the reason an assessor must give, versions, late flags and the audit trail.
/// </summary>
public abstract class RoundTests(WuHaoFactory factory)
{
    private DateOnly Today => factory.Time.Today();

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A campaign of the test banner for this year; its 自查 due on <paramref name="selfDue"/> (default: 31 December).</summary>
    private async Task<int> CampaignAsync(HttpClient banner, DateOnly? selfDue = null)
    {
        var y = Today.Year;
        var due = selfDue ?? new DateOnly(y, 12, 31);
        var stages = new object[]
        {
            new { kind = "selfCheck", year = y, start = Iso(new DateOnly(y, 1, 1)), due = Iso(due) },
            new { kind = "review", year = y, start = Iso(new DateOnly(y, 1, 1)), due = Iso(new DateOnly(y, 12, 31)) },
            new { kind = "acceptance", year = y, start = Iso(new DateOnly(y, 1, 1)), due = Iso(new DateOnly(y, 12, 31)) },
        };
        var response = await banner.PostAsJsonAsync("/api/v1/campaigns", new { name = "创建五好测试", targetDate = Iso(new DateOnly(y, 12, 31)), stages });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.BodyAsync()).Number("id");
    }

    private async Task<JsonElement> SubmitAsync(HttpClient village, int unitId, int campaignId, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await village.PostAsJsonAsync($"/api/v1/units/{unitId}/assessments", new { year = Today.Year, campaignId });
        Assert.True(response.StatusCode == expected,
            $"{response.StatusCode} {await response.Content.ReadAsStringAsync()} {LastError()}");
        return await response.BodyAsync();
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ActAsync(HttpClient api, int roundId, string action, object body)
    {
        var response = await api.PostAsJsonAsync($"/api/v1/assessments/{roundId}/{action}", body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static async Task<JsonElement> RoundAsync(HttpClient api, int roundId) => await api.GetFromJsonAsync<JsonElement>($"/api/v1/assessments/{roundId}");

    private static JsonElement Step(JsonElement detail, string kind) =>
        detail.GetProperty("steps").EnumerateArray().Single(s => s.Str("kind") == kind);

    private static JsonElement Indicator(JsonElement snapshot, string code) =>
        snapshot.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("indicators").EnumerateArray()).Single(i => i.Str("code") == code);

    private static int RoundId(JsonElement detail) => detail.GetProperty("round").Number("id");

    private static int Version(JsonElement detail) => detail.GetProperty("round").Number("version");

    [Fact]
    public async Task A_submitted_self_check_does_not_change_when_its_records_change_and_the_round_lists_what_changed_since()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var village = await ApiClient.LoginAsync(factory, data.User("village1"));
        var a1 = data.Unit("A1");
        var kept = (await (await village.PostAsJsonAsync($"/api/v1/units/{a1}/party-meetings", new { date = Iso(Today), topic = "专题一", attendees = "支委", attendeeCount = 5 })).BodyAsync());
        var removed = (await (await village.PostAsJsonAsync($"/api/v1/units/{a1}/party-meetings", new { date = Iso(Today), topic = "专题二", attendees = "支委", attendeeCount = 5 })).BodyAsync());
        var campaign = await CampaignAsync(banner);

        var submitted = await SubmitAsync(village, a1, campaign);
        var roundId = RoundId(submitted);
        var self = Step(submitted, "self");
        var frozenTotal = self.GetProperty("total").GetDecimal();
        var meetings = Indicator(self.GetProperty("snapshot"), "1.4");
        var frozenScore = meetings.GetProperty("score").GetDecimal();
        var counted = meetings.GetProperty("evidence").EnumerateArray().Select(e => e.Number("id")).ToList();
        Assert.Contains(kept.Number("id"), counted);
        Assert.Contains(removed.Number("id"), counted);
        var records = self.GetProperty("snapshot").GetProperty("records").EnumerateArray().ToList();
        Assert.Contains(records, r => r.Str("collection") == "party-meetings" && r.Number("id") == kept.Number("id") && r.Number("version") == kept.Number("version"));
        var activity = records.First(r => r.Str("collection") == "activities");
        Assert.Equal(new string('0', 64), activity.GetProperty("files")[0].Str("sha256")); // the test photo's hash

        // Change one counted record, delete another, add a new one.
        var put = await village.PutAsJsonAsync($"/api/v1/party-meetings/{kept.Number("id")}", new { date = Iso(Today), topic = "专题一（改）", attendees = "支委", attendeeCount = 6, version = kept.Number("version") });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await village.DeleteAsync($"/api/v1/party-meetings/{removed.Number("id")}")).StatusCode);
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        var added = await (await village.PostAsJsonAsync($"/api/v1/units/{a1}/study-sessions", new { date = Iso(Today), topic = "新学习", kind = "政治理论", participants = "全体", participantCount = 5, hours = 2 })).BodyAsync();

        // The live score moved; the round did not.
        var live = await village.GetFromJsonAsync<JsonElement>($"/api/v1/units/{a1}/evaluation?year={Today.Year}&systemId={self.GetProperty("snapshot").Number("systemId")}");
        var liveMeetings = live.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("indicators").EnumerateArray()).Single(i => i.Str("code") == "1.4");
        Assert.DoesNotContain(liveMeetings.GetProperty("evidence").EnumerateArray(), e => e.Number("id") == removed.Number("id"));
        var again = Step(await RoundAsync(village, roundId), "self");
        Assert.Equal(frozenTotal, again.GetProperty("total").GetDecimal());
        Assert.Equal(frozenScore, Indicator(again.GetProperty("snapshot"), "1.4").GetProperty("score").GetDecimal());
        Assert.Equal(counted, Indicator(again.GetProperty("snapshot"), "1.4").GetProperty("evidence").EnumerateArray().Select(e => e.Number("id")).ToList());
        Assert.Equal(self.GetProperty("snapshot").GetRawText(), again.GetProperty("snapshot").GetRawText());

        var changes = (await village.GetFromJsonAsync<JsonElement>($"/api/v1/assessments/{roundId}/changes")).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(changes, c => c.Str("change") == "changed" && c.Number("id") == kept.Number("id") && c.Number("versionThen") == kept.Number("version"));
        Assert.Contains(changes, c => c.Str("change") == "deleted" && c.Number("id") == removed.Number("id"));
        Assert.Contains(changes, c => c.Str("change") == "added" && c.Str("collection") == "study-sessions" && c.Number("id") == added.Number("id"));

        // The round page shows the frozen self-score and the same list.
        var page = await PageClient.LoginAsync(factory, data.User("township"));
        var (response, doc) = await page.GetAsync($"/Assessment/{a1}?year={Today.Year}&campaignId={campaign}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WuHao.Web.Domain.Indicators.IndicatorRules.N(frozenTotal), doc.QuerySelector("[data-testid=total-self]")!.TextContent.Trim());
        Assert.NotNull(doc.QuerySelector($"[data-testid=change-changed-{kept.Number("id")}]"));
        Assert.NotNull(doc.QuerySelector($"[data-testid=change-deleted-{removed.Number("id")}]"));
        Assert.NotNull(doc.QuerySelector($"[data-testid=change-added-{added.Number("id")}]"));
    }

    [Fact]
    public async Task Each_role_acts_only_at_its_own_step_and_the_assessor_scores_both_levels()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var campaign = await CampaignAsync(banner);
        var (a1, a2) = (data.Unit("A1"), data.Unit("A2"));
        var logins = new Dictionary<string, HttpClient>();
        foreach (var role in new[] { "admin", "banner", "township", "townshipB", "village1", "village2", "assessor", "viewer", "school" })
        {
            logins[role] = role == "banner" ? banner : await ApiClient.LoginAsync(factory, data.User(role));
        }

        // 自评: only the unit's own staff (not the township, the banner, the admin, an assessor or a read-only user).
        foreach (var (role, expected) in new[]
        {
            ("township", HttpStatusCode.Forbidden), ("banner", HttpStatusCode.Forbidden), ("admin", HttpStatusCode.Forbidden),
            ("assessor", HttpStatusCode.Forbidden), ("viewer", HttpStatusCode.Forbidden), ("village2", HttpStatusCode.NotFound),
            ("townshipB", HttpStatusCode.NotFound), ("school", HttpStatusCode.NotFound),
        })
        {
            var response = await logins[role].PostAsJsonAsync($"/api/v1/units/{a1}/assessments", new { year = Today.Year, campaignId = campaign });
            Assert.True(response.StatusCode == expected, $"{role} self-assessing A1: {response.StatusCode}");
        }

        var round = await SubmitAsync(logins["village1"], a1, campaign);
        var id = RoundId(round);
        var version = Version(round);

        // 乡初审: the township above or an assessor; not the village, the banner or another township.
        foreach (var (role, expected) in new[]
        {
            ("village1", HttpStatusCode.Forbidden), ("banner", HttpStatusCode.Forbidden), ("admin", HttpStatusCode.Forbidden),
            ("viewer", HttpStatusCode.Forbidden), ("townshipB", HttpStatusCode.NotFound),
        })
        {
            Assert.True((await ActAsync(logins[role], id, "review", new { version })).Status == expected, $"{role} reviewing");
        }

        // 旗验收 is not the township's, nor anyone's before the review.
        Assert.Equal(HttpStatusCode.Forbidden, (await ActAsync(logins["township"], id, "accept", new { version })).Status);
        var reviewed = await ActAsync(logins["township"], id, "review", new { version });
        Assert.Equal(HttpStatusCode.OK, reviewed.Status);
        Assert.Equal("banner", reviewed.Body.GetProperty("round").Str("state"));
        version = Version(reviewed.Body);

        foreach (var role in new[] { "village1", "township", "viewer" })
        {
            Assert.True((await ActAsync(logins[role], id, "accept", new { version })).Status == HttpStatusCode.Forbidden, $"{role} accepting");
        }

        var accepted = await ActAsync(banner, id, "accept", new { version });
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal("done", accepted.Body.GetProperty("round").Str("state"));
        Assert.NotEqual(JsonValueKind.Null, accepted.Body.GetProperty("round").GetProperty("passed").ValueKind);

        // The read-only assessor scores a round at both levels and changes no record of the unit.
        var before = await RecordVersionsAsync(a2);
        var other = await SubmitAsync(logins["village2"], a2, campaign);
        var byAssessor = await ActAsync(logins["assessor"], RoundId(other), "review", new { version = Version(other) });
        Assert.Equal(HttpStatusCode.OK, byAssessor.Status);
        var done = await ActAsync(logins["assessor"], RoundId(other), "accept", new { version = Version(byAssessor.Body) });
        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Equal("done", done.Body.GetProperty("round").Str("state"));
        Assert.Equal(before, await RecordVersionsAsync(a2));
        Assert.Equal(HttpStatusCode.Forbidden, (await logins["assessor"].PostAsJsonAsync($"/api/v1/units/{a2}/party-meetings", new { date = Iso(Today), topic = "越权", attendees = "x", attendeeCount = 1 })).StatusCode);

        // Every action is in the change log with who did it.
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var log = await db.ChangeLog.Where(c => c.EntityType == nameof(AssessmentRound) && c.EntityId == id.ToString(CultureInfo.InvariantCulture) && c.Field == nameof(AssessmentRound.State))
            .Select(c => new { c.UserName, c.NewValue }).ToListAsync();
        Assert.Contains(log, l => l.UserName == data.User("village1") && l.NewValue == "township");
        Assert.Contains(log, l => l.UserName == data.User("township") && l.NewValue == "banner");
        Assert.Contains(log, l => l.UserName == data.User("banner") && l.NewValue == "done");
    }

    [Fact]
    public async Task Acting_out_of_order_is_refused_in_Chinese_and_changes_nothing()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var township = await ApiClient.LoginAsync(factory, data.User("township"));
        var village = await ApiClient.LoginAsync(factory, data.User("village1"));
        var campaign = await CampaignAsync(banner);
        var round = await SubmitAsync(village, data.Unit("A1"), campaign);
        var id = RoundId(round);

        // Submitting twice.
        var twice = await village.PostAsJsonAsync($"/api/v1/units/{data.Unit("A1")}/assessments", new { year = Today.Year, campaignId = campaign });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("不能重复提交", (await twice.BodyAsync()).Str("detail"), StringComparison.Ordinal);

        // Accepting before the review.
        var early = await ActAsync(banner, id, "accept", new { version = Version(round) });
        Assert.Equal(HttpStatusCode.BadRequest, early.Status);
        Assert.Equal("乡初审还没有完成，不能验收。", early.Body.Str("detail"));

        // Returned to the village: reviewing before it submits again.
        var returned = await ActAsync(township, id, "return", new { version = Version(round), note = "佐证材料不全" });
        Assert.Equal(HttpStatusCode.OK, returned.Status);
        Assert.Equal("self", returned.Body.GetProperty("round").Str("state"));
        var version = Version(returned.Body);
        var review = await ActAsync(township, id, "review", new { version });
        Assert.Equal(HttpStatusCode.BadRequest, review.Status);
        Assert.Equal("自评还没有提交，不能初审。", review.Body.Str("detail"));
        var accept = await ActAsync(banner, id, "accept", new { version });
        Assert.Equal("自评还没有提交，不能验收。", accept.Body.Str("detail"));
        var back = await ActAsync(township, id, "return", new { version, note = "再退" });
        Assert.Equal(HttpStatusCode.BadRequest, back.Status);

        var now = await RoundAsync(village, id);
        Assert.Equal(version, Version(now));
        Assert.Equal("self", now.GetProperty("round").Str("state"));
        Assert.Empty(now.GetProperty("steps").EnumerateArray());
        Assert.Contains("佐证材料不全", now.GetProperty("round").Str("returnReason"), StringComparison.Ordinal);

        // The returned self-assessment is kept as it was submitted, with who sent it back and why (R-6.5).
        var kept = Assert.Single(now.GetProperty("returned").EnumerateArray());
        Assert.Equal("self", kept.Str("kind"));
        Assert.Equal("佐证材料不全", kept.Str("returnReason"));
        Assert.Equal(Step(round, "self").GetProperty("total").GetDecimal(), kept.GetProperty("total").GetDecimal());
        Assert.Equal(Step(round, "self").GetProperty("snapshot").GetRawText(), kept.GetProperty("snapshot").GetRawText());

        // Submitted again, the round goes on; both submissions are on the round's page.
        var resubmitted = await ActAsync(village, id, "submit", new { version });
        Assert.Equal(HttpStatusCode.OK, resubmitted.Status);
        Assert.Equal("township", resubmitted.Body.GetProperty("round").Str("state"));
        Assert.Single(resubmitted.Body.GetProperty("steps").EnumerateArray());
        Assert.Single(resubmitted.Body.GetProperty("returned").EnumerateArray());
        var page = await PageClient.LoginAsync(factory, data.User("township"));
        var (_, doc) = await page.GetAsync($"/Assessment/{data.Unit("A1")}?year={Today.Year}&campaignId={campaign}");
        Assert.Equal(2, doc.QuerySelectorAll("[data-testid=steps] li").Length);
        Assert.Contains("原因：佐证材料不全", doc.QuerySelector("[data-testid=returned-step]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_assessor_changes_an_automatic_score_only_with_a_reason_and_two_reviewers_cannot_overwrite_each_other()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var township = await ApiClient.LoginAsync(factory, data.User("township"));
        var assessor = await ApiClient.LoginAsync(factory, data.User("assessor"));
        var village = await ApiClient.LoginAsync(factory, data.User("village1"));
        var campaign = await CampaignAsync(banner);
        var round = await SubmitAsync(village, data.Unit("A1"), campaign);
        var id = RoundId(round);
        var self = Step(round, "self").GetProperty("snapshot");
        var auto = self.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("indicators").EnumerateArray())
            .First(i => i.Str("kind") == "auto" && i.GetProperty("score").ValueKind == JsonValueKind.Number && i.GetProperty("score").GetDecimal() > 0 && !i.GetProperty("veto").GetBoolean());
        var code = auto.Str("code");
        var was = auto.GetProperty("score").GetDecimal();

        var refused = await ActAsync(township, id, "review", new { version = Version(round), scores = new[] { new { code, score = was - 0.5m } } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("必须填写扣分理由", refused.Body.GetProperty("errors").GetProperty("scores[0]")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("township", (await RoundAsync(township, id)).GetProperty("round").Str("state"));

        // A manual item below full points needs its note too.
        var manual = self.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("indicators").EnumerateArray())
            .First(i => i.Str("kind") == "manual" && !i.GetProperty("veto").GetBoolean());
        var manualRefused = await ActAsync(township, id, "review", new { version = Version(round), scores = new[] { new { code = manual.Str("code"), score = 0m } } });
        Assert.Equal(HttpStatusCode.BadRequest, manualRefused.Status);
        Assert.Contains("须写明扣分理由", manualRefused.Body.GetProperty("errors").GetProperty("scores[0]")[0].GetString(), StringComparison.Ordinal);

        var taken = await ActAsync(township, id, "review", new { version = Version(round), scores = new[] { new { code, score = was - 0.5m, note = "会议记录缺少签名" } }, note = "建议通过" });
        Assert.Equal(HttpStatusCode.OK, taken.Status);
        var townshipStep = Step(taken.Body, "township");
        var changed = Indicator(townshipStep.GetProperty("snapshot"), code);
        Assert.Equal(was - 0.5m, changed.GetProperty("score").GetDecimal());
        Assert.True(changed.GetProperty("adjusted").GetBoolean());
        Assert.Contains("会议记录缺少签名", changed.Str("reason"), StringComparison.Ordinal);
        Assert.Equal(Step(taken.Body, "self").GetProperty("total").GetDecimal() - 0.5m, townshipStep.GetProperty("total").GetDecimal());
        Assert.Equal(was, Indicator(Step(taken.Body, "self").GetProperty("snapshot"), code).GetProperty("score").GetDecimal()); // side by side

        // The assessor acted on the version it had seen: refused, nothing overwritten.
        var stale = await ActAsync(assessor, id, "accept", new { version = Version(round) });
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        var staleReview = await ActAsync(assessor, id, "review", new { version = Version(round) });
        Assert.Equal(HttpStatusCode.BadRequest, staleReview.Status); // the review is already in
        Assert.Equal(was - 0.5m, Indicator(Step(await RoundAsync(assessor, id), "township").GetProperty("snapshot"), code).GetProperty("score").GetDecimal());

        // The page shows the three columns side by side.
        var page = await PageClient.LoginAsync(factory, data.User("banner"));
        var (_, doc) = await page.GetAsync($"/Assessment/{data.Unit("A1")}?year={Today.Year}&campaignId={campaign}");
        Assert.Equal(WuHao.Web.Domain.Indicators.IndicatorRules.N(was), doc.QuerySelector($"[data-testid='cell-self-{code}']")!.TextContent.Trim());
        Assert.Equal(WuHao.Web.Domain.Indicators.IndicatorRules.N(was - 0.5m), doc.QuerySelector($"[data-testid='cell-township-{code}']")!.TextContent.Trim());
        Assert.Equal("—", doc.QuerySelector($"[data-testid='cell-banner-{code}']")!.TextContent.Trim());
        Assert.NotNull(doc.QuerySelector("[data-testid=accept]"));
    }

    [Fact]
    public async Task A_self_check_is_late_after_its_due_day_and_the_township_list_flags_it_and_the_units_that_never_submitted()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var due = Today.Month == 12 && Today.Day == 31 ? Today : Today.AddDays(1);
        var campaign = await CampaignAsync(banner, due);

        // 23:59 China time on the due day: on time.
        var lastMinute = new DateTimeOffset(due.Year, due.Month, due.Day, 23, 59, 0, TimeSpan.FromHours(8));
        if (factory.Time.GetUtcNow() < lastMinute)
        {
            factory.Time.SetUtcNow(lastMinute.ToUniversalTime());
        }

        var onTime = await SubmitAsync(await ApiClient.LoginAsync(factory, data.User("village1")), data.Unit("A1"), campaign);
        Assert.False(onTime.GetProperty("round").GetProperty("late").GetBoolean());

        // The next day: late.
        factory.Time.Advance(TimeSpan.FromMinutes(2));
        var late = await SubmitAsync(await ApiClient.LoginAsync(factory, data.User("village2")), data.Unit("A2"), campaign);
        Assert.True(late.GetProperty("round").GetProperty("late").GetBoolean());

        var page = await PageClient.LoginAsync(factory, data.User("township"));
        var (response, doc) = await page.GetAsync($"/Assessment/Units/{data.Unit("A")}?year={Today.Year}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, LastError());
        Assert.Null(doc.QuerySelector($"[data-testid=late-{data.Unit("A1")}]"));
        Assert.NotNull(doc.QuerySelector($"[data-testid=late-{data.Unit("A2")}]"));
        Assert.NotNull(doc.QuerySelector($"[data-testid=late-{data.Unit("AS")}]")); // the school never submitted
        Assert.Equal("2", doc.QuerySelector("[data-testid=late-count]")!.TextContent.Trim());
        Assert.StartsWith("2 /", doc.QuerySelector("[data-testid=submitted]")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Banner_staff_arrange_a_campaign_everyone_below_reads_it_and_bad_dates_are_refused_in_Chinese()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var township = await ApiClient.LoginAsync(factory, data.User("township"));
        var village = await ApiClient.LoginAsync(factory, data.User("village1"));
        var id = await CampaignAsync(banner);

        var read = await village.GetFromJsonAsync<JsonElement>($"/api/v1/campaigns/{id}");
        Assert.Equal("创建五好测试", read.Str("name"));
        var calendar = await village.GetFromJsonAsync<JsonElement>($"/api/v1/campaigns/{id}/calendar?on={Today.Year}-06-15");
        Assert.Equal("selfCheck", calendar.GetProperty("running")[0].Str("kind"));
        Assert.Equal(HttpStatusCode.NotFound, (await (await ApiClient.LoginAsync(factory, data.User("villageC"))).GetAsync($"/api/v1/campaigns/{id}")).StatusCode);

        var body = new { name = "改名", targetDate = $"{Today.Year}-12-31", stages = new[] { new { kind = "review", year = (int?)null, start = $"{Today.Year}-09-10", due = $"{Today.Year}-09-01" } }, version = read.Number("version") };
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PutAsJsonAsync($"/api/v1/campaigns/{id}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PostAsJsonAsync("/api/v1/campaigns", body)).StatusCode);
        var bad = await banner.PutAsJsonAsync($"/api/v1/campaigns/{id}", body);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("乡初审须注明年度", (await bad.BodyAsync()).GetProperty("errors").GetProperty("stages[0]")[0].GetString());

        var good = new { name = "改名", targetDate = $"{Today.Year}-12-31", stages = new[] { new { kind = "prepare", year = (int?)null, start = $"{Today.Year}-05-01", due = $"{Today.Year}-06-20" } }, version = read.Number("version") };
        Assert.Equal(HttpStatusCode.OK, (await banner.PutAsJsonAsync($"/api/v1/campaigns/{id}", good)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await banner.PutAsJsonAsync($"/api/v1/campaigns/{id}", good)).StatusCode);
        var now = await village.GetFromJsonAsync<JsonElement>($"/api/v1/campaigns/{id}");
        Assert.Equal("改名", now.Str("name"));
        Assert.Equal("prepare", now.GetProperty("stages").EnumerateArray().Single().Str("kind"));
    }

    [Fact]
    public async Task The_village_submits_and_the_township_reviews_through_the_page_forms_and_a_missing_reason_is_shown_in_Chinese()
    {
        var data = await TestData.CreateAsync(factory);
        var campaign = await CampaignAsync(await ApiClient.LoginAsync(factory, data.User("banner")));
        var a1 = data.Unit("A1");
        var url = $"/Assessment/{a1}?year={Today.Year}&campaignId={campaign}";
        var village = await PageClient.LoginAsync(factory, data.User("village1"));
        var (_, before) = await village.GetAsync(url);
        Assert.Equal("未开始", before.QuerySelector("[data-testid=state]")!.TextContent.Trim());
        Assert.NotNull(before.QuerySelector("[data-testid=stage]"));

        Assert.Equal(HttpStatusCode.Redirect, (await village.SubmitAsync(url, new() { ["act"] = "submit" })).StatusCode);
        var (_, after) = await village.GetAsync(url);
        Assert.Equal("待乡初审", after.QuerySelector("[data-testid=state]")!.TextContent.Trim());
        Assert.Null(after.QuerySelector("[data-testid=submit]"));

        var api = await ApiClient.LoginAsync(factory, data.User("township"));
        var rounds = await api.GetFromJsonAsync<JsonElement>($"/api/v1/units/{a1}/assessments?year={Today.Year}");
        var roundId = rounds.GetProperty("items").EnumerateArray().Single(r => r.Number("campaignId") == campaign).Number("id");
        var self = Step(await RoundAsync(api, roundId), "self");
        var auto = self.GetProperty("snapshot").GetProperty("sections").EnumerateArray().SelectMany(x => x.GetProperty("indicators").EnumerateArray())
            .First(i => i.Str("kind") == "auto" && !i.GetProperty("veto").GetBoolean() && i.GetProperty("score").GetDecimal() > 0);
        var was = auto.GetProperty("score").GetDecimal();
        var township = await PageClient.LoginAsync(factory, data.User("township"));
        var (_, form) = await township.GetAsync(url);
        var name = form.QuerySelectorAll("input[type=hidden]").First(e => e.GetAttribute("value") == auto.Str("code") && (e.GetAttribute("name") ?? "").StartsWith("Input.Scores[", StringComparison.Ordinal)).GetAttribute("name")!;
        var row = name[..name.LastIndexOf('.')];
        var lowered = (was - 0.5m).ToString(CultureInfo.InvariantCulture);

        // A photo from the visit goes with a refused review: the review is refused and the photo is not kept either.
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var filesBefore = await db.Files.CountAsync(f => f.UnitId == a1);
        var photo = (Field: $"{row}.Photos", FileName: "现场.jpg", Data: Samples.Jpeg());
        var refused = await township.SubmitMultipartAsync(url, new() { ["act"] = "review", [$"{row}.Score"] = lowered }, [photo]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = PageClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("必须填写扣分理由", page.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1张现场照片还没有保存", page.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("township", (await RoundAsync(api, roundId)).GetProperty("round").Str("state"));
        Assert.Equal(filesBefore, await db.Files.CountAsync(f => f.UnitId == a1));

        // A file that is not a photo is refused by name.
        var pdf = await township.SubmitMultipartAsync(url, new() { ["act"] = "review" }, [($"{row}.Photos", "说明.pdf", Samples.Pdf())]);
        Assert.Contains("不是照片", PageClient.Parse(await pdf.Content.ReadAsStringAsync()).QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);

        var accepted = await township.SubmitMultipartAsync(url, new() { ["act"] = "review", [$"{row}.Score"] = lowered, [$"{row}.Note"] = "会议记录缺签名" }, [photo]);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var reviewed = await RoundAsync(api, roundId);
        Assert.Equal("banner", reviewed.GetProperty("round").Str("state"));
        Assert.Equal(self.GetProperty("total").GetDecimal() - 0.5m, Step(reviewed, "township").GetProperty("total").GetDecimal());

        // The photo is frozen with the review (its id and hash in the snapshot) and shown on the round's page.
        var fileId = Assert.Single(Indicator(Step(reviewed, "township").GetProperty("snapshot"), auto.Str("code")).GetProperty("fileIds").EnumerateArray()).GetInt32();
        var stored = await db.Files.AsNoTracking().SingleAsync(f => f.Id == fileId);
        Assert.Equal(a1, stored.UnitId);
        Assert.Contains(Step(reviewed, "township").GetProperty("snapshot").GetProperty("records").EnumerateArray(),
            r => r.Str("collection") == "files" && r.Number("id") == fileId && r.GetProperty("files")[0].Str("sha256") == stored.Sha256);
        var (_, shown) = await village.GetAsync(url);
        var img = shown.QuerySelector($"[data-testid='photos-township-{auto.Str("code")}'] img");
        Assert.NotNull(img);
        Assert.Equal(HttpStatusCode.OK, (await village.Http.GetAsync(img!.GetAttribute("src"))).StatusCode);
    }

    [Fact]
    public async Task What_changed_since_a_self_check_takes_the_same_number_of_commands_for_few_and_for_many_records()
    {
        var data = await TestData.CreateAsync(factory);
        var campaign = await CampaignAsync(await ApiClient.LoginAsync(factory, data.User("banner")));
        var few = await ApiClient.LoginAsync(factory, data.User("village1"));
        var many = await ApiClient.LoginAsync(factory, data.User("village2"));
        for (var i = 0; i < 12; i++)
        {
            await many.PostAsJsonAsync($"/api/v1/units/{data.Unit("A2")}/party-meetings", new { date = Iso(Today), topic = $"专题{i}", attendees = "支委", attendeeCount = 5 });
        }

        var small = RoundId(await SubmitAsync(few, data.Unit("A1"), campaign));
        var large = RoundId(await SubmitAsync(many, data.Unit("A2"), campaign));
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 5; i++)
        {
            await many.PostAsJsonAsync($"/api/v1/units/{data.Unit("A2")}/study-sessions", new { date = Iso(Today), topic = $"学习{i}", kind = "政治理论", participants = "全体", participantCount = 5, hours = 2 });
        }

        var fewCommands = await CommandsAsync(() => few.GetAsync($"/api/v1/assessments/{small}/changes"));
        var manyCommands = await CommandsAsync(() => many.GetAsync($"/api/v1/assessments/{large}/changes"));
        Assert.Equal(fewCommands, manyCommands);
        Assert.InRange(fewCommands, 1, 8);
        var changes = (await many.GetFromJsonAsync<JsonElement>($"/api/v1/assessments/{large}/changes")).GetProperty("items");
        Assert.Equal(5, changes.EnumerateArray().Count(c => c.Str("change") == "added"));
    }

    [Fact]
    public async Task Banner_staff_arrange_the_seed_plans_campaign_through_the_page_and_a_township_only_reads_it()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await PageClient.LoginAsync(factory, data.User("banner"));
        var created = await banner.SubmitAsync("/Assessment/Campaign", new() { ["Input.Name"] = $"页面创建{data.Prefix}" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.ToString();
        var (_, page) = await banner.GetAsync(url);
        var stages = page.QuerySelector("[data-testid=stages]")!.TextContent;
        Assert.Contains("准备阶段", stages, StringComparison.Ordinal);
        Assert.Contains("2025年验收", stages, StringComparison.Ordinal);
        Assert.Equal("2023-06-20", page.QuerySelectorAll("input[type=date]").First(i => i.GetAttribute("name") == "Input.Stages[0].Due").GetAttribute("value"));

        var township = await PageClient.LoginAsync(factory, data.User("township"));
        var (read, shown) = await township.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Null(shown.QuerySelector("[data-testid=save]"));
        var token = shown.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await township.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Input.Name"] = "越权" }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }

    private Task<int> CommandsAsync(Func<Task<HttpResponseMessage>> request) => CommandCount.OfAsync(factory, request);

    private string LastError() => string.Join("\n", factory.Logs.Where(l => l.StartsWith("Error", StringComparison.Ordinal)).TakeLast(1));

    private async Task<string> RecordVersionsAsync(int unitId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var parts = new[]
        {
            string.Join(",", await db.PartyMeetings.Where(r => r.UnitId == unitId).OrderBy(r => r.Id).Select(r => r.Id + "v" + r.Version).ToListAsync()),
            string.Join(",", await db.Activities.Where(r => r.UnitId == unitId).OrderBy(r => r.Id).Select(r => r.Id + "v" + r.Version).ToListAsync()),
            string.Join(",", await db.Elders.Where(r => r.UnitId == unitId).OrderBy(r => r.Id).Select(r => r.Id + "v" + r.Version).ToListAsync()),
            string.Join(",", await db.Gaps.Where(r => r.UnitId == unitId).OrderBy(r => r.Id).Select(r => r.Id + "v" + r.Version).ToListAsync()),
        };
        return string.Join("|", parts);
    }
}

public sealed class SqliteRoundTests(SqliteFactory factory) : RoundTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresRoundTests(PostgresFactory factory) : RoundTests(factory), IClassFixture<PostgresFactory>;

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
/// 抽查 (R-6.5) and 五好关工委 with 达标率 (R-6.7) over HTTP, on both engines: who may draw and among which units, the
/// recorded draw verified and a tampered one caught, the round page of a drawn unit; a title awarded, renewed and revoked
/// over three simulated years, 达标率 against a count by hand, the certificate page, and who may revoke.
/// </summary>
public abstract class CertificationTests(WuHaoFactory factory)
{
    private DateOnly Today => factory.Time.Today();

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Zh(DateOnly d) => string.Create(CultureInfo.InvariantCulture, $"{d.Year}年{d.Month}月{d.Day}日");

    private async Task<int> CampaignAsync(HttpClient banner, int? systemId = null)
    {
        var y = Today.Year;
        var stages = new object[] { new { kind = "selfCheck", year = y, start = Iso(new DateOnly(y, 1, 1)), due = Iso(new DateOnly(y, 12, 31)) } };
        var response = await banner.PostAsJsonAsync("/api/v1/campaigns", new { name = "创建五好测试", targetDate = Iso(new DateOnly(y + 3, 12, 31)), systemId, stages });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.BodyAsync()).Number("id");
    }

    private async Task<int> SamplesInDbAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Samples.CountAsync();
    }

    [Fact]
    public async Task A_township_draws_among_its_own_units_a_village_cannot_draw_and_the_recorded_draw_verifies()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var township = await ApiClient.LoginAsync(factory, data.User("township"));
        var village = await ApiClient.LoginAsync(factory, data.User("village1"));
        var campaign = await CampaignAsync(banner);
        var (a, b, year) = (data.Unit("A"), data.Unit("B"), Today.Year);
        object Draw(int size, string rule = "uniform", long? seed = 20240901) => new { year, campaignId = campaign, size, rule, seed };

        var before = await SamplesInDbAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await village.PostAsJsonAsync($"/api/v1/units/{data.Unit("A1")}/samples", Draw(1))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await village.PostAsJsonAsync($"/api/v1/units/{a}/samples", Draw(1))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await township.PostAsJsonAsync($"/api/v1/units/{b}/samples", Draw(1))).StatusCode);
        var tooMany = await township.PostAsJsonAsync($"/api/v1/units/{a}/samples", Draw(4));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("1到3之间", await tooMany.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var perTownship = await township.PostAsJsonAsync($"/api/v1/units/{a}/samples", Draw(1, "perTownship"));
        Assert.Equal(HttpStatusCode.BadRequest, perTownship.StatusCode);
        Assert.Equal(before, await SamplesInDbAsync());

        var drawn = await township.PostAsJsonAsync($"/api/v1/units/{a}/samples", Draw(1));
        Assert.Equal(HttpStatusCode.Created, drawn.StatusCode);
        var sample = await drawn.BodyAsync();
        var candidates = sample.GetProperty("candidates").EnumerateArray().Select(c => c.Number("unitId")).ToList();
        Assert.Equal(new[] { data.Unit("A1"), data.Unit("A2"), data.Unit("AS") }.Order(), candidates.Order());
        var picked = sample.GetProperty("drawn").EnumerateArray().Single().GetInt32();
        Assert.Equal(20240901, sample.GetProperty("seed").GetInt64());
        var id = sample.Number("id");
        var check = await township.GetFromJsonAsync<JsonElement>($"/api/v1/samples/{id}/verify");
        Assert.True(check.GetProperty("matches").GetBoolean());

        // The round page of the drawn unit says so; another's does not.
        var page = await PageClient.LoginAsync(factory, data.User("township"));
        var (_, shown) = await page.GetAsync($"/Assessment/{picked}?year={year}&campaignId={campaign}");
        Assert.Contains("本轮为抽查单位", shown.QuerySelector("[data-testid=sampled]")!.TextContent, StringComparison.Ordinal);
        var other = candidates.First(c => c != picked);
        var (_, notShown) = await page.GetAsync($"/Assessment/{other}?year={year}&campaignId={campaign}");
        Assert.Null(notShown.QuerySelector("[data-testid=sampled]"));
        var (_, verified) = await page.GetAsync($"/Assessment/Sample/{id}?verify=true");
        Assert.Contains("完全一致", verified.QuerySelector("[data-testid=check]")!.TextContent, StringComparison.Ordinal);

        // A banner's draw with "at least one per township" takes one of A's and one of B's.
        var both = await (await banner.PostAsJsonAsync($"/api/v1/units/{data.Unit("Banner")}/samples", Draw(2, "perTownship", null))).BodyAsync();
        var ids = both.GetProperty("drawn").EnumerateArray().Select(e => e.GetInt32()).ToList();
        Assert.Single(ids, i => i == data.Unit("A1") || i == data.Unit("A2") || i == data.Unit("AS"));
        Assert.Single(ids, i => i == data.Unit("B1") || i == data.Unit("BS"));

        // A record changed afterwards (another seed written in) no longer verifies.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Samples.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Seed, 20240902));
        }

        var tampered = await township.GetFromJsonAsync<JsonElement>($"/api/v1/samples/{id}/verify");
        Assert.Equal(SameDraw(candidates, 20240901, 20240902), tampered.GetProperty("matches").GetBoolean());
    }

    /// <summary>Whether two seeds happen to draw the same one unit of three (then the tamper is invisible, and the test says so).</summary>
    private static bool SameDraw(List<int> candidates, long one, long two)
    {
        var list = candidates.Select(c => new WuHao.Web.Domain.SampleCandidate(c, "", 0, null)).ToList();
        return WuHao.Web.Domain.SampleDraw.Draw(list, "uniform", 1, one).SequenceEqual(WuHao.Web.Domain.SampleDraw.Draw(list, "uniform", 1, two));
    }

    /// <summary>A whole round of a unit for a year: self-check, township review, banner acceptance, passing or failing.</summary>
    private async Task AcceptAsync(TestData data, string villageUser, int unitId, int campaign, int year, bool pass)
    {
        var village = await ApiClient.LoginAsync(factory, data.User(villageUser));
        var township = await ApiClient.LoginAsync(factory, data.User("township"));
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var self = await village.PostAsJsonAsync($"/api/v1/units/{unitId}/assessments", new { year, campaignId = campaign });
        Assert.True(self.StatusCode == HttpStatusCode.Created, await self.Content.ReadAsStringAsync());
        var round = (await self.BodyAsync()).GetProperty("round");
        var id = round.Number("id");
        var reviewed = await township.PostAsJsonAsync($"/api/v1/assessments/{id}/review", new { version = round.Number("version") });
        Assert.True(reviewed.StatusCode == HttpStatusCode.OK, await reviewed.Content.ReadAsStringAsync());
        var detail = await reviewed.BodyAsync();
        var indicators = detail.GetProperty("steps").EnumerateArray().Single(s => s.Str("kind") == "township").GetProperty("snapshot").GetProperty("sections")
            .EnumerateArray().SelectMany(s => s.GetProperty("indicators").EnumerateArray()).ToList();
        var scores = indicators.Select(i => i.GetProperty("veto").GetBoolean()
            ? (object)new { code = i.Str("code"), failed = !pass, note = "走访核实" }
            : new { code = i.Str("code"), score = pass ? i.GetProperty("points").GetDecimal() : 0m, note = "现场核实" }).ToList();
        var accepted = await banner.PostAsJsonAsync($"/api/v1/assessments/{id}/accept", new { version = detail.GetProperty("round").Number("version"), scores });
        Assert.True(accepted.StatusCode == HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        Assert.Equal(pass, (await accepted.BodyAsync()).GetProperty("round").GetProperty("passed").GetBoolean());
    }

    private static async Task<JsonElement> TitleAsync(HttpClient api, int unitId, int campaign) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/units/{unitId}/certifications")).GetProperty("items").EnumerateArray()
            .Single(t => t.Number("campaignId") == campaign);

    private void NextYear()
    {
        var now = factory.Time.GetUtcNow();
        factory.Time.Advance(now.AddYears(1) - now);
    }

    /// <summary>A published system of the banner's with one manual item of 100 points, 60 to pass: the assessor decides pass or fail.</summary>
    private async Task<int> ManualSystemAsync(TestData data)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var definition = new WuHao.Web.Domain.Indicators.IndicatorSystem
        {
            Code = $"{data.Prefix}-M", Name = "现场验收", Version = "1", PassScore = 60, AppliesTo = ["village"],
            Sections = [new() { Code = "一", Name = "现场", Indicators = [new() { Code = "M1", Name = "现场查看", Points = 100, Rule = new() { Type = "manual" } }] }],
        };
        var system = new IndicatorSystemRecord
        {
            Code = $"{data.Prefix}-M", Name = "现场验收", Edition = "1", State = IndicatorSystemStates.Published, AppliesTo = "village", PassScore = 60,
            OwnerUnitId = data.Unit("Banner"), Definition = WuHao.Web.Domain.Indicators.IndicatorJson.Write(definition), PublishedAt = factory.Time.GetUtcNow(),
        };
        db.Add(system);
        await db.SaveChangesAsync();
        return system.Id;
    }

    [Fact]
    public async Task A_title_is_awarded_renewed_and_revoked_over_three_years_and_the_rate_equals_a_count_by_hand()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var campaign = await CampaignAsync(banner, await ManualSystemAsync(data));
        async Task<HttpClient> Banner() => banner = await ApiClient.LoginAsync(factory, data.User("banner")); // sessions end as the years pass
        var (a1, a2, y0) = (data.Unit("A1"), data.Unit("A2"), Today.Year);

        // Year 1: A1 passes and is named for three years.
        var day1 = Today;
        await AcceptAsync(data, "village1", a1, campaign, y0, pass: true);
        var title = await TitleAsync(banner, a1, campaign);
        Assert.Equal(Iso(day1), title.Str("awardedOn"));
        Assert.Equal(Iso(day1.AddYears(3).AddDays(-1)), title.Str("validUntil"));
        Assert.True(title.GetProperty("held").GetBoolean());

        // The certificate prints the unit, the period and the issuing banner.
        var page = await PageClient.LoginAsync(factory, data.User("village1"));
        var (_, certificate) = await page.GetAsync($"/Assessment/Certificate/{title.Number("id")}");
        Assert.Equal($"甲一嘎查{data.Prefix}", certificate.QuerySelector("[data-testid=unit]")!.TextContent);
        Assert.Equal($"{Zh(day1)} 至 {Zh(day1.AddYears(3).AddDays(-1))}", certificate.QuerySelector("[data-testid=period]")!.TextContent);
        Assert.Contains("五好关工委", certificate.QuerySelector("[data-testid=certificate]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(certificate.QuerySelector("[data-print]"));

        // Year 2: A1 passes again (renewed from this acceptance), A2 passes for the first time.
        NextYear();
        await Banner();
        var day2 = Today;
        await AcceptAsync(data, "village1", a1, campaign, y0 + 1, pass: true);
        await AcceptAsync(data, "village2", a2, campaign, y0 + 1, pass: true);
        title = await TitleAsync(banner, a1, campaign);
        Assert.Equal(Iso(day1), title.Str("awardedOn"));
        Assert.Equal(Iso(day2.AddYears(3).AddDays(-1)), title.Str("validUntil"));
        Assert.Equal(["award", "renew"], title.GetProperty("events").EnumerateArray().Select(e => e.Str("kind")));

        // Year 3: A1 fails and loses the title, with the result as the reason; A2 still holds its own.
        NextYear();
        await Banner();
        await AcceptAsync(data, "village1", a1, campaign, y0 + 2, pass: false);
        title = await TitleAsync(banner, a1, campaign);
        Assert.False(title.GetProperty("held").GetBoolean());
        Assert.Equal(Iso(Today), title.Str("revokedOn"));
        Assert.Contains("未达标", title.Str("revokeReason"), StringComparison.Ordinal);
        Assert.Equal(["award", "renew", "revoke"], title.GetProperty("events").EnumerateArray().Select(e => e.Str("kind")));

        // 达标率 by hand: the banner has 5 assessed units (A1, A2, AS, B1, BS), township A 3, township B 2.
        // End of year 1: A1. End of year 2: A1 and A2. Year 3 (today): A2 only.
        var rates = (await banner.GetFromJsonAsync<JsonElement>($"/api/v1/units/{data.Unit("Banner")}/certification-rates?from={y0}&to={y0 + 2}"))
            .GetProperty("items").EnumerateArray().ToDictionary(r => (r.Number("unitId"), r.Number("year")), r => (r.Number("units"), r.Number("certified")));
        var expected = new Dictionary<(int, int), (int, int)>
        {
            [(data.Unit("Banner"), y0)] = (5, 1), [(data.Unit("Banner"), y0 + 1)] = (5, 2), [(data.Unit("Banner"), y0 + 2)] = (5, 1),
            [(data.Unit("A"), y0)] = (3, 1), [(data.Unit("A"), y0 + 1)] = (3, 2), [(data.Unit("A"), y0 + 2)] = (3, 1),
            [(data.Unit("B"), y0)] = (2, 0), [(data.Unit("B"), y0 + 1)] = (2, 0), [(data.Unit("B"), y0 + 2)] = (2, 0),
        };
        Assert.Equal(expected.OrderBy(e => e.Key), rates.OrderBy(e => e.Key));

        // Banner staff revoke A2's title with a reason; without one, or as the township or the village, nothing changes.
        var a2Title = await TitleAsync(banner, a2, campaign);
        var revoke = $"/api/v1/certifications/{a2Title.Number("id")}/revoke";
        var version = a2Title.Number("version");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await ApiClient.LoginAsync(factory, data.User("township"))).PostAsJsonAsync(revoke, new { version, reason = "越权" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await ApiClient.LoginAsync(factory, data.User("village2"))).PostAsJsonAsync(revoke, new { version, reason = "越权" })).StatusCode);
        var noReason = await banner.PostAsJsonAsync(revoke, new { version, reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("撤销须写明原因", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((await TitleAsync(banner, a2, campaign)).GetProperty("held").GetBoolean());
        var revoked = await banner.PostAsJsonAsync(revoke, new { version, reason = "发生违纪问题，经研究撤销" });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal("发生违纪问题，经研究撤销", (await revoked.BodyAsync()).Str("revokeReason"));

        // The rate page (township) now counts none in township A this year.
        var townshipPage = await PageClient.LoginAsync(factory, data.User("township"));
        var (_, ratePage) = await townshipPage.GetAsync($"/Assessment/Rates/{data.Unit("A")}");
        var row = ratePage.QuerySelector($"[data-testid=rate-{data.Unit("A")}-{y0 + 2}]")!.TextContent;
        Assert.Contains("0%", row, StringComparison.Ordinal);
        var lastYear = ratePage.QuerySelector($"[data-testid=rate-{data.Unit("A")}-{y0 + 1}]")!.TextContent;
        Assert.Contains("66.7%", lastYear, StringComparison.Ordinal);
    }
}

public sealed class SqliteCertificationTests(SqliteFactory factory) : CertificationTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresCertificationTests(PostgresFactory factory) : CertificationTests(factory), IClassFixture<PostgresFactory>;

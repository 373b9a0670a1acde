using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Reminders;

namespace WuHao.Tests.Reminders;

/// <summary>
/// R-6.8 warnings and reminders: the per-user iCalendar feed (RFC 5545, own deadlines only, a reset stops the old
/// address), deadlines at their boundary with the fake clock (a late self-check, a vacancy), the API and the home pages.
/// </summary>
public abstract class RemindersTests(WuHaoFactory factory)
{
    private static async Task<string> ResetAsync(PageClient page)
    {
        var response = await page.SubmitAsync("/Reminders/Calendar", [], "form[data-testid=feed-reset-form]");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = PageClient.Parse(await response.Content.ReadAsStringAsync());
        return doc.QuerySelector("[data-testid=feed-url]")?.GetAttribute("value") ?? throw new InvalidOperationException("no feed address on the page");
    }

    [Fact]
    public async Task Feed_parses_as_RFC5545_lists_only_the_users_own_deadlines_and_a_reset_stops_the_old_address()
    {
        var data = await TestData.CreateAsync(factory);
        var village1 = await PageClient.LoginAsync(factory, data.User("village1"));
        var url = await ResetAsync(village1);
        Assert.StartsWith("https://localhost/api/v1/calendar/", url, StringComparison.Ordinal);
        var anonymous = factory.CreateClient();

        var feed = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var text = await feed.Content.ReadAsStringAsync();
        var calendar = Ical.Net.Calendar.Load(text)!;
        var events = calendar.Events.ToList();
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.False(e.DtStart!.HasTime)); // all-day
        Assert.All(events, e => Assert.Equal(e.DtStart!.Date.AddDays(1), e.DtEnd!.Date));
        // RFC 5545 3.1: CRLF line ends, no line longer than 75 octets (the Chinese text is folded, not cut).
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(text.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));

        // The same list as the API (and the home page): the user's own unit's deadlines, nothing of the village beside it.
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var mine = (await (await api.GetAsync("/api/v1/me/deadlines")).BodyAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(mine.Select(d => d.Str("uid")).Order(), events.Select(e => e.Uid!).Order());
        Assert.All(mine, d => Assert.Equal(data.Unit("A1"), d.Number("unitId")));
        Assert.Contains(mine, d => d.Str("kind") == DeadlineKinds.Vacancy && d.Str("state") == "missed");
        Assert.Contains(events, e => e.Summary!.Contains("班子缺位", StringComparison.Ordinal) && e.Summary.Contains("已逾期", StringComparison.Ordinal));

        var village2 = await PageClient.LoginAsync(factory, data.User("village2"));
        var other = await (await anonymous.GetAsync(await ResetAsync(village2))).Content.ReadAsStringAsync();
        var otherUids = Ical.Net.Calendar.Load(other)!.Events.Select(e => e.Uid!).ToList();
        Assert.NotEmpty(otherUids);
        Assert.Empty(otherUids.Intersect(events.Select(e => e.Uid!)));

        // Reset: the old address answers 404, the new one works; a wrong token is 404 too; the token is in no log line.
        var renewed = await ResetAsync(village1);
        Assert.NotEqual(url, renewed);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(renewed)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/calendar/" + new string('A', 43) + ".ics")).StatusCode);
        var token = renewed[(renewed.LastIndexOf('/') + 1)..^4];
        Assert.DoesNotContain(factory.Logs, l => l.Contains(token, StringComparison.Ordinal));
        await using var scope = factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().CalendarFeedTokens.SingleAsync(t => t.UserId == data.UserIds["village1"]);
        Assert.Equal(CalendarFeeds.Hash(token), stored.TokenHash); // only the hash is kept
    }

    [Fact]
    public async Task A_self_check_is_upcoming_on_its_due_day_and_missed_the_day_after()
    {
        var data = await TestData.CreateAsync(factory);
        var today = factory.Time.Today();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // The banner's campaign (the newest covering A1 and township A): this year's 自查 ends today, nothing submitted in it.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var banner = data.Unit("Banner");
            var campaign = new Campaign { UnitId = banner, Name = "旗创建工作", TargetDate = today.AddYears(1) };
            campaign.Stages.AddRange(CampaignCalendar.Yearly(today.Year).Select(s => new CampaignStage
            {
                UnitId = banner, Kind = s.Kind, Year = s.Year,
                Start = s.Kind == StageKinds.SelfCheck ? today.AddDays(-30) : s.Start,
                Due = s.Kind == StageKinds.SelfCheck ? today : s.Due,
            }));
            db.Add(campaign);
            await db.SaveChangesAsync();
        }

        var onTheDay = await SelfCheckAsync(data, "village1");
        Assert.Equal(today, onTheDay.Due);
        Assert.False(onTheDay.MissedOn(factory.Time.Today()));
        var township = await SelfCheckAsync(data, "township");
        Assert.Contains("下辖3个单位尚未提交自评", township.Title, StringComparison.Ordinal); // A1, A2 and the school AS
        Assert.False(township.MissedOn(factory.Time.Today()));

        factory.Time.Advance(TimeSpan.FromDays(1));
        var dayAfter = await SelfCheckAsync(data, "village1");
        Assert.True(dayAfter.MissedOn(factory.Time.Today()));
        Assert.Equal(onTheDay.Uid, dayAfter.Uid); // the same event in a subscribed calendar
        Assert.True((await SelfCheckAsync(data, "township")).MissedOn(factory.Time.Today()));
    }

    private async Task<Deadline> SelfCheckAsync(TestData data, string user) =>
        Assert.Single(await ForAsync(data, user), d => d.Kind == DeadlineKinds.SelfCheck);

    private async Task<IReadOnlyList<Deadline>> ForAsync(TestData data, string user)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Deadlines>().ForUserAsync(data.UserIds[user], default);
    }

    [Fact]
    public async Task A_vacancy_is_due_at_the_end_of_the_grace_period_and_missed_the_day_after()
    {
        var data = await TestData.CreateAsync(factory);
        var today = factory.Time.Today();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // A2's 副主任 left 90 days ago (the grace period): due today, not yet missed.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Add(new TeamMember
            {
                UnitId = data.Unit("A2"), Name = "前副主任", Gender = "男", Position = "副主任", Affiliation = "党支部",
                TermStart = today.AddYears(-2), TermEnd = today.AddDays(-90),
            });
            await db.SaveChangesAsync();
        }

        var vacancy = Assert.Single(await ForAsync(data, "village2"), d => d.Kind == DeadlineKinds.Vacancy && d.Title.Contains("副主任", StringComparison.Ordinal));
        Assert.Equal(today, vacancy.Due);
        Assert.False(vacancy.MissedOn(today));

        factory.Time.Advance(TimeSpan.FromDays(1));
        var after = Assert.Single(await ForAsync(data, "village2"), d => d.Kind == DeadlineKinds.Vacancy && d.Title.Contains("副主任", StringComparison.Ordinal));
        Assert.True(after.MissedOn(factory.Time.Today()));
        // Missed first on the list, as the home page shows it.
        var list = await ForAsync(data, "village2");
        Assert.Contains(list.TakeWhile(d => d.MissedOn(factory.Time.Today())), d => d.Uid == after.Uid);
    }

    [Fact]
    public async Task Home_pages_show_the_lights_with_their_rules_and_the_deadlines()
    {
        var data = await TestData.CreateAsync(factory);
        var village = await PageClient.LoginAsync(factory, data.User("village1"));
        var (_, home) = await village.GetAsync("/");
        var text = home.Body!.TextContent;
        Assert.Contains(Lights.GreenRule, text, StringComparison.Ordinal);
        Assert.Contains(Lights.YellowRule, text, StringComparison.Ordinal);
        Assert.Contains(Lights.RedRule, text, StringComparison.Ordinal);
        var unitLight = home.QuerySelector("[data-testid=light-unit] [data-light]")!;
        Assert.Contains(unitLight.TextContent, new[] { "达标", "有风险", "未达标" });
        Assert.NotEmpty(home.QuerySelectorAll("[data-testid=light-indicators] li [data-light]"));
        Assert.NotNull(home.QuerySelector("[data-testid=deadlines] li[data-kind=vacancy][data-state=missed]"));

        var township = await PageClient.LoginAsync(factory, data.User("township"));
        var (_, own) = await township.GetAsync("/");
        var units = own.QuerySelectorAll("[data-testid=light-units] li").Select(li => li.GetAttribute("data-unit")).ToList();
        Assert.Contains(data.Unit("A1").ToString(System.Globalization.CultureInfo.InvariantCulture), units);
        Assert.Contains(data.Unit("A2").ToString(System.Globalization.CultureInfo.InvariantCulture), units);
        Assert.DoesNotContain(data.Unit("B1").ToString(System.Globalization.CultureInfo.InvariantCulture), units);
        Assert.Contains(Lights.RedRule, own.Body!.TextContent, StringComparison.Ordinal);

        // The lights route answers the same colours, and 404 outside the user's scope (R-0.3).
        var api = await ApiClient.LoginAsync(factory, data.User("township"));
        var lights = await (await api.GetAsync($"/api/v1/units/{data.Unit("A")}/lights")).BodyAsync();
        Assert.Equal(units.Count, lights.GetProperty("units").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/units/{data.Unit("B")}/lights")).StatusCode);
    }
}

public sealed class RemindersOnSqlite(SqliteFactory factory) : RemindersTests(factory), IClassFixture<SqliteFactory>;

public sealed class RemindersOnPostgres(PostgresFactory factory) : RemindersTests(factory), IClassFixture<PostgresFactory>;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Tests.Web;

/// <summary>
/// One number, one source (R-8.1): figures a user reads on two pages, or reads next to the records they count, agree.
/// Each case is one a user found contradicting itself.
/// </summary>
public sealed class FiguresAgreeTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task Looking_at_one_school_link_keeps_the_units_figures_for_the_year()
    {
        var data = await TestData.CreateAsync(factory);
        var village = await PageClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        int link;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            link = await scope.ServiceProvider.GetRequiredService<AppDbContext>().SchoolLinks.Where(l => l.UnitId == unit).Select(l => l.Id).SingleAsync();
        }

        var (_, all) = await village.GetAsync($"/Activities/{unit}");
        var (_, linked) = await village.GetAsync($"/Activities/{unit}?link={link}");

        Assert.NotNull(linked.QuerySelector("[data-testid=activity-figures]"));
        foreach (var figure in new[] { "activity-count", "months-without", "missing-types", "joint" })
        {
            Assert.Equal(all.QuerySelector($"[data-testid={figure}]")!.TextContent, linked.QuerySelector($"[data-testid={figure}]")!.TextContent);
        }

        Assert.Equal("1", all.QuerySelector("[data-testid=activity-count]")!.TextContent);
        Assert.Empty(linked.QuerySelectorAll("[data-testid^=month-]"));   // the list itself is the link's: none yet
    }

    [Fact]
    public async Task A_townships_overdue_commendations_are_its_villages_on_the_elders_page_and_the_home_page()
    {
        var data = await TestData.CreateAsync(factory);
        await CommendationFourYearsAgoAsync(data, "A2");

        var township = await PageClient.LoginAsync(factory, data.User("township"));
        var (_, home) = await township.GetAsync("/");
        var (_, elders) = await township.GetAsync($"/Elders/{data.Unit("A")}");

        Assert.Equal("1", home.QuerySelector("[data-testid=home-commendations]")!.TextContent.Trim());
        Assert.Equal("1", elders.QuerySelector("[data-testid=commendations-overdue]")!.TextContent.Trim());
        Assert.Contains("甲二村", elders.QuerySelector("[data-testid=commendations-overdue-list]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(elders.QuerySelector("[data-testid=commendation-due]"));   // the township holds none of its own
        Assert.Equal("3", home.QuerySelector("[data-testid=home-units]")!.TextContent.Trim());   // 甲一嘎查, 甲二村, 甲乡学校
    }

    [Fact]
    public async Task A_villages_home_page_counts_its_team_and_elders_once_and_its_commendation_card_and_deadline_agree()
    {
        // R-8.1 (issue 14): the cards, the overdue 表彰会 list and the deadlines read one count per request (RequestFigures);
        // counting them three times made the demo village's home page 41 SQL commands.
        var data = await TestData.CreateAsync(factory);
        await CommendationFourYearsAgoAsync(data, "A1");

        var village = await PageClient.LoginAsync(factory, data.User("village1"));
        await village.GetAsync("/");
        var before = CommandCount.Executed(factory);
        var (_, home) = await village.GetAsync("/");
        var commands = CommandCount.Executed(factory) - before;

        Assert.InRange(commands, 1, 26);   // 23 here; 39 when each part counted its own
        Assert.Equal("1", home.QuerySelector("[data-testid=home-commendations]")!.TextContent.Trim());
        Assert.NotNull(home.QuerySelector("[data-testid=deadlines] li[data-kind=commendation][data-state=missed]"));
        Assert.Equal("1", home.QuerySelector("[data-testid=home-elders] a")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_meeting_eleven_months_ago_is_eleven_months_ago_and_a_village_governs_no_units()
    {
        var data = await TestData.CreateAsync(factory);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var meeting = await db.CommendationMeetings.SingleAsync(m => m.Id == data.Record<CommendationMeeting>("A1"));
            meeting.Date = factory.Time.Today().AddMonths(-11);
            await db.SaveChangesAsync();
        }

        var village = await PageClient.LoginAsync(factory, data.User("village1"));
        var (_, elders) = await village.GetAsync($"/Elders/{data.Unit("A1")}");
        var (_, commendations) = await village.GetAsync($"/Elders/Commendations/{data.Unit("A1")}");
        var (_, home) = await village.GetAsync("/");

        Assert.Contains("距今11个月", elders.QuerySelector("[data-testid=commendation-last]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("距今11个月", commendations.QuerySelector("[data-testid=commendation-cycle]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(home.QuerySelector("[data-testid=home-units]"));
    }

    [Fact]
    public async Task A_unit_without_open_cases_says_so_instead_of_an_empty_list()
    {
        var data = await TestData.CreateAsync(factory);
        var township = await PageClient.LoginAsync(factory, data.User("township"));
        var village = await PageClient.LoginAsync(factory, data.User("village1"));

        // The school AS keeps no case (the township's own empty list is no longer shown beside its villages' table, R-8.5).
        var (_, own) = await township.GetAsync($"/Cases/{data.Unit("AS")}");
        var (_, kept) = await village.GetAsync($"/Cases/{data.Unit("A1")}");

        Assert.Equal("在档人数按类别：没有在档的档案", own.QuerySelector("[data-testid=open-by-category]")!.TextContent.Trim());
        Assert.Equal("在档人数按类别：留守儿童1人", kept.QuerySelector("[data-testid=open-by-category]")!.TextContent.Trim());
    }

    /// <summary>Moves the village's last 表彰会 four years back: overdue (R-2.5).</summary>
    private async Task CommendationFourYearsAgoAsync(TestData data, string village)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var meeting = await db.CommendationMeetings.SingleAsync(m => m.Id == data.Record<CommendationMeeting>(village));
        meeting.Date = factory.Time.Today().AddYears(-4);
        await db.SaveChangesAsync();
    }
}

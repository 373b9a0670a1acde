using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Domain;

namespace WuHao.Tests.Team;

/// <summary>R-1.2 "变动及时调整充实不缺位": a required post empty longer than the grace period is flagged.</summary>
public sealed class VacancyRuleTests
{
    private static readonly DateOnly Today = new(2024, 6, 30);

    private static MemberFacts Holder(string position, DateOnly start, DateOnly? end = null) =>
        new(position, "党支部", "男", "蒙古族", "中共党员", false, null, start, end);

    [Theory]
    [InlineData(89, false)]
    [InlineData(90, false)]
    [InlineData(91, true)]
    public void A_post_is_flagged_only_after_the_grace_period(int daysEmpty, bool flagged)
    {
        var members = new[] { Holder("主任", new(2020, 1, 1), Today.AddDays(-daysEmpty)) };
        var vacancy = Assert.Single(TeamRules.Vacancies(["主任"], members, Today, new DateOnly(2019, 1, 1), graceDays: 90));
        Assert.Equal(daysEmpty, vacancy.DaysEmpty);
        Assert.Equal(flagged, vacancy.Flagged);
    }

    [Fact]
    public void A_filled_post_is_not_a_vacancy_and_a_never_filled_one_counts_from_the_committee()
    {
        var members = new[] { Holder("主任", new(2020, 1, 1)), Holder("副主任", new(2020, 1, 1), new(2021, 1, 1)), Holder("副主任", new(2021, 1, 2)) };
        var vacancies = TeamRules.Vacancies(["主任", "副主任", "联络员"], members, Today, unitSince: new DateOnly(2024, 5, 1), graceDays: 90);
        var v = Assert.Single(vacancies);
        Assert.Equal("联络员", v.Position);
        Assert.Equal(new DateOnly(2024, 5, 1), v.EmptySince);
        Assert.False(v.Flagged);
    }

    [Fact]
    public void Structure_figures_count_the_members_serving_today()
    {
        var members = new[]
        {
            new MemberFacts("主任", "党支部", "男", "蒙古族", "中共党员", false, new DateOnly(1974, 7, 1), new(2020, 1, 1), null), // 49
            new MemberFacts("副主任", "五老", "女", "汉族", "群众", true, new DateOnly(1954, 6, 30), new(2020, 1, 1), null),   // 70 today
            new MemberFacts("委员", "妇联", "女", "蒙古族", "中共预备党员", false, new DateOnly(1990, 1, 1), new(2020, 1, 1), null),
            new MemberFacts("委员", "民兵", "男", "蒙古族", "中共党员", false, new DateOnly(1980, 1, 1), new(2020, 1, 1), new DateOnly(2023, 1, 1)), // left
        };
        var s = TeamRules.Structure(members, Today);
        Assert.Equal(3, s.Total);
        Assert.Equal((1, 2), (s.Male, s.Female));
        Assert.Equal(2, s.PartyMembers);
        Assert.Equal(1, s.Elders);
        Assert.Equal(1, s.AgeBands.Single(b => b.Band == "35-49岁").Count);
        Assert.Equal(1, s.AgeBands.Single(b => b.Band == "70岁及以上").Count);
        Assert.Equal(1, s.AgeBands.Single(b => b.Band == "35岁以下").Count);
        Assert.Equal([("共青团/青年", false), ("妇联", true), ("民兵", false), ("治保", false)], s.Coverage);
    }
}

/// <summary>The same rule through the app, with the clock moved past the boundary (FakeTimeProvider).</summary>
public sealed class VacancyFlagTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task The_home_page_flags_a_post_left_empty_for_more_than_90_days()
    {
        var data = await TestData.CreateAsync(factory);
        var unit = data.Unit("A2");
        var api = await ApiClient.LoginAsync(factory, data.User("village2"));
        var today = Today();
        foreach (var position in new[] { "副主任", "联络员" })
        {
            var r = await api.PostAsJsonAsync($"/api/v1/units/{unit}/team-members", new { name = position + "甲", gender = "男", position, affiliation = "党支部", termStart = today });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }

        var page = await PageClient.LoginAsync(factory, data.User("village2"));
        Assert.Empty(await VacanciesAsync(page, unit));

        var leave = await api.PostAsJsonAsync($"/api/v1/units/{unit}/team-changes", new { date = today, memberId = data.Record<TeamMember>("A2"), reason = "外出务工" });
        Assert.Equal(HttpStatusCode.Created, leave.StatusCode);
        Assert.Contains("主任 职务空缺", Assert.Single(await VacanciesAsync(page, unit)), StringComparison.Ordinal);
        Assert.DoesNotContain("主任 缺位", await HomeFlagsAsync(page), StringComparison.Ordinal);

        factory.Time.Advance(TimeSpan.FromDays(90));
        page = await PageClient.LoginAsync(factory, data.User("village2"));
        Assert.DoesNotContain("主任 缺位", await HomeFlagsAsync(page), StringComparison.Ordinal);

        factory.Time.Advance(TimeSpan.FromDays(1));
        page = await PageClient.LoginAsync(factory, data.User("village2"));
        Assert.Contains("主任 缺位91天", await HomeFlagsAsync(page), StringComparison.Ordinal);
        var township = await PageClient.LoginAsync(factory, data.User("township"));
        Assert.Contains("主任 缺位91天", await HomeFlagsAsync(township), StringComparison.Ordinal);
    }

    private string Today() => factory.Time.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<List<string>> VacanciesAsync(PageClient page, int unit)
    {
        var (_, doc) = await page.GetAsync($"/Team/{unit}");
        return doc.QuerySelectorAll("[data-testid=vacancy]").Select(e => e.TextContent.Trim()).ToList();
    }

    private static async Task<string> HomeFlagsAsync(PageClient page)
    {
        var (_, doc) = await page.GetAsync("/");
        return doc.QuerySelector("[data-testid=flags]")?.TextContent ?? "";
    }
}

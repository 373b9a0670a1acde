using WuHao.Web.Domain;

namespace WuHao.Tests.Elders;

/// <summary>The pure rules of R-2: status on a day, year-end counts and growth, the commendation cycle, the training share.</summary>
public sealed class ElderRulesTests
{
    private static readonly DateOnly Today = new(2025, 7, 1);

    private static StatusFact F(int elder, string date, string status, int id = 0) =>
        new(elder, 1, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), status, id == 0 ? elder * 100 + Order++ : id);

    private static int Order;

    [Fact]
    public void An_elder_who_left_mid_year_is_not_counted_at_that_year_end_and_growth_follows()
    {
        List<StatusFact> history =
        [
            F(1, "2021-03-01", ElderStatuses.Active),
            F(2, "2021-05-01", ElderStatuses.Active),
            F(2, "2023-06-30", ElderStatuses.Left),              // left mid-2023
            F(3, "2022-09-01", ElderStatuses.Active),
            F(3, "2023-02-01", ElderStatuses.Paused),            // paused, back in 2024
            F(3, "2024-04-01", ElderStatuses.Active),
            F(4, "2023-12-31", ElderStatuses.Active),            // joins on the last day: counted
            F(5, "2024-01-01", ElderStatuses.Active),            // joins the day after: not in 2023
            F(5, "2025-03-01", ElderStatuses.Deceased),
        ];

        var years = ElderRules.Growth(history, 2022, 2025, Today);

        Assert.Equal([2022, 2023, 2024, 2025], years.Select(y => y.Year));
        Assert.Equal([3, 2, 4, 3], years.Select(y => y.Active));      // 2022: 1,2,3  2023: 1,4  2024: 1,3,4,5  today: 1,3,4
        Assert.Equal([1, -1, 2, -1], years.Select(y => y.Growth));    // against 2021's end: 1,2 (2)
        Assert.Equal(new DateOnly(2023, 12, 31), years[1].AsOf);
        Assert.Equal(Today, years[3].AsOf);                          // the running year counts up to today
        Assert.Equal([1, 4], ElderRules.ActiveOn(history, new DateOnly(2023, 12, 31)).Order());
    }

    [Fact]
    public void The_status_on_a_day_is_the_latest_entry_on_or_before_it()
    {
        List<StatusFact> history =
        [
            new(7, 1, new DateOnly(2023, 1, 1), ElderStatuses.Active, 1),
            new(7, 1, new DateOnly(2023, 5, 1), ElderStatuses.Paused, 2),
            new(7, 1, new DateOnly(2023, 5, 1), ElderStatuses.Active, 3), // a correction the same day wins by order
        ];

        Assert.False(ElderRules.StatusOn(history, new DateOnly(2022, 12, 31)).ContainsKey(7));
        Assert.Equal(ElderStatuses.Active, ElderRules.StatusOn(history, new DateOnly(2023, 4, 30))[7]);
        Assert.Equal(ElderStatuses.Active, ElderRules.StatusOn(history, new DateOnly(2023, 5, 1))[7]);
    }

    [Theory]
    [InlineData("2025-12-20", "2026-12-01", 11, "11个月")] // 11 months is not "0 years"
    [InlineData("2025-12-01", "2026-12-01", 12, "1年")]
    [InlineData("2023-09-02", "2026-12-01", 38, "3年2个月")]
    [InlineData("2026-11-15", "2026-12-01", 0, "不到1个月")]
    [InlineData("2026-01-31", "2026-03-01", 1, "1个月")]
    public void The_time_since_the_last_commendation_is_said_in_years_and_months(string last, string today, int months, string said)
    {
        var due = ElderRules.Commendation(DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2019, 1, 1),
            DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(months, due.MonthsSince);
        Assert.Equal(said, WuHao.Web.Infrastructure.Web.ZhFormat.YearsMonths(due.MonthsSince!.Value));
    }

    [Fact]
    public void The_next_commendation_is_due_three_years_after_the_last()
    {
        var since = new DateOnly(2019, 5, 4);
        var recent = ElderRules.Commendation(new DateOnly(2023, 6, 20), since, Today);
        Assert.Equal(new DateOnly(2026, 6, 20), recent.Due);
        Assert.Equal(2, recent.YearsSince);
        Assert.Equal(ElderRules.FullMonths(new DateOnly(2023, 6, 20), Today), recent.MonthsSince);
        Assert.False(recent.Overdue);

        var old = ElderRules.Commendation(new DateOnly(2022, 6, 30), since, Today);
        Assert.Equal(new DateOnly(2025, 6, 30), old.Due);
        Assert.Equal(3, old.YearsSince);
        Assert.True(old.Overdue);

        var never = ElderRules.Commendation(null, since, Today);
        Assert.Null(never.YearsSince);
        Assert.Null(never.MonthsSince);
        Assert.Equal(new DateOnly(2022, 5, 4), never.Due);   // three years after the committee was founded
        Assert.True(never.Overdue);
    }

    [Fact]
    public void The_training_share_counts_active_elders_trained_at_least_once()
    {
        var active = new HashSet<int> { 1, 2, 3, 4 };
        Assert.Equal(0.5, ElderRules.TrainedShare(active, [1, 1, 3, 9]));   // 9 left before year end: not in the share
        Assert.Equal(0, ElderRules.TrainedShare(new HashSet<int>(), [1]));
    }
}

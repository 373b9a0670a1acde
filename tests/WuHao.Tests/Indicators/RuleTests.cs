using System.Globalization;
using WuHao.Web.Domain.Indicators;

namespace WuHao.Tests.Indicators;

/// <summary>Each rule type of API.md at and around its threshold: pure functions, no database.</summary>
public sealed class RuleTests
{
    private const int Year = 2024;

    internal static Indicator I(decimal points, IndicatorRule rule, string code = "1.1", bool veto = false, bool bonus = false) =>
        new() { Code = code, Name = "指标" + code, Points = veto ? null : points, Veto = veto, Bonus = bonus, Method = "查资料", Rule = rule };

    private static decimal? D(string? s) => s is null ? null : decimal.Parse(s, CultureInfo.InvariantCulture);

    private static RuleOutcome Score(Indicator i, MeasureValue? v) => IndicatorRules.Score(i, Year, v);

    [Fact]
    public void Count_short_by_one_deducts_and_says_what_would_close_the_gap()
    {
        var i = I(5, new() { Type = "count", Measure = "partyMeetings", Min = 2, Deduct = 2.5m });

        var o = Score(i, MeasureValue.Count(1));

        Assert.Equal(2.5m, o.Score);
        Assert.Equal(IndicatorStatus.Partial, o.Status);
        Assert.Equal("2024年党支部专题会议1次，要求至少2次，扣2.5分", o.Reason);
        Assert.Equal("再召开1次党支部专题会议可得2.5分", o.Gap);
        Assert.Equal(2.5m, o.Recoverable);
    }

    [Theory]
    // points, min, deduct, maxDeduct, value → score, status
    [InlineData(5, 2, "2.5", null, 3, "5", "met")]
    [InlineData(5, 2, "2.5", null, 2, "5", "met")]
    [InlineData(5, 2, "2.5", null, 1, "2.5", "partial")]
    [InlineData(5, 2, "2.5", null, 0, "0", "unmet")]
    [InlineData(5, 4, "2", null, 0, "0", "unmet")]          // 5 − 8 floored at 0
    [InlineData(5, 4, "2", null, 2, "1", "partial")]
    [InlineData(10, 5, "2", "4", 0, "6", "partial")]        // maxDeduct: never below points − 4
    [InlineData(10, 5, "2", "4", 3, "6", "partial")]
    [InlineData(10, 5, "2", "4", 4, "8", "partial")]
    [InlineData(5, 2, null, null, 1, "0", "unmet")]         // no deduct: all or nothing
    [InlineData(2, 4, "0.5", null, 1, "0.5", "partial")]
    [InlineData(1, 3, "0.3", null, 1, "0.4", "partial")]    // 1 − 0.6
    public void Count_deducts_per_shortfall_floored_at_zero_and_capped_by_maxDeduct(
        int points, int min, string? deduct, string? maxDeduct, int value, string score, string status)
    {
        var i = I(points, new() { Type = "count", Measure = "activities", Min = min, Deduct = D(deduct), MaxDeduct = D(maxDeduct) });

        var o = Score(i, MeasureValue.Count(value));

        Assert.Equal(D(score), o.Score);
        Assert.Equal(status, o.Status);
        Assert.Equal(points - D(score), o.Recoverable);
    }

    [Theory]
    [InlineData(0, "0", "再开展2次活动可得3分")]
    [InlineData(1, "1.5", "再开展1次活动可得1.5分")]
    [InlineData(2, "3", null)]
    [InlineData(7, "3", null)]                              // capped at the points
    public void PerItem_scores_each_record_up_to_the_points(int value, string score, string? gap)
    {
        var i = I(3, new() { Type = "count", Measure = "activities", PerItem = 1.5m }, bonus: true);

        var o = Score(i, MeasureValue.Count(value));

        Assert.Equal(D(score), o.Score);
        Assert.Equal(gap, o.Gap);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(3, "0.6")]
    [InlineData(5, "1")]
    [InlineData(10, "2")]
    [InlineData(12, "2")]
    public void Proportional_count_scores_points_times_value_over_min_at_most_full(int value, string score)
    {
        var i = I(2, new() { Type = "count", Measure = "archiveDocuments", Min = 10, Proportional = true });

        Assert.Equal(D(score), Score(i, MeasureValue.Count(value)).Score);
    }

    [Fact]
    public void Scores_are_rounded_to_hundredths()
    {
        var i = I(3, new() { Type = "count", Measure = "archiveDocuments", Min = 7, Proportional = true });

        Assert.Equal(0.43m, Score(i, MeasureValue.Count(1)).Score);   // 3 × 1/7 = 0.428…
    }

    [Fact]
    public void Sum_works_on_yuan_with_two_decimals()
    {
        var i = I(2, new() { Type = "sum", Measure = "funds", Filter = Filter("direction", "spending"), Min = 500, Proportional = true });

        var o = Score(i, MeasureValue.Sum(250));

        Assert.Equal(1m, o.Score);
        Assert.Equal("2024年活动经费（收支=支出）250.00元，要求至少500.00元，按比例计分，得1分", o.Reason);
        Assert.Equal("再落实250.00元活动经费（收支=支出）可得1分", o.Gap);
        Assert.Equal(2m, Score(i, MeasureValue.Sum(500.00m)).Score);
    }

    [Theory]
    [InlineData(new[] { "学习制度", "会议制度", "工作制度", "档案管理制度", "奖励制度" }, "6", "met")]
    [InlineData(new[] { "学习制度", "会议制度", "工作制度", "其他制度" }, "3.6", "partial")]   // two missing × 1.2
    [InlineData(new string[0], "0", "unmet")]                                                     // 6 − 6
    public void Present_deducts_per_missing_name(string[] have, string score, string status)
    {
        var i = I(6, new() { Type = "present", Measure = "ruleDocuments", Required = ["学习制度", "会议制度", "工作制度", "档案管理制度", "奖励制度"], Deduct = 1.2m });

        var o = Score(i, MeasureValue.Set(have));

        Assert.Equal(D(score), o.Score);
        Assert.Equal(status, o.Status);
        if (status == "partial")
        {
            Assert.Equal("2024年制度已有学习制度、会议制度、工作制度，缺少档案管理制度、奖励制度，扣2.4分", o.Reason);
            Assert.Equal("补齐档案管理制度、奖励制度可得2.4分", o.Gap);
        }
    }

    [Fact]
    public void Present_without_deduct_gives_nothing_when_one_is_missing()
    {
        var i = I(4, new() { Type = "present", Measure = "workCycle", Required = ["计划", "布置", "检查", "总结"] });

        Assert.Equal(0m, Score(i, MeasureValue.Set(["计划", "布置", "检查"])).Score);
        Assert.Equal(4m, Score(i, MeasureValue.Set(["总结", "检查", "布置", "计划"])).Score);
    }

    [Theory]
    [InlineData(8, 10, false, "2", "met")]
    [InlineData(9, 10, false, "2", "met")]
    [InlineData(7, 10, false, "0", "unmet")]
    [InlineData(7, 10, true, "1.75", "partial")]          // 2 × 0.7 / 0.8
    [InlineData(0, 10, true, "0", "unmet")]
    [InlineData(0, 0, true, "0", "unmet")]                // nobody active: not met
    public void Ratio_needs_the_share_or_scales_when_proportional(int num, int den, bool proportional, string score, string status)
    {
        var i = I(2, new() { Type = "ratio", Measure = "eldersTrained", Min = 0.8m, Proportional = proportional });

        var o = Score(i, MeasureValue.Ratio(num, den));

        Assert.Equal(D(score), o.Score);
        Assert.Equal(status, o.Status);
    }

    [Fact]
    public void Ratio_reason_shows_the_share_and_how_many_more_people_are_needed()
    {
        var i = I(2, new() { Type = "ratio", Measure = "eldersTrained", Min = 0.8m });

        var o = Score(i, MeasureValue.Ratio(6, 10));

        Assert.Equal("2024年在册五老参加培训的比例为60%（6/10名），要求至少80%，不得分", o.Reason);
        Assert.Equal("再组织2名在册五老参加培训可得2分", o.Gap);
    }

    [Fact]
    public void Ratio_with_no_open_case_to_help_is_met()
    {
        var i = I(3, new() { Type = "ratio", Measure = "youthCasesHelped", Min = 1, Proportional = true });

        Assert.Equal(3m, Score(i, MeasureValue.Ratio(0, 0)).Score);
        Assert.Equal(1.5m, Score(i, MeasureValue.Ratio(2, 4)).Score);
    }

    [Theory]
    [InlineData(10, 10, "4", "持平")]
    [InlineData(12, 10, "4", "增加2名")]
    [InlineData(9, 10, "0", "减少1名")]
    public void Growth_compares_this_year_end_with_the_year_before(int end, int before, string score, string trend)
    {
        var i = I(4, new() { Type = "growth", Measure = "elderGrowth" });

        var o = Score(i, MeasureValue.Level(end, before));

        Assert.Equal(D(score), o.Score);
        Assert.Contains($"2024年末在册五老{end}名，2023年末{before}名，{trend}", o.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-06-01", true)]
    [InlineData("2022-01-01", true)]                      // 3 years up to 2024: 2022, 2023, 2024
    [InlineData("2021-12-31", false)]
    [InlineData(null, false)]
    public void Within_needs_the_latest_occurrence_in_the_last_N_years(string? latest, bool met)
    {
        var i = I(3, new() { Type = "within", Measure = "commendationMeetings", Years = 3 });

        var o = Score(i, MeasureValue.LatestOn(latest is null ? null : DateOnly.Parse(latest, CultureInfo.InvariantCulture)));

        Assert.Equal(met ? 3m : 0m, o.Score);
        Assert.Contains("要求2022—2024年内至少一次", o.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "5", "met")]
    [InlineData(1, "2.5", "partial")]
    [InlineData(3, "0", "unmet")]
    public void None_gives_full_points_only_when_nothing_happened(int value, string score, string status)
    {
        var i = I(5, new() { Type = "none", Measure = "teamVacancies", Deduct = 2.5m });

        var o = Score(i, MeasureValue.Count(value));

        Assert.Equal(D(score), o.Score);
        Assert.Equal(status, o.Status);
        if (value == 1)
        {
            Assert.Equal("2024年班子缺位岗位1个，要求没有，扣2.5分", o.Reason);
            Assert.Equal("补齐1个班子缺位岗位可得2.5分", o.Gap);
        }
    }

    [Fact]
    public void A_missing_value_reads_as_zero()
    {
        var i = I(5, new() { Type = "count", Measure = "partyMeetings", Min = 2, Deduct = 2.5m });

        Assert.Equal(0m, Score(i, null).Score);
        Assert.Equal("2024年党支部专题会议0次，要求至少2次，不得分", Score(i, null).Reason);
    }

    [Fact]
    public void Years_back_counts_several_years_and_says_so()
    {
        var i = I(3, new() { Type = "count", Measure = "commendationMeetings", Min = 1, YearsBack = 3 });

        Assert.Equal((2022, 2024), MeasureKey.For(i.Rule)!.Years(Year));
        Assert.StartsWith("2022—2024年五老表彰会0次", Score(i, MeasureValue.Count(0)).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "pending", null)]
    [InlineData("3", "partial", "3")]
    [InlineData("5", "met", "5")]
    [InlineData("0", "unmet", "0")]
    [InlineData("6", "pending", null)]                    // out of range: not taken
    public void Manual_is_pending_until_the_assessor_scores_it(string? given, string status, string? score)
    {
        var i = I(5, new() { Type = "manual" }) with { Evidence = "班子名单" };

        var o = IndicatorRules.Manual(i, given is null ? null : new ManualScore(D(given), "结构不够合理"));

        Assert.Equal(status, o.Status);
        Assert.Equal(D(score), o.Score);
        if (given is null)
        {
            Assert.Equal("待验收组查资料：请准备班子名单", o.Reason);
        }
    }

    [Fact]
    public void Manual_below_full_points_needs_a_note()
    {
        var i = I(5, new() { Type = "manual" });

        Assert.Equal("指标1.1：未给满分须写明扣分理由", IndicatorRules.CheckManual(i, new ManualScore(3, " ")));
        Assert.Null(IndicatorRules.CheckManual(i, new ManualScore(5, null)));
        Assert.Equal("指标1.1：人工评分须在0到5分之间", IndicatorRules.CheckManual(i, new ManualScore(-1, "x")));
    }

    internal static IReadOnlyDictionary<string, IReadOnlyList<string>> Filter(string field, params string[] values) =>
        new Dictionary<string, IReadOnlyList<string>> { [field] = values };
}

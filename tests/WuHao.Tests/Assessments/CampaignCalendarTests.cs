using System.Globalization;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;

namespace WuHao.Tests.Assessments;

/// <summary>The campaign calendar and round scoring as pure functions, with fixed dates.</summary>
public sealed class CampaignCalendarTests
{
    private static readonly IReadOnlyList<StageDates> Seed = CampaignCalendar.Seed(2025);

    [Fact]
    public void The_seed_plan_has_its_dates_plan_due_20_June_and_a_self_check_acceptance_every_year_to_2025()
    {
        Assert.Equal(new DateOnly(2023, 6, 20), CampaignCalendar.Find(Seed, StageKinds.Prepare, null)!.Due);
        Assert.Equal(new DateOnly(2025, 7, 31), CampaignCalendar.Find(Seed, StageKinds.Create, null)!.Due);
        foreach (var year in new[] { 2023, 2024, 2025 })
        {
            Assert.Equal(new DateOnly(year, 8, 31), CampaignCalendar.Find(Seed, StageKinds.SelfCheck, year)!.Due);
            Assert.Equal(new DateOnly(year, 9, 30), CampaignCalendar.Find(Seed, StageKinds.Acceptance, year)!.Due);
        }

        Assert.Null(CampaignCalendar.Find(Seed, StageKinds.SelfCheck, 2026));
    }

    [Theory]
    [InlineData("2023-06-10", "prepare", "准备阶段")]      // also 创建阶段 from 1 June: the shorter one with the nearer due date leads
    [InlineData("2023-06-20", "prepare", "准备阶段")]      // the due day itself is still the stage
    [InlineData("2023-06-21", "create", "创建阶段")]
    [InlineData("2024-08-01", "selfCheck", "2024年自查")] // a yearly stage before the long 创建阶段
    [InlineData("2024-08-31", "selfCheck", "2024年自查")]
    [InlineData("2024-09-01", "review", "2024年乡初审")]
    [InlineData("2025-09-11", "acceptance", "2025年验收")]
    public void On_a_day_the_running_stage_is_the_most_specific_one(string day, string kind, string label)
    {
        var on = CampaignCalendar.On(Seed, DateOnly.Parse(day, CultureInfo.InvariantCulture));

        Assert.Equal(kind, on.Current!.Kind);
        Assert.Equal(label, on.Current.Label);
    }

    [Fact]
    public void Between_stages_nothing_runs_and_the_next_stage_is_named_with_its_due_date()
    {
        var on = CampaignCalendar.On(Seed, new DateOnly(2025, 12, 1));

        Assert.Null(on.Current);
        Assert.Null(on.Next);
        Assert.Equal("本次创建工作的各阶段都已结束。", CampaignCalendar.Summary(on));
        Assert.StartsWith("当前不在验收工作的任何阶段。下一阶段：2026年自查", CampaignCalendar.Summary(CampaignCalendar.On(CampaignCalendar.Seed(2026), new DateOnly(2025, 12, 1))), StringComparison.Ordinal);

        var before = CampaignCalendar.On(Seed, new DateOnly(2024, 7, 31));
        Assert.Equal("create", before.Current!.Kind);
        Assert.Equal(StageKinds.SelfCheck, before.Next!.Kind);
        Assert.Contains("2024年8月31日前嘎查村（学校）提交自评", CampaignCalendar.Describe(before.Next), StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_says_what_is_due_and_how_many_days_are_left()
    {
        Assert.Equal("当前阶段：2024年自查（2024年8月1日至2024年8月31日）。2024年8月31日前嘎查村（学校）提交自评，还有11天。",
            CampaignCalendar.Summary(CampaignCalendar.On(Seed, new DateOnly(2024, 8, 20))));
        Assert.EndsWith("今天截止。", CampaignCalendar.Summary(CampaignCalendar.On(Seed, new DateOnly(2024, 8, 31))), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-08-30", null, false)]        // not submitted, not yet due
    [InlineData("2024-08-31", null, false)]        // the due day itself
    [InlineData("2024-09-01", null, true)]         // not submitted by the due date
    [InlineData("2024-09-20", "2024-08-31", false)] // submitted on the due day
    [InlineData("2024-09-20", "2024-09-01", true)]  // submitted a day late
    public void A_self_check_is_late_only_after_its_due_date(string today, string? submitted, bool late)
    {
        var due = new DateOnly(2024, 8, 31);
        DateOnly? on = submitted is null ? null : DateOnly.Parse(submitted, CultureInfo.InvariantCulture);

        Assert.Equal(late, CampaignCalendar.IsLate(due, on, DateOnly.Parse(today, CultureInfo.InvariantCulture)));
    }

    private static readonly IndicatorSystem Rubric = new()
    {
        Code = "t", Name = "测试", Version = "1", PassScore = 8, MaxTotal = 10,
        Sections =
        [
            new IndicatorSection
            {
                Code = "1", Name = "一",
                Indicators =
                [
                    new Indicator { Code = "1.1", Name = "会议", Points = 5, Rule = new IndicatorRule { Type = "count", Measure = "partyMeetings", Min = 2, Deduct = 2.5m } },
                    new Indicator { Code = "1.2", Name = "效果", Points = 5, Rule = new IndicatorRule { Type = "manual" } },
                    new Indicator { Code = "V1", Name = "否决", Veto = true, Rule = new IndicatorRule { Type = "manual" } },
                ],
            },
        ],
    };

    private static IReadOnlyList<SnapshotIndicator> Basis()
    {
        var e = Evaluator.Evaluate(Rubric, 2024, new MeasureValues().Set(Rubric.Indicators.First().Rule, MeasureValue.Count(2)));
        return [.. RoundSnapshot.From(e, new IndicatorSystemRecord { Code = "t", Name = "测试", Edition = "1", State = "published", AppliesTo = "", Definition = "" }, []).Indicators];
    }

    [Fact]
    public void An_assessor_changes_an_automatic_score_only_with_a_reason()
    {
        var refused = RoundScoring.Apply(Rubric, 2024, Basis(), [new ScoreInput("1.1", 3, null)], assessor: true);
        Assert.Null(refused.Evaluation);
        Assert.Contains("扣分理由", refused.Errors.Single().Message, StringComparison.Ordinal);

        var taken = RoundScoring.Apply(Rubric, 2024, Basis(), [new ScoreInput("1.1", 3, "会议记录缺签名"), new ScoreInput("1.2", 5, null), new ScoreInput("V1", null, null)], assessor: true);
        Assert.Empty(taken.Errors);
        Assert.Equal(8, taken.Evaluation!.Total);
        Assert.True(taken.Evaluation.Passed);
        Assert.Contains("会议记录缺签名", taken.Evaluation.Indicators.First().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_unit_itself_may_not_change_an_automatic_score_and_a_failed_veto_fails_the_round()
    {
        var self = RoundScoring.Apply(Rubric, 2024, Basis(), [new ScoreInput("1.1", 0, "少报")], assessor: false);
        Assert.Contains("自评不能改动", self.Errors.Single().Message, StringComparison.Ordinal);

        var vetoed = RoundScoring.Apply(Rubric, 2024, Basis(), [new ScoreInput("1.2", 5, null), new ScoreInput("V1", null, "发生案件未报告", Failed: true)], assessor: true);
        Assert.Equal(10, vetoed.Evaluation!.Total);
        Assert.False(vetoed.Evaluation.Passed);
        Assert.True(vetoed.Evaluation.Vetoed);

        var noCode = RoundScoring.Apply(Rubric, 2024, Basis(), [new ScoreInput("9.9", 1, "x")], assessor: true);
        Assert.Contains("9.9", noCode.Errors.Single().Message, StringComparison.Ordinal);
    }
}

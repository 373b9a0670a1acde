using WuHao.Web.Domain;

namespace WuHao.Tests.Evidence;

/// <summary>The figures of at their boundaries.</summary>
public sealed class RecordRulesTests
{
    private static readonly DateOnly MidMarch = new(2024, 3, 15);

    [Fact]
    public void A_rule_adopted_on_the_last_day_of_the_year_counts_for_it_and_one_adopted_the_day_after_does_not()
    {
        (string, DateOnly)[] docs = [("学习制度", new DateOnly(2023, 12, 31)), ("会议制度", new DateOnly(2024, 1, 1)), ("工作制度", new DateOnly(2020, 5, 1))];
        Assert.Equal(["会议制度", "档案管理制度", "奖励制度"], RecordRules.MissingRuleTypes(docs, 2023, Vocabulary.RequiredRuleTypes));
        Assert.Equal(["档案管理制度", "奖励制度"], RecordRules.MissingRuleTypes(docs, 2024, Vocabulary.RequiredRuleTypes));
        Assert.Equal(Vocabulary.RequiredRuleTypes, RecordRules.MissingRuleTypes([], 2024, Vocabulary.RequiredRuleTypes));
    }

    [Fact]
    public void The_work_cycle_is_complete_only_with_all_four_stages()
    {
        Assert.Equal(["计划", "布置", "检查", "总结"], RecordRules.MissingStages([]));
        Assert.Equal(["检查"], RecordRules.MissingStages(["计划", "布置", "总结", "计划"]));
        Assert.Empty(RecordRules.MissingStages(["总结", "检查", "布置", "计划"]));
    }

    [Fact]
    public void Fund_totals_add_income_and_spending_to_the_fen()
    {
        var (income, spending, balance) = RecordRules.FundTotals([("income", 1000.10m), ("spending", 300.05m), ("income", 0.01m), ("spending", 700.07m)]);
        Assert.Equal(1000.11m, income);
        Assert.Equal(1000.12m, spending);
        Assert.Equal(-0.01m, balance);
    }

    [Fact]
    public void Months_without_activity_count_up_to_the_current_month_and_not_beyond()
    {
        // Current year on 15 March: January and March passed or running; April on is not missing yet.
        Assert.Equal([1, 3], RecordRules.MonthsWithout([new DateOnly(2024, 2, 29)], 2024, MidMarch));
        Assert.Empty(RecordRules.MonthsWithout([new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1), new DateOnly(2024, 3, 15)], 2024, MidMarch));

        // A past year: all twelve months; activities of other years do not count; 31 Dec fills December.
        Assert.Equal([.. Enumerable.Range(1, 11)], RecordRules.MonthsWithout([new DateOnly(2023, 12, 31), new DateOnly(2024, 1, 1)], 2023, MidMarch));

        // A future year has no missing month yet.
        Assert.Empty(RecordRules.MonthsWithout([], 2025, MidMarch));

        // On 1 January the running month is already due.
        Assert.Equal([1], RecordRules.MonthsWithout([], 2024, new DateOnly(2024, 1, 1)));
    }

    [Fact]
    public void The_counts_of_several_units_add_up_and_a_type_without_activity_is_missing()
    {
        IReadOnlyList<string> required = ["爱国主义", "法治教育", "家教家风"];
        var figures = RecordRules.Activities(
            2024,
            [(1, 1, 0), (2, 1, 1)],
            [("爱国主义", 1), ("法治教育", 1), ("爱国主义", 1)],
            MidMarch, required);

        Assert.Equal(2, figures.Count);
        Assert.Equal(2, figures.PerType.Single(t => t.Type == "爱国主义").Count);
        Assert.Equal(1, figures.PerType.Single(t => t.Type == "法治教育").Count);
        Assert.Equal(0, figures.PerType.Single(t => t.Type == "家教家风").Count);
        Assert.Equal(["家教家风"], figures.MissingTypes);
        Assert.Equal([3], figures.MonthsWithout);
        Assert.Equal(1, figures.JointWithSchool);
        Assert.Equal(Vocabulary.ActivityTypes.Count, figures.PerType.Count);
    }

    [Fact]
    public void By_default_every_type_but_other_is_required()
    {
        var required = new ActivityOptions().Required;
        Assert.Equal(Vocabulary.ActivityTypes.Count - 1, required.Count);
        Assert.DoesNotContain("其他", required);
        Assert.Equal(["法治教育"], new ActivityOptions { RequiredTypes = ["法治教育"] }.Required);
    }
}

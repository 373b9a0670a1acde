using WuHao.Web.Domain.Indicators;
using static WuHao.Tests.Indicators.RuleTests;

namespace WuHao.Tests.Indicators;

/// <summary>The validator says in Chinese what is wrong, with the indicator code; a valid system gives no error.</summary>
public sealed class ValidatorTests
{
    private static readonly IndicatorRule Meetings = new() { Type = "count", Measure = "partyMeetings", Min = 2, Deduct = 2.5m };

    private static readonly IndicatorSystem Valid = new()
    {
        Code = "t", Name = "测试体系", Version = "1", PassScore = 85, AppliesTo = ["village"],
        Sections =
        [
            new() { Code = "1", Name = "领导班子建设好", Indicators = [I(60, Meetings, "1.1"), I(40, new() { Type = "manual" }, "1.2"),
                I(3, new() { Type = "count", Measure = "experiences", Filter = Filter("level", "旗"), PerItem = 1.5m }, "B1", bonus: true),
                I(0, new() { Type = "manual" }, "V1", veto: true)] },
        ],
    };

    private static IndicatorSystem WithRule(Func<IndicatorRule, IndicatorRule> change) => WithFirst(i => i with { Rule = change(i.Rule) });

    private static IndicatorSystem WithFirst(Func<Indicator, Indicator> change) =>
        Valid with { Sections = [Valid.Sections[0] with { Indicators = [change(Valid.Sections[0].Indicators[0]), .. Valid.Sections[0].Indicators.Skip(1)] }] };

    private static IndicatorSystem Mutate(string what) => what switch
    {
        "unknown measure" => WithRule(r => r with { Measure = "meetings" }),
        "unknown filter field" => WithRule(r => r with { Filter = Filter("topic", "x") }),
        "unknown filter value" => WithRule(r => r with { Measure = "activities", Filter = Filter("types", "法制教育") }),
        "rule type for measure" => WithRule(r => r with { Type = "ratio", Min = 0.5m, Deduct = null }),
        "points total" => WithFirst(i => i with { Points = 50 }),
        "declared total" => Valid with { MaxTotal = 120 },
        "duplicate indicator" => Valid with { Sections = [Valid.Sections[0], Valid.Sections[0] with { Code = "2" }] },
        "duplicate section" => Valid with { Sections = [Valid.Sections[0], Valid.Sections[0] with { Indicators = [I(0, new() { Type = "manual" }, "V9", veto: true)] }] },
        "min below 0" => WithRule(r => r with { Min = -1 }),
        "deduct above points" => WithRule(r => r with { Deduct = 61 }),
        "maxDeduct above points" => WithRule(r => r with { MaxDeduct = 70 }),
        "ratio min" => WithRule(r => r with { Type = "ratio", Measure = "eldersTrained", Min = 80, Deduct = null }),
        "pass score" => Valid with { PassScore = 101 },
        "manual with measure" => WithRule(_ => new() { Type = "manual", Measure = "partyMeetings" }),
        "veto with points" => Valid with { Sections = [Valid.Sections[0] with { Indicators = [.. Valid.Sections[0].Indicators.SkipLast(1), I(5, new() { Type = "manual" }, "V1") with { Veto = true }] }] },
        "missing name" => WithFirst(i => i with { Name = " " }),
        "missing points" => WithFirst(i => i with { Points = null }),
        "years back" => WithRule(r => r with { YearsBack = 0 }),
        "years back on a state" => WithRule(_ => new() { Type = "none", Measure = "teamVacancies", YearsBack = 2 }),
        "evidence not kept" => WithRule(r => r with { RequireEvidence = true }),
        "unknown type" => WithRule(r => r with { Type = "atLeast" }),
        "method" => WithFirst(i => i with { Method = "查台账" }),
        "present without required" => WithRule(_ => new() { Type = "present", Measure = "ruleDocuments" }),
        "required not in set" => WithRule(_ => new() { Type = "present", Measure = "workCycle", Required = ["计划", "验收"] }),
        "within without years" => WithRule(_ => new() { Type = "within", Measure = "commendationMeetings" }),
        "funds without direction" => WithRule(_ => new() { Type = "sum", Measure = "funds", Min = 100 }),
        "count without min" => WithRule(r => r with { Min = null }),
        "perItem with deduct" => WithRule(r => r with { PerItem = 1 }),
        "unknown unit type" => Valid with { AppliesTo = ["village", "gacha"] },
        "empty section" => Valid with { Sections = [.. Valid.Sections, new() { Code = "2", Name = "空" }] },
        _ => throw new ArgumentException(what),
    };

    [Fact]
    public void A_valid_system_has_no_error() => Assert.Empty(IndicatorValidator.Validate(Valid));

    [Theory]
    [InlineData("unknown measure", "1.1", "指标1.1：统计口径“meetings”不存在，可选：partyMeetings、studySessions、")]
    [InlineData("unknown filter field", "1.1", "指标1.1：统计口径partyMeetings（党支部专题会议）没有筛选字段“topic”，可选：organisations（参与组织）")]
    [InlineData("unknown filter value", "1.1", "指标1.1：筛选字段types（活动类型）的值“法制教育”不存在，可选：习近平新时代")]
    [InlineData("rule type for measure", "1.1", "指标1.1：统计口径partyMeetings（党支部专题会议）不能用ratio规则，可用：count、within、none")]
    [InlineData("points total", "t", "非加分项的分值合计90分，与总分100分不符（未声明总分maxTotal时总分为100分）")]
    [InlineData("declared total", "t", "非加分项的分值合计100分，与总分120分不符")]
    [InlineData("duplicate indicator", "1.1", "指标编号1.1重复")]
    [InlineData("duplicate section", "1", "分项编号1重复")]
    [InlineData("min below 0", "1.1", "指标1.1：要求数量（min）不能小于0")]
    [InlineData("deduct above points", "1.1", "指标1.1：每少一次扣分（deduct）61须大于0且不超过分值60")]
    [InlineData("maxDeduct above points", "1.1", "指标1.1：最多扣分（maxDeduct）70须大于0且不超过分值60")]
    [InlineData("ratio min", "1.1", "指标1.1：比例（ratio）的要求（min）须在0到1之间，如0.8表示80%，现为80")]
    [InlineData("pass score", "t", "达标分101须在0到总分100之间")]
    [InlineData("manual with measure", "1.1", "指标1.1：人工评分（manual）由验收组打分，不能设统计口径、筛选条件或计分参数")]
    [InlineData("veto with points", "V1", "指标V1：否决项不计分，请删去分值（未通过即为未达标）")]
    [InlineData("missing name", "1.1", "指标1.1：缺少名称")]
    [InlineData("missing points", "1.1", "指标1.1：缺少分值")]
    [InlineData("years back", "1.1", "指标1.1：统计年数（yearsBack）至少为1")]
    [InlineData("years back on a state", "1.1", "指标1.1：统计口径teamVacancies（班子缺位岗位）只按当年统计，不能设统计年数（yearsBack）")]
    [InlineData("evidence not kept", "1.1", "指标1.1：统计口径partyMeetings（党支部专题会议）的记录不带佐证材料，不能设“须有佐证”（requireEvidence）")]
    [InlineData("unknown type", "1.1", "指标1.1：规则类型“atLeast”不存在，可选：count、sum、present、ratio、growth、within、none、manual")]
    [InlineData("method", "1.1", "指标1.1：考评方式“查台账”不存在，可选：查资料、听汇报、看现场、走访、抽查")]
    [InlineData("present without required", "1.1", "指标1.1：必备齐全（present）规则须列出必备项（required）")]
    [InlineData("required not in set", "1.1", "指标1.1：必备项“验收”不是年度工作环节之一，可选：计划、布置、检查、总结")]
    [InlineData("within without years", "1.1", "指标1.1：年限内发生（within）规则缺少年限（years）")]
    [InlineData("funds without direction", "1.1", "指标1.1：活动经费（funds）须筛选收支方向")]
    [InlineData("count without min", "1.1", "指标1.1：计数（count）规则缺少要求数量（min）")]
    [InlineData("perItem with deduct", "1.1", "指标1.1：每项得分（perItem）不能与扣分（deduct）或按比例（proportional）同用")]
    [InlineData("unknown unit type", "t", "适用单位类型“gacha”不存在，可选：banner、township、village、community、farm、school")]
    [InlineData("empty section", "2", "分项2没有指标")]
    public void Each_mistake_is_named_in_Chinese_with_its_code(string what, string code, string message)
    {
        var errors = IndicatorValidator.Validate(Mutate(what));

        Assert.Contains(errors, e => e.Code == code && e.Message.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Errors_carry_the_field_path()
    {
        var errors = IndicatorValidator.Validate(Mutate("min below 0"));

        Assert.Equal("sections[0].indicators[0].rule.min", Assert.Single(errors).Path);
    }
}

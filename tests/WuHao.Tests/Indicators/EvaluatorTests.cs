using System.Globalization;
using WuHao.Web.Domain.Indicators;
using static WuHao.Tests.Indicators.RuleTests;

namespace WuHao.Tests.Indicators;

/// <summary>The fold: total with bonus on top, veto, pending manual items, measure keys for batching, the gap list.</summary>
public sealed class EvaluatorTests
{
    private static readonly IndicatorRule Meetings = new() { Type = "count", Measure = "partyMeetings", Min = 2, Deduct = 2.5m };
    private static readonly IndicatorRule Activities = new() { Type = "count", Measure = "activities", Min = 10, Proportional = true };
    private static readonly IndicatorRule Promoted = new() { Type = "count", Measure = "experiences", Filter = Filter("level", "旗", "市"), PerItem = 2.5m };
    private static readonly IndicatorRule AnyMeeting = new() { Type = "count", Measure = "partyMeetings", Min = 1 };

    private static IndicatorSystem System(params IndicatorSection[] sections) =>
        new() { Code = "t", Name = "测试体系", Version = "1", PassScore = 85, Sections = sections };

    private static IndicatorSection Section(string code, params Indicator[] indicators) => new() { Code = code, Name = "分项" + code, Indicators = indicators };

    /// <summary>60 + 35 + 5 = 100 points, a bonus of 5 and an automatic veto.</summary>
    private static readonly IndicatorSystem Sample = System(
        Section("1", I(60, Meetings, "1.1"), I(35, Activities, "1.2"), I(5, new() { Type = "manual" }, "1.3")),
        Section("2", I(5, Promoted, "B1", bonus: true), I(0, AnyMeeting, "V1", veto: true), I(0, new() { Type = "manual" }, "V2", veto: true)));

    private static MeasureValues Values(int meetings, int activities, int promoted) => new MeasureValues()
        .Set(Meetings, MeasureValue.Count(meetings))
        .Set(Activities, MeasureValue.Count(activities))
        .Set(Promoted, MeasureValue.Count(promoted));

    [Fact]
    public void Bonus_is_added_on_top_of_the_total()
    {
        var e = Evaluator.Evaluate(Sample, 2024, Values(2, 10, 2), new Dictionary<string, ManualScore> { ["1.3"] = new(5, null) });

        Assert.Equal(105m, e.Total);
        Assert.Equal(100m, e.MaxTotal);
        Assert.Equal(5m, e.Bonus);
        Assert.True(e.Passed);
        Assert.Equal("达标", e.Result);
        Assert.Equal([100m, 5m], e.Sections.Select(s => s.Score));      // section scores add up to the total
        Assert.Equal([100m, 0m], e.Sections.Select(s => s.Max));
    }

    [Fact]
    public void A_failed_veto_fails_a_high_total()
    {
        var manualVeto = Evaluator.Evaluate(Sample, 2024, Values(2, 10, 2),
            new Dictionary<string, ManualScore> { ["1.3"] = new(5, null), ["V2"] = new(null, "隐瞒侵害案件", Failed: true) });
        var automaticVeto = Evaluator.Evaluate(Sample, 2024, Values(0, 10, 2), new Dictionary<string, ManualScore> { ["1.3"] = new(5, null) });

        Assert.Equal(105m, manualVeto.Total);
        Assert.True(manualVeto.Vetoed);
        Assert.False(manualVeto.Passed);
        Assert.Equal("未达标", manualVeto.Result);
        Assert.True(automaticVeto.Vetoed);
        var v1 = automaticVeto.Indicators.Single(i => i.Code == "V1");
        Assert.Equal(("unmet", (decimal?)null), (v1.Status, v1.Score));
        Assert.Equal("2024年党支部专题会议0次，要求至少1次，触及否决项", v1.Reason);
    }

    [Fact]
    public void Manual_items_are_pending_and_count_nothing_until_scored()
    {
        var e = Evaluator.Evaluate(Sample, 2024, Values(2, 10, 0));

        Assert.Equal(95m, e.Total);
        Assert.Equal(2, e.Pending);                       // 1.3 and V2
        Assert.False(e.Vetoed);                           // a pending veto is not a failed one
        Assert.True(e.Passed);
        var m = e.Indicators.Single(i => i.Code == "1.3");
        Assert.Equal(("manual", "pending", (decimal?)null), (m.Kind, m.Status, m.Score));
    }

    [Theory]
    [InlineData("85.5", true)]
    [InlineData("85.51", false)]
    public void The_pass_score_is_on_the_total(string passScore, bool passed)
    {
        var system = Sample with { PassScore = decimal.Parse(passScore, CultureInfo.InvariantCulture) };

        // 60 − 2.5 (one meeting short) + 35 × 8/10 = 28 → 85.5; the bonus 0, the manual 1.3 pending
        var e = Evaluator.Evaluate(system, 2024, Values(1, 8, 0));

        Assert.Equal(85.5m, e.Total);
        Assert.Equal(passed, e.Passed);
    }

    [Fact]
    public void Gaps_list_what_is_short_most_points_first_with_a_failed_veto_leading()
    {
        var e = Evaluator.Evaluate(Sample, 2024, Values(0, 8, 1), new Dictionary<string, ManualScore> { ["1.3"] = new(4, "资料不全") });

        var gaps = Evaluator.Gaps(e);

        Assert.Equal(["V1", "1.2", "1.1", "B1", "1.3", "V2"], gaps.Select(g => g.Code));
        Assert.Equal([0m, 7m, 5m, 2.5m, 1m, 0m], gaps.Select(g => g.Recoverable));
        Assert.Equal("再开展2次活动可得7分", gaps[1].Action);
        Assert.Equal("再召开2次党支部专题会议可得5分", gaps[2].Action);
        Assert.Equal("再总结推广1项典型经验（推广级别=旗、市）可得2.5分", gaps[3].Action);
        Assert.DoesNotContain(gaps, g => g.Status == "met");
    }

    [Fact]
    public void Measure_keys_are_listed_once_with_a_canonical_filter()
    {
        var a = new IndicatorRule { Type = "count", Measure = "activities", Filter = new Dictionary<string, IReadOnlyList<string>> { ["types"] = ["法治教育", "关爱服务"], ["mode"] = ["请进来"] }, Min = 1 };
        var b = a with { Filter = new Dictionary<string, IReadOnlyList<string>> { ["mode"] = ["请进来", "请进来"], ["types"] = ["关爱服务", "法治教育"] }, Min = 3 };
        var withEvidence = a with { RequireEvidence = true };
        var within = new IndicatorRule { Type = "within", Measure = "activities", Years = 2 };
        var system = System(Section("1", I(25, a, "1"), I(25, b, "2"), I(25, withEvidence, "3"), I(20, within, "4"), I(5, new() { Type = "manual" }, "5")));

        var keys = system.MeasureKeys();

        Assert.Equal(3, keys.Count);
        Assert.Equal(MeasureKey.For(a), MeasureKey.For(b));
        Assert.Equal("mode=请进来;types=关爱服务,法治教育", keys[0].Filter.Text);
        Assert.Equal(MeasureAspect.Latest, keys[2].Aspect);
        Assert.True(keys[1].RequireEvidence);
    }

    [Fact]
    public void A_filter_matches_a_record_when_any_of_its_values_is_listed_in_every_field()
    {
        var f = MeasureFilter.From(new Dictionary<string, IReadOnlyList<string>> { ["types"] = ["法治教育"], ["mode"] = ["请进来", "走出去"] });
        string[] Record(string field, string[] types, string mode) => field == "types" ? types : [mode];

        Assert.True(f.Matches(field => Record(field, ["关爱服务", "法治教育"], "请进来")));
        Assert.False(f.Matches(field => Record(field, ["关爱服务"], "请进来")));
        Assert.False(f.Matches(field => Record(field, ["法治教育"], "本地")));
    }

    [Fact]
    public void The_matrix_is_the_same_fold_per_unit()
    {
        var units = new Dictionary<int, MeasureValues> { [1] = Values(2, 10, 0), [2] = Values(1, 5, 0), [3] = new MeasureValues() };

        var rows = units.ToDictionary(u => u.Key, u => Evaluator.Evaluate(Sample, 2024, u.Value));

        Assert.Equal([95m, 75m, 55m], rows.Values.Select(r => r.Total));   // no record at all: 60 − 2 × 2.5
        Assert.True(rows[3].Vetoed);                      // no meeting at all
    }

    [Fact]
    public void Counted_records_are_linked_when_asked_for()
    {
        var links = new Dictionary<MeasureKey, IReadOnlyList<EvidenceLink>> { [MeasureKey.For(Meetings)!] = [new("party-meetings", 31)] };

        var e = Evaluator.Evaluate(Sample, 2024, Values(1, 0, 0), evidence: links);

        Assert.Equal([new EvidenceLink("party-meetings", 31)], e.Indicators.Single(i => i.Code == "1.1").Evidence);
        Assert.Empty(e.Indicators.Single(i => i.Code == "1.2").Evidence);
    }
}

using System.Globalization;

namespace WuHao.Web.Domain.Indicators;

/// <summary>The states of an indicator in an evaluation (API: English lowercase).</summary>
public static class IndicatorStatus
{
    public const string Met = "met";
    public const string Partial = "partial";
    public const string Unmet = "unmet";

    /// <summary>A manual indicator the assessor has not scored yet.</summary>
    public const string Pending = "pending";
}

/// <summary>
/// What a rule makes of a measure value: the score (null for a veto item, which is not scored), the status, whether
/// the rule's condition is fully met (a veto item fails when it is not), a Chinese reason with the numbers, and what
/// would close the gap with the points it would recover.
/// </summary>
public sealed record RuleOutcome(decimal? Score, string Status, bool Met, string Reason, string? Gap, decimal Recoverable);

/// <summary>An assessor's judgement of a manual indicator: a score 0..points with a note; for a veto item, passed or failed.</summary>
public sealed record ManualScore(decimal? Score, string? Note, bool Failed = false);

/// <summary>
/// The scoring rules of API.md as pure functions over plain values (R-6.3, R-6.4). Scores are decimals rounded to
/// 0.01 (half away from zero); deductions never take a score below 0 nor below <c>points − maxDeduct</c>.
/// </summary>
public static class IndicatorRules
{
    public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Scores an automatic indicator from its measure value (null: the unit has no record, read as zero).</summary>
    public static RuleOutcome Score(Indicator indicator, int year, MeasureValue? value)
    {
        var rule = indicator.Rule;
        var measure = MeasureCatalogue.Find(rule.Measure)
            ?? throw new ArgumentException($"Unknown measure '{rule.Measure}' of indicator {indicator.Code}: validate the system first.", nameof(indicator));
        var ctx = new Context(indicator, rule, measure, year, value ?? MeasureValue.None);
        return rule.Type switch
        {
            RuleTypes.Count => ctx.Count(isMoney: false),
            RuleTypes.Sum => ctx.Count(isMoney: true),
            RuleTypes.Present => ctx.Present(),
            RuleTypes.Ratio => ctx.Ratio(),
            RuleTypes.Growth => ctx.Growth(),
            RuleTypes.Within => ctx.Within(),
            RuleTypes.None => ctx.None(),
            _ => throw new ArgumentException($"Rule type '{rule.Type}' of indicator {indicator.Code} is not automatic.", nameof(indicator)),
        };
    }

    /// <summary>Scores a manual indicator from the assessor's judgement, if any.</summary>
    public static RuleOutcome Manual(Indicator indicator, ManualScore? manual)
    {
        var points = indicator.FullPoints;
        if (manual is null)
        {
            var ask = string.IsNullOrWhiteSpace(indicator.Evidence) ? "" : $"：请准备{indicator.Evidence}";
            return new(null, IndicatorStatus.Pending, false, $"待验收组{indicator.Method ?? "评分"}{ask}",
                indicator.Veto ? $"待验收组确认{ask}" : $"待评分{ask}", indicator.Veto ? 0 : points);
        }

        if (CheckManual(indicator, manual) is { } error)
        {
            return new(null, IndicatorStatus.Pending, false, error, "请重新评分", indicator.Veto ? 0 : points);
        }

        var note = string.IsNullOrWhiteSpace(manual.Note) ? "" : "：" + manual.Note.Trim();
        if (indicator.Veto)
        {
            return manual.Failed
                ? new(null, IndicatorStatus.Unmet, false, "验收组认定触及否决项" + note, "否决项未通过，结果为未达标", 0)
                : new(null, IndicatorStatus.Met, true, "验收组认定未触及否决项" + note, null, 0);
        }

        var score = Round(manual.Score!.Value);
        var text = $"验收组评分{N(score)}分（满分{N(points)}分）{note}";
        return Outcome(score, points, text, score < points ? $"按验收组意见整改{note}" : null);
    }

    /// <summary>Why an assessor's judgement cannot be taken (Chinese), or null when it can.</summary>
    public static string? CheckManual(Indicator indicator, ManualScore manual)
    {
        if (indicator.Veto)
        {
            return manual.Failed && string.IsNullOrWhiteSpace(manual.Note) ? $"指标{indicator.Code}：认定触及否决项须写明理由" : null;
        }

        if (manual.Score is not { } s || s < 0 || s > indicator.FullPoints)
        {
            return $"指标{indicator.Code}：人工评分须在0到{N(indicator.FullPoints)}分之间";
        }

        return s < indicator.FullPoints && string.IsNullOrWhiteSpace(manual.Note)
            ? $"指标{indicator.Code}：未给满分须写明扣分理由"
            : null;
    }

    /// <summary>A number as a reason shows it: 2, 2.5, 0.25.</summary>
    public static string N(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    /// <summary>An amount in 元 with two decimals.</summary>
    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Percent(decimal share) => N(Math.Round(share * 100, 1, MidpointRounding.AwayFromZero)) + "%";

    private static RuleOutcome Outcome(decimal score, decimal points, string reason, string? gap) =>
        new(score, score >= points ? IndicatorStatus.Met : score > 0 ? IndicatorStatus.Partial : IndicatorStatus.Unmet,
            score >= points, reason, score >= points ? null : gap, Round(points - score));

    private sealed record Context(Indicator Indicator, IndicatorRule Rule, MeasureDefinition Measure, int Year, MeasureValue Value)
    {
        private decimal Points => Indicator.FullPoints;

        private string Noun => Measure.Name + (MeasureFilter.From(Rule.Filter).IsEmpty ? "" : $"（{IndicatorText.Filter(Measure, Rule.Filter)}）")
            + (Rule.RequireEvidence ? "（有佐证材料的）" : "");

        private string Span => Rule.Window == 1 ? $"{Year}年" : $"{Year - Rule.Window + 1}—{Year}年";

        /// <summary>count and sum: threshold with deduction, per item, or proportional.</summary>
        public RuleOutcome Count(bool isMoney)
        {
            var v = Value.Number;
            var unit = Measure.Unit;
            string Amount(decimal x) => isMoney ? Money(x) + unit : N(x) + unit;
            var head = $"{Span}{Noun}{Amount(v)}";
            if (Rule.PerItem is { } each)
            {
                var got = Round(Math.Min(Points, each * v));
                var need = got >= Points ? 0 : Math.Ceiling((Points - got) / each);
                return Finish(got, $"{head}，每{unit}{N(each)}分，最高{N(Points)}分", "再" + Measure.GapPhrase(Amount(need), Noun));
            }

            var min = Rule.Min ?? 0;
            var shortfall = Math.Max(0, min - v);
            var ask = $"{head}，要求至少{Amount(min)}";
            var gap = "再" + Measure.GapPhrase(Amount(isMoney ? shortfall : Math.Ceiling(shortfall)), Noun);
            if (Rule.Proportional)
            {
                var share = min <= 0 ? 1 : Math.Min(1, v / min);
                return Finish(Round(Points * share), ask + "，按比例计分", gap);
            }

            return Finish(shortfall == 0 ? Points : Deducted(shortfall), ask, gap);
        }

        public RuleOutcome Present()
        {
            var required = Rule.Required ?? [];
            var have = required.Where(Value.Items.Contains).ToList();
            var missing = required.Where(r => !Value.Items.Contains(r)).ToList();
            var reason = missing.Count == 0
                ? $"{Span}{Noun}齐全：{string.Join("、", required)}"
                : $"{Span}{Noun}" + (have.Count > 0 ? $"已有{string.Join("、", have)}，" : "") + $"缺少{string.Join("、", missing)}";
            return Finish(missing.Count == 0 ? Points : Deducted(missing.Count), reason, $"补齐{string.Join("、", missing)}");
        }

        public RuleOutcome Ratio()
        {
            var (num, den) = (Value.Numerator, Value.Denominator);
            var min = Rule.Min ?? 0;
            if (den == 0)
            {
                var empty = $"{Year}年{Noun}：没有需要计算的对象（0{Measure.Unit}）";
                return Measure.EmptyRatioMet
                    ? Finish(Points, empty + "，视为达标", null)
                    : Finish(0, empty, "先" + Measure.GapPhrase("", Noun).TrimStart());
            }

            var share = (decimal)num / den;
            var reason = $"{Year}年{Noun}的比例为{Percent(share)}（{num}/{den}{Measure.Unit}），要求至少{Percent(min)}";
            var need = (int)Math.Max(1, Math.Ceiling(min * den - num));
            var gap = "再" + Measure.GapPhrase(need + Measure.Unit, Noun);
            if (share >= min)
            {
                return Finish(Points, reason, gap);
            }

            return Finish(Rule.Proportional && min > 0 ? Round(Points * share / min) : 0, reason + (Rule.Proportional ? "，按比例计分" : ""), gap);
        }

        public RuleOutcome Growth()
        {
            var (end, before) = (Value.Number, Value.Previous);
            var change = end - before;
            var trend = change > 0 ? $"增加{N(change)}{Measure.Unit}" : change == 0 ? "持平" : $"减少{N(-change)}{Measure.Unit}";
            var reason = $"{Year}年末{Noun}{N(end)}{Measure.Unit}，{Year - 1}年末{N(before)}{Measure.Unit}，{trend}";
            return Finish(change >= 0 ? Points : 0, reason, "年末前再" + Measure.GapPhrase(N(-change) + Measure.Unit, ""));
        }

        public RuleOutcome Within()
        {
            var years = Rule.Years ?? 1;
            var first = Year - years + 1;
            var window = years == 1 ? $"{Year}年内" : $"{first}—{Year}年内";
            var latest = Value.Latest;
            var reason = (latest is { } d ? $"最近一次{Noun}在{d.Year}年{d.Month}月{d.Day}日" : $"没有{Noun}记录")
                + $"，要求{window}至少一次";
            var met = latest is { } l && l.Year >= first;
            return Finish(met ? Points : 0, reason, $"在{Year}年内" + Measure.GapPhrase("1" + Measure.Unit, Noun));
        }

        public RuleOutcome None()
        {
            var v = Value.Number;
            var reason = $"{Span}{Noun}{N(v)}{Measure.Unit}，要求没有";
            return Finish(v == 0 ? Points : Deducted(v), reason, Measure.GapPhrase(N(v) + Measure.Unit, Noun));
        }

        /// <summary>points − deduct × shortfall, at most maxDeduct taken, never below 0; no deduct: 0.</summary>
        private decimal Deducted(decimal shortfall)
        {
            if (Rule.Deduct is not { } d)
            {
                return 0;
            }

            var taken = d * shortfall;
            if (Rule.MaxDeduct is { } cap)
            {
                taken = Math.Min(taken, cap);
            }

            return Round(Math.Max(0, Points - taken));
        }

        /// <summary>The outcome with the score's consequence added to the reason and the points a closed gap recovers.</summary>
        private RuleOutcome Finish(decimal score, string reason, string? gap)
        {
            if (Indicator.Veto)
            {
                var met = IsConditionMet();
                return new(null, met ? IndicatorStatus.Met : IndicatorStatus.Unmet, met,
                    reason + (met ? "，未触及否决项" : "，触及否决项"), met ? null : gap, 0);
            }

            var tail = score >= Points ? "，得满分" : score <= 0 ? "，不得分" : Rule.Proportional || Rule.PerItem is not null
                ? $"，得{N(score)}分" : $"，扣{N(Points - score)}分";
            var outcome = Outcome(score, Points, reason + tail, gap is null ? null : $"{gap}可得{N(Round(Points - score))}分");
            return outcome;
        }

        /// <summary>For a veto item (no points), whether the rule's condition holds, judged as if it were worth 1 point.</summary>
        private bool IsConditionMet()
        {
            var probe = this with { Indicator = Indicator with { Points = 1, Veto = false } };
            var outcome = Rule.Type switch
            {
                RuleTypes.Count => probe.Count(false),
                RuleTypes.Sum => probe.Count(true),
                RuleTypes.Present => probe.Present(),
                RuleTypes.Ratio => probe.Ratio(),
                RuleTypes.Growth => probe.Growth(),
                RuleTypes.Within => probe.Within(),
                _ => probe.None(),
            };
            return outcome.Met;
        }
    }
}

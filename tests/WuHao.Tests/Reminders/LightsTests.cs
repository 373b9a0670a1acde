using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;

namespace WuHao.Tests.Reminders;

/// <summary>R-6.8: the rule of each light colour, at its boundaries (the year's last day and the day after).</summary>
public sealed class LightsTests
{
    private static IndicatorResult Indicator(string status, bool veto = false) =>
        new() { Code = "1.1", Name = "党支部专题会议", Kind = "auto", Status = status, Reason = "", Veto = veto };

    private static Evaluation Unit(bool passed, bool vetoed = false) => new() { Year = 2025, Passed = passed, Vetoed = vetoed, PassScore = 85 };

    [Theory]
    [InlineData(IndicatorStatus.Met, false, "2025-06-01", Light.Green)]
    [InlineData(IndicatorStatus.Met, false, "2026-02-01", Light.Green)]         // met stays met after the year
    [InlineData(IndicatorStatus.Unmet, false, "2025-12-31", Light.Yellow)]      // the year's last day: still time
    [InlineData(IndicatorStatus.Unmet, false, "2026-01-01", Light.Red)]         // the day after: missed
    [InlineData(IndicatorStatus.Partial, false, "2025-01-01", Light.Yellow)]
    [InlineData(IndicatorStatus.Partial, false, "2026-01-01", Light.Red)]
    [InlineData(IndicatorStatus.Pending, false, "2025-09-15", Light.Yellow)]    // the assessor has not scored it yet
    [InlineData(IndicatorStatus.Unmet, true, "2025-03-01", Light.Red)]          // a failed veto item cannot be made good
    [InlineData(IndicatorStatus.Pending, true, "2025-03-01", Light.Yellow)]
    public void Indicator_light_follows_the_stated_rule(string status, bool veto, string today, Light expected) =>
        Assert.Equal(expected, Lights.For(Indicator(status, veto), 2025, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(true, false, "2025-03-01", Light.Green)]
    [InlineData(false, false, "2025-12-31", Light.Yellow)]
    [InlineData(false, false, "2026-01-01", Light.Red)]
    [InlineData(false, true, "2025-03-01", Light.Red)]
    public void Unit_light_follows_the_stated_rule(bool passed, bool vetoed, string today, Light expected) =>
        Assert.Equal(expected, Lights.For(Unit(passed, vetoed), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Every_colour_has_a_text_label_and_a_rule_in_Chinese()
    {
        Assert.Equal(["达标", "有风险", "未达标"], Enum.GetValues<Light>().Select(Lights.Label));
        Assert.Contains("12月31日", Lights.YellowRule, StringComparison.Ordinal);
        Assert.Contains("否决", Lights.RedRule, StringComparison.Ordinal);
    }
}

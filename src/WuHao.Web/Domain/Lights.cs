using WuHao.Web.Domain.Indicators;

namespace WuHao.Web.Domain;

/// <summary>The colour of a warning light .</summary>
public enum Light
{
    /// <summary>达标: met.</summary>
    Green,

    /// <summary>有风险: not met yet, but the year is still running.</summary>
    Yellow,

    /// <summary>未达标: cannot be met any more (a failed veto item, or the year is over).</summary>
    Red,
}

/// <summary>
/// The warning lights of the home pages, pure: one rule for a unit and one for an indicator, both read off the
/// live evaluation. The year's cut-off is its last day (12月31日): until then whatever is missing can still be
/// recorded, after it the year's count is final. The page states <see cref="GreenRule"/>, <see cref="YellowRule"/> and
/// <see cref="RedRule"/> word for word, so what is shown and what is computed cannot drift apart.
/// </summary>
public static class Lights
{
    public const string GreenRule = "绿灯（达标）：指标已经达到要求；单位总分已达到达标分，且没有触及否决项。";
    public const string YellowRule = "黄灯（有风险）：还没有达到要求（或验收组尚未评分），但本年度还没有结束（12月31日前），补上就能达标。";
    public const string RedRule = "红灯（未达标）：已无法达标——触及否决项，或本年度已经结束仍未达到要求。";
    public const string BonusNote = "加分项不亮灯：没有加分不算未达标。";

    /// <summary>The last day of <paramref name="year"/>: until then the year's shortfalls can still be made good.</summary>
    public static DateOnly Cutoff(int year) => new(year, 12, 31);

    /// <summary>
    /// One indicator of <paramref name="year"/> on <paramref name="today"/>: green when met; red when it is a failed veto
    /// item or <paramref name="today"/> is after the year's cut-off; yellow otherwise (partial, unmet or pending while the
    /// year runs). The cut-off day itself is still yellow.
    /// </summary>
    public static Light For(IndicatorResult indicator, int year, DateOnly today)
    {
        if (indicator.Status == IndicatorStatus.Met)
        {
            return Light.Green;
        }

        if (indicator.Veto && indicator.Status == IndicatorStatus.Unmet)
        {
            return Light.Red;
        }

        return today > Cutoff(year) ? Light.Red : Light.Yellow;
    }

    /// <summary>A unit's evaluation: green when it passes; red when vetoed or the year is over without passing; yellow otherwise.</summary>
    public static Light For(Evaluation evaluation, DateOnly today)
    {
        if (evaluation.Passed)
        {
            return Light.Green;
        }

        return evaluation.Vetoed || today > Cutoff(evaluation.Year) ? Light.Red : Light.Yellow;
    }

    /// <summary>The indicators that get a light: every one but the bonus items.</summary>
    public static IEnumerable<IndicatorResult> Lit(Evaluation evaluation) => evaluation.Indicators.Where(i => !i.Bonus);

    /// <summary>The text that goes with the colour (colour is never the only signal): 达标, 有风险 or 未达标.</summary>
    public static string Label(Light light) => light switch
    {
        Light.Green => "达标",
        Light.Yellow => "有风险",
        _ => "未达标",
    };

    /// <summary>The API name: green, yellow or red.</summary>
    public static string ApiName(Light light) => light switch
    {
        Light.Green => "green",
        Light.Yellow => "yellow",
        _ => "red",
    };
}

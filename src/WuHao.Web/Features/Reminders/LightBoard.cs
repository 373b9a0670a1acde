using WuHao.Web.Domain;
using WuHao.Web.Features.Indicators;

namespace WuHao.Web.Features.Reminders;

/// <summary>One indicator's light and why: what is missing, or the evaluation's reason.</summary>
public sealed record IndicatorLight(string Code, string Name, Light Light, string Reason);

/// <summary>One unit's light from its evaluation.</summary>
public sealed record UnitLight(int UnitId, string Name, UnitType Type, Light Light, decimal Total, decimal PassScore);

/// <summary>For a township or banner: how many of the units below have each light on an indicator.</summary>
public sealed record IndicatorTally(string Code, string Name, int Green, int Yellow, int Red);

/// <summary>
/// The lights of a home page, built from evaluations already computed by <see cref="Evaluations"/>: a village's
/// own light and one per indicator, or a township's one light per unit below (from the matrix, one batched computation)
/// and a count of lights per indicator.
/// </summary>
public sealed record LightBoard(int Year, int SystemId, UnitLight? Own, IReadOnlyList<IndicatorLight> Indicators, IReadOnlyList<UnitLight> Units, IReadOnlyList<IndicatorTally> Tally)
{
    public static LightBoard OfUnit(UnitEvaluation own, DateOnly today)
    {
        var ev = own.Evaluation;
        return new LightBoard(ev.Year, own.System.Id, Light(own, today),
            [.. Lights.Lit(ev).Select(i => new IndicatorLight(i.Code, i.Name, Lights.For(i, ev.Year, today), i.Gap ?? i.Reason))], [], []);
    }

    public static LightBoard OfMatrix(IReadOnlyList<UnitEvaluation> rows, int year, int systemId, DateOnly today)
    {
        var units = rows.Select(r => Light(r, today)).OrderByDescending(u => u.Light).ThenBy(u => u.Total).ToList();
        var tally = rows.SelectMany(r => Lights.Lit(r.Evaluation).Select(i => (i.Code, i.Name, Light: Lights.For(i, year, today))))
            .GroupBy(x => (x.Code, x.Name))
            .Select(g => new IndicatorTally(g.Key.Code, g.Key.Name, g.Count(x => x.Light == Domain.Light.Green), g.Count(x => x.Light == Domain.Light.Yellow), g.Count(x => x.Light == Domain.Light.Red)))
            .ToList();
        return new LightBoard(year, systemId, null, [], units, tally);
    }

    private static UnitLight Light(UnitEvaluation e, DateOnly today) =>
        new(e.Unit.Id, e.Unit.Name, e.Unit.Type, Lights.For(e.Evaluation, today), e.Evaluation.Total, e.Evaluation.PassScore);
}

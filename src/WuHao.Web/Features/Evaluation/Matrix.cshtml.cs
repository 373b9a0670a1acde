using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;
using WuHao.Web.Features.Indicators;
using WuHao.Web.Infrastructure.Authorization;

// Not "Evaluation": that would hide the type Domain.Indicators.Evaluation in every feature namespace.
namespace WuHao.Web.Features.Scoring;

/// <summary>
/// The evaluation matrix of a township or the banner: one row per unit below that the system applies
/// to, one column per indicator, coloured by status; the same fold as the unit's own page.
/// </summary>
public sealed class MatrixModel(EvaluationPages pages, OrgScope orgScope, TimeProvider time) : PageModel
{
    public Indicators.UnitHeader? Unit { get; private set; }
    public IReadOnlyList<UnitEvaluation> Rows { get; private set; } = [];
    public IReadOnlyList<Indicator> Columns { get; private set; } = [];
    public EvaluationChoice Choice { get; private set; } = new(0, [], null, []);
    public string? Message { get; private set; }

    public int Passed => Rows.Count(r => r.Evaluation.Passed);

    public async Task<IActionResult> OnGetAsync(int? unitId, int? year, int? systemId, CancellationToken ct)
    {
        var id = unitId ?? (await orgScope.CurrentAsync(ct)).RootUnitId;
        var found = await pages.UnitAsync(id, year, systemId, forMatrix: true, ct);
        if (found.Invalid is not null)
        {
            found = await pages.UnitAsync(id, null, null, forMatrix: true, ct);
            Message = "年度或指标体系不对：请从下面重新选择。";
        }

        if (found.Unit is null)
        {
            return NotFound();
        }

        Unit = found.Unit;
        Choice = new EvaluationChoice(found.Year, EvaluationChoice.YearsUpTo(time.Today().Year, found.Year), found.System?.Id, found.Choices);
        if (found.System is null)
        {
            Message ??= "还没有已发布的指标体系：请旗关工委先发布指标体系。";
            return Page();
        }

        Rows = await pages.Evaluations.MatrixAsync(found.Unit, found.System, found.Year, ct);
        Columns = [.. Evaluations.Definition(found.System).Indicators];
        return Page();
    }

    /// <summary>A cell's colour: the status, or for a scored indicator its share of the points.</summary>
    public static string CellCss(IndicatorResult r) => r.Status switch
    {
        IndicatorStatus.Pending => "cell-pending",
        IndicatorStatus.Met => "cell-met",
        IndicatorStatus.Unmet => "cell-unmet",
        _ => r.Points > 0 && r.Score is { } s && s / r.Points >= 0.5m ? "cell-partial-high" : "cell-partial",
    };
}

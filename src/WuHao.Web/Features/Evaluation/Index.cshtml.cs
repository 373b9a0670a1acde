using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;
using WuHao.Web.Features.Indicators;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

// Not "Evaluation": that would hide the type Domain.Indicators.Evaluation in every feature namespace.
namespace WuHao.Web.Features.Scoring;

/// <summary>What the year and system choosers of the evaluation pages show.</summary>
public sealed record EvaluationChoice(int Year, IReadOnlyList<int> Years, int? SystemId, IReadOnlyList<IndicatorSystemRecord> Systems)
{
    public const int YearsShown = 5;

    public static IReadOnlyList<int> YearsUpTo(int thisYear, int chosen) =>
        [.. Enumerable.Range(0, YearsShown).Select(i => thisYear - i).Append(chosen).Distinct().OrderDescending()];
}

/// <summary>
/// A unit's live evaluation (R-6.4): total against the pass score, each indicator's status, reason and gap, the
/// records counted and not counted, and the 查遗补漏 list (R-6.6) with an owner and a due date per open gap.
/// Computed by <see cref="Evaluations"/>, as the API, the matrix and the home page are.
/// </summary>
public sealed class IndexModel(EvaluationPages pages, OrgScope orgScope, RecordCommands commands, TimeProvider time) : PageModel
{
    public Indicators.UnitHeader? Unit { get; private set; }
    public UnitEvaluation? Result { get; private set; }
    public IndicatorSystem? Definition { get; private set; }
    public IReadOnlyList<GapRecord> Gaps { get; private set; } = [];
    public EvaluationChoice Choice { get; private set; } = new(0, [], null, []);

    /// <summary>Why there is no evaluation to show (no system, a bad year or system), in Chinese.</summary>
    public string? Message { get; private set; }
    public bool CanEdit { get; private set; }
    public DateOnly Today { get; private set; }

    /// <summary>The gap just saved, and the message of a gap whose owner or date was refused.</summary>
    public int? SavedGap { get; private set; }
    public int? GapWithError { get; private set; }
    public IReadOnlyList<string> GapErrors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? unitId, int? year, int? systemId, int? saved, CancellationToken ct)
    {
        SavedGap = saved;
        if (!await LoadAsync(unitId, year, systemId, ct))
        {
            return NotFound();
        }

        // A township or the banner is not scored itself: its evaluation is the matrix of its units.
        return Unit!.Type is UnitType.Banner or UnitType.Township
            ? Redirect($"/Evaluation/Matrix/{Unit.Id}?year={Choice.Year}" + (systemId is null ? "" : $"&systemId={systemId}"))
            : Page();
    }

    public async Task<IActionResult> OnPostGapAsync(
        int unitId, int? year, int? systemId, int gapId, string? owner, DateOnly? dueDate, int version, [FromServices] GapCommands gaps, CancellationToken ct)
    {
        if (ModelState.TryGetValue(nameof(dueDate), out var entry) && entry.Errors.Count > 0)
        {
            (GapWithError, GapErrors) = (gapId, ["完成期限不是有效的日期，请按“年-月-日”填写"]);
            return await LoadAsync(unitId, year, systemId, ct) ? Page() : NotFound();
        }

        var result = await gaps.UpdateAsync(gapId, unitId, owner, dueDate, version, ct);
        switch (result.Status)
        {
            case CommandStatus.Ok:
                return Redirect($"/Evaluation/{unitId}?year={year}&systemId={systemId}&saved={gapId}#gap-{gapId}");
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Forbidden:
                return StatusCode(StatusCodes.Status403Forbidden);
            default:
                (GapWithError, GapErrors) = (gapId, result.Status == CommandStatus.Conflict ? [Stale(result.Record!)] : [.. result.Errors!.All.Select(e => e.Message)]);
                return await LoadAsync(unitId, year, systemId, ct) ? Page() : NotFound();
        }
    }

    private static string Stale(GapRecord now) =>
        $"这一项刚被别人修改过（现在的责任人：{now.Owner ?? "未填"}，完成期限：{(now.DueDate is { } d ? d.Zh() : "未填")}），您的修改没有保存。请核对后重新填写。";

    private async Task<bool> LoadAsync(int? unitId, int? year, int? systemId, CancellationToken ct)
    {
        var id = unitId ?? (await orgScope.CurrentAsync(ct)).RootUnitId;
        var found = await pages.UnitAsync(id, year, systemId, forMatrix: false, ct);
        if (found.Unit is null && found.Invalid is null)
        {
            return false;
        }

        Today = time.Today();
        var thisYear = Today.Year;
        if (found.Invalid is not null)
        {
            // A year or system out of range: show the choosers with this year and the default system.
            found = await pages.UnitAsync(id, null, null, forMatrix: false, ct);
            Message = "年度或指标体系不对：请从下面重新选择。";
            if (found.Unit is null)
            {
                return false;
            }
        }

        Unit = found.Unit;
        Choice = new EvaluationChoice(found.Year, EvaluationChoice.YearsUpTo(thisYear, found.Year), found.System?.Id, found.Choices);
        if (found.Unit!.Type is UnitType.Banner or UnitType.Township)
        {
            return true; // shown as the matrix
        }

        CanEdit = await commands.MayEditAsync(new UnitResource(id));
        if (found.System is null)
        {
            Message ??= "还没有适用于本单位的已发布指标体系：请旗关工委先发布指标体系。";
            return true;
        }

        Result = await pages.Evaluations.EvaluateAsync(found.Unit!, found.System, found.Year, withRecords: true, ct);
        Definition = Evaluations.Definition(found.System);
        Gaps = await pages.Evaluations.SyncGapsAsync(Result, ct);
        return true;
    }

    /// <summary>The indicator of the definition with this code.</summary>
    public Indicator? IndicatorOf(string code) => Definition?.Indicators.FirstOrDefault(i => i.Code == code);
}

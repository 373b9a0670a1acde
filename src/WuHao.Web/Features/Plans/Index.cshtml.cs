using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Plans;

/// <summary>
/// A unit's implementation plan (实施方案, R-6.2): the unit drafts it from the pre-filled template, edits and submits it; the
/// township above approves it or returns it with a comment; every submitted version stays listed with its comment. One
/// form per role, the pressed button (<c>act</c>) says what to do, as every browser posts it.
/// </summary>
public sealed class IndexModel(AppDbContext db, OrgScope orgScope, PlanCommands plans, TimeProvider time) : PageModel
{
    private static readonly string[] Acts = ["save", "submit", "approve", "return", "delete"];

    public int UnitId { get; private set; }
    public string UnitName { get; private set; } = "";
    public Campaign? Campaign { get; private set; }
    public DateOnly? Due { get; private set; }
    public DateOnly Today { get; private set; }
    public ImplementationPlan? Plan { get; private set; }

    /// <summary>What the page shows as the document: the plan as saved, or the pre-filled draft before the first save.</summary>
    public PlanContent? Shown { get; private set; }
    public bool MayDraft { get; private set; }
    public bool MayReview { get; private set; }
    public string? Message { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool NotPlanUnit { get; private set; }

    public bool Editing => MayDraft && Campaign is not null && (Plan is null || PlanStates.Editable(Plan.State));

    /// <summary>Not submitted, and the due date has passed: 逾期未报送.</summary>
    public bool Missing => Due is { } due && Today > due && Plan?.FirstSubmittedAt is null;

    [BindProperty]
    public PlanInput Input { get; set; } = new();

    [BindProperty]
    public string? Comment { get; set; }

    public string Action => $"/Plans/{UnitId}" + (Campaign is null ? "" : $"?campaignId={Campaign.Id}");

    public async Task<IActionResult> OnGetAsync(int unitId, int? campaignId, string? done, CancellationToken ct)
    {
        Message = done switch
        {
            "save" => "草稿已保存。",
            "submit" => "实施方案已报送乡（苏木）关工委，等待审阅。",
            "approve" => "已批准。",
            "return" => "已退回，本单位修改后重新报送。",
            "delete" => "草稿已删除。",
            _ => null,
        };
        if (await LoadAsync(unitId, campaignId, ct) is { } stop)
        {
            return stop;
        }

        return NotPlanUnit ? Redirect($"/Plans/Units/{unitId}") : Page();
    }

    public async Task<IActionResult> OnPostAsync(int unitId, int? campaignId, string? act, CancellationToken ct)
    {
        var (posted, comment) = (Input, Comment);
        if (await LoadAsync(unitId, campaignId, ct) is { } stop)
        {
            return stop;
        }

        if (act is null || !Acts.Contains(act))
        {
            return BadRequest();
        }

        Input = posted;
        Comment = comment;
        if (Campaign is null || NotPlanUnit)
        {
            return Page();
        }

        var result = await ActAsync(unitId, act, ct);
        switch (result.Status)
        {
            case CommandStatus.Ok:
                return Redirect($"/Plans/{unitId}?campaignId={Campaign.Id}&done={act}");
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Forbidden:
                return StatusCode(StatusCodes.Status403Forbidden);
            case CommandStatus.Conflict:
                Errors = ["这份方案刚被别人修改、报送或审阅过，您的操作没有保存。请看下面的最新内容后重新操作。"];
                await LoadAsync(unitId, campaignId, ct);
                return Page();
            default:
                Errors = result.Refusal is { } refusal ? [refusal] : [.. result.Errors!.All.Select(e => e.Message)];
                var kept = (Input, Comment);
                await LoadAsync(unitId, campaignId, ct);
                (Input, Comment) = kept;
                return Page();
        }
    }

    private async Task<PlanResult> ActAsync(int unitId, string act, CancellationToken ct)
    {
        var version = Input.Version;
        if (act is "save" or "submit")
        {
            if (!ModelState.IsValid)
            {
                // A date that is not a date: nothing is saved, and every mistake is listed.
                var errors = new ValidationErrors();
                foreach (var e in ModelState.Where(e => e.Value!.Errors.Count > 0).SelectMany(e => e.Value!.Errors))
                {
                    errors.Add("", e.ErrorMessage);
                }

                return new(CommandStatus.Invalid, Errors: errors);
            }

            // The form posts every field: an empty one stays empty (only the API fills left-out fields from the template).
            Input.Title ??= "";
            Input.Requirements ??= "";
            Input.Notes ??= "";
            Input.Goals ??= [];
            Input.Steps ??= [];
            Input.People ??= [];
            Input.CampaignId = Campaign!.Id;
            var saved = Plan is null ? await plans.CreateAsync(unitId, Input, ct) : await plans.UpdateAsync(Plan.Id, Input, ct);
            if (saved.Status != CommandStatus.Ok || act == "save")
            {
                return saved;
            }

            var id = saved.Plan!.Id;
            version = await db.Plans.Where(p => p.Id == id).Select(p => p.Version).FirstAsync(ct);
            return await plans.SubmitAsync(id, new PlanActionInput(version), ct);
        }

        if (Plan is null)
        {
            return new(CommandStatus.Invalid, Refusal: "还没有起草实施方案。") { OutOfOrder = true };
        }

        return act switch
        {
            "approve" => await plans.DecideAsync(Plan.Id, PlanStates.Approved, new PlanActionInput(version, Comment), ct),
            "return" => await plans.DecideAsync(Plan.Id, PlanStates.Returned, new PlanActionInput(version, Comment), ct),
            _ => await plans.DeleteAsync(Plan.Id, version, ct),
        };
    }

    /// <summary>The unit (in scope, else 404), its campaign and plan, what the user may do, and the form as saved.</summary>
    private async Task<IActionResult?> LoadAsync(int unitId, int? campaignId, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var unit = await db.Units.VisibleTo(scope).Where(u => u.Id == unitId).Select(u => new { u.Name, u.Path, u.Type }).FirstOrDefaultAsync(ct);
        if (unit is null)
        {
            return NotFound();
        }

        (UnitId, UnitName, Today) = (unitId, unit.Name, time.Today());
        NotPlanUnit = !PlanCommands.PlanUnits.Contains(unit.Type);
        Campaign = await plans.CampaignForAsync(unit.Path, campaignId, ct);
        if (Campaign is null || NotPlanUnit)
        {
            return null;
        }

        Due = PlanCommands.DueOf(Campaign);
        var id = await db.Plans.Where(p => p.UnitId == unitId && p.CampaignId == Campaign.Id).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        Plan = id is { } planId ? await plans.FindAsync(planId, ct) : null;
        MayDraft = plans.MayDraft(unitId);
        MayReview = plans.MayReview(unitId);
        Shown = Plan is null ? (MayDraft ? await plans.TemplateAsync(unitId, unit.Name, Campaign, ct) : null) : PlanCommands.ContentOf(Plan);
        Input = Shown is null ? new PlanInput() : PlanInput.From(Shown, Plan?.Version ?? 0);
        Comment = null;
        return null;
    }
}

using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Assessment;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Plans;

/// <summary>The outcome of a plan command: <see cref="CommandStatus"/>, plus a Chinese message when it was refused.</summary>
public sealed record PlanResult(CommandStatus Status, ImplementationPlan? Plan = null, ValidationErrors? Errors = null, string? Refusal = null)
{
    /// <summary>Refused because of the plan's state (报送前批准、已批准后修改…): nothing changed.</summary>
    public bool OutOfOrder { get; init; }
}

/// <summary>
/// Implementation plans (实施方案, R-6.2): who drafts and submits (the unit's own staff), who approves or returns (the
/// township above), in which state each may act, and the versions kept. The plan pages and the API both come here.
/// </summary>
public sealed class PlanCommands(AppDbContext db, OrgScope orgScope, Campaigns campaigns, IHttpContextAccessor http, TimeProvider time)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The units that draft a plan: 嘎查村、社区、分场 and schools, as for the rounds.</summary>
    public static readonly UnitType[] PlanUnits = [UnitType.Village, UnitType.Community, UnitType.Farm, UnitType.School];

    private ClaimsPrincipal User => http.HttpContext!.User;

    public static PlanContent Read(PlanVersion version) => JsonSerializer.Deserialize<PlanContent>(version.Content, Json)!;

    public static PlanContent ContentOf(ImplementationPlan p) => new(
        p.Title,
        (p.Goals ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        [.. p.Steps.OrderBy(s => s.Position).Select(s => new PlanStepContent(s.What, s.Responsible, s.Due))],
        [.. p.People.OrderBy(s => s.Position).Select(s => new PlanPersonContent(s.Name, s.Role, s.Duty))],
        p.Requirements,
        p.Notes);

    /// <summary>The unit's own staff draft, change and submit its plan (not the township, the banner or a read-only role).</summary>
    public bool MayDraft(int unitId) => WuHaoClaims.UnitIdOf(User) == unitId && Roles.Editors.Any(User.IsInRole);

    /// <summary>The township staff above a unit approve or return its plan (the caller has checked the scope).</summary>
    public bool MayReview(int unitId) => User.IsInRole(Roles.Township) && WuHaoClaims.UnitIdOf(User) != unitId;

    public const string DraftRefusal = "实施方案由本单位关工委起草、修改和报送；上级只能审阅（批准或退回），只读用户只能查看。";
    public const string ReviewRefusal = "实施方案由上级乡（苏木）关工委审阅（批准或退回）。";

    /// <summary>The 准备阶段's due date: the day the plan is due at the township (6月20日 in the seed); null when the campaign has none.</summary>
    public static DateOnly? DueOf(Campaign campaign) => CampaignCalendar.Find(Campaigns.Dates(campaign), StageKinds.Prepare, null)?.Due;

    /// <summary>A plan in scope with its rows, versions and campaign, or null.</summary>
    public async Task<ImplementationPlan?> FindAsync(int id, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        return await Full(db.Plans.VisibleTo(scope)).AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, ct);
    }

    /// <summary>A unit's plans, newest campaign first (the caller has checked the scope).</summary>
    public IQueryable<ImplementationPlan> OfUnit(int unitId, int? campaignId) =>
        Full(db.Plans.Where(p => p.UnitId == unitId && (campaignId == null || p.CampaignId == campaignId))).AsNoTracking().AsSplitQuery()
            .OrderByDescending(p => p.CampaignId);

    private static IQueryable<ImplementationPlan> Full(IQueryable<ImplementationPlan> plans) =>
        plans.Include(p => p.Steps).Include(p => p.People).Include(p => p.Versions).Include(p => p.Campaign!).ThenInclude(c => c.Stages);

    /// <summary>The campaign of a unit's plan: the one asked for if it covers the unit, else the newest that does.</summary>
    public async Task<Campaign?> CampaignForAsync(string unitPath, int? campaignId, CancellationToken ct)
    {
        var covering = await campaigns.CoveringAsync(unitPath, ct);
        return campaignId is { } id ? covering.FirstOrDefault(c => c.Id == id) : covering.Count > 0 ? covering[0] : null;
    }

    /// <summary>The draft a unit starts from: the seed's structure with the campaign's dates and the unit's serving team.</summary>
    public async Task<PlanContent> TemplateAsync(int unitId, string unitName, Campaign campaign, CancellationToken ct)
    {
        var today = time.Today();
        var team = await db.TeamMembers.Where(m => m.UnitId == unitId && m.TermStart <= today && (m.TermEnd == null || m.TermEnd > today))
            .OrderBy(m => m.Id).Select(m => new PlanTemplate.Member(m.Name, m.Position, m.Affiliation)).ToListAsync(ct);
        return PlanTemplate.For(unitName, campaign, Campaigns.Dates(campaign), team);
    }

    public async Task<PlanResult> CreateAsync(int unitId, PlanInput input, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var unit = await db.Units.VisibleTo(scope).Where(u => u.Id == unitId).Select(u => new { u.Name, u.Path, u.Type }).FirstOrDefaultAsync(ct);
        if (unit is null)
        {
            return new(CommandStatus.NotFound);
        }

        if (!MayDraft(unitId))
        {
            return new(CommandStatus.Forbidden, Refusal: DraftRefusal);
        }

        var errors = new ValidationErrors();
        if (!PlanUnits.Contains(unit.Type))
        {
            errors.Add("unitId", "实施方案由嘎查村（社区、分场）和学校关工委起草报送，本单位不需要");
            return new(CommandStatus.Invalid, Errors: errors);
        }

        var campaign = await CampaignForAsync(unit.Path, input.CampaignId, ct);
        if (campaign is null)
        {
            errors.Add("campaignId", input.CampaignId is null ? "上级还没有安排创建工作，暂不能起草实施方案" : "这项创建工作不存在，或不包括本单位");
            return new(CommandStatus.Invalid, Errors: errors);
        }

        if (await db.Plans.AnyAsync(p => p.UnitId == unitId && p.CampaignId == campaign.Id, ct))
        {
            errors.Add("campaignId", "本单位已有这项创建工作的实施方案，请修改原方案，不要重复起草");
            return new(CommandStatus.Invalid, Errors: errors);
        }

        var filled = input.FilledFrom(await TemplateAsync(unitId, unit.Name, campaign, ct));
        errors = filled.Validate();
        if (!errors.IsValid)
        {
            return new(CommandStatus.Invalid, Errors: errors);
        }

        var plan = new ImplementationPlan { UnitId = unitId, CampaignId = campaign.Id, Title = "", State = PlanStates.Draft };
        Apply(plan, filled.ToContent());
        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);
        return new(CommandStatus.Ok, plan);
    }

    public async Task<PlanResult> UpdateAsync(int id, PlanInput input, CancellationToken ct)
    {
        var (found, plan) = await LoadAsync(id, ct);
        if (found is not null)
        {
            return found;
        }

        if (!MayDraft(plan!.UnitId))
        {
            return new(CommandStatus.Forbidden, plan, Refusal: DraftRefusal);
        }

        if (!PlanStates.Editable(plan.State))
        {
            return OutOfOrder(plan, plan.State == PlanStates.Approved ? "实施方案已批准，不能再修改。" : "实施方案已报送，等待乡（苏木）审阅，暂不能修改；如需修改，请乡（苏木）退回。");
        }

        var errors = input.Validate();
        if (!errors.IsValid)
        {
            return new(CommandStatus.Invalid, plan, errors);
        }

        if (plan.Version != input.Version)
        {
            return await ConflictAsync(plan, ct);
        }

        Apply(plan, input.ToContent());
        return await SaveAsync(plan, input.Version, ct);
    }

    /// <summary>Deletes a draft that was never submitted; a submitted plan and its versions are kept for good.</summary>
    public async Task<PlanResult> DeleteAsync(int id, int? version, CancellationToken ct)
    {
        var (found, plan) = await LoadAsync(id, ct);
        if (found is not null)
        {
            return found;
        }

        if (!MayDraft(plan!.UnitId))
        {
            return new(CommandStatus.Forbidden, plan, Refusal: DraftRefusal);
        }

        if (plan.Versions.Count > 0)
        {
            return OutOfOrder(plan, "实施方案已报送过，各版本须留存，不能删除。");
        }

        if (version is { } v && v != plan.Version)
        {
            return await ConflictAsync(plan, ct);
        }

        db.Plans.Remove(plan);
        return await SaveAsync(plan, plan.Version, ct);
    }

    /// <summary>报送: keeps the content as it is now as a new version, late when after the 准备阶段's due date (that day itself is on time).</summary>
    public async Task<PlanResult> SubmitAsync(int id, PlanActionInput input, CancellationToken ct)
    {
        var (found, plan) = await LoadAsync(id, ct);
        if (found is not null)
        {
            return found;
        }

        if (!MayDraft(plan!.UnitId))
        {
            return new(CommandStatus.Forbidden, plan, Refusal: DraftRefusal);
        }

        if (!PlanStates.Editable(plan.State))
        {
            return OutOfOrder(plan, plan.State == PlanStates.Approved ? "实施方案已批准，不需要再报送。" : "实施方案已报送，等待乡（苏木）审阅，不能重复报送。");
        }

        if (plan.Version != input.Version)
        {
            return await ConflictAsync(plan, ct);
        }

        var now = time.GetUtcNow();
        var today = time.Today();
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Stages).FirstAsync(c => c.Id == plan.CampaignId, ct);
        var late = DueOf(campaign) is { } due && CampaignCalendar.IsLate(due, today, today);
        plan.Versions.Add(new PlanVersion
        {
            UnitId = plan.UnitId, Number = plan.Versions.Count + 1, Content = JsonSerializer.Serialize(ContentOf(plan), Json),
            SubmittedAt = now, SubmittedBy = WuHaoClaims.DisplayNameOf(User), Late = late,
        });
        if (plan.FirstSubmittedAt is null)
        {
            plan.FirstSubmittedAt = now;
            plan.Late = late;
        }

        plan.State = PlanStates.Submitted;
        return await SaveAsync(plan, input.Version, ct);
    }

    /// <summary>批准 or 退回 the submitted version; a return needs a comment (what to revise).</summary>
    public async Task<PlanResult> DecideAsync(int id, string decision, PlanActionInput input, CancellationToken ct)
    {
        var (found, plan) = await LoadAsync(id, ct);
        if (found is not null)
        {
            return found;
        }

        if (!MayReview(plan!.UnitId))
        {
            return new(CommandStatus.Forbidden, plan, Refusal: ReviewRefusal);
        }

        if (plan.State != PlanStates.Submitted)
        {
            return OutOfOrder(plan, plan.State switch
            {
                PlanStates.Approved => "实施方案已经批准。",
                PlanStates.Returned => "实施方案已退回，等待本单位修改后重新报送。",
                _ => "实施方案还没有报送，不能审阅。",
            });
        }

        var errors = new ValidationErrors();
        var comment = Text.Clean(input.Comment);
        if (decision == PlanStates.Returned && comment is null)
        {
            errors.Add("comment", "退回须写明修改意见");
        }
        else if (comment?.Length > 1000)
        {
            errors.Add("comment", "意见不能超过1000个字");
        }

        if (!errors.IsValid)
        {
            return new(CommandStatus.Invalid, plan, errors);
        }

        if (plan.Version != input.Version)
        {
            return await ConflictAsync(plan, ct);
        }

        var last = plan.Versions.OrderBy(v => v.Number).Last();
        last.Decision = decision;
        last.Comment = comment;
        last.DecidedAt = time.GetUtcNow();
        last.DecidedBy = WuHaoClaims.DisplayNameOf(User);
        plan.State = decision;
        plan.ReviewComment = comment;
        return await SaveAsync(plan, input.Version, ct);
    }

    /// <summary>The plan, tracked with its rows: NotFound outside the scope.</summary>
    private async Task<(PlanResult? Refused, ImplementationPlan? Plan)> LoadAsync(int id, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var plan = await db.Plans.VisibleTo(scope).Include(p => p.Steps).Include(p => p.People).Include(p => p.Versions)
            .AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, ct);
        return plan is null ? (new PlanResult(CommandStatus.NotFound), null) : (null, plan);
    }

    private static void Apply(ImplementationPlan plan, PlanContent content)
    {
        plan.Title = content.Title;
        plan.Goals = string.Join("\n", content.Goals);
        plan.Requirements = content.Requirements;
        plan.Notes = content.Notes;
        // Sync applies the wanted rows in their order, so a counter numbers them.
        var (step, person) = (0, 0);
        ChildRows.Sync(plan.Steps, [.. plan.Steps.OrderBy(s => s.Position)], content.Steps,
            () => new PlanStep { UnitId = plan.UnitId, What = "", Responsible = "" },
            (w, row) => (row.What, row.Responsible, row.Due, row.Position) = (w.What, w.Responsible, w.Due, step++));
        ChildRows.Sync(plan.People, [.. plan.People.OrderBy(s => s.Position)], content.People,
            () => new PlanPerson { UnitId = plan.UnitId, Name = "", Role = "" },
            (w, row) => (row.Name, row.Role, row.Duty, row.Position) = (w.Name, w.Role, w.Duty, person++));
    }

    private async Task<PlanResult> SaveAsync(ImplementationPlan plan, int version, CancellationToken ct)
    {
        // A change of the rows alone is a change of the plan: its version moves, so a stale form is refused.
        if (db.Entry(plan).State == EntityState.Unchanged)
        {
            db.Entry(plan).State = EntityState.Modified;
        }

        return await db.TrySaveVersionAsync(plan, version, ct)
            ? new(CommandStatus.Ok, plan)
            : await ConflictAsync(plan, ct);
    }

    /// <summary>Refused: someone saved the plan since the user read it; the plan as it is now.</summary>
    private async Task<PlanResult> ConflictAsync(ImplementationPlan plan, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return new(CommandStatus.Conflict, await FindAsync(plan.Id, ct));
    }

    private static PlanResult OutOfOrder(ImplementationPlan plan, string message) => new(CommandStatus.Invalid, plan, Refusal: message) { OutOfOrder = true };
}

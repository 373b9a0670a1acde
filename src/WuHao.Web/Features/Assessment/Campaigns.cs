using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Indicators;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Assessment;

/// <summary>A campaign stage as the API and the edit form carry it.</summary>
public sealed record StageInput(string Kind, int? Year, DateOnly Start, DateOnly Due);

/// <summary>What creates or changes a campaign (R-6.1).</summary>
public sealed record CampaignInput(string? Name, DateOnly? TargetDate, int? SystemId, IReadOnlyList<StageInput>? Stages, int Version = 0, int? UnitId = null);

/// <summary>
/// Campaigns (创建工作, R-6.1): who reads them (everyone at, above or below the owner within their scope), who changes
/// them (banner staff and the admin, for a banner in their scope), and their checks. The page and the API both come here.
/// </summary>
public sealed class Campaigns(AppDbContext db, OrgScope orgScope, IHttpContextAccessor http)
{
    /// <summary>The campaigns the user may read: owned by a unit in scope, or by a unit above the user's own.</summary>
    public async Task<IQueryable<Campaign>> VisibleAsync(CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        if (scope.Everything)
        {
            return db.Campaigns;
        }

        var above = Evaluations.PathIds(scope.RootPath);
        var root = scope.RootPath;
        return db.Campaigns.Where(c => above.Contains(c.UnitId) || c.Unit!.Path.StartsWith(root));
    }

    public async Task<Campaign?> FindAsync(int id, CancellationToken ct) =>
        await (await VisibleAsync(ct)).AsNoTracking().Include(c => c.Stages).FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<IReadOnlyList<Campaign>> ListAsync(CancellationToken ct) =>
        await (await VisibleAsync(ct)).AsNoTracking().Include(c => c.Stages).OrderByDescending(c => c.TargetDate).ThenByDescending(c => c.Id).ToListAsync(ct);

    /// <summary>The campaigns that cover a unit (owned by it or a unit above it), newest first.</summary>
    public async Task<IReadOnlyList<Campaign>> CoveringAsync(string unitPath, CancellationToken ct)
    {
        var above = Evaluations.PathIds(unitPath);
        return await db.Campaigns.AsNoTracking().Include(c => c.Stages).Where(c => above.Contains(c.UnitId))
            .OrderByDescending(c => c.Id).ToListAsync(ct);
    }

    /// <summary>Banner staff and the admin manage campaigns.</summary>
    public static bool MayManage(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Banner);

    public async Task<CommandResult<Campaign>> CreateAsync(CampaignInput input, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var ownerId = input.UnitId ?? scope.RootUnitId;
        if (!await orgScope.IncludesAsync(ownerId, ct))
        {
            return new(CommandStatus.NotFound);
        }

        if (!MayManage(http.HttpContext!.User))
        {
            return new(CommandStatus.Forbidden);
        }

        var errors = await ValidateAsync(input, ownerId, ct);
        if (!errors.IsValid)
        {
            return new(CommandStatus.Invalid, Errors: errors);
        }

        var campaign = new Campaign { UnitId = ownerId, Name = input.Name!.Trim(), TargetDate = input.TargetDate!.Value, SystemId = input.SystemId };
        campaign.Stages.AddRange(input.Stages!.Select(s => new CampaignStage { UnitId = ownerId, Kind = s.Kind, Year = s.Year, Start = s.Start, Due = s.Due }));
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        return new(CommandStatus.Ok, campaign);
    }

    public async Task<CommandResult<Campaign>> UpdateAsync(int id, CampaignInput input, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var campaign = await db.Campaigns.Include(c => c.Stages).VisibleTo(scope).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
        {
            // Read-only above the user's unit: a township sees its banner's campaign but may not change it.
            return await FindAsync(id, ct) is null ? new(CommandStatus.NotFound) : new(CommandStatus.Forbidden);
        }

        if (!MayManage(http.HttpContext!.User))
        {
            return new(CommandStatus.Forbidden, campaign);
        }

        var errors = await ValidateAsync(input, campaign.UnitId, ct);
        if (!errors.IsValid)
        {
            return new(CommandStatus.Invalid, campaign, errors);
        }

        if (campaign.Version != input.Version)
        {
            return new(CommandStatus.Conflict, campaign);
        }

        campaign.Name = input.Name!.Trim();
        campaign.TargetDate = input.TargetDate!.Value;
        campaign.SystemId = input.SystemId;
        var wanted = input.Stages!;
        foreach (var stage in campaign.Stages.ToList())
        {
            if (wanted.FirstOrDefault(w => w.Kind == stage.Kind && w.Year == stage.Year) is { } w)
            {
                (stage.Start, stage.Due) = (w.Start, w.Due);
            }
            else
            {
                campaign.Stages.Remove(stage);
            }
        }

        foreach (var w in wanted.Where(w => !campaign.Stages.Any(s => s.Kind == w.Kind && s.Year == w.Year)))
        {
            campaign.Stages.Add(new CampaignStage { UnitId = campaign.UnitId, Kind = w.Kind, Year = w.Year, Start = w.Start, Due = w.Due });
        }

        // A change of the stages alone is a change of the campaign: its version moves, so a stale form is refused.
        db.Entry(campaign).State = EntityState.Modified;
        return await db.SaveVersionAsync(campaign, input.Version, ct);
    }

    private async Task<ValidationErrors> ValidateAsync(CampaignInput input, int ownerId, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            errors.Add("name", "请填写创建工作的名称");
        }
        else if (input.Name.Trim().Length > 200)
        {
            errors.Add("name", "名称不能超过200个字");
        }

        if (input.TargetDate is not { } target)
        {
            errors.Add("targetDate", "请填写目标日期（到哪一天达到“五好”）");
        }
        else if (target.Year is < 2000 or > 2100)
        {
            errors.Add("targetDate", "目标日期请填写2000年到2100年之间的日期");
        }

        if (input.SystemId is { } systemId)
        {
            var owner = await db.Units.Where(u => u.Id == ownerId).Select(u => u.Path).FirstAsync(ct);
            var above = Evaluations.PathIds(owner);
            if (!await db.IndicatorSystems.AnyAsync(s => s.Id == systemId && s.State == IndicatorSystemStates.Published
                    && (s.OwnerUnitId == null || above.Contains(s.OwnerUnitId.Value)), ct))
            {
                errors.Add("systemId", "指标体系不存在、未发布，或不是本旗（及以上）可用的体系");
            }
        }

        var stages = input.Stages ?? [];
        if (stages.Count == 0)
        {
            errors.Add("stages", "请至少填写一个阶段及其起止日期");
        }

        foreach (var (s, i) in stages.Select((s, i) => (s, i)))
        {
            var field = $"stages[{i}]";
            if (!StageKinds.All.Contains(s.Kind))
            {
                errors.Add(field, $"阶段类型“{s.Kind}”不对，只能是 {string.Join("、", StageKinds.All)}");
                continue;
            }

            var name = (s.Year is { } y ? $"{y}年" : "") + StageKinds.Label(s.Kind);
            if (StageKinds.IsYearly(s.Kind) != s.Year.HasValue)
            {
                errors.Add(field, StageKinds.IsYearly(s.Kind) ? $"{name}须注明年度" : $"{name}不按年度，不要填年度");
            }
            else if (s.Start > s.Due)
            {
                errors.Add(field, $"{name}的开始日期晚于截止日期");
            }
            else if (s.Start.Year is < 2000 or > 2100 || s.Due.Year is < 2000 or > 2100 || (s.Year is { } year && (s.Due.Year != year)))
            {
                errors.Add(field, $"{name}的日期不对：请填写该年度内的日期");
            }
        }

        foreach (var twice in stages.GroupBy(s => (s.Kind, s.Year)).Where(g => g.Count() > 1))
        {
            errors.Add("stages", $"{(twice.Key.Year is { } y ? $"{y}年" : "")}{StageKinds.Label(twice.Key.Kind)}填了不止一次");
        }

        return errors;
    }

    public static IReadOnlyList<StageDates> Dates(Campaign c) =>
        [.. c.Stages.Select(s => new StageDates(s.Kind, s.Year, s.Start, s.Due)).OrderBy(s => s.Start).ThenBy(s => s.Due)];
}

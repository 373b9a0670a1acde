using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Indicators;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Assessment;

/// <summary>What a draw asks for: campaign (default: the newest covering the unit), year, rule, size and an optional seed.</summary>
public sealed record SampleInput(int? Year, int? CampaignId, string? Rule, int? Size, long? Seed);

/// <summary>A draw drawn again from its recorded inputs: the units it gives now, and whether they are the recorded ones.</summary>
public sealed record SampleCheck(bool Matches, IReadOnlyList<int> Recorded, IReadOnlyList<int> Redrawn);

/// <summary>
/// 抽查 (R-6.5, docs/decisions/ADR-015): a township or the banner draws units below it for on-site checks. Who may draw,
/// the candidates (read in one query, with their self-scores in a second), the draw and its verification. The page and
/// the API both come here.
/// </summary>
public sealed class Samples(AppDbContext db, OrgScope orgScope, Campaigns campaigns, IHttpContextAccessor http, TimeProvider time)
{
    /// <summary>The unit types a draw picks from: those that are assessed.</summary>
    public static readonly UnitType[] Assessed = [UnitType.Village, UnitType.Community, UnitType.Farm, UnitType.School];

    private ClaimsPrincipal User => http.HttpContext!.User;

    /// <summary>Township staff, banner staff and the admin draw; villages, schools, assessors and viewers do not.</summary>
    public static bool MayDraw(ClaimsPrincipal user) => user.IsInRole(Roles.Township) || user.IsInRole(Roles.Banner) || user.IsInRole(Roles.Admin);

    /// <summary>The draws made by a unit and the units below it, newest first.</summary>
    public async Task<IReadOnlyList<Sample>> ListAsync(int unitId, CancellationToken ct)
    {
        var path = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstAsync(ct);
        return await db.Samples.AsNoTracking().Include(s => s.Drawn).Include(s => s.Unit)
            .Where(s => s.Unit!.Path.StartsWith(path)).OrderByDescending(s => s.DrawnAt).ThenByDescending(s => s.Id).ToListAsync(ct);
    }

    public async Task<Sample?> FindAsync(int id, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        return await db.Samples.VisibleTo(scope).AsNoTracking().Include(s => s.Drawn).Include(s => s.Unit).Include(s => s.Campaign)
            .FirstOrDefaultAsync(s => s.Id == id, ct);
    }

    /// <summary>The draws (in scope) that picked a unit in a campaign and year: its round is an 抽查 round.</summary>
    public async Task<IReadOnlyList<int>> DrawsOfAsync(int unitId, int campaignId, int year, CancellationToken ct) =>
        await db.SampledUnits.Where(d => d.UnitId == unitId && d.Sample!.CampaignId == campaignId && d.Sample.Year == year)
            .Select(d => d.SampleId).OrderBy(i => i).ToListAsync(ct);

    public static IReadOnlyList<SampleCandidate> CandidatesOf(Sample sample) =>
        JsonSerializer.Deserialize<List<SampleCandidate>>(sample.Candidates, Rounds.Json)!;

    /// <summary>Draws again from the recorded inputs and compares with the recorded result.</summary>
    public static SampleCheck Verify(Sample sample)
    {
        var recorded = sample.Drawn.OrderBy(d => d.Position).Select(d => d.UnitId).ToList();
        var candidates = CandidatesOf(sample);

        // Inputs no draw could have been made from (a row changed by hand) cannot be re-drawn: the check fails.
        var redrawn = SampleDraw.Refusal(candidates, sample.Rule, sample.Size) is null && sample.Seed is >= 0 and <= SampleDraw.MaxSeed
            ? SampleDraw.Draw(candidates, sample.Rule, sample.Size, sample.Seed)
            : [];
        return new SampleCheck(recorded.SequenceEqual(redrawn), recorded, redrawn);
    }

    /// <summary>
    /// The candidates of a draw by <paramref name="unitPath"/>'s unit: every assessed unit below it, ordered by id, grouped by
    /// the unit directly below the drawing unit that they lie in (their township), with their self-score in the campaign and year.
    /// </summary>
    public static async Task<IReadOnlyList<SampleCandidate>> CandidatesAsync(AppDbContext db, int unitId, string unitPath, int campaignId, int year, CancellationToken ct)
    {
        var units = await db.Units.Where(u => u.Path.StartsWith(unitPath) && u.Id != unitId && Assessed.Contains(u.Type))
            .Select(u => new { u.Id, u.Name, u.Path }).ToListAsync(ct);
        var totals = await db.AssessmentSteps
            .Where(s => s.Kind == RoundKinds.Self && s.ReturnedAt == null && s.Round!.CampaignId == campaignId && s.Round.Year == year && s.Unit!.Path.StartsWith(unitPath))
            .Select(s => new { s.UnitId, s.Total }).ToListAsync(ct);
        var self = totals.ToDictionary(t => t.UnitId, t => t.Total);
        var depth = Evaluations.PathIds(unitPath).Count;
        return [.. units.OrderBy(u => u.Id).Select(u => new SampleCandidate(u.Id, u.Name, Evaluations.PathIds(u.Path)[depth], self.TryGetValue(u.Id, out var t) ? t : null))];
    }

    /// <summary>A draw made now from its inputs, as the row that records it.</summary>
    public static Sample Record(int unitId, int campaignId, int year, string rule, int size, long seed, IReadOnlyList<SampleCandidate> candidates, DateTimeOffset at, string by)
    {
        var sample = new Sample
        {
            UnitId = unitId, CampaignId = campaignId, Year = year, Rule = rule, Size = size, Seed = seed,
            Candidates = JsonSerializer.Serialize(candidates, Rounds.Json), DrawnAt = at, DrawnBy = by,
        };
        sample.Drawn.AddRange(SampleDraw.Draw(candidates, rule, size, seed).Select((id, i) => new SampledUnit { UnitId = id, Position = i }));
        return sample;
    }

    public async Task<CommandResult<Sample>> DrawAsync(int unitId, SampleInput input, CancellationToken ct)
    {
        if (!await orgScope.IncludesAsync(unitId, ct))
        {
            return new(CommandStatus.NotFound);
        }

        if (!MayDraw(User))
        {
            return new(CommandStatus.Forbidden);
        }

        var unit = await db.Units.Where(u => u.Id == unitId).Select(u => new { u.Type, u.Path }).FirstAsync(ct);
        var errors = new ValidationErrors();
        if (!OrgUnit.IsAdministrative(unit.Type))
        {
            errors.Add("unitId", "抽查由苏木乡镇或旗关工委在下辖单位中抽取");
            return new(CommandStatus.Invalid, Errors: errors);
        }

        if (input.Year is not (>= 2000 and <= 2100))
        {
            errors.Add("year", "年度请填写2000到2100之间的年份");
        }

        var rule = string.IsNullOrWhiteSpace(input.Rule) ? SampleRules.Uniform : input.Rule.Trim();
        if (rule == SampleRules.PerTownship && unit.Type == UnitType.Township)
        {
            errors.Add("rule", "“每个苏木乡镇至少一个”用于旗关工委的抽查；苏木乡镇请用简单随机或加权");
        }

        if (input.Seed is < 0 or > SampleDraw.MaxSeed)
        {
            errors.Add("seed", $"随机种子请填写0到{SampleDraw.MaxSeed}之间的整数，或留空由系统生成");
        }

        var covering = await campaigns.CoveringAsync(unit.Path, ct);
        var campaign = input.CampaignId is { } cid ? covering.FirstOrDefault(c => c.Id == cid) : covering.Count > 0 ? covering[0] : null;
        if (campaign is null)
        {
            errors.Add("campaignId", input.CampaignId is null ? "上级还没有安排创建工作（验收工作），不能抽查" : "这项创建工作不存在，或不包括本单位");
        }

        if (!errors.IsValid)
        {
            return new(CommandStatus.Invalid, Errors: errors);
        }

        var year = input.Year!.Value;
        var candidates = await CandidatesAsync(db, unitId, unit.Path, campaign!.Id, year, ct);
        if (SampleDraw.Refusal(candidates, rule, input.Size ?? 0) is { } refusal)
        {
            errors.Add(SampleRules.All.Contains(rule) ? "size" : "rule", refusal);
            return new(CommandStatus.Invalid, Errors: errors);
        }

        var seed = input.Seed ?? (long)(BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) & (ulong)SampleDraw.MaxSeed);
        var sample = Record(unitId, campaign.Id, year, rule, input.Size!.Value, seed, candidates, time.GetUtcNow(), WuHaoClaims.DisplayNameOf(User));
        db.Samples.Add(sample);
        await db.SaveChangesAsync(ct);
        return new(CommandStatus.Ok, sample);
    }
}

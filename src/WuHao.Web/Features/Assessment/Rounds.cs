using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;
using WuHao.Web.Features.Indicators;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Assessment;

/// <summary>What a round action carries: the version the user saw, the scores they set, a note (or the reason to return).</summary>
public sealed record RoundInput(int Version, IReadOnlyList<ScoreInput>? Scores = null, string? Note = null);

/// <summary>The outcome of a round action: <see cref="CommandStatus"/>, plus a Chinese message when it was refused.</summary>
public sealed record RoundResult(CommandStatus Status, AssessmentRound? Round = null, ValidationErrors? Errors = null, string? Refusal = null)
{
    /// <summary>Refused because it is not this step's turn (提交前初审、初审前验收…): nothing changed.</summary>
    public bool OutOfOrder { get; init; }
}

/// <summary>A record counted by a submitted step that has changed since, or one added since.</summary>
public sealed record RecordChange(string Collection, int Id, string Title, string Change, int? VersionThen, int? VersionNow)
{
    public string Label => Change switch { "changed" => "已修改", "deleted" => "已删除", _ => "新增" };
}

/// <summary>
/// Assessment rounds: 自评 → 乡初审 → 旗验收, each step a frozen snapshot. The one place that decides who may act at
/// which step and in what order; the round page and the API both come here.
/// </summary>
public sealed class Rounds(AppDbContext db, OrgScope orgScope, Evaluations evaluations, Campaigns campaigns, Certifications certifications, IHttpContextAccessor http, TimeProvider time)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private ClaimsPrincipal User => http.HttpContext!.User;

    public static RoundSnapshot Read(AssessmentStep step) => JsonSerializer.Deserialize<RoundSnapshot>(step.Snapshot, Json)!;

    /// <summary>A round in scope with its steps, or null.</summary>
    public async Task<AssessmentRound?> FindAsync(int id, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        return await db.AssessmentRounds.VisibleTo(scope).AsNoTracking().Include(r => r.Steps).Include(r => r.Unit)
            .FirstOrDefaultAsync(r => r.Id == id, ct);
    }

    /// <summary>The round of a unit in a campaign and year, if started.</summary>
    public async Task<AssessmentRound?> FindAsync(int unitId, int campaignId, int year, CancellationToken ct) =>
        await db.AssessmentRounds.AsNoTracking().Include(r => r.Steps).Include(r => r.Unit)
            .FirstOrDefaultAsync(r => r.UnitId == unitId && r.CampaignId == campaignId && r.Year == year, ct);

    /// <summary>Which step the user may act at on a unit's round; null when none (the refusal says why in Chinese).</summary>
    public string? MayAct(string step, int roundUnitId, string roundUnitPath, out string refusal)
    {
        var user = User;
        var own = WuHaoClaims.UnitIdOf(user) == roundUnitId;
        var assessor = user.IsInRole(Roles.Assessor) && !own;
        refusal = "";
        switch (step)
        {
            case RoundKinds.Self when own && Roles.Editors.Any(user.IsInRole):
                return step;
            case RoundKinds.Self:
                refusal = "自评由本单位关工委填报提交，其他单位和验收组不能代为自评。";
                return null;
            case RoundKinds.Township when (user.IsInRole(Roles.Township) && !own) || assessor:
                return step;
            case RoundKinds.Township:
                refusal = "乡初审由上级乡（苏木）关工委或验收组进行。";
                return null;
            case RoundKinds.Banner when ((user.IsInRole(Roles.Banner) || user.IsInRole(Roles.Admin)) && !own) || assessor:
                return step;
            default:
                refusal = "旗验收由旗关工委或验收组进行。";
                return null;
        }
    }

    /// <summary>The step whose turn it is at a round state.</summary>
    public static string? StepOf(string state) => state switch
    {
        RoundStates.Self => RoundKinds.Self,
        RoundStates.Township => RoundKinds.Township,
        RoundStates.Banner => RoundKinds.Banner,
        _ => null,
    };

    /// <summary>
    /// Starts the unit's round for a campaign and year if there is none, and submits its self-assessment: the live
    /// evaluation and the counted records are frozen.
    /// </summary>
    public async Task<RoundResult> SubmitSelfAsync(int unitId, int year, int? campaignId, RoundInput input, CancellationToken ct)
    {
        if (!await orgScope.IncludesAsync(unitId, ct) || await evaluations.HeaderAsync(unitId, ct) is not { } unit)
        {
            return new(CommandStatus.NotFound);
        }

        if (MayAct(RoundKinds.Self, unitId, unit.Path, out var refusal) is null)
        {
            return new(CommandStatus.Forbidden, Refusal: refusal);
        }

        var errors = new ValidationErrors();
        if (year is < 2000 or > 2100)
        {
            errors.Add("year", "年度请填写2000到2100之间的年份");
            return new(CommandStatus.Invalid, Errors: errors);
        }

        var covering = await campaigns.CoveringAsync(unit.Path, ct);
        var campaign = campaignId is { } cid ? covering.FirstOrDefault(c => c.Id == cid) : covering.Count > 0 ? covering[0] : null;
        if (campaign is null)
        {
            errors.Add("campaignId", campaignId is null ? "上级还没有安排创建工作（验收工作），不能提交自评" : "这项创建工作不存在，或不包括本单位");
            return new(CommandStatus.Invalid, Errors: errors);
        }

        var round = await db.AssessmentRounds.Include(r => r.Steps).FirstOrDefaultAsync(r => r.UnitId == unitId && r.CampaignId == campaign.Id && r.Year == year, ct);
        if (round is not null)
        {
            return await SubmitSelfAsync(round, unit, campaign, input, ct);
        }

        var system = await SystemOfAsync(campaign, unit, ct);
        if (system is null)
        {
            errors.Add("systemId", "还没有适用于本单位的已发布指标体系，请旗关工委先发布");
            return new(CommandStatus.Invalid, Errors: errors);
        }

        round = new AssessmentRound { UnitId = unitId, CampaignId = campaign.Id, Year = year, SystemId = system.Id, State = RoundStates.Self };
        db.AssessmentRounds.Add(round);
        return await SubmitSelfAsync(round, unit, campaign, input with { Version = 0 }, ct);
    }

    public async Task<RoundResult> ActAsync(int id, string action, RoundInput input, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var round = await db.AssessmentRounds.VisibleTo(scope).Include(r => r.Steps).Include(r => r.Unit).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (round is null || await evaluations.HeaderAsync(round.UnitId, ct) is not { } unit)
        {
            return new(CommandStatus.NotFound);
        }

        var step = action switch { "submit" => RoundKinds.Self, "review" => RoundKinds.Township, "accept" => RoundKinds.Banner, _ => StepOf(round.State) };
        if (action == "return" && step is null or RoundKinds.Self)
        {
            return OutOfOrder(round, round.State == RoundStates.Done ? "本轮已验收完毕，不能退回。" : "自评还没有提交，没有可退回的内容。");
        }

        if (MayAct(step!, round.UnitId, unit.Path, out var refusal) is null)
        {
            return new(CommandStatus.Forbidden, round, Refusal: refusal);
        }

        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Stages).FirstAsync(c => c.Id == round.CampaignId, ct);
        return action switch
        {
            "submit" => await SubmitSelfAsync(round, unit, campaign, input, ct),
            "return" => await ReturnAsync(round, input, ct),
            _ => await ScoreAsync(round, step!, input, ct),
        };
    }

    private async Task<IndicatorSystemRecord?> SystemOfAsync(Campaign campaign, UnitHeader unit, CancellationToken ct)
    {
        var choices = await evaluations.ChoicesAsync(unit, ct);
        return Evaluations.Choose(choices, campaign.SystemId, unit.Type) ?? (campaign.SystemId is null ? null : Evaluations.Choose(choices, null, unit.Type));
    }

    private async Task<RoundResult> SubmitSelfAsync(AssessmentRound round, UnitHeader unit, Campaign campaign, RoundInput input, CancellationToken ct)
    {
        if (round.State != RoundStates.Self)
        {
            return OutOfOrder(round, $"本轮自评已经提交（现在{RoundStates.Label(round.State)}），不能重复提交；如需修改，请上级退回。");
        }

        if (round.Id != 0 && input.Version != round.Version)
        {
            return Conflict(round);
        }

        var system = await db.IndicatorSystems.AsNoTracking().FirstAsync(s => s.Id == round.SystemId, ct);
        var (scored, snapshot) = await FreezeSelfAsync(unit, system, round.Year, input.Scores ?? [], ct);
        if (await CheckAsync(scored, input, ct) is { } invalid)
        {
            return invalid with { Round = round.Id == 0 ? null : round };
        }

        var today = time.Today();
        var due = CampaignCalendar.Find(Campaigns.Dates(campaign), StageKinds.SelfCheck, round.Year)?.Due;
        Put(round, RoundKinds.Self, snapshot!, input.Note, late: due is { } d && CampaignCalendar.IsLate(d, today, today), time.GetUtcNow(), WuHaoClaims.DisplayNameOf(User));
        round.State = RoundStates.Township;
        return await SaveAsync(round, input.Version, ct);
    }

    private async Task<RoundResult> ScoreAsync(AssessmentRound round, string step, RoundInput input, CancellationToken ct)
    {
        var expected = step == RoundKinds.Township ? RoundStates.Township : RoundStates.Banner;
        if (round.State != expected)
        {
            var message = (step, round.State) switch
            {
                (RoundKinds.Township, RoundStates.Self) => "自评还没有提交，不能初审。",
                (RoundKinds.Township, _) => "乡初审已经提交，不能再次初审。",
                (_, RoundStates.Self) => "自评还没有提交，不能验收。",
                (_, RoundStates.Township) => "乡初审还没有完成，不能验收。",
                _ => "本轮已经验收，不能再次验收。",
            };
            return OutOfOrder(round, message);
        }

        if (input.Version != round.Version)
        {
            return Conflict(round);
        }

        var before = round.Standing(step == RoundKinds.Township ? RoundKinds.Self : RoundKinds.Township)!;
        var previous = Read(before);
        var system = await db.IndicatorSystems.AsNoTracking().FirstAsync(s => s.Id == round.SystemId, ct);
        var basis = previous.Indicators.ToList();
        var scored = RoundScoring.Apply(Evaluations.Definition(system), round.Year, basis, input.Scores ?? [], assessor: true);
        if (await CheckAsync(scored, input, ct) is { } invalid)
        {
            return invalid with { Round = round };
        }

        // The records stay those the self-assessment counted; the assessor's own photos are added with their hashes.
        var photos = await FilesAsync(scored.Notes.Values.SelectMany(n => n.FileIds).Distinct().ToList(), ct);
        var snapshot = RoundSnapshot.From(scored.Evaluation!, system, [.. previous.Records, .. photos], basis, scored.Notes);
        Put(round, step, snapshot, input.Note, late: false, time.GetUtcNow(), WuHaoClaims.DisplayNameOf(User));
        if (step == RoundKinds.Township)
        {
            round.State = RoundStates.Banner;
        }
        else
        {
            round.State = RoundStates.Done;
            round.FinalTotal = snapshot.Total;
            round.Passed = snapshot.Passed;

            // 五好关工委: awarded or renewed on a pass, revoked on a fail; saved with the round.
            await certifications.RateAsync(round, snapshot.Passed, snapshot.Total, ct);
        }

        return await SaveAsync(round, input.Version, ct);
    }

    private async Task<RoundResult> ReturnAsync(AssessmentRound round, RoundInput input, CancellationToken ct)
    {
        if (input.Version != round.Version)
        {
            return Conflict(round);
        }

        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(input.Note))
        {
            errors.Add("note", "退回须写明原因");
        }
        else if (input.Note.Trim().Length > 500)
        {
            errors.Add("note", "退回原因不能超过500个字");
        }

        if (!errors.IsValid)
        {
            return new(CommandStatus.Invalid, round, errors);
        }

        // The step returned to submits again; the returned one is kept, with its snapshot, who returned it and why.
        var by = StepOf(round.State)!;
        var (state, reopened) = round.State == RoundStates.Township ? (RoundStates.Self, RoundKinds.Self) : (RoundStates.Township, RoundKinds.Township);
        var reason = input.Note!.Trim();
        if (round.Standing(reopened) is { } step)
        {
            step.ReturnedAt = time.GetUtcNow();
            step.ReturnedBy = WuHaoClaims.DisplayNameOf(User);
            step.ReturnReason = reason;
        }

        round.State = state;
        round.ReturnReason = $"{RoundKinds.Label(by)}退回（{WuHaoClaims.DisplayNameOf(User)}）：{reason}";
        return await SaveAsync(round, input.Version, ct);
    }

    /// <summary>
    /// The self-assessment as it would be frozen now: the live evaluation with the unit's own manual scores, and the counted
    /// records' ids, versions and file hashes. The snapshot is null when the scores were refused.
    /// </summary>
    public async Task<(RoundScoring.Scored Scored, RoundSnapshot? Snapshot)> FreezeSelfAsync(
        UnitHeader unit, IndicatorSystemRecord system, int year, IReadOnlyList<ScoreInput> scores, CancellationToken ct)
    {
        var live = await evaluations.EvaluateAsync(unit, system, year, withRecords: true, ct, fresh: true);
        var basis = RoundSnapshot.From(live.Evaluation, system, []).Indicators.ToList();
        var scored = RoundScoring.Apply(Evaluations.Definition(system), year, basis, scores, assessor: false);
        if (scored.Evaluation is null)
        {
            return (scored, null);
        }

        var records = await CaptureAsync(unit.Id, scored.Evaluation, scored.Notes, ct);
        return (scored, RoundSnapshot.From(scored.Evaluation, system, records, notes: scored.Notes));
    }

    private async Task<RoundResult?> CheckAsync(RoundScoring.Scored scored, RoundInput input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        foreach (var (field, message) in scored.Errors)
        {
            errors.Add(field, message);
        }

        if (input.Note is { Length: > 1000 })
        {
            errors.Add("note", "说明不能超过1000个字");
        }

        var fileIds = (input.Scores ?? []).SelectMany(s => s.FileIds ?? []).Distinct().ToList();
        if (fileIds.Count > 0)
        {
            var scope = await orgScope.CurrentAsync(ct);
            var found = await db.Files.VisibleTo(scope).Where(f => fileIds.Contains(f.Id)).CountAsync(ct);
            if (found != fileIds.Count)
            {
                errors.Add("scores", "照片或文件不存在，或不在您的权限范围内；请先上传（POST /api/v1/files）");
            }
        }

        return errors.IsValid ? null : new RoundResult(CommandStatus.Invalid, Errors: errors);
    }

    /// <summary>Adds a submitted step with its snapshot to a round (the round's version moves with it).</summary>
    public void Put(AssessmentRound round, string kind, RoundSnapshot snapshot, string? note, bool late, DateTimeOffset at, string by)
    {
        var step = new AssessmentStep
        {
            UnitId = round.UnitId, Kind = kind, Total = snapshot.Total, Passed = snapshot.Passed, Vetoed = snapshot.Vetoed, Note = Text.Clean(note),
            SubmittedAt = at, SubmittedBy = by, Late = late,
            Snapshot = JsonSerializer.Serialize(snapshot, Json),
        };
        round.Steps.Add(step);
        if (round.Id != 0)
        {
            db.Entry(round).State = EntityState.Modified;
        }
    }

    private async Task<RoundResult> SaveAsync(AssessmentRound round, int version, CancellationToken ct)
    {
        if (round.Id == 0)
        {
            await db.SaveChangesAsync(ct);
            return new(CommandStatus.Ok, round);
        }

        return await db.TrySaveVersionAsync(round, version, ct)
            ? new(CommandStatus.Ok, round)
            : Conflict(await db.AssessmentRounds.AsNoTracking().Include(r => r.Steps).FirstAsync(r => r.Id == round.Id, ct));
    }

    private static RoundResult OutOfOrder(AssessmentRound round, string message) =>
        new(CommandStatus.Invalid, round, Refusal: message) { OutOfOrder = true };

    private static RoundResult Conflict(AssessmentRound round) => new(CommandStatus.Conflict, round);

    /// <summary>The counted records of an evaluation as they are now (ids, versions, file hashes), in two commands.</summary>
    private async Task<IReadOnlyList<SnapshotRecord>> CaptureAsync(int unitId, Evaluation evaluation, IReadOnlyDictionary<string, SnapshotIndicator> notes, CancellationToken ct)
    {
        var links = evaluation.Indicators.SelectMany(i => i.Evidence).Distinct().ToList();
        var wanted = links.GroupBy(l => l.Collection).ToDictionary(g => g.Key, g => (IReadOnlyCollection<int>)[.. g.Select(l => l.Id)]);
        var (stamps, files) = await StampsAsync(unitId, wanted, createdAfter: null, ct);
        var photos = await FilesAsync(notes.Values.SelectMany(n => n.FileIds).Distinct().ToList(), ct);
        return [.. stamps.Select(s => new SnapshotRecord(s.Collection, s.Id, s.Version, s.Title,
            [.. files.Where(f => f.Collection == s.Collection && f.Id == s.Id).Select(f => new SnapshotFile(f.FileId, f.Sha256))])), .. photos];
    }

    /// <summary>The scorer's own photos as snapshot entries of the "files" collection.</summary>
    private async Task<IReadOnlyList<SnapshotRecord>> FilesAsync(List<int> fileIds, CancellationToken ct)
    {
        if (fileIds.Count == 0)
        {
            return [];
        }

        var scope = await orgScope.CurrentAsync(ct);
        var files = await db.Files.VisibleTo(scope).Where(f => fileIds.Contains(f.Id))
            .Select(f => new { f.Id, f.Version, f.FileName, f.Sha256 }).ToListAsync(ct);
        return [.. files.Select(f => new SnapshotRecord("files", f.Id, f.Version, f.FileName, [new SnapshotFile(f.Id, f.Sha256)]))];
    }

    private sealed record Stamp(string Collection, int Id, int Version, string Title, DateTimeOffset CreatedAt);

    private sealed record FileStamp(string Collection, int Id, int FileId, string Sha256);

    /// <summary>The sources a snapshot's collections come from, one per collection.</summary>
    private static readonly IReadOnlyList<IRecordSource> Sources = [.. MeasureQueries.Sources.Values.DistinctBy(s => s.Collection)];

    /// <summary>
    /// Ids, versions and titles of the records asked for (and those created after <paramref name="createdAfter"/>), in one
    /// command; their evidence files' hashes in a second. The same two commands whatever the number of records.
    /// </summary>
    private async Task<(IReadOnlyList<Stamp> Records, IReadOnlyList<FileStamp> Files)> StampsAsync(
        int unitId, IReadOnlyDictionary<string, IReadOnlyCollection<int>> ids, DateTimeOffset? createdAfter, CancellationToken ct)
    {
        IQueryable<RecordStamp>? records = null;
        IQueryable<RecordStamp>? files = null;
        for (var i = 0; i < Sources.Count; i++)
        {
            var source = Sources[i];
            var mine = ids.GetValueOrDefault(source.Collection) ?? [];
            if (mine.Count == 0 && createdAfter is null)
            {
                continue;
            }

            var part = source.Stamps(db, unitId, i, mine, createdAfter);
            records = records is null ? part : records.Concat(part);
            if (mine.Count > 0 && source.FileStamps(db, unitId, i, mine) is { } filepart)
            {
                files = files is null ? filepart : files.Concat(filepart);
            }
        }

        var recordRows = records is null ? [] : await records.ToListAsync(ct);
        var fileRows = files is null ? [] : await files.ToListAsync(ct);
        return (
            [.. recordRows.Select(r => new Stamp(Sources[r.Key].Collection, r.Id, r.Version, r.Text, r.CreatedAt)).OrderBy(r => r.Collection, StringComparer.Ordinal).ThenBy(r => r.Id)],
            [.. fileRows.Select(f => new FileStamp(Sources[f.Key].Collection, f.Id, f.FileId, f.Text)).OrderBy(f => f.FileId)]);
    }

    /// <summary>
    /// What changed in the records since a step was submitted: counted records changed or deleted since, and
    /// records added since. Two commands, whatever the number of records.
    /// </summary>
    public async Task<IReadOnlyList<RecordChange>> ChangesSinceAsync(AssessmentRound round, AssessmentStep step, CancellationToken ct)
    {
        var snapshot = Read(step);
        var then = snapshot.Records.Where(r => r.Collection != "files").ToList();
        var ids = then.GroupBy(r => r.Collection).ToDictionary(g => g.Key, g => (IReadOnlyCollection<int>)[.. g.Select(r => r.Id)]);
        var (now, _) = await StampsAsync(round.UnitId, ids, step.SubmittedAt, ct);
        var current = now.ToDictionary(s => (s.Collection, s.Id));
        var changes = new List<RecordChange>();
        foreach (var r in then)
        {
            if (!current.TryGetValue((r.Collection, r.Id), out var s))
            {
                changes.Add(new RecordChange(r.Collection, r.Id, r.Title, "deleted", r.Version, null));
            }
            else if (s.Version != r.Version)
            {
                changes.Add(new RecordChange(r.Collection, r.Id, s.Title, "changed", r.Version, s.Version));
            }
        }

        var known = then.Select(r => (r.Collection, r.Id)).ToHashSet();
        changes.AddRange(now.Where(s => !known.Contains((s.Collection, s.Id)) && s.CreatedAt > step.SubmittedAt)
            .Select(s => new RecordChange(s.Collection, s.Id, s.Title, "added", null, s.Version)));
        return changes;
    }
}

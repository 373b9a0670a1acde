using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;
using WuHao.Web.Features.Indicators;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Assessment;

/// <summary>One indicator row of a scoring form: the score, the note (扣分理由), and for a veto item the verdict.</summary>
public sealed class ScoreRow
{
    public string Code { get; set; } = "";
    public decimal? Score { get; set; }
    public string? Note { get; set; }

    /// <summary>For a veto item: "" (not judged), "pass" or "fail".</summary>
    public string? Verdict { get; set; }
}

public sealed class RoundForm
{
    public int Version { get; set; }
    public string? Note { get; set; }
    public List<ScoreRow> Scores { get; set; } = [];
}

/// <summary>
/// A unit's assessment round for a year: the village submits its self-check, the township scores and submits its
/// review, the banner accepts with pass or fail; the three scores side by side per indicator, the campaign's stage and
/// due dates, and what changed in the records since the self-check was submitted.
/// </summary>
public sealed class IndexModel(AppDbContext db, OrgScope orgScope, Evaluations evaluations, Campaigns campaigns, Rounds rounds, Samples samples, FileIntake intake, TimeProvider time) : PageModel
{
    public Indicators.UnitHeader? Unit { get; private set; }
    public Campaign? Campaign { get; private set; }
    public int Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public AssessmentRound? Round { get; private set; }
    public IReadOnlyDictionary<string, RoundSnapshot> Steps { get; private set; } = new Dictionary<string, RoundSnapshot>();

    /// <summary>The live evaluation, while the self-assessment is not submitted.</summary>
    public Evaluation? Live { get; private set; }
    public IndicatorSystem? System { get; private set; }
    public IReadOnlyList<RecordChange> Changes { get; private set; } = [];

    /// <summary>The assessors' photos in the steps' snapshots that the user may open, by file id.</summary>
    public IReadOnlyDictionary<int, FileRef> Photos { get; private set; } = new Dictionary<int, FileRef>();

    /// <summary>The step the user may act at now (self, township, banner), or null.</summary>
    public string? Acting { get; private set; }
    public bool Late { get; private set; }
    public StageDates? SelfCheck { get; private set; }
    public string? Message { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool Conflict { get; private set; }

    /// <summary>A township's or the banner's draw picked this unit for the campaign and year (抽查).</summary>
    public bool Sampled { get; private set; }

    public string PickerPath => $"/Assessment/{Unit!.Id}";

    [BindProperty]
    public RoundForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int unitId, int? year, int? campaignId, string? done, CancellationToken ct)
    {
        Message = done switch
        {
            "submit" => "自评已提交，等待乡（苏木）初审。",
            "review" => "乡初审已提交，等待旗验收。",
            "accept" => "旗验收已完成。",
            "return" => "已退回。",
            _ => null,
        };
        if (!await LoadAsync(unitId, year, campaignId, ct))
        {
            return NotFound();
        }

        // A township or the banner is not assessed itself: its page is the progress of its units.
        return Unit!.Type is UnitType.Region or UnitType.League or UnitType.Banner or UnitType.Township
            ? Redirect($"/Assessment/Units/{unitId}?year={Year}")
            : Page();
    }

    /// <summary>
    /// One form, one handler: the pressed button's value (<c>act</c>: submit, review, accept or return) says what to do, as
    /// every browser posts it, old ones included.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(int unitId, int? year, int? campaignId, string? act, CancellationToken ct)
    {
        var posted = Input;
        if (!await LoadAsync(unitId, year, campaignId, ct))
        {
            return NotFound();
        }

        if (act is not ("submit" or "review" or "accept" or "return"))
        {
            return BadRequest();
        }

        var action = act;

        if (Campaign is null)
        {
            return Page();
        }

        Input = posted;
        var photos = action is "review" or "accept" ? await ReadPhotosAsync(ct) : new PhotoUploads([], []);
        if (photos.Errors.Count > 0)
        {
            Errors = photos.Errors;
            return await AgainAsync(unitId, year, campaignId, ct);
        }

        // The visit's photos are filed with the assessed unit and saved in the same transaction as the step that cites
        // them: a refused step leaves no photo behind.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var stored = photos.Uploads.Select(u => (u.Code, File: u.Upload.ToStoredFile(unitId, "照片", Year, Vocabulary.DefaultRetention("照片")))).ToList();
        if (stored.Count > 0)
        {
            db.Files.AddRange(stored.Select(s => s.File));
            await db.SaveChangesAsync(ct);
        }

        var fileIds = stored.GroupBy(s => s.Code).ToDictionary(g => g.Key, g => (IReadOnlyList<int>)[.. g.Select(s => s.File.Id)]);
        var input = new RoundInput(Input.Version, action == "return" ? [] : Scores(fileIds), Input.Note);
        var result = action == "submit" || Round is null
            ? await rounds.SubmitSelfAsync(unitId, Year, Campaign.Id, input, ct)
            : await rounds.ActAsync(Round.Id, action, input, ct);
        if (result.Status == CommandStatus.Ok)
        {
            await tx.CommitAsync(ct);
        }
        else
        {
            await tx.RollbackAsync(ct);
            foreach (var (_, file) in stored)
            {
                db.Entry(file).State = EntityState.Detached;
            }
        }

        switch (result.Status)
        {
            case CommandStatus.Ok:
                return Redirect($"/Assessment/{unitId}?year={Year}&campaignId={Campaign.Id}&done={action}");
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Forbidden:
                return StatusCode(StatusCodes.Status403Forbidden);
            case CommandStatus.Conflict:
                Conflict = true;
                Errors = ["这一轮刚被别人提交或退回过，您的操作没有保存。请看下面的最新情况后重新操作。"];
                break;
            default:
                Errors = result.Refusal is { } refusal ? [refusal] : [.. result.Errors!.All.Select(e => e.Message)];
                break;
        }

        if (stored.Count > 0)
        {
            Errors = [.. Errors, $"您选择的{stored.Count}张现场照片还没有保存，请改正上面的问题后重新选择照片。"];
        }

        return await AgainAsync(unitId, year, campaignId, ct);
    }

    /// <summary>The form again with what the user typed (unless someone else acted first), and the messages.</summary>
    private async Task<IActionResult> AgainAsync(int unitId, int? year, int? campaignId, CancellationToken ct)
    {
        var kept = Input;
        await LoadAsync(unitId, year, campaignId, ct);
        if (!Conflict)
        {
            Input = kept;
        }

        return Page();
    }

    private sealed record PhotoUploads(IReadOnlyList<(string Code, Upload Upload)> Uploads, IReadOnlyList<string> Errors);

    /// <summary>The photos taken on site for each indicator ("Input.Scores[i].Photos"), checked and scaled; refusals in Chinese.</summary>
    private async Task<PhotoUploads> ReadPhotosAsync(CancellationToken ct)
    {
        if (!Request.HasFormContentType)
        {
            return new([], []);
        }

        var uploads = new List<(string, Upload)>();
        var errors = new List<string>();
        for (var i = 0; i < Input.Scores.Count; i++)
        {
            foreach (var file in Request.Form.Files.GetFiles($"Input.Scores[{i}].Photos").Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)))
            {
                var (upload, refusal) = await intake.ReadAsync(file, scalePhotos: true, ct);
                if (refusal is not null)
                {
                    errors.Add($"指标{Input.Scores[i].Code}：{refusal.Message}");
                }
                else if (!upload!.IsImage)
                {
                    errors.Add($"指标{Input.Scores[i].Code}：“{upload.FileName}”不是照片，现场照片请上传 JPEG、PNG、WebP 或 HEIC");
                }
                else
                {
                    uploads.Add((Input.Scores[i].Code, upload));
                }
            }
        }

        return new(uploads.Count > 20 ? [] : uploads, uploads.Count > 20 ? [.. errors, "一次最多上传20张现场照片"] : errors);
    }

    /// <summary>The form's rows as score inputs: only rows the scorer filled in or took photos for.</summary>
    private List<ScoreInput> Scores(IReadOnlyDictionary<string, IReadOnlyList<int>> photos)
    {
        var list = new List<ScoreInput>();
        foreach (var row in Input.Scores)
        {
            var indicator = System?.Indicators.FirstOrDefault(i => i.Code == row.Code);
            if (indicator is null)
            {
                continue;
            }

            var taken = photos.GetValueOrDefault(row.Code);
            if (indicator.Veto)
            {
                if (row.Verdict is "pass" or "fail" || taken is not null)
                {
                    list.Add(new ScoreInput(row.Code, null, row.Note, row.Verdict == "fail", taken));
                }
            }
            else if (row.Score is not null || !string.IsNullOrWhiteSpace(row.Note) || taken is not null)
            {
                list.Add(new ScoreInput(row.Code, row.Score, row.Note, FileIds: taken));
            }
        }

        return list;
    }

    private async Task<bool> LoadAsync(int unitId, int? year, int? campaignId, CancellationToken ct)
    {
        if (!await orgScope.IncludesAsync(unitId, ct) || await evaluations.HeaderAsync(unitId, ct) is not { } unit)
        {
            return false;
        }

        Unit = unit;
        var today = time.Today();
        var covering = await campaigns.CoveringAsync(unit.Path, ct);
        Campaign = (campaignId is { } cid ? covering.FirstOrDefault(c => c.Id == cid) : null) ?? (covering.Count > 0 ? covering[0] : null);
        var dates = Campaign is null ? [] : Campaigns.Dates(Campaign);
        var yearly = dates.Where(d => d.Year is not null).Select(d => d.Year!.Value).Distinct().OrderDescending().ToList();
        Year = year is >= 2000 and <= 2100 ? year.Value : CampaignCalendar.WorkYear(dates, today);
        Years = [.. yearly.Append(Year).Distinct().OrderDescending()];
        if (Campaign is null)
        {
            Message ??= "上级还没有安排创建工作（验收工作），暂不能开展验收。";
            return true;
        }

        SelfCheck = CampaignCalendar.Find(dates, StageKinds.SelfCheck, Year);
        Round = await rounds.FindAsync(unitId, Campaign.Id, Year, ct);
        Sampled = (await samples.DrawsOfAsync(unitId, Campaign.Id, Year, ct)).Count > 0;
        Steps = Round?.Standing().ToDictionary(s => s.Kind, Rounds.Read) ?? new Dictionary<string, RoundSnapshot>();
        var selfStep = Round?.Standing(RoundKinds.Self);
        Late = selfStep?.Late ?? (SelfCheck is { } due && CampaignCalendar.IsLate(due.Due, null, today));
        var systemId = Round?.SystemId;
        IndicatorSystemRecord? system;
        if (systemId is { } sid)
        {
            system = await db.IndicatorSystems.AsNoTracking().FirstAsync(s => s.Id == sid, ct);
        }
        else
        {
            var choices = await evaluations.ChoicesAsync(unit, ct);
            system = Evaluations.Choose(choices, Campaign.SystemId, unit.Type) ?? Evaluations.Choose(choices, null, unit.Type);
        }

        if (system is null)
        {
            Message ??= "还没有适用于本单位的已发布指标体系：请旗关工委先发布指标体系。";
            return true;
        }

        System = Evaluations.Definition(system);
        if (selfStep is null)
        {
            Live = (await evaluations.EvaluateAsync(unit, system, Year, withRecords: false, ct)).Evaluation;
        }
        else
        {
            Changes = await rounds.ChangesSinceAsync(Round!, selfStep, ct);
        }

        var shown = Steps.Values.SelectMany(s => s.Indicators).SelectMany(i => i.FileIds).Distinct().ToList();
        if (shown.Count > 0)
        {
            var scope = await orgScope.CurrentAsync(ct);
            Photos = await db.Files.VisibleTo(scope).Where(f => shown.Contains(f.Id))
                .Select(f => new FileRef(f.Id, f.FileName, f.ContentType, f.Size)).ToDictionaryAsync(f => f.Id, ct);
        }

        var step = Rounds.StepOf(Round?.State ?? RoundStates.Self);
        Acting = step is not null && rounds.MayAct(step, unitId, unit.Path, out _) is not null ? step : null;
        Input = new RoundForm
        {
            Version = Round?.Version ?? 0,
            Scores = [.. System.Indicators.Select(i => new ScoreRow { Code = i.Code, Score = Basis(i.Code)?.Score })],
        };
        return true;
    }

    /// <summary>The indicator as the acting step starts from: the step before's snapshot, or the live evaluation for 自评.</summary>
    public SnapshotIndicator? Basis(string code) => Acting switch
    {
        RoundKinds.Township => Steps.GetValueOrDefault(RoundKinds.Self)?.Find(code),
        RoundKinds.Banner => Steps.GetValueOrDefault(RoundKinds.Township)?.Find(code),
        _ => Live is null ? null : Live.Indicators.FirstOrDefault(i => i.Code == code) is { } r
            ? new SnapshotIndicator { Code = r.Code, Score = r.Score, Status = r.Status, Reason = r.Reason, Kind = r.Kind }
            : null,
    };

    /// <summary>The score a step gave an indicator, as the side-by-side table shows it.</summary>
    public string Cell(string kind, Indicator indicator)
    {
        var i = Steps.GetValueOrDefault(kind)?.Find(indicator.Code);
        if (i is null)
        {
            return kind == RoundKinds.Self && Live?.Indicators.FirstOrDefault(r => r.Code == indicator.Code) is { } live
                ? Shown(indicator, live.Score, live.Status) + "（实时）"
                : "—";
        }

        return Shown(indicator, i.Score, i.Status);
    }

    private static string Shown(Indicator indicator, decimal? score, string status) =>
        indicator.Veto
            ? status switch { IndicatorStatus.Met => "未触及", IndicatorStatus.Unmet => "否决", _ => "待认定" }
            : status == IndicatorStatus.Pending ? "待评分" : IndicatorRules.N(score ?? 0);
}

using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;
using WuHao.Web.Features.Cases;
using WuHao.Web.Features.Indicators;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Documents;

/// <summary>One record in the dossier: what it is, when, which indicators counted it (or why not), its photos.</summary>
public sealed record DossierRecord(string Collection, int Id, string Title, DateOnly? Date, int Year, IReadOnlyList<string> Indicators, bool Counted, string? Reason, IReadOnlyList<FileRef> Photos);

/// <summary>One of the five 好 in the dossier: its score and the year's records behind its indicators.</summary>
public sealed record DossierSection(SectionResult Result, IReadOnlyList<DossierRecord> Records);

/// <summary>A 五老 on the dossier's roster: the phone masked (139****5678), as a reader who may not edit sees it.</summary>
public sealed record DossierElder(string Name, string Gender, string Category, string? FormerPost, string? Phone, DateOnly JoinDate);

/// <summary>A youth case in the dossier, shown only to a holder of the permission who asked for it: the name masked, no ID number.</summary>
public sealed record DossierCase(int Id, string Name, string Gender, string Status, string Categories);

/// <summary>
/// The dossier (台账) of a unit and year: the evaluation at the front (<see cref="Evaluations.EvaluateAsync"/>, the
/// one computation), then the year's records in the order of the five 好, each under the first section whose indicators
/// read it, with its photos; the 五老 roster (phones masked) and the youth cases as counts (<see cref="CaseFigures"/>),
/// or as a masked list when a holder of the permission asks for them.
/// </summary>
public sealed record Dossier(UnitEvaluation Evaluation, IReadOnlyList<DossierSection> Sections, IReadOnlyList<DossierElder> Elders, CaseFigures Cases, IReadOnlyList<DossierCase>? CaseList)
{
    public UnitHeader Unit => Evaluation.Unit;
    public int Year => Evaluation.Evaluation.Year;

    /// <summary>The section that holds the 五老 roster: the one about the 五老, else the last.</summary>
    public string? ElderSection => Sections.FirstOrDefault(s => s.Result.Name.Contains("五老", StringComparison.Ordinal))?.Result.Code ?? (Sections.Count > 0 ? Sections[^1].Result.Code : null);

    /// <summary>The section that holds the youth cases' counts: the one about activities and help, else the last.</summary>
    public string? CaseSection => Sections.Count > 0 ? Sections[^1].Result.Code : null;
}

/// <summary>Reads the dossier and the documents' shared inputs. Scoped; the callers have checked that the unit is in scope.</summary>
public sealed class Dossiers(AppDbContext db, Evaluations evaluations, TimeProvider time)
{
    /// <summary>Photos per record in the dossier: enough to show the work, not the whole album.</summary>
    public const int PhotosPerRecord = 4;

    public DateOnly Today => time.Today();

    /// <summary>The system that scores the unit (the newest published that applies to its type), or null.</summary>
    public async Task<IndicatorSystemRecord?> SystemAsync(UnitHeader unit, CancellationToken ct) =>
        Evaluations.Choose(await evaluations.ChoicesAsync(unit, ct), null, unit.Type is UnitType.Banner or UnitType.Township ? UnitType.Village : unit.Type);

    /// <summary>The unit's evaluation, computed by <see cref="Evaluations"/>; a unit no system scores has none to print.</summary>
    public async Task<UnitEvaluation> EvaluateAsync(UnitHeader unit, int year, bool withRecords, CancellationToken ct)
    {
        var system = await SystemAsync(unit, ct) ?? throw new DocumentUnavailableException("还没有适用于本单位的已发布指标体系，无法生成。");
        return await evaluations.EvaluateAsync(unit, system, year, withRecords, ct);
    }

    public async Task<Dossier> ReadAsync(UnitHeader unit, int year, bool withCases, CancellationToken ct)
    {
        var evaluation = await EvaluateAsync(unit, year, withRecords: true, ct);
        var placed = new HashSet<(string, int)>();
        var sections = new List<(SectionResult Section, List<(EvidenceItem Item, List<string> Codes)> Items)>();
        foreach (var section in evaluation.Evaluation.Sections)
        {
            var items = new List<(EvidenceItem Item, List<string> Codes)>();
            foreach (var indicator in section.Indicators)
            {
                foreach (var item in evaluation.RecordsOf(indicator.Code).Where(r => r.Counted || r.Year == year))
                {
                    if (items.FirstOrDefault(x => x.Item.Collection == item.Collection && x.Item.Id == item.Id) is { Item: not null } known)
                    {
                        known.Codes.Add(indicator.Code);
                    }
                    else if (placed.Add((item.Collection, item.Id)))
                    {
                        items.Add((item, [indicator.Code]));
                    }
                }
            }

            sections.Add((section, items));
        }

        var photos = await PhotosAsync(unit.Id, placed, ct);
        var result = sections.Select(s => new DossierSection(s.Section, [.. s.Items
            .OrderBy(x => x.Item.Date ?? new DateOnly(x.Item.Year, 1, 1)).ThenBy(x => x.Item.Id)
            .Select(x => new DossierRecord(x.Item.Collection, x.Item.Id, x.Item.Title, x.Item.Date, x.Item.Year, x.Codes, x.Item.Counted, x.Item.Reason,
                photos.GetValueOrDefault((x.Item.Collection, x.Item.Id)) ?? []))])).ToList();

        var yearEnd = new DateOnly(year, 12, 31);
        var elders = (await db.Elders.Where(e => e.UnitId == unit.Id && e.JoinDate <= yearEnd).OrderBy(e => e.JoinDate).ThenBy(e => e.Id)
                .Select(e => new { e.Name, e.Gender, e.Category, e.FormerPost, e.Phone, e.JoinDate }).ToListAsync(ct))
            .Select(e => new DossierElder(e.Name, e.Gender, e.Category, e.FormerPost, Masking.Phone(e.Phone), e.JoinDate)).ToList();
        var cases = await CaseFigures.ComputeAsync(db, unit.Id, year, ct);
        IReadOnlyList<DossierCase>? list = null;
        if (withCases)
        {
            list = (await db.YouthCases.Where(c => c.UnitId == unit.Id).OrderBy(c => c.Id)
                    .Select(c => new { c.Id, c.Name, c.Gender, c.Status, Categories = c.Categories.Select(v => v.Value).ToList() }).ToListAsync(ct))
                .Select(c => new DossierCase(c.Id, MaskName(c.Name), c.Gender, c.Status, string.Join("、", c.Categories))).ToList();
        }

        return new Dossier(evaluation, result, elders, cases, list);
    }

    /// <summary>A child's name in a printout: the surname, the rest hidden (张**).</summary>
    public static string MaskName(string name) => name.Length <= 1 ? "*" : name[..1] + new string('*', name.Length - 1);

    /// <summary>The image files of the placed records, in one query over the unit's links (the link type names the record).</summary>
    private async Task<Dictionary<(string, int), List<FileRef>>> PhotosAsync(int unitId, HashSet<(string, int)> records, CancellationToken ct)
    {
        var links = await db.FileLinks.AsNoTracking().Where(l => l.UnitId == unitId && l.File!.ContentType.StartsWith("image/"))
            .OrderBy(l => l.FileId)
            .Select(l => new { Link = l, l.File!.FileName, l.File.ContentType, l.File.Size }).ToListAsync(ct);
        var photos = new Dictionary<(string, int), List<FileRef>>();
        foreach (var l in links)
        {
            if (RecordOf(l.Link) is not { } key || !records.Contains(key))
            {
                continue;
            }

            var list = photos.TryGetValue(key, out var known) ? known : photos[key] = [];
            if (list.Count < PhotosPerRecord)
            {
                list.Add(new FileRef(l.Link.FileId, l.FileName, l.ContentType, l.Size));
            }
        }

        return photos;
    }

    private static (string, int)? RecordOf(FileLink link) => link switch
    {
        ActivityFile a => ("activities", a.ActivityId),
        PartyMeetingFile m => ("party-meetings", m.PartyMeetingId),
        StudySessionFile s => ("study-sessions", s.StudySessionId),
        TrainingFile t => ("trainings", t.TrainingId),
        CommendationMeetingFile c => ("commendations", c.CommendationMeetingId),
        DeedFile d => ("deeds", d.DeedId),
        RuleDocumentFile r => ("rule-documents", r.RuleDocumentId),
        WorkCycleFile w => ("work-cycle", w.WorkCycleEntryId),
        ArchiveEntryFile a => ("archive", a.ArchiveEntryId),
        FundEntryFile f => ("funds", f.FundEntryId),
        InvestigationFile i => ("investigations", i.InvestigationId),
        ExperienceFile e => ("experiences", e.ExperienceId),
        CivilizationEntryFile c => ("civilization-entries", c.CivilizationEntryId),
        SchoolLinkFile s => ("school-links", s.SchoolLinkId),
        _ => null,
    };

    /// <summary>The bytes of an image scaled for print (long side at most <paramref name="longSide"/>, JPEG), with its pixel size.</summary>
    public async Task<(byte[] Jpeg, int Width, int Height)?> PrintImageAsync(int fileId, int longSide, CancellationToken ct)
    {
        var data = await db.FileContents.Where(c => c.Id == fileId).Select(c => c.Data).FirstOrDefaultAsync(ct);
        return data is null ? null : PrintImage.Of(data, longSide);
    }
}

/// <summary>A document that cannot be written for this unit (no indicator system, not a unit that has one); the message is Chinese.</summary>
public sealed class DocumentUnavailableException(string message) : Exception(message);

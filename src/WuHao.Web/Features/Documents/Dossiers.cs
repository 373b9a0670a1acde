using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;
using WuHao.Web.Features.Cases;
using WuHao.Web.Features.Indicators;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Documents;

/// <summary>A kind of record the dossier prints: its API collection, its name, and the 好 it belongs to (R-1…R-5; 0: none, the final part).</summary>
public sealed record DossierKind(string Collection, string Name, int Good);

/// <summary>One record in the dossier: its kind, what it is, when, which indicators read it (counted or why not), its photos.</summary>
public sealed record DossierRecord(string Collection, string Kind, int Id, string Title, DateOnly? Date, int Year, IReadOnlyList<string> Indicators, bool Counted, string? Reason, IReadOnlyList<FileRef> Photos)
{
    public string When => Date is { } d ? d.Zh() : $"{Year}年";

    /// <summary>计入, 未计入 and why; empty for a record no indicator of the system reads.</summary>
    public string Note => Indicators.Count == 0 ? "" : Counted ? "计入" : "未计入：" + Reason;
}

/// <summary>
/// One part of the dossier: one of the five 好 with its score and the year's records of its kinds, or the final part
/// (<see cref="Dossiers.OtherSection"/>, no score) for the records no 好 of the system claims.
/// </summary>
public sealed record DossierSection(string Code, string Name, SectionResult? Result, IReadOnlyList<DossierRecord> Records)
{
    public string Heading => Result is { } s ? $"{Name}（{IndicatorRules.N(s.Score)}/{IndicatorRules.N(s.Max)}分）" : Name;

    /// <summary>The records by kind, in the order of <see cref="Dossiers.Kinds"/>.</summary>
    public IEnumerable<IGrouping<string, DossierRecord>> ByKind => Records.GroupBy(r => r.Kind);
}

/// <summary>A member of the team who served in the year, the phone masked.</summary>
public sealed record DossierMember(string Name, string Gender, string Position, string Affiliation, string? PoliticalStatus, string? Phone, DateOnly TermStart, DateOnly? TermEnd)
{
    public string Term => TermStart.Zh() + "—" + (TermEnd is { } end ? end.Zh() : "");
}

/// <summary>A 五老 on the dossier's roster: the phone masked (139****5678), as a reader who may not edit sees it.</summary>
public sealed record DossierElder(string Name, string Gender, string Category, string? FormerPost, string? Phone, DateOnly JoinDate);

/// <summary>A caring person or organisation (爱心人士, R-2.2) on the dossier's roster, the phone masked.</summary>
public sealed record DossierDonor(string Name, string Kind, string Gift, decimal? Amount, string? Recipient, string? Phone, DateOnly Date);

/// <summary>A youth case in the dossier, shown only to a holder of the permission who asked for it: the name masked, no ID number.</summary>
public sealed record DossierCase(int Id, string Name, string Gender, string Status, string Categories);

/// <summary>How the dossier shows youth cases: counts; the masked list (asked for by a holder of the permission); counts because the list was asked for without it.</summary>
public enum DossierCases
{
    Counts,
    List,
    Refused,
}

/// <summary>
/// The dossier (台账) of a unit and year: the evaluation at the front (<see cref="Evaluations.EvaluateAsync"/>, the
/// one computation), then every record the unit keeps for the year in the order of the five 好 — each kind under its
/// 好 (<see cref="Dossiers.Kinds"/>), with the indicators that read it and its photos — the rosters as they stand
/// (team, 五老, 爱心人士; phones masked), the youth cases as counts (<see cref="CaseFigures"/>) or as a masked list
/// when a holder of the permission asks for them, and a final part for records no 好 of the system claims.
/// The print page and the Word file both show this one read model.
/// </summary>
public sealed record Dossier(
    UnitEvaluation Evaluation, IReadOnlyList<DossierSection> Sections, IReadOnlyList<DossierMember> Team, IReadOnlyList<DossierElder> Elders,
    IReadOnlyList<DossierDonor> Donors, CaseFigures Cases, DossierCases CaseView, IReadOnlyList<DossierCase>? CaseList,
    string TeamSection, string ElderSection, string CaseSection)
{
    public UnitHeader Unit => Evaluation.Unit;
    public int Year => Evaluation.Evaluation.Year;
}

/// <summary>Reads the dossier and the documents' shared inputs. Scoped; the callers have checked that the unit is in scope.</summary>
public sealed class Dossiers(AppDbContext db, Evaluations evaluations, CaseAccessLog caseLog, TimeProvider time)
{
    /// <summary>Photos per record in the dossier: enough to show the work, not the whole album.</summary>
    public const int PhotosPerRecord = 4;

    /// <summary>The code of the final part, for records no 好 of the system claims.</summary>
    public const string OtherSection = "other";

    /// <summary>
    /// Every kind of record the dossier prints, in print order, each under its 好 as REQUIREMENTS.md places it. The
    /// rosters (team, 五老, 爱心人士) and the youth cases are printed apart; the 实施方案 belongs to no 好.
    /// </summary>
    public static readonly IReadOnlyList<DossierKind> Kinds =
    [
        new("team-changes", "班子变动", 1),
        new("party-meetings", "党支部专题会议", 1),
        new("study-sessions", "学习", 1),
        new("studios", "五老工作室", 2),
        new("deeds", "先进事迹", 2),
        new("commendations", "表彰会", 2),
        new("trainings", "学习培训", 2),
        new("rule-documents", "制度", 3),
        new("work-cycle", "工作计划、布置、检查、总结", 3),
        new("archive", "档案", 3),
        new("funds", "活动经费", 3),
        new("investigations", "调查研究", 4),
        new("school-links", "校地共建", 4),
        new("experiences", "典型经验", 4),
        new("activities", "活动", 5),
        new("civilization-entries", "精神文明创建", 5),
        new("plans", "实施方案", 0),
    ];

    /// <summary>The words that name each 好 in a system's sections (领导班子建设好 …).</summary>
    private static readonly string[][] GoodWords = [["班子"], ["五老"], ["制度"], ["创新", "探索"], ["活动"]];

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

    /// <summary>What a user sees of the youth cases: the list only when asked for (<c>cases=1</c>) and holding the permission.</summary>
    public static DossierCases CasesFor(ClaimsPrincipal user, bool asked) =>
        !asked ? DossierCases.Counts : user.MayKeepYouthCases() ? DossierCases.List : DossierCases.Refused;

    /// <summary>
    /// The dossier, in a fixed number of commands whatever the number of records: the evaluation, one UNION of every
    /// kind's records of the year, the image links, the three rosters, the case figures (and the list). The list of
    /// youth cases, when shown, is written to the case access log — for the page and the Word file alike.
    /// </summary>
    public async Task<Dossier> ReadAsync(UnitHeader unit, int year, DossierCases cases, CancellationToken ct)
    {
        var evaluation = await EvaluateAsync(unit, year, withRecords: true, ct);
        var systemSections = evaluation.Evaluation.Sections;
        string Home(int good) =>
            good is >= 1 and <= 5 && systemSections.FirstOrDefault(x => GoodWords[good - 1].Any(w => x.Name.Contains(w, StringComparison.Ordinal))) is { } section
                ? section.Code : OtherSection;

        // The records the indicators read, with their codes and the first section that reads them; then the rest of the year's.
        var records = new Dictionary<(string Collection, int Id), (EvidenceItem Item, List<string> Codes, string? ReadBy)>();
        foreach (var section in systemSections)
        {
            foreach (var indicator in section.Indicators)
            {
                foreach (var item in evaluation.RecordsOf(indicator.Code).Where(r => r.Counted || r.Year == year))
                {
                    if (records.TryGetValue((item.Collection, item.Id), out var known))
                    {
                        if (!known.Codes.Contains(indicator.Code))
                        {
                            known.Codes.Add(indicator.Code);
                        }
                    }
                    else
                    {
                        records[(item.Collection, item.Id)] = (item, [indicator.Code], section.Code);
                    }
                }
            }
        }

        foreach (var kept in await KeptAsync(unit.Id, year, ct))
        {
            records.TryAdd((kept.Collection, kept.Id), (kept, [], null));
        }

        // 爱心人士 are printed as a roster; every other kind as records.
        var placed = records.Where(r => r.Key.Collection != "donors").ToList();
        var photos = await PhotosAsync(unit.Id, [.. placed.Select(r => r.Key)], ct);
        var order = Kinds.Select((k, i) => (k.Collection, i)).ToDictionary(x => x.Collection, x => x.i);
        var bySection = placed
            .Select(r =>
            {
                var kind = Kinds.FirstOrDefault(k => k.Collection == r.Key.Collection);
                var home = kind is { Good: > 0 } ? Home(kind.Good) : OtherSection;
                var section = home != OtherSection ? home : r.Value.ReadBy ?? OtherSection;
                var item = r.Value.Item;
                return (Section: section, Order: order.GetValueOrDefault(item.Collection, Kinds.Count), Record: new DossierRecord(
                    item.Collection, kind?.Name ?? item.Collection, item.Id, item.Title, item.Date, item.Year, r.Value.Codes, item.Counted && r.Value.Codes.Count > 0, item.Reason,
                    photos.GetValueOrDefault(r.Key) ?? []));
            })
            .OrderBy(x => x.Order).ThenBy(x => x.Record.Date ?? new DateOnly(x.Record.Year, 1, 1)).ThenBy(x => x.Record.Id)
            .ToLookup(x => x.Section, x => x.Record);

        var (teamSection, elderSection, caseSection) = (Home(1), Home(2), Home(5));
        var sections = systemSections.Select(s => new DossierSection(s.Code, s.Name, s, [.. bySection[s.Code]])).ToList();
        if (bySection[OtherSection].Any() || new[] { teamSection, elderSection, caseSection }.Contains(OtherSection))
        {
            sections.Add(new DossierSection(OtherSection, "其他记录", null, [.. bySection[OtherSection]]));
        }

        var (yearStart, yearEnd) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var team = (await db.TeamMembers.Where(m => m.UnitId == unit.Id && m.TermStart <= yearEnd && (m.TermEnd == null || m.TermEnd >= yearStart))
                .OrderBy(m => m.TermStart).ThenBy(m => m.Id)
                .Select(m => new { m.Name, m.Gender, m.Position, m.Affiliation, m.PoliticalStatus, m.Phone, m.TermStart, m.TermEnd }).ToListAsync(ct))
            .Select(m => new DossierMember(m.Name, m.Gender, m.Position, m.Affiliation, m.PoliticalStatus, Masking.Phone(m.Phone), m.TermStart, m.TermEnd)).ToList();
        var elders = (await db.Elders.Where(e => e.UnitId == unit.Id && e.JoinDate <= yearEnd).OrderBy(e => e.JoinDate).ThenBy(e => e.Id)
                .Select(e => new { e.Name, e.Gender, e.Category, e.FormerPost, e.Phone, e.JoinDate }).ToListAsync(ct))
            .Select(e => new DossierElder(e.Name, e.Gender, e.Category, e.FormerPost, Masking.Phone(e.Phone), e.JoinDate)).ToList();
        var donors = (await db.Donors.Where(d => d.UnitId == unit.Id && d.Date <= yearEnd).OrderBy(d => d.Date).ThenBy(d => d.Id)
                .Select(d => new { d.Name, d.Kind, d.Gift, d.Amount, d.Recipient, d.Phone, d.Date }).ToListAsync(ct))
            .Select(d => new DossierDonor(d.Name, d.Kind, d.Gift, d.Amount, d.Recipient, Masking.Phone(d.Phone), d.Date)).ToList();
        var figures = await CaseFigures.ComputeAsync(db, unit.Id, year, ct);
        List<DossierCase>? list = null;
        if (cases == DossierCases.List)
        {
            list = (await db.YouthCases.Where(c => c.UnitId == unit.Id).OrderBy(c => c.Id)
                    .Select(c => new { c.Id, c.Name, c.Gender, c.Status, Categories = c.Categories.Select(v => v.Value).ToList() }).ToListAsync(ct))
                .Select(c => new DossierCase(c.Id, MaskName(c.Name), c.Gender, c.Status, string.Join("、", c.Categories))).ToList();
            await caseLog.WriteAsync("list", unit.Id, null, $"台账{year}年，{list.Count}条", ct);
        }

        return new Dossier(evaluation, sections, team, elders, donors, figures, cases, list, teamSection, elderSection, caseSection);
    }

    /// <summary>
    /// Every record the unit keeps for the year, of every kind in <see cref="Kinds"/>, in ONE command (a UNION ALL):
    /// the kinds the measures read through their <see cref="IRecordSource.Kept"/>, the others projected here.
    /// </summary>
    private async Task<List<EvidenceItem>> KeptAsync(int unitId, int year, CancellationToken ct)
    {
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var next = new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var collections = new List<string>();
        IQueryable<SourceRecord>? union = null;
        void Add(string collection, Func<int, IQueryable<SourceRecord>> part)
        {
            var key = collections.Count;
            collections.Add(collection);
            union = union is null ? part(key) : union.Concat(part(key));
        }

        foreach (var source in MeasureQueries.Sources.Values.DistinctBy(s => s.Collection).Where(s => s.Collection != "donors"))
        {
            Add(source.Collection, key => source.Kept(db, unitId, key, year));
        }

        Add("team-changes", key => db.TeamChanges.Where(c => c.UnitId == unitId && c.Date >= from && c.Date <= to).Select(c => new SourceRecord
        {
            Key = key, Id = c.Id, UnitId = c.UnitId, Date = c.Date, Year = c.Date.Year,
            Title = c.MemberName + "（" + c.Position + "）离任：" + c.Reason + (c.SuccessorName != null ? "，接任：" + c.SuccessorName : ""),
            HasEvidence = false, Matches = true,
        }));
        // A link in force in the year, seen from the village and from the school.
        Add("school-links", key => db.SchoolLinks.Where(l => (l.UnitId == unitId || l.SchoolUnitId == unitId) && l.Since <= to && (l.Until == null || l.Until >= from))
            .Select(l => new SourceRecord
            {
                Key = key, Id = l.Id, UnitId = l.UnitId, Date = l.Since, Year = l.Since.Year,
                Title = "与" + (l.UnitId == unitId ? l.School!.Name : l.Unit!.Name) + "共建" + (l.Content != null ? "：" + l.Content : ""),
                HasEvidence = false, Matches = true,
            }));
        Add("plans", key => db.Plans.Where(p => p.UnitId == unitId && p.CreatedAt < next && p.Campaign!.TargetDate >= from).Select(p => new SourceRecord
        {
            Key = key, Id = p.Id, UnitId = p.UnitId, Date = null, Year = year, Title = p.Title, HasEvidence = false, Matches = true,
        }));

        var rows = await union!.ToListAsync(ct);
        return [.. rows.Select(r => new EvidenceItem(collections[r.Key], r.Id, r.Title, r.Date, r.Year, false, null))];
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

    /// <summary>Bytes read per command when the photos are fetched for print: a batch of photos, not one command per photo, nor all at once.</summary>
    public const long PhotoBatchBytes = 32L * 1024 * 1024;

    /// <summary>
    /// The images scaled for print (long side at most <paramref name="longSide"/>, JPEG) with their pixel size, by file
    /// id; an image that cannot be decoded is left out. Read in batches of about <see cref="PhotoBatchBytes"/>, each
    /// scaled before the next is read.
    /// </summary>
    public async Task<Dictionary<int, (byte[] Jpeg, int Width, int Height)>> PrintImagesAsync(IEnumerable<FileRef> photos, int longSide, CancellationToken ct)
    {
        var scaled = new Dictionary<int, (byte[] Jpeg, int Width, int Height)>();
        var batch = new List<int>();
        long bytes = 0;
        async Task ReadBatchAsync()
        {
            var ids = batch.ToList();
            foreach (var content in await db.FileContents.Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Data }).ToListAsync(ct))
            {
                if (PrintImage.Of(content.Data, longSide) is { } image)
                {
                    scaled[content.Id] = image;
                }
            }

            (batch, bytes) = ([], 0);
        }

        foreach (var photo in photos.DistinctBy(p => p.Id))
        {
            if (batch.Count > 0 && bytes + photo.Size > PhotoBatchBytes)
            {
                await ReadBatchAsync();
            }

            batch.Add(photo.Id);
            bytes += photo.Size;
        }

        if (batch.Count > 0)
        {
            await ReadBatchAsync();
        }

        return scaled;
    }
}

/// <summary>A document that cannot be written for this unit (no indicator system, not a unit that has one); the message is Chinese.</summary>
public sealed class DocumentUnavailableException(string message) : Exception(message);

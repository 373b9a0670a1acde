using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Files;

namespace WuHao.Web.Features.Rules;

/// <summary>The rule document in force for a type: the latest adopted.</summary>
public sealed record RuleInForce(int Id, string Type, string Title, string? Edition, DateOnly AdoptedOn, bool IsPosted);

public sealed record StageRow(int Id, string Stage, DateOnly Date, string Title, int Files);

/// <summary>One unit's 制度健全执行好 figures for a year .</summary>
public sealed record RulesYear(
    int Year,
    IReadOnlyList<RuleInForce> InForce,
    IReadOnlyList<string> MissingRuleTypes,
    IReadOnlyList<StageRow> Stages,
    IReadOnlyList<string> MissingStages,
    int ArchiveEntries,
    int FilesFiled,
    decimal Income,
    decimal Spending,
    decimal Balance)
{
    public IEnumerable<RuleInForce> NotPosted => InForce.Where(r => !r.IsPosted);
}

public static class RulesFigures
{
    public static async Task<RulesYear> ForAsync(AppDbContext db, int unitId, int year, CancellationToken ct) =>
        (await ForUnitsAsync(db, [unitId], year, ct))[unitId];

    /// <summary>
    /// The figures of each of <paramref name="unitIds"/> for a year, as each unit's own page shows them: five commands
    /// whatever the number of units (the 下辖单位 table of a township or banner, R-8.5, and a unit's own page).
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, RulesYear>> ForUnitsAsync(AppDbContext db, IReadOnlyCollection<int> unitIds, int year, CancellationToken ct)
    {
        var ids = unitIds.Distinct().ToList();
        var end = new DateOnly(year, 12, 31);
        var from = new DateOnly(year, 1, 1);
        var docs = (await db.RuleDocuments.Where(r => ids.Contains(r.UnitId) && r.AdoptedOn <= end)
            .Select(r => new { r.UnitId, Doc = new RuleInForce(r.Id, r.Type, r.Title, r.Edition, r.AdoptedOn, r.IsPosted) }).ToListAsync(ct))
            .ToLookup(r => r.UnitId, r => r.Doc);
        var stages = (await db.WorkCycle.Where(w => ids.Contains(w.UnitId) && w.Year == year)
            .OrderBy(w => w.Date).Select(w => new { w.UnitId, Row = new StageRow(w.Id, w.Stage, w.Date, w.Title, w.Files.Count) }).ToListAsync(ct))
            .ToLookup(w => w.UnitId, w => w.Row);
        var funds = (await db.Funds.Where(f => ids.Contains(f.UnitId) && f.Date >= from && f.Date <= end).Select(f => new { f.UnitId, f.Direction, f.Amount }).ToListAsync(ct))
            .ToLookup(f => f.UnitId, f => (f.Direction, f.Amount));
        var archive = await db.ArchiveEntries.Where(a => ids.Contains(a.UnitId) && a.Year == year)
            .GroupBy(a => a.UnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var files = await db.Files.Where(f => ids.Contains(f.UnitId) && f.Year == year)
            .GroupBy(f => f.UnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return ids.ToDictionary(id => id, id =>
        {
            var unitDocs = docs[id].ToList();
            var inForce = unitDocs.GroupBy(d => d.Type).Select(g => g.OrderByDescending(d => d.AdoptedOn).ThenByDescending(d => d.Id).First())
                .OrderBy(d => Order(Vocabulary.RuleTypes, d.Type)).ToList();
            var unitStages = stages[id].ToList();
            var (income, spending, balance) = RecordRules.FundTotals(funds[id]);
            return new RulesYear(
                year,
                inForce,
                RecordRules.MissingRuleTypes(unitDocs.Select(d => (d.Type, d.AdoptedOn)), year, Vocabulary.RequiredRuleTypes),
                unitStages.OrderBy(s => Order(Vocabulary.WorkCycleStages, s.Stage)).ThenBy(s => s.Date).ToList(),
                RecordRules.MissingStages(unitStages.Select(s => s.Stage)),
                archive.GetValueOrDefault(id),
                files.GetValueOrDefault(id),
                income, spending, balance);
        });
    }

    public static int Order(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return list.Count;
    }
}

/// <summary>One line of the archive catalogue (档案目录): an archive entry or a file filed under the year.</summary>
public sealed record CatalogueRow(
    string Category, string Title, DateOnly? Date, string Retention, string? DocumentNo, int? Pages, string? Location,
    string Source, string? SourceUrl, IReadOnlyList<FileRef> Files)
{
    public int No { get; init; }
}

/// <summary>
/// The archive catalogue of a unit and year, generated from what is filed: the archive entries, and
/// every evidence file filed under the year, wherever it came from (an activity's photos, a receipt…).
/// </summary>
public static class Catalogue
{
    public static async Task<IReadOnlyList<CatalogueRow>> ForAsync(AppDbContext db, int unitId, int year, CancellationToken ct)
    {
        var entries = await db.ArchiveEntries.Where(a => a.UnitId == unitId && a.Year == year)
            .Select(a => new CatalogueRow(a.Category, a.Title, a.Date, a.Retention, a.DocumentNo, a.Pages, a.Location, "档案登记",
                "/Rules/ArchiveEntry/" + a.UnitId + "/" + a.Id,
                a.Files.Select(f => new FileRef(f.FileId, f.File!.FileName, f.File.ContentType, f.File.Size)).ToList()))
            .ToListAsync(ct);
        // Consent scans of children's cases stay in the case file (ADR-006), not in the printed catalogue.
        var files = await db.Files.Where(f => f.UnitId == unitId && f.Year == year && !f.Links.OfType<ArchiveEntryFile>().Any() && !f.Links.OfType<CaseConsentFile>().Any())
            .Select(f => new { f.Id, f.FileName, f.ContentType, f.Size, f.Category, f.Retention, f.CreatedAt, Link = f.Links.FirstOrDefault() })
            .ToListAsync(ct);
        var rows = entries.Concat(files.Select(f =>
        {
            var (source, url) = Source(f.Link, unitId);
            return new CatalogueRow(f.Category, f.FileName, DateOnly.FromDateTime(f.CreatedAt.ToChinaTime().DateTime), f.Retention, null, null, null,
                source, url, [new FileRef(f.Id, f.FileName, f.ContentType, f.Size)]);
        }));
        var numbered = new List<CatalogueRow>();
        foreach (var group in rows.GroupBy(r => r.Category).OrderBy(g => RulesFigures.Order(Vocabulary.ArchiveCategories, g.Key)))
        {
            var n = 0;
            numbered.AddRange(group.OrderBy(r => r.Date).ThenBy(r => r.Title, StringComparer.Ordinal).Select(r => r with { No = ++n }));
        }

        return numbered;
    }

    /// <summary>Which record a file is evidence of, and its page.</summary>
    public static (string Name, string? Url) Source(FileLink? link, int unitId) => link switch
    {
        null => ("未归入记录", null),
        RuleDocumentFile l => ("制度", $"/Rules/RuleDocument/{unitId}/{l.RuleDocumentId}"),
        WorkCycleFile l => ("年度工作", $"/Rules/WorkStep/{unitId}/{l.WorkCycleEntryId}"),
        ArchiveEntryFile l => ("档案登记", $"/Rules/ArchiveEntry/{unitId}/{l.ArchiveEntryId}"),
        FundEntryFile l => ("活动经费", $"/Rules/Fund/{unitId}/{l.FundEntryId}"),
        InvestigationFile l => ("调查研究", $"/Innovation/Investigation/{unitId}/{l.InvestigationId}"),
        SchoolLinkFile l => ("村校联系", $"/Innovation/SchoolLink/{unitId}/{l.SchoolLinkId}"),
        ExperienceFile l => ("典型经验", $"/Innovation/Experience/{unitId}/{l.ExperienceId}"),
        ActivityFile l => ("活动", $"/Activities/Activity/{unitId}/{l.ActivityId}"),
        CivilizationEntryFile l => ("文明创建", $"/Activities/Civilization/{unitId}/{l.CivilizationEntryId}"),
        PartyMeetingFile l => ("党支部专题会议", $"/Team/Meeting/{unitId}/{l.PartyMeetingId}"),
        StudySessionFile l => ("学习活动", $"/Team/Study/{unitId}/{l.StudySessionId}"),
        TrainingFile l => ("学习培训", $"/Elders/Training/{unitId}/{l.TrainingId}"),
        CommendationMeetingFile l => ("表彰会", $"/Elders/Commendation/{unitId}/{l.CommendationMeetingId}"),
        DeedFile l => ("先进事迹", $"/Elders/Deed/{unitId}/{l.DeedId}"),
        _ => ("其他记录", null),
    };
}

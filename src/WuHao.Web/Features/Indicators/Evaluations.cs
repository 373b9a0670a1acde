using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;
using WuHao.Web.Features.Team;

namespace WuHao.Web.Features.Indicators;

/// <summary>A record the evidence list shows under an indicator: counted, or not and why.</summary>
public sealed record EvidenceItem(string Collection, int Id, string Title, DateOnly? Date, int Year, bool Counted, string? Reason);

/// <summary>One unit's evaluation, with the records behind each automatic indicator when they were asked for.</summary>
public sealed record UnitEvaluation(UnitHeader Unit, IndicatorSystemRecord System, Evaluation Evaluation, IReadOnlyDictionary<string, IReadOnlyList<EvidenceItem>> Records)
{
    /// <summary>The records an indicator counted and did not count; empty for manual indicators and in a matrix.</summary>
    public IReadOnlyList<EvidenceItem> RecordsOf(string indicatorCode) => Records.GetValueOrDefault(indicatorCode) ?? [];
}

/// <summary>
/// The one way a score is computed: the unit page, the matrix, the gap list, the home page and the API all
/// come here. Measures for a set of units in one command (<see cref="MeasureQueries"/>), then the pure fold
/// (<see cref="Evaluator"/>) per unit.
/// </summary>
public sealed class Evaluations
{
    private readonly AppDbContext db;
    private readonly IOptions<TeamOptions> team;
    private readonly TimeProvider time;
    private readonly EvaluationCache cache;

    // What the last header query read alongside the unit: its data stamp and the published systems' stamp. They serve
    // this request's evaluation and system choice without a command of their own, until the context saves (a write in
    // the same request may raise them).
    private readonly Dictionary<int, long> unitStamps = [];
    private SystemsStamp? systemsStamp;

    public Evaluations(AppDbContext db, IOptions<TeamOptions> team, TimeProvider time, EvaluationCache cache)
    {
        (this.db, this.team, this.time, this.cache) = (db, team, time, cache);
        db.SavedChanges += (_, _) => Forget();
        db.SaveChangesFailed += (_, _) => Forget();
    }

    private void Forget()
    {
        unitStamps.Clear();
        systemsStamp = null;
    }

    // Keyed by the stored text itself, not by (id, version): two databases in one process (the tests run SQLite and
    // PostgreSQL side by side) can hold different systems under the same id and version. Bounded: a few published
    // systems and their drafts are all a deployment holds; a flood of replaced drafts just empties the cache.
    private const int MaxParsed = 64;
    private static readonly ConcurrentDictionary<string, IndicatorSystem> Parsed = new(StringComparer.Ordinal);

    /// <summary>The template of a stored system (parsed once per distinct stored text).</summary>
    public static IndicatorSystem Definition(IndicatorSystemRecord record)
    {
        if (Parsed.TryGetValue(record.Definition, out var known))
        {
            return known;
        }

        var parsed = IndicatorJson.Read(record.Definition, out var error)
            ?? throw new InvalidOperationException($"Stored indicator system {record.Id} does not parse: {error?.Message}");
        if (Parsed.Count >= MaxParsed)
        {
            Parsed.Clear();
        }

        return Parsed.GetOrAdd(record.Definition, parsed);
    }

    /// <summary>The ids on a unit's path, itself included ("/1/4/9/" → 1, 4, 9): a handful, whatever the size of the tree.</summary>
    public static IReadOnlyList<int> PathIds(string path) =>
        [.. path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];

    /// <summary>
    /// Changes whenever a system is added, changed or deleted: ids only grow and every save raises a row's version, so
    /// (rows, highest id, sum of versions) never comes back to an earlier value.
    /// </summary>
    private readonly record struct SystemsStamp(int Rows, int MaxId, long Versions);

    // Every published system of a database, as of a systems stamp: the system choice of each request filters this list in
    // memory instead of reading every published definition again. Keyed by the database too (the tests run several).
    private const int MaxPublishedSets = 16;
    private static readonly ConcurrentDictionary<(string Database, SystemsStamp Stamp), IReadOnlyList<IndicatorSystemRecord>> Published = new();

    /// <summary>
    /// The published systems that may score the units at and below <paramref name="unit"/>: shipped templates and
    /// those owned by the unit or a unit above it. Newest first; an official (non-template) system before a template.
    /// The records are shared between requests: read them, never change them.
    /// </summary>
    public async Task<IReadOnlyList<IndicatorSystemRecord>> ChoicesAsync(UnitHeader unit, CancellationToken ct)
    {
        var published = systemsStamp is { } stamp ? await PublishedAsync(stamp, ct) : await PublishedAsync(ct);
        var above = PathIds(unit.Path);
        return [.. published.Where(s => s.OwnerUnitId == null || above.Contains(s.OwnerUnitId.Value))];
    }

    /// <summary>Every published system, from memory while the systems' stamp read with the unit header has not moved.</summary>
    private async Task<IReadOnlyList<IndicatorSystemRecord>> PublishedAsync(SystemsStamp stamp, CancellationToken ct)
    {
        var key = (db.Database.GetConnectionString() ?? "", stamp);
        if (!Published.TryGetValue(key, out var published))
        {
            published = await PublishedAsync(ct);
            if (Published.Count >= MaxPublishedSets)
            {
                Published.Clear();
            }

            Published[key] = published;
        }

        return published;
    }

    private async Task<IReadOnlyList<IndicatorSystemRecord>> PublishedAsync(CancellationToken ct) =>
        await db.IndicatorSystems.AsNoTracking()
            .Where(s => s.State == IndicatorSystemStates.Published)
            .OrderBy(s => s.IsTemplate).ThenByDescending(s => s.PublishedAt).ThenByDescending(s => s.Id)
            .ToListAsync(ct);

    /// <summary>
    /// The system to use: the one asked for if it may score this unit, else the first choice that applies to
    /// <paramref name="type"/> (the unit's own type, or the village type for a township's matrix).
    /// </summary>
    public static IndicatorSystemRecord? Choose(IReadOnlyList<IndicatorSystemRecord> choices, int? systemId, UnitType type) =>
        systemId is { } id
            ? choices.FirstOrDefault(s => s.Id == id)
            : choices.FirstOrDefault(s => s.UnitTypes.Contains(OrgUnit.ApiName(type))) ?? (choices.Count > 0 ? choices[0] : null);

    public Task<UnitHeader?> HeaderAsync(int unitId, CancellationToken ct) => HeaderAsync(db.Units.Where(u => u.Id == unitId), ct);

    /// <summary>
    /// The header of the unit <paramref name="unit"/> selects (null when none: not found, or not in the caller's scope), in
    /// one command that also reads the unit's data stamp and the published systems' stamp for this request's evaluation
    /// and system choice.
    /// </summary>
    public async Task<UnitHeader?> HeaderAsync(IQueryable<OrgUnit> unit, CancellationToken ct)
    {
        var systems = db.IndicatorSystems;
        var row = await unit
            .Select(u => new
            {
                u.Id, u.Name, u.Type, u.Path, u.ParentId, u.CommitteeFoundedOn, u.CreatedAt, u.DataStamp,
                SystemRows = systems.Select(s => s.Id).Count(), // not systems.Count(): EF would run that as a command of its own
                SystemMaxId = systems.Max(s => (int?)s.Id),
                SystemVersions = systems.Sum(s => (long?)s.Version),
            })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        unitStamps[row.Id] = row.DataStamp;
        systemsStamp = new SystemsStamp(row.SystemRows, row.SystemMaxId ?? 0, row.SystemVersions ?? 0);
        return new UnitHeader(row.Id, row.Name, row.Type, row.Path, row.ParentId, TeamFigures.UnitSince(row.CommitteeFoundedOn, row.CreatedAt));
    }

    /// <summary>The units' headers, each with its data stamp (the evaluation cache's key), in path order.</summary>
    private static async Task<List<(UnitHeader Header, long Stamp)>> Headers(IQueryable<OrgUnit> units, CancellationToken ct) =>
        [.. (await units.OrderBy(u => u.Path)
                .Select(u => new { u.Id, u.Name, u.Type, u.Path, u.ParentId, u.CommitteeFoundedOn, u.CreatedAt, u.DataStamp }).ToListAsync(ct))
            .Select(u => (new UnitHeader(u.Id, u.Name, u.Type, u.Path, u.ParentId, TeamFigures.UnitSince(u.CommitteeFoundedOn, u.CreatedAt)), u.DataStamp))];

    /// <summary>
    /// One unit's evaluation; with <paramref name="withRecords"/> also the records counted and not counted. From the
    /// cache when the unit's data have not changed since (<see cref="EvaluationCache"/>); <paramref name="fresh"/>
    /// computes it from the records whatever the cache holds (a round's frozen self-assessment).
    /// </summary>
    public async Task<UnitEvaluation> EvaluateAsync(
        UnitHeader unit, IndicatorSystemRecord record, int year, bool withRecords, CancellationToken ct, bool fresh = false)
    {
        var system = Definition(record);
        var today = time.Today();
        EvaluationCache.Key? key = null;
        if (cache.Enabled)
        {
            var stamp = unitStamps.TryGetValue(unit.Id, out var known)
                ? known
                : await db.Units.Where(u => u.Id == unit.Id).Select(u => u.DataStamp).FirstOrDefaultAsync(ct);
            key = new EvaluationCache.Key(unit, stamp, system, record.Id, year, today, withRecords);
            if (!fresh && cache.Find(key.Value) is { } hit)
            {
                return new UnitEvaluation(unit, record, hit.Evaluation, hit.Records);
            }
        }

        var keys = system.MeasureKeys();
        var units = db.Units.Where(u => u.Id == unit.Id).Select(u => u.Id);
        var values = await MeasureQueries.FetchAsync(db, units, [unit], keys, year, today, team.Value, ct);
        var records = withRecords ? await RecordsAsync(unit.Id, system, keys, year, ct) : null;
        var evaluation = Evaluator.Evaluate(system, year, values[unit.Id], evidence: records?.Counted);
        var byIndicator = records?.ByIndicator ?? new Dictionary<string, IReadOnlyList<EvidenceItem>>();
        if (key is { } k)
        {
            cache.Keep(k, new EvaluationCache.Entry(evaluation, byIndicator));
        }

        return new UnitEvaluation(unit, record, evaluation, byIndicator);
    }

    /// <summary>
    /// Every unit at and below <paramref name="root"/> that the system applies to, each evaluated by the same fold:
    /// the township's and the banner's matrix. Two commands, whatever the number of units: the headers
    /// with their data stamps, then the measures of the units the cache does not hold (none when it holds them all).
    /// </summary>
    public async Task<IReadOnlyList<UnitEvaluation>> MatrixAsync(UnitHeader root, IndicatorSystemRecord record, int year, CancellationToken ct)
    {
        var system = Definition(record);
        var today = time.Today();
        var types = record.UnitTypes.Select(t => OrgUnit.TryParseApiName(t, out var type) ? type : (UnitType?)null).OfType<UnitType>().ToList();
        var prefix = root.Path;
        var below = db.Units.Where(u => u.Path.StartsWith(prefix) && (types.Count == 0 || types.Contains(u.Type)));
        var headers = await Headers(below, ct);
        var keys = headers.Select(h => new EvaluationCache.Key(h.Header, h.Stamp, system, record.Id, year, today, WithRecords: false)).ToList();
        var found = keys.Select(k => cache.Find(k)?.Evaluation).ToList();
        var missing = Enumerable.Range(0, headers.Count).Where(i => found[i] is null).ToList();
        if (missing.Count > 0)
        {
            using var banner = await BannerColumn.ScopeToAsync(db, root.Id, ct); // one banner's records (ADR-016)
            var ids = missing.Select(i => headers[i].Header.Id).ToList();
            var units = missing.Count == headers.Count ? below.Select(u => u.Id) : db.Units.Where(u => ids.Contains(u.Id)).Select(u => u.Id);
            var values = await MeasureQueries.FetchAsync(db, units, [.. missing.Select(i => headers[i].Header)], system.MeasureKeys(), year, today, team.Value, ct);
            foreach (var i in missing)
            {
                found[i] = Evaluator.Evaluate(system, year, values[headers[i].Header.Id]);
                cache.Keep(keys[i], new EvaluationCache.Entry(found[i]!, None));
            }
        }

        return [.. headers.Select((h, i) => new UnitEvaluation(h.Header, record, found[i]!, None))];
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<EvidenceItem>> None = new Dictionary<string, IReadOnlyList<EvidenceItem>>();

    private sealed record RecordLists(
        IReadOnlyDictionary<MeasureKey, IReadOnlyList<EvidenceLink>> Counted,
        IReadOnlyDictionary<string, IReadOnlyList<EvidenceItem>> ByIndicator);

    /// <summary>The records around each automatic indicator's window, in one command, each marked counted or not with the reason.</summary>
    private async Task<RecordLists> RecordsAsync(int unitId, IndicatorSystem system, IReadOnlyList<MeasureKey> keys, int year, CancellationToken ct)
    {
        var today = time.Today();
        IQueryable<SourceRecord>? union = null;
        var sources = new Dictionary<int, IRecordSource>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (SourceOf(keys[i].Measure) is not { } source)
            {
                continue;
            }

            sources[i] = source;
            var (from, to) = keys[i].Years(year);
            var part = source.Around(db, unitId, i, keys[i], new YearWindow(from, to, ElderRules.YearEnd(year, today)));
            union = union is null ? part : union.Concat(part);
        }

        var rows = union is null ? [] : await union.ToListAsync(ct);
        var counted = new Dictionary<MeasureKey, IReadOnlyList<EvidenceLink>>();
        var byKey = new Dictionary<MeasureKey, IReadOnlyList<EvidenceItem>>();
        foreach (var (i, source) in sources)
        {
            var key = keys[i];
            var (from, to) = key.Years(year);
            var items = rows.Where(r => r.Key == i)
                .Select(r => Judge(r, source, key, from, to))
                .OrderByDescending(e => e.Counted).ThenByDescending(e => e.Date ?? new DateOnly(e.Year, 1, 1)).ThenByDescending(e => e.Id)
                .ToList();
            byKey[key] = items;
            counted[key] = [.. items.Where(e => e.Counted).Select(e => new EvidenceLink(e.Collection, e.Id))];
        }

        var byIndicator = new Dictionary<string, IReadOnlyList<EvidenceItem>>();
        foreach (var indicator in system.Indicators)
        {
            if (MeasureKey.For(indicator.Rule) is { } key && byKey.TryGetValue(key, out var items))
            {
                byIndicator[indicator.Code] = items;
            }
        }

        return new RecordLists(counted, byIndicator);
    }

    /// <summary>The dated records a measure counts, when it counts records one can link to (not people's states or children).</summary>
    private static IRecordSource? SourceOf(string measure) => measure switch
    {
        "activityMonths" or "schoolJointActivities" => MeasureQueries.Sources["activities"],
        _ => MeasureQueries.Sources.GetValueOrDefault(measure),
    };

    private static EvidenceItem Judge(SourceRecord r, IRecordSource source, MeasureKey key, int from, int to)
    {
        string? reason = null;
        if (r.Year > to || (!source.Cumulative && r.Year < from))
        {
            reason = from == to ? $"属于{r.Year}年，不计入{to}年" : $"属于{r.Year}年，不在{from}—{to}年内";
        }
        else if (!r.Matches)
        {
            reason = "不符合本指标的统计条件（" + IndicatorText.Filter(MeasureCatalogue.Find(key.Measure), ToDictionary(key.Filter)) + "）";
        }
        else if (key.RequireEvidence && !r.HasEvidence)
        {
            reason = "没有佐证材料（照片或文件），查资料时不计";
        }

        return new EvidenceItem(source.Collection, r.Id, r.Title, r.Date, r.Year, reason is null, reason);
    }

    private static Dictionary<string, IReadOnlyList<string>> ToDictionary(MeasureFilter filter) =>
        filter.Fields.ToDictionary(f => f.Key, f => f.Value);

    /// <summary>
    /// Brings the unit's stored 查遗补漏 list in line with an evaluation: a new shortfall opens a gap, a met
    /// indicator closes its gap, a shortfall again reopens it. Owners and due dates stay; the change log keeps the
    /// history. Pending manual items are not gaps yet (the assessor has not scored them). Writes only what changed.
    /// </summary>
    public async Task<IReadOnlyList<GapRecord>> SyncGapsAsync(UnitEvaluation evaluation, CancellationToken ct)
    {
        var (unitId, systemId, year) = (evaluation.Unit.Id, evaluation.System.Id, evaluation.Evaluation.Year);
        var stored = await db.Gaps.Where(g => g.UnitId == unitId && g.SystemId == systemId && g.Year == year).ToListAsync(ct);
        var now = time.GetUtcNow();
        var current = Evaluator.Gaps(evaluation.Evaluation).Where(g => g.Status != IndicatorStatus.Pending).ToDictionary(g => g.Code);
        foreach (var gap in current.Values)
        {
            var row = stored.FirstOrDefault(s => s.IndicatorCode == gap.Code);
            if (row is null)
            {
                row = new GapRecord
                {
                    UnitId = unitId, SystemId = systemId, Year = year, IndicatorCode = gap.Code, IndicatorName = Clip(gap.Name, 200),
                    Recoverable = gap.Recoverable, Action = Clip(gap.Action, 400), State = GapStates.Open, OpenedAt = now,
                };
                db.Gaps.Add(row);
                stored.Add(row);
                continue;
            }

            if (row.State == GapStates.Closed)
            {
                row.State = GapStates.Open;
                row.OpenedAt = now;
                row.ClosedAt = null;
            }

            if (row.Recoverable != gap.Recoverable || row.Action != Clip(gap.Action, 400))
            {
                row.Recoverable = gap.Recoverable;
                row.Action = Clip(gap.Action, 400);
            }
        }

        foreach (var row in stored.Where(s => s.State == GapStates.Open && !current.ContainsKey(s.IndicatorCode)))
        {
            row.State = GapStates.Closed;
            row.ClosedAt = now;
        }

        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }

        return [.. stored.OrderByDescending(g => g.State == GapStates.Open).ThenByDescending(g => g.Recoverable).ThenBy(g => g.IndicatorCode, StringComparer.Ordinal)];
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}

using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Team;

namespace WuHao.Web.Features.Elders;

/// <summary>One unit's (or one subtree's) figures of "五老作用发挥好" for a year.</summary>
public sealed record ElderUnitFigures(
    int UnitId, string UnitName, UnitType UnitType, int Year, DateOnly AsOf, int Active, int ActiveYearBefore, int Trained, double TrainedShare,
    int Trainings, int TrainingsInPartyPlan, CommendationDue Commendation)
{
    public int Growth => Active - ActiveYearBefore;
}

/// <summary>
/// 参与率 of a year: of the 五老 active at some point in the year, how many took part in at least one activity
/// of the year. <see cref="Share"/> is null when nobody was active (shown as “—”, not as a division by zero).
/// </summary>
public sealed record Participation(int Active, int TookPart)
{
    public static readonly Participation None = new(0, 0);

    public double? Share => Active == 0 ? null : (double)TookPart / Active;

    public static Participation operator +(Participation a, Participation b) => new(a.Active + b.Active, a.TookPart + b.TookPart);
}

/// <summary>The queries behind the figures of R-2: the pages, the API and the home page read the same ones.</summary>
public static class ElderFigures
{
    /// <summary>The status histories of the elders of the given units: joining (active from the join date), then each change.</summary>
    public static async Task<List<StatusFact>> HistoryAsync(AppDbContext db, IReadOnlyCollection<int> unitIds, CancellationToken ct)
    {
        var history = await db.Elders.Where(e => unitIds.Contains(e.UnitId))
            .Select(e => new StatusFact(e.Id, e.UnitId, e.JoinDate, ElderStatuses.Active, 0)).ToListAsync(ct);
        history.AddRange(await db.ElderStatusChanges.Where(s => unitIds.Contains(s.UnitId))
            .Select(s => new StatusFact(s.ElderId, s.UnitId, s.Date, s.Status, s.Id)).ToListAsync(ct));
        return history;
    }

    /// <summary>The elders of one unit active on a day, chosen by the database (<see cref="ElderRules.ActiveOnDay"/>).</summary>
    public static async Task<IReadOnlyList<(int Id, string Name)>> ActiveEldersAsync(AppDbContext db, int unitId, DateOnly day, CancellationToken ct) =>
        [.. (await db.Elders.Where(e => e.UnitId == unitId).Where(ElderRules.ActiveOnDay(day)).OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.Name }).ToListAsync(ct)).Select(e => (e.Id, e.Name))];

    /// <summary>Per-unit numbers of a year, counted by the database; the groups add them up.</summary>
    private sealed record UnitCounts(int Active, int ActiveBefore, int Trained, int Trainings, int InPlan, DateOnly? LastCommendation);

    /// <summary>
    /// The figures of each group of units for <paramref name="year"/>: a group is a unit and everything under it
    /// (<paramref name="groups"/>: the group's unit id → the ids it rolls up), so a township's row counts its villages.
    /// Every number is counted per unit in SQL (one grouped query each); the groups add up their units' counts.
    /// </summary>
    public static async Task<IReadOnlyList<ElderUnitFigures>> ForGroupsAsync(
        AppDbContext db, IReadOnlyDictionary<int, IReadOnlyCollection<int>> groups, int year, DateOnly today, CancellationToken ct)
    {
        var all = groups.Values.SelectMany(g => g).Distinct().ToList();
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var asOf = ElderRules.YearEnd(year, today);
        var yearBefore = ElderRules.YearEnd(year - 1, today);
        var elders = db.Elders.Where(e => all.Contains(e.UnitId));
        var active = await CountPerUnitAsync(elders.Where(ElderRules.ActiveOnDay(asOf)), ct);
        var activeBefore = await CountPerUnitAsync(elders.Where(ElderRules.ActiveOnDay(yearBefore)), ct);
        var trained = await CountPerUnitAsync(elders.Where(ElderRules.ActiveOnDay(asOf))
            .Where(e => db.TrainingTrainees.Any(x => x.ElderId == e.Id && x.Training!.Date >= from && x.Training.Date <= to)), ct);
        var trainings = await db.Trainings.Where(t => all.Contains(t.UnitId) && t.Date >= from && t.Date <= to)
            .GroupBy(t => t.UnitId).Select(g => new { UnitId = g.Key, Count = g.Count(), InPlan = g.Count(t => t.InPartyPlan) })
            .ToDictionaryAsync(g => g.UnitId, ct);
        var lastCommendation = await db.CommendationMeetings.Where(m => all.Contains(m.UnitId) && m.Date <= today)
            .GroupBy(m => m.UnitId).Select(g => new { UnitId = g.Key, Last = g.Max(m => m.Date) }).ToDictionaryAsync(g => g.UnitId, g => g.Last, ct);
        var units = await db.Units.Where(u => groups.Keys.Contains(u.Id))
            .Select(u => new { u.Id, u.Name, u.Type, u.CommitteeFoundedOn, u.CreatedAt }).ToDictionaryAsync(u => u.Id, ct);

        var result = new List<ElderUnitFigures>();
        foreach (var (groupId, members) in groups)
        {
            if (!units.TryGetValue(groupId, out var unit))
            {
                continue;
            }

            var set = members.Distinct().ToList();
            int Sum(Dictionary<int, int> counts) => set.Sum(u => counts.GetValueOrDefault(u));
            var (activeCount, trainedCount) = (Sum(active), Sum(trained));
            var last = set.Select(u => lastCommendation.TryGetValue(u, out var d) ? d : (DateOnly?)null).Max();
            var since = TeamFigures.UnitSince(unit.CommitteeFoundedOn, unit.CreatedAt);
            result.Add(new ElderUnitFigures(
                unit.Id, unit.Name, unit.Type, year, asOf, activeCount, Sum(activeBefore), trainedCount,
                activeCount == 0 ? 0 : (double)trainedCount / activeCount,
                set.Sum(u => trainings.GetValueOrDefault(u)?.Count ?? 0), set.Sum(u => trainings.GetValueOrDefault(u)?.InPlan ?? 0),
                ElderRules.Commendation(last, since, today)));
        }

        return result;
    }

    private static Task<Dictionary<int, int>> CountPerUnitAsync(IQueryable<Elder> elders, CancellationToken ct) =>
        elders.GroupBy(e => e.UnitId).Select(g => new { UnitId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.UnitId, g => g.Count, ct);

    /// <summary>
    /// The units among <paramref name="unitIds"/> whose 表彰会 is overdue, by name: only units that keep a
    /// 关工委 of their own hold one (嘎查村, schools…), not the townships and banners above them. The home page and the
    /// 五老 page of a township or banner both count this list.
    /// </summary>
    public static async Task<IReadOnlyList<ElderUnitFigures>> OverdueCommendationsAsync(
        AppDbContext db, IReadOnlyCollection<int> unitIds, DateOnly today, CancellationToken ct)
    {
        var keepers = await db.Units.Where(u => unitIds.Contains(u.Id))
            .Where(u => u.Type != UnitType.Region && u.Type != UnitType.League && u.Type != UnitType.Banner && u.Type != UnitType.Township)
            .Select(u => u.Id).ToListAsync(ct);
        return Overdue(await ForGroupsAsync(db, keepers.ToDictionary(v => v, v => (IReadOnlyCollection<int>)[v]), today.Year, today, ct));
    }

    /// <summary>Whether a unit of this type holds 表彰会: one that keeps a 关工委 of its own, not a township or banner above them.</summary>
    public static bool HoldsCommendations(UnitType type) => !OrgUnit.IsAdministrative(type);

    /// <summary>Of units' own figures, those of the units that hold 表彰会 and are overdue, by name.</summary>
    public static IReadOnlyList<ElderUnitFigures> Overdue(IEnumerable<ElderUnitFigures> own) =>
        [.. own.Where(f => HoldsCommendations(f.UnitType) && f.Commendation.Overdue).OrderBy(f => f.UnitName, StringComparer.Ordinal)];

    /// <summary>
    /// 参与率 of each group of units for <paramref name="year"/> (a group: its unit id → the ids it rolls up, as in
    /// <see cref="ForGroupsAsync"/>). One query counts per unit; the groups add their units' counts up.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, Participation>> ParticipationAsync(
        AppDbContext db, IReadOnlyDictionary<int, IReadOnlyCollection<int>> groups, int year, CancellationToken ct)
    {
        var all = groups.Values.SelectMany(g => g).Distinct().ToList();
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var perUnit = await db.Elders.Where(e => all.Contains(e.UnitId)).Where(ElderRules.ActiveDuring(from, to))
            .Select(e => new { e.UnitId, TookPart = db.ActivityElders.Any(l => l.ElderId == e.Id && l.Activity!.Date >= from && l.Activity.Date <= to) })
            .GroupBy(x => x.UnitId)
            .Select(g => new { UnitId = g.Key, Active = g.Count(), TookPart = g.Count(x => x.TookPart) })
            .ToDictionaryAsync(x => x.UnitId, x => new Participation(x.Active, x.TookPart), ct);
        return groups.ToDictionary(g => g.Key, g => g.Value.Distinct().Aggregate(Participation.None, (sum, u) => sum + perUnit.GetValueOrDefault(u, Participation.None)));
    }

    /// <summary>Active count at each year end and growth, for a set of units taken together; counted by the database, one year at a time.</summary>
    public static Task<IReadOnlyList<ElderYear>> GrowthAsync(
        AppDbContext db, IReadOnlyCollection<int> unitIds, int fromYear, int toYear, DateOnly today, CancellationToken ct) =>
        GrowthAsync(db, db.Units.Where(u => unitIds.Contains(u.Id)).Select(u => u.Id), fromYear, toYear, today, ct);

    /// <summary>
    /// The same for the units a sub-query selects (a subtree by its path): the database reads them itself, where a list of
    /// ids would travel as one parameter per unit (5,000 for a league of ten banners).
    /// </summary>
    public static async Task<IReadOnlyList<ElderYear>> GrowthAsync(
        AppDbContext db, IQueryable<int> unitIds, int fromYear, int toYear, DateOnly today, CancellationToken ct)
    {
        var elders = db.Elders.Where(e => unitIds.Contains(e.UnitId));
        var years = new List<ElderYear>();
        var previous = await elders.Where(ElderRules.ActiveOnDay(ElderRules.YearEnd(fromYear - 1, today))).CountAsync(ct);
        for (var y = fromYear; y <= toYear; y++)
        {
            var asOf = ElderRules.YearEnd(y, today);
            var count = await elders.Where(ElderRules.ActiveOnDay(asOf)).CountAsync(ct);
            years.Add(new ElderYear(y, asOf, count, count - previous));
            previous = count;
        }

        return years;
    }

    /// <summary>The ids of the units at and below the unit with <paramref name="path"/>, as a sub-query.</summary>
    public static IQueryable<int> Subtree(AppDbContext db, string path) => db.Units.Where(u => u.Path.StartsWith(path)).Select(u => u.Id);

    /// <summary>A unit's subtree (itself and every unit under it), from the materialised paths.</summary>
    public static async Task<List<int>> SubtreeAsync(AppDbContext db, int unitId, CancellationToken ct)
    {
        var path = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstAsync(ct);
        return await db.Units.Where(u => u.Path.StartsWith(path)).Select(u => u.Id).ToListAsync(ct);
    }
}

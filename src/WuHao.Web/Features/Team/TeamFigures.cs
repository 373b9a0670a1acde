using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Web.Features.Team;

/// <summary>One unit's team flags: the home pages and the team page read the same figures.</summary>
public sealed record TeamFlags(int UnitId, string UnitName, UnitType UnitType, IReadOnlyList<Vacancy> Vacancies, int PartyMeetingsThisYear)
{
    public IEnumerable<Vacancy> FlaggedVacancies => Vacancies.Where(v => v.Flagged);

    public bool MeetingsShort => PartyMeetingsThisYear < TeamRules.RequiredPartyMeetingsPerYear;

    public bool HasFlags => MeetingsShort || FlaggedVacancies.Any();
}

/// <summary>How many hold a position of a unit on a day, and the latest term end before it (yyyymmdd; 0: none).</summary>
public sealed class PositionCount
{
    public int UnitId { get; init; }
    public string Position { get; init; } = "";
    public int Serving { get; init; }
    public int LastEnd { get; init; }
}

public static class TeamFigures
{
    /// <summary>
    /// Flags of the given units, in three queries whatever their number; the required positions are counted per unit
    /// and position by the database (<see cref="Positions"/>), and decided by the pure rule <see cref="TeamRules.Vacancies"/>.
    /// </summary>
    public static async Task<IReadOnlyList<TeamFlags>> FlagsAsync(
        AppDbContext db, IQueryable<int> unitIds, TeamOptions options, DateOnly today, CancellationToken ct)
    {
        var units = await db.Units.Where(u => unitIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Name, u.Type, u.Path, u.CommitteeFoundedOn, u.CreatedAt }).OrderBy(u => u.Path).ToListAsync(ct);
        var positions = await Positions(db, unitIds, options, today).ToListAsync(ct);
        var byUnit = positions.ToLookup(p => p.UnitId);
        var from = new DateOnly(today.Year, 1, 1);
        var meetings = await db.PartyMeetings.Where(m => unitIds.Contains(m.UnitId) && m.Date >= from && m.Date <= today)
            .GroupBy(m => m.UnitId).Select(g => new { UnitId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.UnitId, g => g.Count, ct);
        return units.Select(u => new TeamFlags(
                u.Id, u.Name, u.Type,
                Vacancies(u.Type, byUnit[u.Id], options, today, UnitSince(u.CommitteeFoundedOn, u.CreatedAt)),
                meetings.GetValueOrDefault(u.Id)))
            .ToList();
    }

    public static Task<IReadOnlyList<TeamFlags>> FlagsAsync(AppDbContext db, int unitId, TeamOptions options, DateOnly today, CancellationToken ct) =>
        FlagsAsync(db, db.Units.Where(u => u.Id == unitId).Select(u => u.Id), options, today, ct);

    /// <summary>
    /// For each unit and required position (of any unit type): how many hold it on <paramref name="day"/>, and the latest
    /// term end on or before it as yyyymmdd. The one query behind every vacancy figure: the team page, the home page and
    /// the indicator measure <c>teamVacancies</c>.
    /// </summary>
    public static IQueryable<PositionCount> Positions(AppDbContext db, IQueryable<int> units, TeamOptions options, DateOnly day)
    {
        var required = Enum.GetValues<UnitType>().SelectMany(options.RequiredFor).Distinct().ToList();
        return db.TeamMembers.Where(m => units.Contains(m.UnitId) && required.Contains(m.Position))
            .GroupBy(m => new { m.UnitId, m.Position })
            .Select(g => new PositionCount
            {
                UnitId = g.Key.UnitId,
                Position = g.Key.Position,
                Serving = g.Count(m => m.TermStart <= day && (m.TermEnd == null || m.TermEnd > day)),
                LastEnd = g.Max(m => m.TermEnd != null && m.TermEnd <= day
                    ? m.TermEnd.Value.Year * 10000 + m.TermEnd.Value.Month * 100 + m.TermEnd.Value.Day
                    : 0),
            });
    }

    /// <summary>The vacancies of one unit from its position counts, by <see cref="TeamRules.Vacancies"/>.</summary>
    public static IReadOnlyList<Vacancy> Vacancies(UnitType type, IEnumerable<PositionCount> counts, TeamOptions options, DateOnly day, DateOnly since)
    {
        // The pure rule reads members: one serving holder stands for a filled post, one past holder for the last term end.
        // A post never held so far (only future holders) has neither: it has been empty since the unit's founding.
        var facts = counts.Select(c => c.Serving > 0
            ? Holder(c.Position, DateOnly.MinValue, null)
            : c.LastEnd > 0
                ? Holder(c.Position, DateOnly.MinValue, new DateOnly(c.LastEnd / 10000, c.LastEnd / 100 % 100, c.LastEnd % 100))
                : Holder(c.Position, DateOnly.MaxValue, null));
        return TeamRules.Vacancies(options.RequiredFor(type), facts, day, since, options.VacancyGraceDays);
    }

    private static MemberFacts Holder(string position, DateOnly start, DateOnly? end) =>
        new(position, "", "", null, null, false, null, start, end);


    /// <summary>Since when a never-filled position counts as empty: the committee's founding, else the unit's creation.</summary>
    public static DateOnly UnitSince(DateOnly? committeeFoundedOn, DateTimeOffset createdAt) =>
        committeeFoundedOn ?? DateOnly.FromDateTime(createdAt.ToChinaTime().DateTime);

    /// <summary>
    /// The team figures of each of <paramref name="unitIds"/> as each unit's own page shows them: members serving
    /// today, vacancies, and party meetings of this year; a few commands whatever the number of units.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, TeamRow>> RowsAsync(
        AppDbContext db, IReadOnlyCollection<int> unitIds, TeamOptions options, DateOnly today, CancellationToken ct)
    {
        var ids = unitIds.Distinct().ToList();
        var flags = await FlagsAsync(db, db.Units.Where(u => ids.Contains(u.Id)).Select(u => u.Id), options, today, ct);
        var serving = await db.TeamMembers.Where(m => ids.Contains(m.UnitId) && m.TermStart <= today && (m.TermEnd == null || m.TermEnd > today))
            .GroupBy(m => m.UnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var from = new DateOnly(today.Year, 1, 1);
        var to = new DateOnly(today.Year, 12, 31);
        var meetings = await db.PartyMeetings.Where(m => ids.Contains(m.UnitId) && m.Date >= from && m.Date <= to)
            .GroupBy(m => m.UnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return flags.ToDictionary(f => f.UnitId, f => new TeamRow(f, serving.GetValueOrDefault(f.UnitId), new YearCounts(today.Year, meetings.GetValueOrDefault(f.UnitId), 0)));
    }

    /// <summary>Party meetings and study sessions per year, for the given years, counted by the database.</summary>
    public static async Task<IReadOnlyList<YearCounts>> YearCountsAsync(AppDbContext db, int unitId, int fromYear, int toYear, CancellationToken ct)
    {
        var from = new DateOnly(fromYear, 1, 1);
        var to = new DateOnly(toYear, 12, 31);
        var meetings = await db.PartyMeetings.Where(m => m.UnitId == unitId && m.Date >= from && m.Date <= to)
            .GroupBy(m => m.Date.Year).Select(g => new { Year = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Year, g => g.Count, ct);
        var studies = await db.StudySessions.Where(s => s.UnitId == unitId && s.Date >= from && s.Date <= to)
            .GroupBy(s => s.Date.Year).Select(g => new { Year = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Year, g => g.Count, ct);
        return Enumerable.Range(fromYear, toYear - fromYear + 1).Reverse()
            .Select(y => new YearCounts(y, meetings.GetValueOrDefault(y), studies.GetValueOrDefault(y)))
            .ToList();
    }
}

public sealed record YearCounts(int Year, int PartyMeetings, int StudySessions)
{
    public bool MeetingsShort => PartyMeetings < TeamRules.RequiredPartyMeetingsPerYear;
}

/// <summary>A unit's row in the 下辖单位 table of the team page .</summary>
public sealed record TeamRow(TeamFlags Flags, int Serving, YearCounts ThisYear);

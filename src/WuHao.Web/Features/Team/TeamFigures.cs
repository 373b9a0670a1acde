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

public static class TeamFigures
{
    /// <summary>Flags of the given units, in three queries whatever their number.</summary>
    public static async Task<IReadOnlyList<TeamFlags>> FlagsAsync(
        AppDbContext db, IReadOnlyCollection<int> unitIds, TeamOptions options, DateOnly today, CancellationToken ct)
    {
        var units = await db.Units.Where(u => unitIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Name, u.Type, u.Path, u.CommitteeFoundedOn, u.CreatedAt }).OrderBy(u => u.Path).ToListAsync(ct);
        var members = (await db.TeamMembers.Where(m => unitIds.Contains(m.UnitId))
                .Select(m => new { m.UnitId, Facts = new MemberFacts(m.Position, m.Affiliation, m.Gender, m.Ethnicity, m.PoliticalStatus, m.IsElder, m.BirthDate, m.TermStart, m.TermEnd) })
                .ToListAsync(ct))
            .ToLookup(m => m.UnitId, m => m.Facts);
        var from = new DateOnly(today.Year, 1, 1);
        var meetings = await db.PartyMeetings.Where(m => unitIds.Contains(m.UnitId) && m.Date >= from && m.Date <= today)
            .GroupBy(m => m.UnitId).Select(g => new { UnitId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.UnitId, g => g.Count, ct);
        return units.Select(u => new TeamFlags(
                u.Id, u.Name, u.Type,
                TeamRules.Vacancies(options.RequiredFor(u.Type), members[u.Id], today, UnitSince(u.CommitteeFoundedOn, u.CreatedAt), options.VacancyGraceDays),
                meetings.GetValueOrDefault(u.Id)))
            .ToList();
    }

    /// <summary>Since when a never-filled position counts as empty: the committee's founding, else the unit's creation.</summary>
    public static DateOnly UnitSince(DateOnly? committeeFoundedOn, DateTimeOffset createdAt) =>
        committeeFoundedOn ?? DateOnly.FromDateTime(createdAt.ToChinaTime().DateTime);

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

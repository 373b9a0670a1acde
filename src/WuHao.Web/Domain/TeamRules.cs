namespace WuHao.Web.Domain;

/// <summary>Settings for the "不缺位" rule; bound from configuration section "Team".</summary>
public sealed class TeamOptions
{
    public const string Section = "Team";

    /// <summary>Days a required position may stay empty before it is flagged.</summary>
    public int VacancyGraceDays { get; set; } = 90;

    /// <summary>Required positions per unit type (API name, e.g. "village"). A missing type falls back to the defaults.</summary>
    public Dictionary<string, string[]> RequiredPositions { get; set; } = [];

    public IReadOnlyList<string> RequiredFor(UnitType type) =>
        RequiredPositions.TryGetValue(OrgUnit.ApiName(type), out var configured) ? configured : DefaultRequired(type);

    public static IReadOnlyList<string> DefaultRequired(UnitType type) => type switch
    {
        UnitType.Region or UnitType.League or UnitType.Banner or UnitType.Township => ["主任", "常务副主任", "秘书长"],
        UnitType.School => ["主任", "副主任"],
        _ => ["主任", "副主任", "联络员"],
    };
}

/// <summary>One required position and how long it has been empty.</summary>
public sealed record Vacancy(string Position, DateOnly EmptySince, int DaysEmpty, bool Flagged);

/// <summary>The figures of "结构合理" for the members serving on one day.</summary>
public sealed record TeamStructure(
    int Total,
    IReadOnlyList<(string Band, int Count)> AgeBands,
    int Male,
    int Female,
    IReadOnlyList<(string Ethnicity, int Count)> Ethnicities,
    int PartyMembers,
    int Elders,
    IReadOnlyList<(string Organisation, bool Covered)> Coverage)
{
    public double ElderShare => Total == 0 ? 0 : (double)Elders / Total;
    public double PartyShare => Total == 0 ? 0 : (double)PartyMembers / Total;
}

/// <summary>The facts of one member that the team rules look at.</summary>
public sealed record MemberFacts(
    string Position, string Affiliation, string Gender, string? Ethnicity, string? PoliticalStatus,
    bool IsElder, DateOnly? BirthDate, DateOnly TermStart, DateOnly? TermEnd)
{
    public bool ServingOn(DateOnly day) => TermStart <= day && (TermEnd is null || TermEnd > day);
}

public static class TeamRules
{
    public static readonly IReadOnlyList<string> AgeBandNames = ["35岁以下", "35-49岁", "50-59岁", "60-69岁", "70岁及以上", "未填"];

    /// <summary>
    /// Every required position that nobody holds on <paramref name="today"/>. It has been empty since the
    /// latest term end among its past holders, or, if it was never filled, since <paramref name="unitSince"/>.
    /// It is flagged once it has been empty longer than the grace period.
    /// </summary>
    public static IReadOnlyList<Vacancy> Vacancies(
        IReadOnlyList<string> required, IEnumerable<MemberFacts> members, DateOnly today, DateOnly unitSince, int graceDays)
    {
        var list = members.ToList();
        var result = new List<Vacancy>();
        foreach (var position in required)
        {
            var holders = list.Where(m => m.Position == position).ToList();
            if (holders.Any(m => m.ServingOn(today)))
            {
                continue;
            }

            var lastEnd = holders.Where(m => m.TermEnd is not null && m.TermEnd <= today).Select(m => m.TermEnd!.Value)
                .DefaultIfEmpty(unitSince).Max();
            var since = lastEnd > today ? today : lastEnd;
            var days = today.DayNumber - since.DayNumber;
            result.Add(new Vacancy(position, since, days, days > graceDays));
        }

        return result;
    }

    public static TeamStructure Structure(IEnumerable<MemberFacts> members, DateOnly today)
    {
        var serving = members.Where(m => m.ServingOn(today)).ToList();
        var bands = AgeBandNames.Select(b => (Band: b, Count: serving.Count(m => AgeBand(m.BirthDate, today) == b))).ToList();
        var ethnicities = serving.GroupBy(m => string.IsNullOrWhiteSpace(m.Ethnicity) ? "未填" : m.Ethnicity!)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count())).ToList();
        var coverage = Vocabulary.CoveredOrganisations
            .Select(o => (o, serving.Any(m => m.Affiliation == o))).ToList();
        return new TeamStructure(
            serving.Count,
            bands,
            serving.Count(m => m.Gender == "男"),
            serving.Count(m => m.Gender == "女"),
            ethnicities,
            serving.Count(m => Vocabulary.IsPartyMember(m.PoliticalStatus)),
            serving.Count(m => m.IsElder || m.Affiliation == "五老"),
            coverage);
    }

    public static int? Age(DateOnly? birthDate, DateOnly today)
    {
        if (birthDate is not { } b)
        {
            return null;
        }

        var age = today.Year - b.Year;
        if (today < b.AddYears(age))
        {
            age--;
        }

        return age;
    }

    public static string AgeBand(DateOnly? birthDate, DateOnly today) => Age(birthDate, today) switch
    {
        null => "未填",
        < 35 => "35岁以下",
        < 50 => "35-49岁",
        < 60 => "50-59岁",
        < 70 => "60-69岁",
        _ => "70岁及以上",
    };

    /// <summary>The plan asks for at least two party-branch meetings on 关工委 work a year.</summary>
    public const int RequiredPartyMeetingsPerYear = 2;
}

using System.Linq.Expressions;

namespace WuHao.Web.Domain;

/// <summary>The statuses of a 五老 (API: English lowercase; UI and spreadsheets: the Chinese label).</summary>
public static class ElderStatuses
{
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Left = "left";
    public const string Deceased = "deceased";

    public static readonly IReadOnlyList<string> All = [Active, Paused, Left, Deceased];

    public static readonly IReadOnlyList<string> Labels = ["在册", "暂停", "退出", "已故"];

    public static string Label(string? status) => status switch
    {
        Active => "在册",
        Paused => "暂停",
        Left => "退出",
        Deceased => "已故",
        null => "",
        _ => status,
    };

    /// <summary>The code of a label or of a code ("在册" or "active"); null when it is neither.</summary>
    public static string? Parse(string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t))
        {
            return null;
        }

        var i = Labels.ToList().IndexOf(t);
        if (i >= 0)
        {
            return All[i];
        }

        return All.FirstOrDefault(s => string.Equals(s, t, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>One entry of a status history, as the rules read it.</summary>
public readonly record struct StatusFact(int ElderId, int UnitId, DateOnly Date, string Status, int Id);

/// <summary>The active count at one reference day (a year's end, or today for the running year) and its growth.</summary>
public sealed record ElderYear(int Year, DateOnly AsOf, int Active, int? Growth);

/// <summary>When the last commendation meeting was, and when the next is due .</summary>
public sealed record CommendationDue(DateOnly? Last, int? YearsSince, DateOnly Due, bool Overdue)
{
    /// <summary>Full months since the last meeting (11 months is not "0 years"); null when there was none.</summary>
    public int? MonthsSince { get; init; }
}

/// <summary>Pure rules of "五老作用发挥好": statuses on a day, growth, commendation cycle, training share.</summary>
public static class ElderRules
{
    /// <summary>The plan asks for a commendation meeting every three years.</summary>
    public const int CommendationIntervalYears = 3;

    /// <summary>The status of each elder on <paramref name="day"/>: its latest entry on or before that day (ties: the later entry).</summary>
    public static Dictionary<int, string> StatusOn(IEnumerable<StatusFact> history, DateOnly day)
    {
        var result = new Dictionary<int, (DateOnly Date, int Id, string Status)>();
        foreach (var f in history)
        {
            if (f.Date > day)
            {
                continue;
            }

            if (!result.TryGetValue(f.ElderId, out var seen) || f.Date > seen.Date || (f.Date == seen.Date && f.Id > seen.Id))
            {
                result[f.ElderId] = (f.Date, f.Id, f.Status);
            }
        }

        return result.ToDictionary(r => r.Key, r => r.Value.Status);
    }

    /// <summary>The elders active on <paramref name="day"/>. One who left or died before that day is not counted; one who joins later is not yet.</summary>
    public static HashSet<int> ActiveOn(IEnumerable<StatusFact> history, DateOnly day) =>
        StatusOn(history, day).Where(s => s.Value == ElderStatuses.Active).Select(s => s.Key).ToHashSet();

    /// <summary>
    /// Active on <paramref name="day"/>: joined by then, and the latest status entry on or before it (if any; ties: the
    /// later entry) says active. The expression form of <see cref="ActiveOn"/>, so that the database counts it.
    /// </summary>
    /// <remarks>
    /// Written as "no entry up to the day that says otherwise and has no later entry after it" (NOT EXISTS, an anti-join),
    /// not as "the latest entry's status" (a correlated ORDER BY … LIMIT 1): PostgreSQL cannot estimate the latter, planned
    /// the 五老 measures of 500 villages as a nested loop over every elder and spent seconds on them (issue 12).
    /// </remarks>
    public static Expression<Func<Elder, bool>> ActiveOnDay(DateOnly day) => e =>
        e.JoinDate <= day
        && !e.StatusChanges.Any(s => s.Date <= day && s.Status != ElderStatuses.Active
            && !e.StatusChanges.Any(l => l.Date <= day && (l.Date > s.Date || (l.Date == s.Date && l.Id > s.Id))));

    /// <summary>
    /// Active at some point from <paramref name="from"/> to <paramref name="to"/>, by the rule of <see cref="StatusOn"/>: joined by
    /// <paramref name="to"/>, and either active on <paramref name="from"/> (the latest entry on or before it says active, or there is
    /// none and the elder had joined), or becoming active within the period (joining in it, unless an entry of the join day says
    /// otherwise, or an entry "active" dated in it). An expression, so that the database counts it (参与率, R-2.1).
    /// </summary>
    public static Expression<Func<Elder, bool>> ActiveDuring(DateOnly from, DateOnly to) => e =>
        e.JoinDate <= to
        // Active on from: joined by then or with an entry by then, and no latest entry by then saying otherwise (as ActiveOnDay).
        && (((e.JoinDate <= from || e.StatusChanges.Any(s => s.Date <= from))
                && !e.StatusChanges.Any(s => s.Date <= from && s.Status != ElderStatuses.Active
                    && !e.StatusChanges.Any(l => l.Date <= from && (l.Date > s.Date || (l.Date == s.Date && l.Id > s.Id)))))
            || (e.JoinDate > from && !e.StatusChanges.Any(s => s.Date == e.JoinDate && s.Status != ElderStatuses.Active))
            || e.StatusChanges.Any(s => s.Date > from && s.Date <= to && s.Status == ElderStatuses.Active));

    /// <summary>The reference day of a year: its last day, or today while the year runs.</summary>
    public static DateOnly YearEnd(int year, DateOnly today) =>
        year >= today.Year ? today : new DateOnly(year, 12, 31);

    /// <summary>Active count at each year's end from <paramref name="fromYear"/> to <paramref name="toYear"/>, with growth against the year before ("逐年壮大").</summary>
    public static IReadOnlyList<ElderYear> Growth(IReadOnlyCollection<StatusFact> history, int fromYear, int toYear, DateOnly today)
    {
        var years = new List<ElderYear>();
        int? previous = ActiveOn(history, YearEnd(fromYear - 1, today)).Count;
        for (var y = fromYear; y <= toYear; y++)
        {
            var asOf = YearEnd(y, today);
            var active = ActiveOn(history, asOf).Count;
            years.Add(new ElderYear(y, asOf, active, active - previous));
            previous = active;
        }

        return years;
    }

    /// <summary>
    /// Years since the last commendation meeting up to <paramref name="today"/>, and the day the next is due: three
    /// years after the last, or, when there was none, three years after <paramref name="since"/> (the committee's founding).
    /// </summary>
    public static CommendationDue Commendation(DateOnly? last, DateOnly since, DateOnly today)
    {
        var due = (last ?? since).AddYears(CommendationIntervalYears);
        int? years = last is { } l ? FullYears(l, today) : null;
        int? months = last is { } m ? FullMonths(m, today) : null;
        return new CommendationDue(last, years, due, today > due) { MonthsSince = months };
    }

    /// <summary>Share of the active elders who took part in at least one training: 0..1; 0 when there is nobody active.</summary>
    public static double TrainedShare(IReadOnlySet<int> active, IEnumerable<int> trained)
    {
        if (active.Count == 0)
        {
            return 0;
        }

        return (double)trained.Distinct().Count(active.Contains) / active.Count;
    }

    public static int FullMonths(DateOnly from, DateOnly to)
    {
        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month;
        if (to < from.AddMonths(months))
        {
            months--;
        }

        return Math.Max(0, months);
    }

    public static int FullYears(DateOnly from, DateOnly to)
    {
        var years = to.Year - from.Year;
        if (to < from.AddYears(years))
        {
            years--;
        }

        return Math.Max(0, years);
    }
}

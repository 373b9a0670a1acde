namespace WuHao.Web.Domain;

/// <summary>Settings of the activity figures; bound from configuration section "Activities".</summary>
public sealed class ActivityOptions
{
    public const string Section = "Activities";

    /// <summary>Types every unit should cover in a year; default: every type of but 其他.</summary>
    public string[]? RequiredTypes { get; set; }

    public IReadOnlyList<string> Required => RequiredTypes is { Length: > 0 } configured
        ? configured
        : [.. Vocabulary.ActivityTypes.Where(t => t != "其他")];
}

/// <summary>A year's activity figures; <see cref="PerMonth"/> holds the count of each month, January first .</summary>
public sealed record ActivityFigures(
    int Year,
    int Count,
    IReadOnlyList<(string Type, int Count)> PerType,
    IReadOnlyList<int> MonthsWithout,
    IReadOnlyList<string> MissingTypes,
    int JointWithSchool,
    IReadOnlyList<int> PerMonth);

/// <summary>Pure rules of 制度健全执行好 and 活动经常效果好: what is missing in a year.</summary>
public static class RecordRules
{
    /// <summary>
    /// Required rule types with no document adopted by the end of <paramref name="year"/>: a rule stays in
    /// force once adopted, so a document of an earlier year counts.
    /// </summary>
    public static IReadOnlyList<string> MissingRuleTypes(IEnumerable<(string Type, DateOnly AdoptedOn)> documents, int year, IReadOnlyList<string> required)
    {
        var end = new DateOnly(year, 12, 31);
        var present = documents.Where(d => d.AdoptedOn <= end).Select(d => d.Type).ToHashSet();
        return [.. required.Where(t => !present.Contains(t))];
    }

    /// <summary>The stages of "有计划、有布置、有检查、有总结" with no record in the work year.</summary>
    public static IReadOnlyList<string> MissingStages(IEnumerable<string> stagesOfYear)
    {
        var present = stagesOfYear.ToHashSet();
        return [.. Vocabulary.WorkCycleStages.Where(s => !present.Contains(s))];
    }

    /// <summary>Income, spending and the balance of a year's fund entries.</summary>
    public static (decimal Income, decimal Spending, decimal Balance) FundTotals(IEnumerable<(string Direction, decimal Amount)> entries)
    {
        var list = entries.ToList();
        var income = list.Where(e => e.Direction == "income").Sum(e => e.Amount);
        var spending = list.Where(e => e.Direction == "spending").Sum(e => e.Amount);
        return (income, spending, income - spending);
    }

    /// <summary>
    /// The months of <paramref name="year"/> that have passed by <paramref name="today"/> (the current month
    /// included) and hold no activity. A month still running counts: "经常" means every month.
    /// Months after today are not yet missing; a future year has none.
    /// </summary>
    public static IReadOnlyList<int> MonthsWithout(IEnumerable<DateOnly> dates, int year, DateOnly today) =>
        EmptyMonths(dates.Where(d => d.Year == year).Select(d => d.Month), year, today);

    /// <summary><see cref="MonthsWithout"/> given the months of the year that hold an activity.</summary>
    public static IReadOnlyList<int> EmptyMonths(IEnumerable<int> monthsHeld, int year, DateOnly today)
    {
        var last = year < today.Year ? 12 : year == today.Year ? today.Month : 0;
        var held = monthsHeld.ToHashSet();
        return [.. Enumerable.Range(1, last).Where(m => !held.Contains(m))];
    }

    /// <summary>
    /// A year's figures from counts the database made: activities per month (and joint ones among them) and
    /// activities per type, possibly in several rows per month or type (one per unit) that are added up.
    /// An activity of several types counts once for each.
    /// </summary>
    public static ActivityFigures Activities(
        int year, IEnumerable<(int Month, int Count, int Joint)> months, IEnumerable<(string Type, int Count)> types,
        DateOnly today, IReadOnlyList<string> requiredTypes)
    {
        var perMonth = months.ToList();
        var counts = types.GroupBy(t => t.Type).ToDictionary(g => g.Key, g => g.Sum(t => t.Count));
        var perType = Vocabulary.ActivityTypes
            .Select(t => (Type: t, Count: counts.GetValueOrDefault(t)))
            .Concat(counts.Where(c => !Vocabulary.ActivityTypes.Contains(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => (Type: c.Key, c.Value)))
            .ToList();
        return new ActivityFigures(
            year,
            perMonth.Sum(m => m.Count),
            perType,
            EmptyMonths(perMonth.Where(m => m.Count > 0).Select(m => m.Month), year, today),
            [.. requiredTypes.Where(t => counts.GetValueOrDefault(t) == 0)],
            perMonth.Sum(m => m.Joint),
            [.. Enumerable.Range(1, 12).Select(month => perMonth.Where(m => m.Month == month).Sum(m => m.Count))]);
    }

    /// <summary>The plan asks each village and its school for at least one joint activity a year .</summary>
    public const int RequiredJointActivitiesPerYear = 1;
}

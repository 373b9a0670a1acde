namespace WuHao.Web.Domain;

/// <summary>A stage's dates, as the calendar reads them.</summary>
public sealed record StageDates(string Kind, int? Year, DateOnly Start, DateOnly Due)
{
    public string Label => (Year is { } y ? $"{y}年" : "") + StageKinds.Label(Kind);
}

/// <summary>What a day looks like in a campaign: the stages running, and the next thing due.</summary>
public sealed record CalendarDay(DateOnly Day, IReadOnlyList<StageDates> Running, StageDates? Next)
{
    /// <summary>The most specific stage running: a yearly one (自查, 乡初审, 验收) before a long phase.</summary>
    public StageDates? Current => Running.Count > 0 ? Running[0] : null;
}

/// <summary>
/// The campaign calendar, pure: which stage runs on a day, what is due and by when, and whether a self-check is
/// late. Every page that belongs to a stage asks it the same way.
/// </summary>
public static class CampaignCalendar
{
    public static CalendarDay On(IEnumerable<StageDates> stages, DateOnly day)
    {
        var list = stages.ToList();
        var running = list.Where(s => s.Start <= day && day <= s.Due)
            .OrderByDescending(s => StageKinds.IsYearly(s.Kind)).ThenBy(s => s.Due).ToList();
        var next = list.Where(s => s.Start > day).OrderBy(s => s.Start).ThenBy(s => s.Due).FirstOrDefault();
        return new CalendarDay(day, running, next);
    }

    /// <summary>The stage of a kind in a year (a yearly stage), or the one of that kind (准备, 创建).</summary>
    public static StageDates? Find(IEnumerable<StageDates> stages, string kind, int? year) =>
        stages.FirstOrDefault(s => s.Kind == kind && (s.Year == year || (s.Year is null && !StageKinds.IsYearly(kind))));

    /// <summary>The year a round page opens on: the latest year whose 自查 has begun, else the current year.</summary>
    public static int WorkYear(IEnumerable<StageDates> stages, DateOnly today) =>
        stages.Where(s => s.Kind == StageKinds.SelfCheck && s.Year is not null && s.Start <= today).Select(s => s.Year!.Value).DefaultIfEmpty(today.Year).Max();

    /// <summary>
    /// A self-check is late when it was submitted after the 自查 stage's due date, or when it was not submitted and
    /// that date has passed. The due date itself is still on time.
    /// </summary>
    public static bool IsLate(DateOnly due, DateOnly? submittedOn, DateOnly today) =>
        submittedOn is { } on ? on > due : today > due;

    /// <summary>"2024年自查：2024年8月1日至8月31日，8月31日前嘎查村（学校）提交自评".</summary>
    public static string Describe(StageDates s) =>
        $"{s.Label}：{Zh(s.Start)}至{Zh(s.Due)}，{Zh(s.Due)}前{StageKinds.DueWhat(s.Kind)}";

    /// <summary>What a page says about the day: the stage running and what is due, or the next stage.</summary>
    public static string Summary(CalendarDay day)
    {
        if (day.Current is { } now)
        {
            var left = now.Due.DayNumber - day.Day.DayNumber;
            return $"当前阶段：{now.Label}（{Zh(now.Start)}至{Zh(now.Due)}）。{Zh(now.Due)}前{StageKinds.DueWhat(now.Kind)}" + (left == 0 ? "，今天截止。" : $"，还有{left}天。");
        }

        return day.Next is { } next ? $"当前不在验收工作的任何阶段。下一阶段：{Describe(next)}。" : "本次创建工作的各阶段都已结束。";
    }

    /// <summary>
    /// The seed plan's dates: 准备阶段 2023年5月至6月 (实施方案 due 6月20日), 创建阶段 2023年6月至2025年7月, and each
    /// year 自查 in August, 乡初审 early September, 验收 by the end of September, from 2023 to <paramref name="lastYear"/>
    /// (the plan's final acceptance is 2025年9月; the status is reviewed every year after, R-6.7).
    /// </summary>
    public static IReadOnlyList<StageDates> Seed(int lastYear)
    {
        var stages = new List<StageDates>
        {
            new(StageKinds.Prepare, null, new DateOnly(2023, 5, 1), new DateOnly(2023, 6, 20)),
            new(StageKinds.Create, null, new DateOnly(2023, 6, 1), new DateOnly(2025, 7, 31)),
        };
        for (var y = 2023; y <= Math.Max(2025, lastYear); y++)
        {
            stages.AddRange(Yearly(y));
        }

        return stages;
    }

    /// <summary>One year's 验收阶段: 自查 8月1日–31日, 乡初审 9月1日–10日, 验收 9月11日–30日.</summary>
    public static IReadOnlyList<StageDates> Yearly(int year) =>
    [
        new(StageKinds.SelfCheck, year, new DateOnly(year, 8, 1), new DateOnly(year, 8, 31)),
        new(StageKinds.Review, year, new DateOnly(year, 9, 1), new DateOnly(year, 9, 10)),
        new(StageKinds.Acceptance, year, new DateOnly(year, 9, 11), new DateOnly(year, 9, 30)),
    ];

    private static string Zh(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";
}

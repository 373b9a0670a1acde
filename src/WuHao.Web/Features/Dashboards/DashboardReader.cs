using Microsoft.Extensions.Options;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;
using WuHao.Web.Features.Activities;
using WuHao.Web.Features.Assessment;
using WuHao.Web.Features.Elders;
using WuHao.Web.Features.Indicators;
using WuHao.Web.Features.Reminders;

namespace WuHao.Web.Features.Dashboards;

/// <summary>An indicator of the system the dashboard scores with: a column of the heat map.</summary>
public sealed record DashboardIndicator(string Code, string Name, decimal Points, bool Bonus, bool Veto);

/// <summary>
/// A unit below in the ranking: its total, result and its score per indicator (in the order of
/// <see cref="Dashboard.Indicators"/>; null while pending and for a veto item), and the share of the points it scored
/// per indicator (0–1, null when not scored), which colours the heat map.
/// </summary>
public sealed record DashboardUnit(
    int Rank, int UnitId, string Name, decimal Total, bool Passed, bool Vetoed, string Result, string Url,
    IReadOnlyList<decimal?> Scores, IReadOnlyList<decimal?> Shares, IReadOnlyList<string> Statuses);

/// <summary>An indicator with open gaps: how many units fall short of it, and the points they could still win.</summary>
public sealed record DashboardGap(string Code, string Name, int Units, decimal Recoverable);

/// <summary>Activities of one month of the year (1–12), recorded by the units at and below the dashboard's unit.</summary>
public sealed record DashboardMonth(int Month, int Count);

/// <summary>Activities of one type in the year.</summary>
public sealed record DashboardType(string Type, int Count);

/// <summary>One of the dashboard unit's open deadlines, as the home page and the calendar list them.</summary>
public sealed record DashboardDeadline(string Kind, string KindLabel, DateOnly Due, bool Missed, string Title, int UnitId, string Url);

/// <summary>达标率 of one year: the assessed units below and how many hold the title at the year's end.</summary>
public sealed record DashboardRate(int Year, int Units, int Certified, decimal Rate);

/// <summary>
/// The township's or banner's dashboard: the page and <c>GET /api/v1/units/{unitId}/dashboard</c> both read this.
/// Every number comes from the evaluation matrix (<see cref="Evaluations.MatrixAsync"/>) and the existing figures
/// (<see cref="ElderFigures"/>, <see cref="ActivityCounts"/>, <see cref="Deadlines"/>, <see cref="Certifications"/>),
/// so the dashboard cannot disagree with the pages and APIs that show the same numbers.
/// </summary>
public sealed record Dashboard(
    int UnitId, string UnitName, string UnitType, int Year, int? SystemId, string? SystemName, decimal? PassScore,
    IReadOnlyList<DashboardIndicator> Indicators,
    IReadOnlyList<DashboardUnit> Ranking,
    IReadOnlyList<DashboardGap> OpenGaps,
    IReadOnlyList<ElderYear> Elders,
    int Activities,
    IReadOnlyList<DashboardMonth> ActivitiesPerMonth,
    IReadOnlyList<DashboardType> ActivitiesPerType,
    IReadOnlyList<DashboardDeadline> Deadlines,
    IReadOnlyList<DashboardRate> Rates)
{
    /// <summary>How many of the ranked units pass.</summary>
    public int Passed => Ranking.Count(r => r.Passed);
}

/// <summary>Reads a <see cref="Dashboard"/>: a fixed number of commands, whatever the number of units below.</summary>
public sealed class DashboardReader(
    AppDbContext db, EvaluationPages pages, Deadlines deadlines, Certifications certifications, IOptions<ActivityOptions> activities, TimeProvider time)
{
    /// <summary>The years the 五老 and 达标率 series cover, the dashboard's year last.</summary>
    public const int YearsShown = 5;

    /// <summary>The unit types that have units below them to rank: the dashboard is theirs.</summary>
    public static readonly UnitType[] Areas = [UnitType.Region, UnitType.League, UnitType.Banner, UnitType.Township];

    /// <summary>Why no dashboard: 404 (no such unit in the user's scope, or a unit with no units below), or 400 (a bad year or system).</summary>
    public sealed record Outcome(Dashboard? Dashboard, int Status, string? Field, string? Message);

    public async Task<Outcome> ReadAsync(int unitId, int? year, int? systemId, CancellationToken ct)
    {
        var found = await pages.UnitAsync(unitId, year, systemId, forMatrix: true, ct);
        if (found.Invalid is not null)
        {
            return year is < 2000 or > 2100
                ? new Outcome(null, 400, "year", "年度请填写2000到2100之间的年份")
                : new Outcome(null, 400, "systemId", "指标体系不存在，或不适用于该单位");
        }

        if (found.Unit is not { } unit || !Areas.Contains(unit.Type))
        {
            return new Outcome(null, 404, null, null);
        }

        // A banner's or township's dashboard reads one banner's records: one shard under ADR-016.
        using var banner = await BannerColumn.ScopeToAsync(db, unit.Id, ct);
        var today = time.Today();
        var y = found.Year;
        IReadOnlyList<UnitEvaluation> rows = found.System is { } record ? await pages.Evaluations.MatrixAsync(unit, record, y, ct) : [];
        var indicators = found.System is null ? [] : Evaluations.Definition(found.System).Indicators
            .Select(i => new DashboardIndicator(i.Code, i.Name, i.FullPoints, i.Bonus, i.Veto)).ToList();

        var subtree = ElderFigures.Subtree(db, unit.Path);
        var elders = await ElderFigures.GrowthAsync(db, subtree, y - YearsShown + 1, y, today, ct);
        var perUnit = await ActivityCounts.ByUnitAsync(db, subtree, y, today, activities.Value.Required, ct);
        var perMonth = Enumerable.Range(1, 12).Select(m => new DashboardMonth(m, perUnit.Values.Sum(f => f.PerMonth[m - 1]))).ToList();
        var perType = perUnit.Values.SelectMany(f => f.PerType).GroupBy(t => t.Type)
            .Select(g => new DashboardType(g.Key, g.Sum(t => t.Count))).ToList();
        var open = await deadlines.ForUnitAsync(new DeadlineUnit(unit.Id, unit.Name, unit.Type, unit.Path), ct);
        var rates = (await certifications.RatesAsync(unit.Id, [.. Enumerable.Range(y - YearsShown + 1, YearsShown)], ct))
            .Where(r => r.UnitId == unit.Id).OrderBy(r => r.Year).Select(r => new DashboardRate(r.Year, r.Units, r.Certified, r.Rate)).ToList();

        return new Outcome(new Dashboard(
            unit.Id, unit.Name, OrgUnit.ApiName(unit.Type), y, found.System?.Id, found.System?.Name, found.System?.PassScore,
            indicators, Rank(rows, indicators, y, found.System?.Id), OpenGaps(rows, indicators), elders,
            perUnit.Values.Sum(f => f.Count), perMonth, perType,
            [.. open.Select(d => new DashboardDeadline(d.Kind, d.KindLabel, d.Due, d.MissedOn(today), d.Title, d.UnitId, d.Url))],
            rates), 200, null, null);
    }

    /// <summary>The units by total, highest first (ties by name); each with its scores in the order of the indicators.</summary>
    private static List<DashboardUnit> Rank(IReadOnlyList<UnitEvaluation> rows, IReadOnlyList<DashboardIndicator> indicators, int year, int? systemId) =>
        [.. rows.OrderByDescending(r => r.Evaluation.Total).ThenBy(r => r.Unit.Name, StringComparer.Ordinal).ThenBy(r => r.Unit.Id)
            .Select((r, i) =>
            {
                var byCode = r.Evaluation.Indicators.ToDictionary(x => x.Code);
                var results = indicators.Select(c => byCode[c.Code]).ToList();
                return new DashboardUnit(i + 1, r.Unit.Id, r.Unit.Name, r.Evaluation.Total, r.Evaluation.Passed, r.Evaluation.Vetoed,
                    r.Evaluation.Vetoed ? "否决" : r.Evaluation.Result, $"/Evaluation/{r.Unit.Id}?year={year}&systemId={systemId}",
                    [.. results.Select(x => x.Score)],
                    [.. results.Select(x => x.Score is { } s && x.Points > 0 ? Math.Round(s / x.Points, 2) : (decimal?)null)],
                    [.. results.Select(x => x.Status)]);
            })];

    /// <summary>
    /// Per indicator, the units with an open gap: the shortfalls the 查遗补漏 list opens (<see cref="Evaluator.Gaps"/>
    /// without the pending manual items, as <see cref="Evaluations.SyncGapsAsync"/> keeps them). Most units first.
    /// </summary>
    private static List<DashboardGap> OpenGaps(IReadOnlyList<UnitEvaluation> rows, IReadOnlyList<DashboardIndicator> indicators)
    {
        var gaps = rows.SelectMany(r => Evaluator.Gaps(r.Evaluation).Where(g => g.Status != IndicatorStatus.Pending)).ToLookup(g => g.Code);
        return [.. indicators.Where(i => gaps[i.Code].Any())
            .Select(i => new DashboardGap(i.Code, i.Name, gaps[i.Code].Count(), gaps[i.Code].Sum(g => g.Recoverable)))
            .OrderByDescending(g => g.Units).ThenBy(g => g.Code, StringComparer.Ordinal)];
    }
}

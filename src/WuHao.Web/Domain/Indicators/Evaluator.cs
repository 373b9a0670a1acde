namespace WuHao.Web.Domain.Indicators;

/// <summary>A record an indicator counted (API: <c>{"collection": "party-meetings", "id": 31}</c>).</summary>
public sealed record EvidenceLink(string Collection, int Id);

/// <summary>One indicator in an evaluation (API.md "Evaluation shape").</summary>
public sealed record IndicatorResult
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public decimal Points { get; init; }

    /// <summary>Null while a manual indicator is pending, and for a veto item (not scored).</summary>
    public decimal? Score { get; init; }

    /// <summary>auto or manual.</summary>
    public required string Kind { get; init; }

    /// <summary><see cref="IndicatorStatus"/>: met, partial, unmet, pending.</summary>
    public required string Status { get; init; }
    public required string Reason { get; init; }
    public bool Bonus { get; init; }
    public bool Veto { get; init; }
    public string? Method { get; init; }

    /// <summary>What would close the gap, e.g. 再召开1次党支部专题会议可得2.5分; null when met.</summary>
    public string? Gap { get; init; }

    /// <summary>The points closing the gap would recover.</summary>
    public decimal Recoverable { get; init; }

    /// <summary>The records counted, when the caller asked for them (one unit's page, a round's snapshot); empty in a matrix.</summary>
    public IReadOnlyList<EvidenceLink> Evidence { get; init; } = [];
}

public sealed record SectionResult(string Code, string Name, decimal Score, decimal Max, IReadOnlyList<IndicatorResult> Indicators);

/// <summary>
/// A unit's evaluation for a year against a system. <see cref="Total"/> = non-bonus scores + bonus scores;
/// <see cref="Passed"/> when the total reaches the pass score and no veto item failed. Pending manual items count 0.
/// </summary>
public sealed record Evaluation
{
    public int Year { get; init; }
    public decimal Total { get; init; }
    public decimal MaxTotal { get; init; }
    public decimal Bonus { get; init; }
    public decimal PassScore { get; init; }
    public bool Passed { get; init; }
    public bool Vetoed { get; init; }

    /// <summary>Manual indicators not yet scored: the result may still change.</summary>
    public int Pending { get; init; }
    public IReadOnlyList<SectionResult> Sections { get; init; } = [];

    public IEnumerable<IndicatorResult> Indicators => Sections.SelectMany(s => s.Indicators);

    /// <summary>达标 or 未达标.</summary>
    public string Result => Passed ? "达标" : "未达标";
}

/// <summary>A 查遗补漏 item: an indicator short of full points, what would close it and what that recovers.</summary>
public sealed record GapItem(string Code, string Name, string Status, decimal Recoverable, string Action, bool Bonus, bool Veto);

/// <summary>
/// The fold of DESIGN.md "The scoring engine": one system, one year, one unit's measure values and the assessor's
/// manual scores → the evaluation. The single page, the matrix (the same fold per unit), the gap list and the
/// documents all call this; nothing scores another way.
/// </summary>
public static class Evaluator
{
    /// <summary>Evaluates one unit: <paramref name="values"/> are its measure values for <paramref name="year"/>, fetched for <see cref="IndicatorSystem.MeasureKeys"/> of <paramref name="system"/>.</summary>
    /// <param name="system">A valid system (<see cref="IndicatorValidator"/>).</param>
    /// <param name="year">The evaluated calendar year.</param>
    /// <param name="values">The unit's measure values.</param>
    /// <param name="manual">The assessor's judgements by indicator code; a missing one leaves a manual indicator pending.</param>
    /// <param name="evidence">The records counted per measure key, for one unit's page; null in a matrix.</param>
    public static Evaluation Evaluate(IndicatorSystem system, int year, IMeasureValues values,
        IReadOnlyDictionary<string, ManualScore>? manual = null,
        IReadOnlyDictionary<MeasureKey, IReadOnlyList<EvidenceLink>>? evidence = null)
    {
        var scored = system.Sections
            .Select(section => (section.Code, section.Name, (IReadOnlyList<IndicatorResult>)[.. section.Indicators.Select(i => Score(i, year, values, manual, evidence))]))
            .ToList();
        return Fold(system, year, scored);
    }

    /// <summary>
    /// The fold itself: section sums, total, bonus, veto and result from indicator results, however they were scored (from
    /// the records, or a round's frozen snapshot with the assessor's changes).
    /// </summary>
    public static Evaluation Fold(IndicatorSystem system, int year, IReadOnlyList<(string Code, string Name, IReadOnlyList<IndicatorResult> Indicators)> scored)
    {
        var sections = new List<SectionResult>();
        foreach (var (code, name, results) in scored)
        {
            var score = results.Sum(r => r.Score ?? 0);
            var max = results.Where(r => !r.Bonus && !r.Veto).Sum(r => r.Points);
            sections.Add(new SectionResult(code, name, IndicatorRules.Round(score), max, results));
        }

        var all = sections.SelectMany(s => s.Indicators).ToList();
        var total = IndicatorRules.Round(all.Sum(r => r.Score ?? 0));
        var vetoed = all.Any(r => r.Veto && r.Status == IndicatorStatus.Unmet);
        return new Evaluation
        {
            Year = year,
            Total = total,
            MaxTotal = system.MaxTotal ?? all.Where(r => !r.Bonus && !r.Veto).Sum(r => r.Points),
            Bonus = IndicatorRules.Round(all.Where(r => r.Bonus).Sum(r => r.Score ?? 0)),
            PassScore = system.PassScore,
            Vetoed = vetoed,
            Passed = !vetoed && total >= system.PassScore,
            Pending = all.Count(r => r.Status == IndicatorStatus.Pending),
            Sections = sections,
        };
    }

    /// <summary>The 查遗补漏 list of an evaluation: every indicator short of full points (or pending, or a failed veto), most points first; failed veto items lead.</summary>
    public static IReadOnlyList<GapItem> Gaps(Evaluation evaluation) =>
        [.. evaluation.Indicators
            .Where(r => r.Status != IndicatorStatus.Met)
            .Select(r => new GapItem(r.Code, r.Name, r.Status, r.Recoverable, r.Gap ?? r.Reason, r.Bonus, r.Veto))
            .OrderByDescending(g => g.Veto && g.Status == IndicatorStatus.Unmet)
            .ThenByDescending(g => g.Recoverable)
            .ThenBy(g => g.Bonus)
            .ThenBy(g => g.Code, StringComparer.Ordinal)];

    private static IndicatorResult Score(Indicator indicator, int year, IMeasureValues values,
        IReadOnlyDictionary<string, ManualScore>? manual, IReadOnlyDictionary<MeasureKey, IReadOnlyList<EvidenceLink>>? evidence)
    {
        var key = MeasureKey.For(indicator.Rule);
        var outcome = key is null
            ? IndicatorRules.Manual(indicator, manual?.GetValueOrDefault(indicator.Code))
            : IndicatorRules.Score(indicator, year, values.Find(key));
        return new IndicatorResult
        {
            Code = indicator.Code,
            Name = indicator.Name,
            Points = indicator.FullPoints,
            Score = outcome.Score,
            Kind = key is null ? "manual" : "auto",
            Status = outcome.Status,
            Reason = outcome.Reason,
            Bonus = indicator.Bonus,
            Veto = indicator.Veto,
            Method = indicator.Method,
            Gap = outcome.Gap,
            Recoverable = outcome.Recoverable,
            Evidence = key is not null && evidence?.GetValueOrDefault(key) is { } links ? links : [],
        };
    }
}

namespace WuHao.Web.Domain.Indicators;

/// <summary>
/// What a submitted round step froze (R-6.5, ADR-013): the evaluation as it was (per indicator score, reason, note,
/// evidence links) and each counted record's id, version and evidence file hashes. Stored as JSON in the step's row; never
/// recomputed. Field names are the API's.
/// </summary>
public sealed record RoundSnapshot
{
    public int SystemId { get; init; }
    public string SystemName { get; init; } = "";
    public string SystemEdition { get; init; } = "";
    public int Year { get; init; }
    public decimal Total { get; init; }
    public decimal MaxTotal { get; init; }
    public decimal Bonus { get; init; }
    public decimal PassScore { get; init; }
    public bool Passed { get; init; }
    public bool Vetoed { get; init; }
    public int Pending { get; init; }
    public IReadOnlyList<SnapshotSection> Sections { get; init; } = [];

    /// <summary>Every record the evaluation counted, as it was at submission.</summary>
    public IReadOnlyList<SnapshotRecord> Records { get; init; } = [];

    public IEnumerable<SnapshotIndicator> Indicators => Sections.SelectMany(s => s.Indicators);

    public string Result => Passed ? "达标" : "未达标";

    public SnapshotIndicator? Find(string code) => Indicators.FirstOrDefault(i => i.Code == code);

    /// <param name="e">The evaluation to freeze.</param>
    /// <param name="system">The system it was scored by.</param>
    /// <param name="records">The counted records (and the scorer's photos) as they are now.</param>
    /// <param name="basis">The step before, to mark what this step changed; null for 自评.</param>
    /// <param name="notes">The scorer's notes and photos by indicator code.</param>
    public static RoundSnapshot From(Evaluation e, IndicatorSystemRecord system, IReadOnlyList<SnapshotRecord> records,
        IReadOnlyList<SnapshotIndicator>? basis = null, IReadOnlyDictionary<string, SnapshotIndicator>? notes = null)
    {
        var before = basis?.ToDictionary(b => b.Code);
        return new()
        {
            SystemId = system.Id, SystemName = system.Name, SystemEdition = system.Edition, Year = e.Year, Total = e.Total, MaxTotal = e.MaxTotal,
            Bonus = e.Bonus, PassScore = e.PassScore, Passed = e.Passed, Vetoed = e.Vetoed, Pending = e.Pending, Records = records,
            Sections = [.. e.Sections.Select(s => new SnapshotSection(s.Code, s.Name, s.Score, s.Max, [.. s.Indicators.Select(i => new SnapshotIndicator
            {
                Code = i.Code, Name = i.Name, Points = i.Points, Score = i.Score, Kind = i.Kind, Status = i.Status, Reason = i.Reason, Bonus = i.Bonus,
                Veto = i.Veto, Method = i.Method, Evidence = i.Evidence, Recoverable = i.Recoverable, Gap = i.Gap,
                Adjusted = before?.GetValueOrDefault(i.Code) is { } p && (p.Score != i.Score || p.Status != i.Status),
                Note = notes?.GetValueOrDefault(i.Code)?.Note, FileIds = notes?.GetValueOrDefault(i.Code)?.FileIds ?? [],
            })]))],
        };
    }
}

public sealed record SnapshotSection(string Code, string Name, decimal Score, decimal Max, IReadOnlyList<SnapshotIndicator> Indicators);

public sealed record SnapshotIndicator
{
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public decimal Points { get; init; }
    public decimal? Score { get; init; }

    /// <summary>auto or manual.</summary>
    public string Kind { get; init; } = "";
    public string Status { get; init; } = "";
    public string Reason { get; init; } = "";
    public bool Bonus { get; init; }
    public bool Veto { get; init; }
    public string? Method { get; init; }
    public string? Gap { get; init; }
    public decimal Recoverable { get; init; }
    public IReadOnlyList<EvidenceLink> Evidence { get; init; } = [];

    /// <summary>The step changed this indicator's score from the step before (or from the records, for 自评).</summary>
    public bool Adjusted { get; init; }

    /// <summary>The scorer's note (扣分理由 or 评分说明).</summary>
    public string? Note { get; init; }

    /// <summary>The scorer's photos and files (evidence file ids), with their hashes in <see cref="RoundSnapshot.Records"/>.</summary>
    public IReadOnlyList<int> FileIds { get; init; } = [];

    public IndicatorResult ToResult() => new()
    {
        Code = Code, Name = Name, Points = Points, Score = Score, Kind = Kind, Status = Status, Reason = Reason, Bonus = Bonus, Veto = Veto,
        Method = Method, Gap = Gap, Recoverable = Recoverable, Evidence = Evidence,
    };
}

/// <summary>A counted record as it was: its collection and id, its version, and its evidence files' SHA-256.</summary>
public sealed record SnapshotRecord(string Collection, int Id, int Version, string Title, IReadOnlyList<SnapshotFile> Files);

public sealed record SnapshotFile(int Id, string Sha256);

/// <summary>One indicator as a scorer sets it: a score (or, for a veto item, failed), the note or 扣分理由, photos.</summary>
public sealed record ScoreInput(string Code, decimal? Score, string? Note, bool Failed = false, IReadOnlyList<int>? FileIds = null);

/// <summary>
/// Scoring a round step from the step before, pure: the assessor may change an automatic score only with a reason
/// (扣分理由); manual and veto items are judged with a note (<see cref="IndicatorRules.Manual"/>); the unit itself may
/// judge only its manual items. The totals come from the same fold as every evaluation.
/// </summary>
public static class RoundScoring
{
    public sealed record Scored(Evaluation? Evaluation, IReadOnlyDictionary<string, SnapshotIndicator> Notes, IReadOnlyList<(string Field, string Message)> Errors);

    /// <param name="system">The round's indicator system.</param>
    /// <param name="year">The round's year.</param>
    /// <param name="basis">The indicators as the step before left them (or as the records give them, for 自评).</param>
    /// <param name="inputs">The scorer's changes; indicators not named keep the basis.</param>
    /// <param name="assessor">False for the unit's own 自评: automatic scores are then not the unit's to change.</param>
    public static Scored Apply(IndicatorSystem system, int year, IReadOnlyList<SnapshotIndicator> basis, IReadOnlyList<ScoreInput> inputs, bool assessor)
    {
        var errors = new List<(string, string)>();
        var byCode = basis.ToDictionary(b => b.Code);
        var notes = new Dictionary<string, SnapshotIndicator>();
        var changed = new Dictionary<string, IndicatorResult>();
        foreach (var (input, index) in inputs.Select((x, i) => (x, i)))
        {
            var field = $"scores[{index}]";
            var indicator = system.Indicators.FirstOrDefault(i => i.Code == input.Code);
            if (indicator is null || !byCode.TryGetValue(input.Code, out var before))
            {
                errors.Add((field, $"指标体系中没有编号为“{input.Code}”的指标"));
                continue;
            }

            if (input.Note is { Length: > 500 })
            {
                errors.Add((field, $"指标{indicator.Code}：说明不能超过500个字"));
                continue;
            }

            var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
            if (MeasureKey.For(indicator.Rule) is null)
            {
                var manual = new ManualScore(indicator.Veto ? null : input.Score, note, input.Failed);
                if (IndicatorRules.CheckManual(indicator, manual) is { } error)
                {
                    errors.Add((field, error));
                    continue;
                }

                var outcome = IndicatorRules.Manual(indicator, manual);
                changed[indicator.Code] = before.ToResult() with
                {
                    Score = outcome.Score, Status = outcome.Status, Reason = outcome.Reason, Gap = outcome.Gap, Recoverable = outcome.Recoverable,
                };
            }
            else if (input.Score is { } score && score != before.Score)
            {
                if (!assessor)
                {
                    errors.Add((field, $"指标{indicator.Code}是按记录自动计分的，自评不能改动；请补齐记录"));
                    continue;
                }

                if (score < 0 || score > indicator.FullPoints)
                {
                    errors.Add((field, $"指标{indicator.Code}：得分须在0到{IndicatorRules.N(indicator.FullPoints)}分之间"));
                    continue;
                }

                if (note is null)
                {
                    errors.Add((field, $"指标{indicator.Code}：改动自动计算的得分（{IndicatorRules.N(before.Score ?? 0)}分）必须填写扣分理由"));
                    continue;
                }

                var rounded = IndicatorRules.Round(score);
                changed[indicator.Code] = before.ToResult() with
                {
                    Score = rounded,
                    Status = rounded >= indicator.FullPoints ? IndicatorStatus.Met : rounded > 0 ? IndicatorStatus.Partial : IndicatorStatus.Unmet,
                    Reason = $"验收组评为{IndicatorRules.N(rounded)}分（原{IndicatorRules.N(before.Score ?? 0)}分）：{note}",
                    Gap = rounded >= indicator.FullPoints ? null : $"按验收组意见整改：{note}",
                    Recoverable = IndicatorRules.Round(indicator.FullPoints - rounded),
                };
            }

            notes[indicator.Code] = before with { Note = note, FileIds = input.FileIds ?? [] };
        }

        if (errors.Count > 0)
        {
            return new Scored(null, notes, errors);
        }

        var sections = system.Sections
            .Select(s => (s.Code, s.Name, (IReadOnlyList<IndicatorResult>)[.. s.Indicators
                .Where(i => byCode.ContainsKey(i.Code))
                .Select(i => changed.GetValueOrDefault(i.Code) ?? byCode[i.Code].ToResult())]))
            .ToList();
        return new Scored(Evaluator.Fold(system, year, sections), notes, errors);
    }
}

using System.Text.Json.Serialization;

namespace WuHao.Web.Domain.Indicators;

/// <summary>
/// An indicator system (验收指标体系, R-6.3) in the template format of API.md: sections (the five 好) of indicators,
/// each with points, how the assessor checks it (考评方式), the evidence asked for, and a scoring rule. The JSON
/// (<see cref="IndicatorJson"/>) and Excel (<see cref="IndicatorExcel"/>) forms map onto these records;
/// <see cref="IndicatorValidator"/> says in Chinese what is wrong before a system is saved.
/// </summary>
public sealed record IndicatorSystem
{
    /// <summary>The total of the non-bonus points when <see cref="MaxTotal"/> is not given.</summary>
    public const decimal DefaultMaxTotal = 100;

    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public string Version { get; init; } = "";

    /// <summary>What the system is for; the shipped templates say here that the banner should replace them.</summary>
    public string? Description { get; init; }

    /// <summary>The unit types (API names: village, community, farm, school…) the system is meant for; null: any.</summary>
    public IReadOnlyList<string>? AppliesTo { get; init; }

    /// <summary>The declared total of the non-bonus points; null means <see cref="DefaultMaxTotal"/>.</summary>
    public decimal? MaxTotal { get; init; }

    /// <summary>The total (non-bonus + bonus scores) a unit needs to pass (达标).</summary>
    public decimal PassScore { get; init; }

    public IReadOnlyList<IndicatorSection> Sections { get; init; } = [];

    [JsonIgnore]
    public decimal DeclaredTotal => MaxTotal ?? DefaultMaxTotal;

    [JsonIgnore]
    public IEnumerable<Indicator> Indicators => Sections.SelectMany(s => s.Indicators);

    /// <summary>
    /// Every measure value the automatic rules of this system need, once each: the SQL side fetches them for many units
    /// at once (one query per measure family, grouped by unit) and then folds each unit with <see cref="Evaluator"/>.
    /// </summary>
    public IReadOnlyList<MeasureKey> MeasureKeys() =>
        [.. Indicators.Select(i => MeasureKey.For(i.Rule)).OfType<MeasureKey>().Distinct()];
}

public sealed record IndicatorSection
{
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public IReadOnlyList<Indicator> Indicators { get; init; } = [];
}

public sealed record Indicator
{
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";

    /// <summary>Full points; a veto item has none (it passes or fails the whole unit).</summary>
    public decimal? Points { get; init; }

    /// <summary>加分项: its score is added on top of the non-bonus total.</summary>
    public bool Bonus { get; init; }

    /// <summary>一票否决: failing it makes the result 未达标 whatever the total.</summary>
    public bool Veto { get; init; }

    /// <summary>考评方式, one of <see cref="IndicatorTerms.Methods"/>.</summary>
    public string? Method { get; init; }

    /// <summary>佐证材料: what the assessor asks to see.</summary>
    public string? Evidence { get; init; }

    public IndicatorRule Rule { get; init; } = new();

    [JsonIgnore]
    public decimal FullPoints => Points ?? 0;
}

/// <summary>
/// A scoring rule (API.md "Rule types"). Which options apply to which type is the validator's business; the JSON
/// omits every option left at its default.
/// </summary>
public sealed record IndicatorRule
{
    public string Type { get; init; } = RuleTypes.Manual;
    public string? Measure { get; init; }

    /// <summary>Field → the values it may take; a record matches when any of its values is listed (fields combine with “and”).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Filter { get; init; }

    /// <summary>For <c>present</c>: the names that must all be in the measure's set.</summary>
    public IReadOnlyList<string>? Required { get; init; }

    public decimal? Min { get; init; }
    public decimal? Deduct { get; init; }
    public decimal? MaxDeduct { get; init; }
    public decimal? PerItem { get; init; }
    public bool Proportional { get; init; }

    /// <summary>For <c>within</c>: the latest occurrence must fall in the last N calendar years up to the evaluated one.</summary>
    public int? Years { get; init; }

    /// <summary>Count over the N calendar years ending with the evaluated year; null means 1.</summary>
    public int? YearsBack { get; init; }

    /// <summary>Count only records that carry at least one evidence file.</summary>
    public bool RequireEvidence { get; init; }

    [JsonIgnore]
    public int Window => YearsBack ?? 1;

    [JsonIgnore]
    public bool IsManual => Type == RuleTypes.Manual;
}

public static class RuleTypes
{
    public const string Count = "count";
    public const string Sum = "sum";
    public const string Present = "present";
    public const string Ratio = "ratio";
    public const string Growth = "growth";
    public const string Within = "within";
    public const string None = "none";
    public const string Manual = "manual";

    public static readonly IReadOnlyList<string> All = [Count, Sum, Present, Ratio, Growth, Within, None, Manual];

    /// <summary>The Chinese name of a rule type, as the Excel form shows it.</summary>
    public static string Label(string type) => type switch
    {
        Count => "计数",
        Sum => "金额合计",
        Present => "必备齐全",
        Ratio => "比例",
        Growth => "逐年增长",
        Within => "年限内发生",
        None => "不得发生",
        Manual => "人工评分",
        _ => type,
    };

    /// <summary>A rule type from its code or its Chinese name; null when it is neither.</summary>
    public static string? Parse(string? text)
    {
        var t = text?.Trim();
        return All.FirstOrDefault(a => string.Equals(a, t, StringComparison.OrdinalIgnoreCase) || Label(a) == t);
    }
}

/// <summary>The fixed words of the template format.</summary>
public static class IndicatorTerms
{
    /// <summary>考评方式.</summary>
    public static readonly IReadOnlyList<string> Methods = ["查资料", "听汇报", "看现场", "走访", "抽查"];

    /// <summary>The unit types a system may apply to (API names).</summary>
    public static IReadOnlyList<string> UnitTypes => [.. Enum.GetValues<UnitType>().Select(OrgUnit.ApiName)];

    /// <summary>The Chinese name of an API unit type (village → 嘎查村), or the text itself.</summary>
    public static string UnitTypeName(string apiName) =>
        OrgUnit.TryParseApiName(apiName, out var t) ? OrgUnit.TypeName(t) : apiName;

    /// <summary>An API unit type from its API name or its Chinese name; null when it is neither.</summary>
    public static string? ParseUnitType(string? text)
    {
        var t = text?.Trim();
        return UnitTypes.FirstOrDefault(u => string.Equals(u, t, StringComparison.OrdinalIgnoreCase) || UnitTypeName(u) == t);
    }
}

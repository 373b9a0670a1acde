using System.Globalization;

namespace WuHao.Web.Domain.Indicators;

/// <summary>What a measure yields for one unit and window.</summary>
public enum MeasureKind
{
    /// <summary>A number of records (or of months, of people…).</summary>
    Count,

    /// <summary>An amount in 元.</summary>
    Sum,

    /// <summary>A share: numerator / denominator people.</summary>
    Ratio,

    /// <summary>A set of names (rule document types, work-cycle stages, organisations).</summary>
    Set,

    /// <summary>A level at the end of the evaluated year and at the end of the year before (for <c>growth</c>).</summary>
    Level,
}

/// <summary>Which value of a measure a rule asks for.</summary>
public enum MeasureAspect
{
    /// <summary>The measure's value over the rule's window (count, sum, ratio, set, level).</summary>
    Value,

    /// <summary>The date of the latest matching record on or before the evaluated year's end (for <c>within</c>).</summary>
    Latest,
}

/// <summary>A field a measure may be filtered by, its Chinese label and the values it may take.</summary>
public sealed record MeasureField(string Name, string Label, IReadOnlyList<string> Values)
{
    /// <summary>How the values read in Chinese, when they are codes (income → 收入); null: the values are the words.</summary>
    public IReadOnlyList<string>? ValueLabels { get; init; }

    public string Display(string value)
    {
        var i = Values.ToList().IndexOf(value);
        return ValueLabels is not null && i >= 0 ? ValueLabels[i] : value;
    }

    /// <summary>A value from its code or its Chinese label; null when it is neither.</summary>
    public string? Parse(string text)
    {
        var t = text.Trim();
        if (Values.Contains(t, StringComparer.Ordinal))
        {
            return t;
        }

        var i = ValueLabels?.ToList().IndexOf(t) ?? -1;
        return i >= 0 ? Values[i] : null;
    }
}

/// <summary>
/// One measure of the catalogue (API.md "Measures"): its Chinese name and unit of counting, its kind, the rule types
/// it serves, the filters it takes, whether it can count only records with evidence and over several years, and the
/// API collection its records come from (for the evidence links).
/// </summary>
public sealed record MeasureDefinition
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required MeasureKind Kind { get; init; }

    /// <summary>The unit of counting in reasons: 次, 名, 项, 元, 个月…</summary>
    public required string Unit { get; init; }

    public required IReadOnlyList<string> RuleTypes { get; init; }
    public IReadOnlyList<MeasureField> Fields { get; init; } = [];

    /// <summary>For a set measure: the names it may contain (what <c>required</c> may list).</summary>
    public IReadOnlyList<string>? Items { get; init; }

    public bool SupportsEvidence { get; init; }
    public bool SupportsYearsBack { get; init; }

    /// <summary>The API collection of the counted records (<c>party-meetings</c>…); evidence links name it.</summary>
    public required string Collection { get; init; }

    /// <summary>The verb of the gap text: 再【召开】1次党支部专题会议.</summary>
    public string Action { get; init; } = "增加";

    /// <summary>The gap text's phrase when "{action}{amount}{noun}" reads badly: {0} is the amount with its unit, {1} the noun.</summary>
    public string? GapFormat { get; init; }

    /// <summary>What would close a gap of <paramref name="amount"/> (with its unit), e.g. 召开1次党支部专题会议.</summary>
    public string GapPhrase(string amount, string noun) =>
        GapFormat is null ? Action + amount + noun : string.Format(CultureInfo.InvariantCulture, GapFormat, amount, noun);

    /// <summary>For a ratio: whether an empty population (0/0) counts as met (no open case to help) or not (no elder to train).</summary>
    public bool EmptyRatioMet { get; init; }

    public MeasureField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);
}

/// <summary>The measures the rules may name, with their vocabularies from <see cref="Vocabulary"/> and <see cref="YouthCaseVocabulary"/>.</summary>
public static class MeasureCatalogue
{
    private static readonly IReadOnlyList<string> YesNo = ["是", "否"];

    private static readonly MeasureField ActivityTypes = new("types", "活动类型", Vocabulary.ActivityTypes);
    private static readonly MeasureField ActivityMode = new("mode", "方式", Vocabulary.ActivityModes);
    private static readonly MeasureField ActivityPartners = new("partners", "合作单位", Vocabulary.ActivityPartners);

    private static readonly string[] Counted = [RuleTypes.Count, RuleTypes.Within];

    public static readonly IReadOnlyList<MeasureDefinition> All =
    [
        new() { Code = "partyMeetings", Name = "党支部专题会议", Kind = MeasureKind.Count, Unit = "次", Action = "召开",
            RuleTypes = [.. Counted, RuleTypes.None], Collection = "party-meetings", SupportsYearsBack = true,
            Fields = [new("organisations", "参与组织", Vocabulary.CoveredOrganisations)] },
        new() { Code = "studySessions", Name = "政治理论和业务学习", Kind = MeasureKind.Count, Unit = "次", Action = "组织",
            RuleTypes = Counted, Collection = "study-sessions", SupportsYearsBack = true,
            Fields = [new("kind", "学习内容", Vocabulary.StudyKinds)] },
        new() { Code = "teamVacancies", Name = "班子缺位岗位", Kind = MeasureKind.Count, Unit = "个", Action = "补齐",
            RuleTypes = [RuleTypes.None], Collection = "team-members" },
        new() { Code = "eldersActive", Name = "年末在册五老", Kind = MeasureKind.Count, Unit = "名", Action = "吸收",
            RuleTypes = [RuleTypes.Count], Collection = "elders",
            Fields = [new("category", "五老类别", Vocabulary.ElderCategories)] },
        new() { Code = "eldersTrained", Name = "在册五老参加培训", Kind = MeasureKind.Ratio, Unit = "名", GapFormat = "组织{0}在册五老参加培训",
            RuleTypes = [RuleTypes.Ratio], Collection = "trainings",
            Fields = [new("inPartyPlan", "纳入党支部培训计划", YesNo)] },
        new() { Code = "trainings", Name = "五老和关工委负责人学习培训", Kind = MeasureKind.Count, Unit = "次", Action = "组织",
            RuleTypes = Counted, Collection = "trainings", SupportsYearsBack = true,
            Fields = [new("inPartyPlan", "纳入党支部培训计划", YesNo)] },
        new() { Code = "commendationMeetings", Name = "五老表彰会", Kind = MeasureKind.Count, Unit = "次", Action = "召开",
            RuleTypes = Counted, Collection = "commendations", SupportsYearsBack = true,
            Fields = [new("level", "级别", Vocabulary.Levels)] },
        new() { Code = "deeds", Name = "五老先进事迹", Kind = MeasureKind.Count, Unit = "项", Action = "整理",
            RuleTypes = Counted, Collection = "deeds", SupportsYearsBack = true,
            Fields = [new("publicised", "已宣传", YesNo)] },
        new() { Code = "studios", Name = "五老工作室", Kind = MeasureKind.Count, Unit = "个", Action = "建成",
            RuleTypes = [RuleTypes.Count], Collection = "studios" },
        new() { Code = "donors", Name = "爱心人士捐助", Kind = MeasureKind.Count, Unit = "次", Action = "动员",
            RuleTypes = Counted, Collection = "donors", SupportsYearsBack = true,
            Fields = [new("kind", "捐助方类型", Vocabulary.DonorKinds)] },
        new() { Code = "ruleDocuments", Name = "制度", Kind = MeasureKind.Set, Unit = "项", Action = "建立",
            RuleTypes = [RuleTypes.Present, RuleTypes.Count], Items = Vocabulary.RuleTypes, Collection = "rule-documents",
            SupportsEvidence = true, Fields = [new("posted", "已上墙", YesNo)] },
        new() { Code = "workCycle", Name = "年度工作环节", Kind = MeasureKind.Set, Unit = "项", Action = "补齐",
            RuleTypes = [RuleTypes.Present, RuleTypes.Count], Items = Vocabulary.WorkCycleStages, Collection = "work-cycle",
            SupportsEvidence = true },
        new() { Code = "activities", Name = "活动", Kind = MeasureKind.Count, Unit = "次", Action = "开展",
            RuleTypes = [.. Counted, RuleTypes.None], Collection = "activities", SupportsEvidence = true, SupportsYearsBack = true,
            Fields = [ActivityTypes, ActivityMode, ActivityPartners] },
        new() { Code = "activityMonths", Name = "有活动的月份", Kind = MeasureKind.Count, Unit = "个月", GapFormat = "在另外{0}开展活动",
            RuleTypes = [RuleTypes.Count], Collection = "activities", SupportsEvidence = true,
            Fields = [ActivityTypes, ActivityMode, ActivityPartners] },
        new() { Code = "schoolJointActivities", Name = "村校联谊活动", Kind = MeasureKind.Count, Unit = "次", Action = "开展",
            RuleTypes = Counted, Collection = "activities", SupportsEvidence = true, SupportsYearsBack = true },
        new() { Code = "investigations", Name = "调查研究", Kind = MeasureKind.Count, Unit = "次", Action = "开展",
            RuleTypes = Counted, Collection = "investigations", SupportsEvidence = true, SupportsYearsBack = true,
            Fields = [new("targetGroups", "调查对象", Vocabulary.TargetGroups), new("method", "调查方式", Vocabulary.InvestigationMethods)] },
        new() { Code = "experiences", Name = "典型经验", Kind = MeasureKind.Count, Unit = "项", Action = "总结推广",
            RuleTypes = Counted, Collection = "experiences", SupportsEvidence = true, SupportsYearsBack = true,
            Fields = [new("level", "推广级别", Vocabulary.PromotionLevels)] },
        new() { Code = "civilizationEntries", Name = "精神文明创建", Kind = MeasureKind.Count, Unit = "项", Action = "取得",
            RuleTypes = Counted, Collection = "civilization-entries", SupportsEvidence = true, SupportsYearsBack = true,
            Fields = [new("kind", "创建类型", Vocabulary.CivilizationKinds)] },
        new() { Code = "youthCasesHelped", Name = "在档困境青少年得到帮扶", Kind = MeasureKind.Ratio, Unit = "名", GapFormat = "帮扶{0}在档困境青少年",
            RuleTypes = [RuleTypes.Ratio], Collection = "youth-cases", EmptyRatioMet = true,
            Fields = [new("categories", "困境类别", YouthCaseVocabulary.Categories), new("helpKind", "帮扶方式", YouthCaseVocabulary.HelpKinds)] },
        new() { Code = "funds", Name = "活动经费", Kind = MeasureKind.Sum, Unit = "元", Action = "落实",
            RuleTypes = [RuleTypes.Sum], Collection = "funds", SupportsEvidence = true, SupportsYearsBack = true,
            Fields = [new("direction", "收支", Vocabulary.FundDirections) { ValueLabels = [.. Vocabulary.FundDirections.Select(Vocabulary.FundDirectionName)] }, new("source", "来源", Vocabulary.FundSources)] },
        new() { Code = "archiveDocuments", Name = "归档文件", Kind = MeasureKind.Count, Unit = "份", Action = "归档",
            RuleTypes = [RuleTypes.Count], Collection = "archive", SupportsEvidence = true, SupportsYearsBack = true,
            Fields = [new("category", "档案类别", Vocabulary.ArchiveCategories)] },
        new() { Code = "eldersParticipating", Name = "在册五老参加活动", Kind = MeasureKind.Ratio, Unit = "名", GapFormat = "组织{0}在册五老参加活动",
            RuleTypes = [RuleTypes.Ratio], Collection = "activities", Fields = [ActivityTypes, ActivityMode] },
        new() { Code = "elderGrowth", Name = "在册五老", Kind = MeasureKind.Level, Unit = "名", GapFormat = "吸收{0}五老",
            RuleTypes = [RuleTypes.Growth], Collection = "elders" },
        new() { Code = "teamOrganisationsCovered", Name = "班子覆盖的青妇民兵治保组织", Kind = MeasureKind.Set, Unit = "个", GapFormat = "吸收{0}组织的成员进入班子",
            RuleTypes = [RuleTypes.Present, RuleTypes.Count], Items = Vocabulary.CoveredOrganisations, Collection = "team-members" },
    ];

    private static readonly Dictionary<string, MeasureDefinition> ByCode = All.ToDictionary(m => m.Code, StringComparer.Ordinal);

    public static MeasureDefinition? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var m) ? m : null;

    /// <summary>A measure by its code or its Chinese name (the Excel form shows the name).</summary>
    public static MeasureDefinition? Parse(string? text)
    {
        var t = text?.Trim();
        return Find(t) ?? All.FirstOrDefault(m => m.Name == t);
    }

    public static string Codes => string.Join("、", All.Select(m => m.Code));
}

/// <summary>
/// A filter in canonical form: fields in ordinal order, each with its distinct values in ordinal order. Two filters
/// that list the same values in another order are equal, so the SQL side fetches each once.
/// </summary>
public sealed class MeasureFilter : IEquatable<MeasureFilter>
{
    public static readonly MeasureFilter Empty = new([]);

    private MeasureFilter(IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> fields)
    {
        Fields = fields;
        Text = string.Join(";", fields.Select(f => f.Key + "=" + string.Join(",", f.Value)));
    }

    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Fields { get; }

    /// <summary>The canonical text, e.g. <c>mode=请进来,走出去;types=法治教育</c>; empty for no filter.</summary>
    public string Text { get; }

    public bool IsEmpty => Fields.Count == 0;

    public static MeasureFilter From(IReadOnlyDictionary<string, IReadOnlyList<string>>? filter) =>
        filter is null || filter.Count == 0
            ? Empty
            : new([.. filter.Where(f => f.Value.Count > 0).OrderBy(f => f.Key, StringComparer.Ordinal)
                .Select(f => new KeyValuePair<string, IReadOnlyList<string>>(f.Key,
                    [.. f.Value.Select(v => v.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))]);

    /// <summary>The values listed for a field; null when the filter does not name it.</summary>
    public IReadOnlyList<string>? Values(string field) => Fields.FirstOrDefault(f => f.Key == field).Value;

    /// <summary>Whether a record with these values of each field matches (any listed value, every field).</summary>
    public bool Matches(Func<string, IEnumerable<string>> valuesOf) =>
        Fields.All(f => valuesOf(f.Key).Any(v => f.Value.Contains(v, StringComparer.Ordinal)));

    public bool Equals(MeasureFilter? other) => other is not null && other.Text == Text;

    public override bool Equals(object? obj) => Equals(obj as MeasureFilter);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    public override string ToString() => Text;
}

/// <summary>
/// The key of one measure value: which measure, filtered how, counting only records with evidence or all, over how
/// many calendar years ending with the evaluated year, and which aspect (the value, or the latest date).
/// Value-equal; the SQL side groups the keys of a system by <see cref="Measure"/> and fetches each family once.
/// </summary>
public sealed record MeasureKey(string Measure, MeasureFilter Filter, bool RequireEvidence, int YearsBack, MeasureAspect Aspect)
{
    /// <summary>The key a rule needs; null for a manual rule.</summary>
    public static MeasureKey? For(IndicatorRule rule) =>
        rule.IsManual || rule.Measure is null
            ? null
            : new MeasureKey(rule.Measure, MeasureFilter.From(rule.Filter), rule.RequireEvidence,
                rule.Type == RuleTypes.Within ? 1 : rule.Window,
                rule.Type == RuleTypes.Within ? MeasureAspect.Latest : MeasureAspect.Value);

    /// <summary>The calendar years counted for <paramref name="year"/>: from <c>year − YearsBack + 1</c> to <c>year</c>.</summary>
    public (int From, int To) Years(int year) => (year - YearsBack + 1, year);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Measure}[{Filter.Text}]{(RequireEvidence ? "+evidence" : "")}/{YearsBack}y/{Aspect}");
}

/// <summary>
/// A measure's value for one unit and key. Build it with the factory of the measure's kind. A missing value (a unit
/// without any record has no row in a grouped query) reads as <see cref="None"/>: zero, an empty set, no date.
/// </summary>
public sealed record MeasureValue
{
    public static readonly MeasureValue None = new();

    /// <summary>Count, amount, the level at the evaluated year's end, or the size of a set.</summary>
    public decimal Number { get; init; }

    /// <summary>For a level: its value at the end of the year before.</summary>
    public decimal Previous { get; init; }

    public int Numerator { get; init; }
    public int Denominator { get; init; }

    public IReadOnlySet<string> Items { get; init; } = new HashSet<string>();

    /// <summary>The latest matching record's date on or before the evaluated year's end.</summary>
    public DateOnly? Latest { get; init; }

    public static MeasureValue Count(decimal count) => new() { Number = count };

    public static MeasureValue Sum(decimal amount) => new() { Number = amount };

    public static MeasureValue Ratio(int numerator, int denominator) => new() { Numerator = numerator, Denominator = denominator };

    public static MeasureValue Set(IEnumerable<string> items)
    {
        var set = items.ToHashSet(StringComparer.Ordinal);
        return new() { Items = set, Number = set.Count };
    }

    public static MeasureValue Level(decimal atYearEnd, decimal yearBefore) => new() { Number = atYearEnd, Previous = yearBefore };

    public static MeasureValue LatestOn(DateOnly? date) => new() { Latest = date };
}

/// <summary>The measure values of one unit for one evaluated year.</summary>
public interface IMeasureValues
{
    /// <summary>The value for a key; null when the unit has no record for it (read as zero / empty / no date).</summary>
    MeasureValue? Find(MeasureKey key);
}

/// <summary>Measure values in a dictionary: what the batched queries fill per unit, and what tests write by hand.</summary>
public sealed class MeasureValues : IMeasureValues
{
    private readonly Dictionary<MeasureKey, MeasureValue> values = [];

    public static readonly MeasureValues Empty = new();

    public MeasureValue? Find(MeasureKey key) => values.GetValueOrDefault(key);

    public MeasureValues Set(MeasureKey key, MeasureValue value)
    {
        values[key] = value;
        return this;
    }

    /// <summary>Sets the value of the key an indicator's rule needs.</summary>
    public MeasureValues Set(IndicatorRule rule, MeasureValue value) =>
        Set(MeasureKey.For(rule) ?? throw new ArgumentException("A manual rule needs no measure value.", nameof(rule)), value);
}

namespace WuHao.Web.Domain;

/// <summary>
/// A campaign (创建工作, R-6.1): what the banner sets out to reach by a target date, the indicator system it is scored by,
/// and its stages with dates. It belongs to its owner unit (the banner) and covers the owner's subtree: everyone in that
/// subtree reads it; banner staff and the admin change it.
/// </summary>
public sealed class Campaign : UnitRecord
{
    public required string Name { get; set; }

    /// <summary>到…达到“五好”: the day the goal is to be reached.</summary>
    public DateOnly TargetDate { get; set; }

    /// <summary>The indicator system the rounds of this campaign are scored by; null: the newest published one that applies.</summary>
    public int? SystemId { get; set; }
    public IndicatorSystemRecord? System { get; set; }

    public List<CampaignStage> Stages { get; set; } = [];
}

/// <summary>One stage of a campaign with its dates; the yearly stages (自查, 乡初审, 验收) carry their year.</summary>
public sealed class CampaignStage : UnitRecord
{
    public int CampaignId { get; set; }
    public Campaign? Campaign { get; set; }

    /// <summary><see cref="StageKinds"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>The work year of a yearly stage; null for 准备阶段 and 创建阶段.</summary>
    public int? Year { get; set; }
    public DateOnly Start { get; set; }

    /// <summary>The last day: what the stage asks for is due by then (the plan by 6月20日, the self-check by 8月31日…).</summary>
    public DateOnly Due { get; set; }
}

public static class StageKinds
{
    public const string Prepare = "prepare";
    public const string Create = "create";
    public const string SelfCheck = "selfCheck";
    public const string Review = "review";
    public const string Acceptance = "acceptance";

    public static readonly IReadOnlyList<string> All = [Prepare, Create, SelfCheck, Review, Acceptance];

    /// <summary>The stages every year of the 验收阶段 repeats.</summary>
    public static readonly IReadOnlyList<string> Yearly = [SelfCheck, Review, Acceptance];

    public static string Label(string kind) => kind switch
    {
        Prepare => "准备阶段",
        Create => "创建阶段",
        SelfCheck => "自查",
        Review => "乡初审",
        Acceptance => "验收",
        _ => kind,
    };

    /// <summary>What is due at the end of the stage.</summary>
    public static string DueWhat(string kind) => kind switch
    {
        Prepare => "实施方案报乡（苏木）关工委",
        Create => "按标准完成创建工作",
        SelfCheck => "嘎查村（学校）提交自评",
        Review => "乡（苏木）关工委完成初审",
        Acceptance => "旗关工委完成验收",
        _ => "",
    };

    public static bool IsYearly(string kind) => Yearly.Contains(kind);
}

/// <summary>
/// An assessment round of one unit in one campaign and year: 自评 by the unit → 乡初审 by the township above (or
/// an assessor) → 旗验收 by the banner above (or an assessor). Each submitted step is an <see cref="AssessmentStep"/>
/// holding its frozen snapshot. The round row moves from step to step; its version guards every action.
/// </summary>
public sealed class AssessmentRound : UnitRecord
{
    public int CampaignId { get; set; }
    public Campaign? Campaign { get; set; }
    public int Year { get; set; }

    /// <summary>The indicator system the round is scored by, fixed when it starts.</summary>
    public int SystemId { get; set; }
    public IndicatorSystemRecord? System { get; set; }

    /// <summary><see cref="RoundStates"/>: whose turn it is.</summary>
    public required string State { get; set; }

    /// <summary>Why the round was last sent back (退回), and by whom; null when it never was.</summary>
    public string? ReturnReason { get; set; }

    /// <summary>The final total and result, once the banner has accepted (for counting 达标 in SQL).</summary>
    public decimal? FinalTotal { get; set; }
    public bool? Passed { get; set; }

    /// <summary>Every step ever submitted, returned ones included (the record an auditor reads).</summary>
    public List<AssessmentStep> Steps { get; set; } = [];

    /// <summary>The steps that stand: those not returned (退回), at most one per kind.</summary>
    public IEnumerable<AssessmentStep> Standing() => Steps.Where(s => s.ReturnedAt is null);

    /// <summary>The standing step of a kind, or null.</summary>
    public AssessmentStep? Standing(string kind) => Steps.FirstOrDefault(s => s.Kind == kind && s.ReturnedAt is null);
}

/// <summary>
/// One submitted step of a round: the evaluation as it was when it was submitted (per indicator score, reason, note,
/// evidence) and the counted records' ids, versions and file hashes, as JSON (docs/decisions/ADR-013); the total and
/// result as columns so that lists count in SQL. Never recomputed.
/// </summary>
public sealed class AssessmentStep : UnitRecord
{
    public int RoundId { get; set; }
    public AssessmentRound? Round { get; set; }

    /// <summary><see cref="RoundKinds"/>: self, township or banner.</summary>
    public required string Kind { get; set; }

    public decimal Total { get; set; }
    public bool Passed { get; set; }
    public bool Vetoed { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public required string SubmittedBy { get; set; }

    /// <summary>Submitted after the stage's due date (a self-check after 自查 ended).</summary>
    public bool Late { get; set; }

    /// <summary>The frozen snapshot (<see cref="Indicators.RoundSnapshot"/>) as JSON.</summary>
    public required string Snapshot { get; set; }

    /// <summary>
    /// When the step was sent back (退回) to be submitted again; null while it stands. A returned step is kept with its
    /// snapshot, who returned it and why, so the round's history shows every submission.
    /// </summary>
    public DateTimeOffset? ReturnedAt { get; set; }
    public string? ReturnedBy { get; set; }
    public string? ReturnReason { get; set; }
}

/// <summary>The three steps of a round, as API.md names them.</summary>
public static class RoundKinds
{
    public const string Self = "self";
    public const string Township = "township";
    public const string Banner = "banner";

    public static readonly IReadOnlyList<string> All = [Self, Township, Banner];

    public static string Label(string kind) => kind switch
    {
        Self => "自评",
        Township => "乡初审",
        Banner => "旗验收",
        _ => kind,
    };
}

/// <summary>Whose turn a round is.</summary>
public static class RoundStates
{
    /// <summary>The unit prepares or corrects its self-assessment.</summary>
    public const string Self = "self";

    /// <summary>Self-assessment submitted; the township reviews.</summary>
    public const string Township = "township";

    /// <summary>Township review submitted; the banner accepts.</summary>
    public const string Banner = "banner";

    /// <summary>Accepted by the banner: 达标 or 未达标.</summary>
    public const string Done = "done";

    public static string Label(string state) => state switch
    {
        Self => "自评中",
        Township => "待乡初审",
        Banner => "待旗验收",
        Done => "已验收",
        _ => state,
    };
}

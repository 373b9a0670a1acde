namespace WuHao.Web.Domain;

/// <summary>
/// A unit's implementation plan (实施方案, R-6.2) for one campaign: drafted by the unit, submitted (报送) to the township
/// above by the 准备阶段's due date, approved or returned with a comment, revised and resubmitted. The live plan holds the
/// structured content being edited; every submission is kept as a <see cref="PlanVersion"/> with the content as it was.
/// The plan row's version guards every action, as a round's does (ADR-005, ADR-013).
/// </summary>
public sealed class ImplementationPlan : UnitRecord
{
    public int CampaignId { get; set; }
    public Campaign? Campaign { get; set; }

    public required string Title { get; set; }

    /// <summary><see cref="PlanStates"/>.</summary>
    public required string State { get; set; }

    /// <summary>创建目标, one goal per line.</summary>
    public string? Goals { get; set; }

    /// <summary>工作要求.</summary>
    public string? Requirements { get; set; }

    /// <summary>Anything else the unit writes (free text).</summary>
    public string? Notes { get; set; }

    /// <summary>When the plan was first submitted; null while it never was (a missing plan once the due date has passed).</summary>
    public DateTimeOffset? FirstSubmittedAt { get; set; }

    /// <summary>The first submission came after the due date (逾期报送). Later resubmissions after a return do not change it.</summary>
    public bool Late { get; set; }

    /// <summary>The township's last comment (on return or approval), shown on the plan until it is resubmitted.</summary>
    public string? ReviewComment { get; set; }

    /// <summary>实施步骤: what, who is responsible, by when.</summary>
    public List<PlanStep> Steps { get; set; } = [];

    /// <summary>组织领导: the people responsible and their duties.</summary>
    public List<PlanPerson> People { get; set; } = [];

    public List<PlanVersion> Versions { get; set; } = [];
}

/// <summary>One step of a plan (实施步骤): what, who is responsible, by when.</summary>
public sealed class PlanStep : UnitRecord
{
    public int PlanId { get; set; }
    public ImplementationPlan? Plan { get; set; }
    public int Position { get; set; }
    public required string What { get; set; }
    public required string Responsible { get; set; }
    public DateOnly Due { get; set; }
}

/// <summary>One responsible person of a plan (组织领导): name, role in the plan (组长…), duty.</summary>
public sealed class PlanPerson : UnitRecord
{
    public int PlanId { get; set; }
    public ImplementationPlan? Plan { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }
    public required string Role { get; set; }
    public string? Duty { get; set; }
}

/// <summary>
/// One submission of a plan: the content as it was when submitted (JSON of <see cref="PlanContent"/>), who submitted it
/// and when, whether it was late, and the township's decision on it (returned or approved) with its comment. The content
/// never changes after submission; the decision is written once.
/// </summary>
public sealed class PlanVersion : UnitRecord
{
    public int PlanId { get; set; }
    public ImplementationPlan? Plan { get; set; }

    /// <summary>1 for the first submission, 2 for the first resubmission…</summary>
    public int Number { get; set; }

    public required string Content { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public required string SubmittedBy { get; set; }
    public bool Late { get; set; }

    /// <summary>null while under review; <see cref="PlanStates.Returned"/> or <see cref="PlanStates.Approved"/>.</summary>
    public string? Decision { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
}

/// <summary>The content of a plan, as the API carries it and as a submitted version keeps it.</summary>
public sealed record PlanContent(
    string Title, IReadOnlyList<string> Goals, IReadOnlyList<PlanStepContent> Steps, IReadOnlyList<PlanPersonContent> People, string? Requirements, string? Notes);

public sealed record PlanStepContent(string What, string Responsible, DateOnly Due);

public sealed record PlanPersonContent(string Name, string Role, string? Duty);

public static class PlanStates
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string Returned = "returned";
    public const string Approved = "approved";

    public static readonly IReadOnlyList<string> All = [Draft, Submitted, Returned, Approved];

    public static string Label(string state) => state switch
    {
        Draft => "草稿",
        Submitted => "已报送",
        Returned => "退回",
        Approved => "已批准",
        _ => state,
    };

    /// <summary>The unit may change the content: a draft, or a plan returned for revision.</summary>
    public static bool Editable(string state) => state is Draft or Returned;
}

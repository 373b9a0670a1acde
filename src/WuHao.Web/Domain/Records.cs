namespace WuHao.Web.Domain;

/// <summary>A rule document (制度, R-3.1). A new edition of a type is a new record; the latest adopted one is in force.</summary>
public sealed class RuleDocument : EvidenceRecord<RuleDocumentFile>
{
    public required string Type { get; set; }
    public required string Title { get; set; }

    /// <summary>The document's own version (版本, e.g. "2024年修订"); not the record's concurrency version.</summary>
    public string? Edition { get; set; }
    public DateOnly AdoptedOn { get; set; }
    public string? Text { get; set; }

    /// <summary>Posted on the wall (制度上墙).</summary>
    public bool IsPosted { get; set; }
    public string? Note { get; set; }
}

/// <summary>One step of the annual work cycle "有计划、有布置、有检查、有总结" .</summary>
public sealed class WorkCycleEntry : EvidenceRecord<WorkCycleFile>
{
    /// <summary>The work year the step belongs to (a year's summary may be written in the January after).</summary>
    public int Year { get; set; }

    /// <summary>计划, 布置, 检查 or 总结.</summary>
    public required string Stage { get; set; }
    public DateOnly Date { get; set; }
    public required string Title { get; set; }
    public string? Content { get; set; }
}

/// <summary>A document filed in the archive (档案, R-3.3), on paper, as files, or both.</summary>
public sealed class ArchiveEntry : EvidenceRecord<ArchiveEntryFile>
{
    public required string Title { get; set; }
    public required string Category { get; set; }
    public int Year { get; set; }
    public DateOnly Date { get; set; }
    public required string Retention { get; set; }

    /// <summary>Document number (文号), if any.</summary>
    public string? DocumentNo { get; set; }

    /// <summary>Where the paper is kept (e.g. 档案柜2号盒).</summary>
    public string? Location { get; set; }
    public int? Pages { get; set; }
    public string? Note { get; set; }
}

/// <summary>An income or spending entry of the activity funds (活动经费, R-3.4).</summary>
public sealed class FundEntry : EvidenceRecord<FundEntryFile>
{
    public DateOnly Date { get; set; }

    /// <summary>"income" or "spending" (API.md's technical terms; 收入/支出 on screen).</summary>
    public required string Direction { get; set; }

    /// <summary>Yuan, two decimals.</summary>
    public decimal Amount { get; set; }

    /// <summary>Where the money came from (income) or who paid it out (spending).</summary>
    public string? Source { get; set; }
    public required string Purpose { get; set; }
    public string? Handler { get; set; }
    public string? Note { get; set; }
}

/// <summary>An investigation of new problems among young people (调查研究, R-4.1).</summary>
public sealed class Investigation : EvidenceRecord<InvestigationFile>
{
    public DateOnly Date { get; set; }
    public required string Topic { get; set; }

    /// <summary>Target groups, one row each (ADR-011).</summary>
    public List<InvestigationTargetGroupValue> TargetGroups { get; set; } = [];
    public required string Method { get; set; }
    public string? Findings { get; set; }
    public string? Measures { get; set; }
}

/// <summary>
/// A village committee's link with the school committee where its children study (村校联系, R-4.2). It belongs
/// to the village (<see cref="UnitRecord.UnitId"/>) and is shared with the school: the scope rule admits it for
/// users who see either side (ScopeQueryExtensions).
/// </summary>
public sealed class SchoolLink : EvidenceRecord<SchoolLinkFile>
{
    public int SchoolUnitId { get; set; }
    public OrgUnit? School { get; set; }
    public DateOnly Since { get; set; }
    public string? Contacts { get; set; }
    public string? Content { get; set; }
    public DateOnly? Until { get; set; }
}

/// <summary>A typical experience (典型经验, R-4.3) and the level at which it was promoted.</summary>
public sealed class Experience : EvidenceRecord<ExperienceFile>
{
    public DateOnly Date { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }

    /// <summary>乡, 旗, 市, 区 or 国家; null: not (yet) promoted.</summary>
    public string? Level { get; set; }
    public string? PromotedBy { get; set; }
}

/// <summary>
/// An activity. With a <see cref="SchoolLinkId"/> it is a joint activity (联谊活动) of a village and a
/// school: recorded once by either side and visible to both.
/// </summary>
public sealed class Activity : EvidenceRecord<ActivityFile>
{
    public DateOnly Date { get; set; }
    public required string Title { get; set; }
    public string? Place { get; set; }

    /// <summary>Activity types (<see cref="Vocabulary.ActivityTypes"/>), one row each (ADR-011).</summary>
    public List<ActivityTypeValue> Types { get; set; } = [];

    /// <summary>请进来, 走出去 or 本地.</summary>
    public required string Mode { get; set; }

    /// <summary>Partner organisations, one row each (ADR-011).</summary>
    public List<ActivityPartnerValue> Partners { get; set; } = [];
    public int YouthCount { get; set; }
    public int ElderCount { get; set; }

    /// <summary>Participants outside the 五老 roster, by name, joined by "、"; those on the roster are <see cref="Elders"/>.</summary>
    public string? ElderNames { get; set; }

    /// <summary>The 五老 of the roster who took part (R-2.1; API field <c>elderIds</c>).</summary>
    public List<ActivityElder> Elders { get; set; } = [];
    public string? Effect { get; set; }
    public int? SchoolLinkId { get; set; }
    public SchoolLink? SchoolLink { get; set; }

    /// <summary>A key the form sends with its first submission: a retry after a dropped connection saves nothing twice.</summary>
    public string? SubmissionKey { get; set; }
}

/// <summary>A civilisation creation entry (文明嘎查村, 文明家庭 …, R-5.3).</summary>
public sealed class CivilizationEntry : EvidenceRecord<CivilizationEntryFile>
{
    public int Year { get; set; }
    public required string Kind { get; set; }

    /// <summary>The family or unit.</summary>
    public required string Subject { get; set; }
    public required string Result { get; set; }
    public string? AwardedBy { get; set; }
    public DateOnly? Date { get; set; }
    public string? Note { get; set; }
}

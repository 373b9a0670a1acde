namespace WuHao.Web.Domain;

/// <summary>A member of a unit's 关工委 leadership team .</summary>
public sealed class TeamMember : UnitRecord
{
    public required string Name { get; set; }
    public required string Gender { get; set; }
    public string? Ethnicity { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string? PoliticalStatus { get; set; }
    public string? Phone { get; set; }
    public bool IsElder { get; set; }
    public required string Position { get; set; }
    public required string Affiliation { get; set; }
    public DateOnly TermStart { get; set; }

    /// <summary>The day the member left the post; null while serving.</summary>
    public DateOnly? TermEnd { get; set; }
    public string? Note { get; set; }

    public bool IsServingOn(DateOnly day) => TermStart <= day && (TermEnd is null || TermEnd > day);
}

/// <summary>A change in the team: who left, when, why, and who took over.</summary>
public sealed class TeamChange : UnitRecord
{
    public DateOnly Date { get; set; }
    public int? MemberId { get; set; }
    public TeamMember? Member { get; set; }
    public required string MemberName { get; set; }
    public required string Position { get; set; }
    public required string Reason { get; set; }
    public int? SuccessorId { get; set; }
    public TeamMember? Successor { get; set; }
    public string? SuccessorName { get; set; }
}

/// <summary>A party-branch meeting on 关工委 work (党支部专题研究关工委工作, R-1.4).</summary>
public sealed class PartyMeeting : EvidenceRecord<PartyMeetingFile>
{
    public DateOnly Date { get; set; }
    public required string Topic { get; set; }
    public string? Place { get; set; }
    public required string Attendees { get; set; }
    public int AttendeeCount { get; set; }
    public string? Minutes { get; set; }
    public string? Decisions { get; set; }

    /// <summary>Participating organisations, from <see cref="Vocabulary.CoveredOrganisations"/> and others, one row each (ADR-011).</summary>
    public List<PartyMeetingOrganisationValue> Organisations { get; set; } = [];
}

/// <summary>A study session (政治理论、形势政策、业务知识学习, R-1.5).</summary>
public sealed class StudySession : EvidenceRecord<StudySessionFile>
{
    public DateOnly Date { get; set; }
    public required string Topic { get; set; }
    public required string Kind { get; set; }
    public string? Place { get; set; }
    public required string Participants { get; set; }
    public int ParticipantCount { get; set; }
    public double Hours { get; set; }
    public string? Notes { get; set; }
}

namespace WuHao.Web.Domain;

/// <summary>
/// One value of a multi-valued field (an activity's types, a case's categories …), kept as a row of a child
/// table keyed by (owner, value) so that SQL can filter and group by one value (ADR-011). The owner's change
/// log and version treat the values as one field of the owner (<see cref="Data.Interceptors.AuditInterceptor"/>).
/// </summary>
public abstract class ListValue : IBannerRow
{
    public string Value { get; set; } = "";

    /// <summary>The distribution column (ADR-016): the banner of the owning record.</summary>
    public int BannerId { get; set; }

    /// <summary>Where the value stands in the list as entered (from 0): a list reads back in the same order.</summary>
    public int Position { get; set; }
}

/// <summary>A type of an activity (<see cref="Vocabulary.ActivityTypes"/>).</summary>
public sealed class ActivityTypeValue : ListValue
{
    public int ActivityId { get; set; }
}

/// <summary>A partner organisation of an activity.</summary>
public sealed class ActivityPartnerValue : ListValue
{
    public int ActivityId { get; set; }
}

/// <summary>A target group of an investigation (<see cref="Vocabulary.TargetGroups"/>).</summary>
public sealed class InvestigationTargetGroupValue : ListValue
{
    public int InvestigationId { get; set; }
}

/// <summary>A category of a youth case (<see cref="YouthCaseVocabulary.Categories"/>).</summary>
public sealed class YouthCaseCategoryValue : ListValue
{
    public int YouthCaseId { get; set; }
}

/// <summary>An organisation taking part in a party-branch meeting.</summary>
public sealed class PartyMeetingOrganisationValue : ListValue
{
    public int PartyMeetingId { get; set; }
}

namespace WuHao.Web.Domain;

/// <summary>
/// A 五老 on a unit's roster. The status is not a column: an elder is active from the join date, and then as
/// the latest <see cref="ElderStatusChange"/> on or before a day says, so the roster of any past day can be rebuilt.
/// </summary>
public sealed class Elder : UnitRecord
{
    public required string Name { get; set; }
    public required string Gender { get; set; }
    public string? Ethnicity { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string? PoliticalStatus { get; set; }
    public string? Phone { get; set; }

    /// <summary>老干部, 老战士, 老专家, 老教师, 老模范 or 其他 (<see cref="Vocabulary.ElderCategories"/>).</summary>
    public required string Category { get; set; }
    public string? FormerUnit { get; set; }
    public string? FormerPost { get; set; }
    public string? Specialties { get; set; }

    /// <summary>良好, 一般, 较差 (<see cref="Vocabulary.HealthStates"/>).</summary>
    public string? Health { get; set; }
    public DateOnly JoinDate { get; set; }
    public string? Note { get; set; }

    public List<ElderStatusChange> StatusChanges { get; set; } = [];
}

/// <summary>One dated change of an elder's status: from <see cref="Date"/> on, the elder is <see cref="Status"/> (joining is the join date).</summary>
public sealed class ElderStatusChange : UnitRecord
{
    public int ElderId { get; set; }
    public Elder? Elder { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>active, paused, left or deceased (<see cref="ElderStatuses"/>).</summary>
    public required string Status { get; set; }
    public string? Note { get; set; }
}

/// <summary>A 爱心人士 (caring person or organisation) and what they gave, when, to whom .</summary>
public sealed class Donor : UnitRecord
{
    public required string Name { get; set; }

    /// <summary>个人, 企业, 社会组织, 机关事业单位, 其他 (<see cref="Vocabulary.DonorKinds"/>).</summary>
    public required string Kind { get; set; }
    public string? ContactPerson { get; set; }
    public string? Phone { get; set; }
    public DateOnly Date { get; set; }
    public required string Gift { get; set; }

    /// <summary>Value in 元, when known.</summary>
    public decimal? Amount { get; set; }
    public string? Recipient { get; set; }
    public string? Note { get; set; }
}

/// <summary>A 五老工作室 / 五老之家 .</summary>
public sealed class Studio : UnitRecord
{
    public required string Name { get; set; }
    public required string Place { get; set; }
    public DateOnly SetUpDate { get; set; }
    public string? Facilities { get; set; }

    /// <summary>Member names joined by "、" (usually 五老 of the roster).</summary>
    public string? Members { get; set; }
    public string? Activities { get; set; }
    public string? Note { get; set; }
}

/// <summary>A 先进事迹 (exemplary deed) with where and when it was published .</summary>
public sealed class Deed : EvidenceRecord<DeedFile>
{
    public required string Title { get; set; }

    /// <summary>The people of the deed, names joined by "、".</summary>
    public required string Persons { get; set; }
    public DateOnly Date { get; set; }
    public required string Story { get; set; }
    public List<DeedPublicity> Publicity { get; set; } = [];
}

/// <summary>One publication of a deed: where (报刊、广播、公众号、宣传栏…) and when.</summary>
public sealed class DeedPublicity : UnitRecord
{
    public int DeedId { get; set; }
    public Deed? Deed { get; set; }
    public DateOnly Date { get; set; }
    public required string Outlet { get; set; }
    public string? Note { get; set; }
}

/// <summary>A commendation meeting (表彰会, every three years, R-2.5) and who was commended for what.</summary>
public sealed class CommendationMeeting : EvidenceRecord<CommendationMeetingFile>
{
    public DateOnly Date { get; set; }
    public required string Title { get; set; }

    /// <summary>村, 乡, 旗, 市, 区, 国家 (<see cref="Vocabulary.Levels"/>).</summary>
    public required string Level { get; set; }
    public string? Place { get; set; }
    public string? Note { get; set; }
    public List<CommendationHonoree> Honorees { get; set; } = [];
}

public sealed class CommendationHonoree : UnitRecord
{
    public int MeetingId { get; set; }
    public CommendationMeeting? Meeting { get; set; }
    public required string Name { get; set; }

    /// <summary>The honour, e.g. 优秀“五老”, 关心下一代先进个人.</summary>
    public required string Honour { get; set; }

    /// <summary>What for.</summary>
    public string? Reason { get; set; }
}

/// <summary>A training (学习培训) of 五老 and committee leaders .</summary>
public sealed class Training : EvidenceRecord<TrainingFile>
{
    public DateOnly Date { get; set; }
    public required string Content { get; set; }
    public string? Place { get; set; }
    public string? Organiser { get; set; }
    public double Hours { get; set; }

    /// <summary>Part of the party branch's training plan (纳入党支部培训计划).</summary>
    public bool InPartyPlan { get; set; }

    /// <summary>Trainees who are not on the 五老 roster (committee leaders…), names joined by "、".</summary>
    public string? OtherTrainees { get; set; }
    public List<TrainingTrainee> Trainees { get; set; } = [];
}

/// <summary>A 五老 of the roster who took part in a training.</summary>
public sealed class TrainingTrainee : UnitRecord, IElderLink
{
    public int TrainingId { get; set; }
    public Training? Training { get; set; }
    public int ElderId { get; set; }
    public Elder? Elder { get; set; }
}

/// <summary>
/// A 五老 of the roster who took part in an activity: an elder of the activity's unit or, for a joint
/// village–school activity, of either unit. People outside the roster stay as names (<see cref="Activity.ElderNames"/>).
/// </summary>
public sealed class ActivityElder : UnitRecord, IElderLink
{
    public int ActivityId { get; set; }
    public Activity? Activity { get; set; }
    public int ElderId { get; set; }
    public Elder? Elder { get; set; }
}

/// <summary>A 五老 of the case's unit paired with the child (结对, R-5.4). A child's record: it follows the case's permission.</summary>
[NoValuesInChangeLog]
public sealed class YouthCaseElder : UnitRecord, IElderLink
{
    public int CaseId { get; set; }
    public YouthCase? Case { get; set; }
    public int ElderId { get; set; }
    public Elder? Elder { get; set; }
}

/// <summary>A link row from a record to a 五老 of the roster.</summary>
public interface IElderLink
{
    int ElderId { get; }
}

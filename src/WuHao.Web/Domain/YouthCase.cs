namespace WuHao.Web.Domain;

/// <summary>
/// A record of a young person in difficulty (困境青少年档案, R-5.4). The ID number, address and guardian
/// phone are stored only encrypted; the ID number is also kept as a keyed hash for search and
/// duplicate checks. The change log records which fields changed, never their values.
/// </summary>
[NoValuesInChangeLog]
public sealed class YouthCase : UnitRecord
{
    public required string Name { get; set; }
    public required string Gender { get; set; }
    public DateOnly BirthDate { get; set; }

    /// <summary>ID number, encrypted with ASP.NET Data Protection.</summary>
    public string? IdNumberCipher { get; set; }

    /// <summary>HMAC-SHA256 of the normalised ID number under the search key: equality search without plaintext.</summary>
    public string? IdNumberHash { get; set; }

    public string? School { get; set; }
    public string? Grade { get; set; }
    public string? AddressCipher { get; set; }

    /// <summary>Categories from <see cref="YouthCaseVocabulary.Categories"/>, one row each (ADR-011).</summary>
    public List<YouthCaseCategoryValue> Categories { get; set; } = [];

    public string? GuardianName { get; set; }
    public string? GuardianRelation { get; set; }
    public string? GuardianPhoneCipher { get; set; }
    public string? Situation { get; set; }
    public string? Needs { get; set; }

    /// <summary>Paired people outside the 五老 roster (结对), by name; those on the roster are <see cref="Elders"/>.</summary>
    public string? PairedElders { get; set; }

    /// <summary>The 五老 of the roster paired with the child (API field <c>elderIds</c>).</summary>
    public List<YouthCaseElder> Elders { get; set; } = [];

    /// <summary>open or closed.</summary>
    public string Status { get; set; } = YouthCaseVocabulary.Open;
    public DateOnly? ClosedOn { get; set; }
    public string? CloseReason { get; set; }

    /// <summary>When the retention job removed the personal data; the case still counts in statistics.</summary>
    public DateOnly? AnonymisedOn { get; set; }
}

/// <summary>A help action (帮扶) for a case: date, kind, who helped, amount, donor.</summary>
[NoValuesInChangeLog]
public sealed class HelpAction : UnitRecord
{
    public int CaseId { get; set; }
    public YouthCase? Case { get; set; }
    public DateOnly Date { get; set; }
    public required string Kind { get; set; }
    public required string Helper { get; set; }
    public decimal? Amount { get; set; }

    /// <summary>The donor from the unit's donor list (爱心人士, R-2.2), when the help came from one.</summary>
    public int? DonorId { get; set; }
    public Donor? DonorRecord { get; set; }

    /// <summary>A giver not on the donor list, by name.</summary>
    public string? Donor { get; set; }
    public string? Notes { get; set; }
}

/// <summary>A follow-up visit (回访) to a case.</summary>
[NoValuesInChangeLog]
public sealed class CaseVisit : UnitRecord
{
    public int CaseId { get; set; }
    public YouthCase? Case { get; set; }
    public DateOnly Date { get; set; }
    public required string Visitor { get; set; }
    public string? Notes { get; set; }
}

/// <summary>Consent for one purpose: who consented (the guardian for a child under 14), when, on what paper.</summary>
[NoValuesInChangeLog]
public sealed class CaseConsent : EvidenceRecord<CaseConsentFile>
{
    public int CaseId { get; set; }
    public YouthCase? Case { get; set; }
    public required string Purpose { get; set; }
    public required string ConsentedBy { get; set; }
    public required string Relation { get; set; }
    public DateOnly Date { get; set; }
    public string? Paper { get; set; }
    public DateOnly? WithdrawnOn { get; set; }
}

/// <summary>
/// The scan of a signed consent. Files linked here follow the 困境青少年档案 permission, not just the unit
/// scope (<see cref="Infrastructure.Authorization.ScopeQueryExtensions"/>), and stay out of the archive catalogue.
/// </summary>
public sealed class CaseConsentFile : FileLink
{
    public int CaseConsentId { get; set; }
}

/// <summary>A case shared with a school or civil affairs (共享), only with the matching consent.</summary>
[NoValuesInChangeLog]
public sealed class CaseShare : UnitRecord
{
    public int CaseId { get; set; }
    public YouthCase? Case { get; set; }
    public DateOnly Date { get; set; }
    public required string Recipient { get; set; }
    public required string RecipientName { get; set; }
    public string? Purpose { get; set; }
}

/// <summary>
/// Who read or changed a case, when, what and from where. Written by the application, never
/// updated or deleted by it: <see cref="Data.Interceptors.AuditInterceptor"/> refuses any such change.
/// </summary>
public sealed class CaseAccessEntry : IBannerOwned
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public int UnitId { get; set; }
    public int BannerId { get; set; }
    public int? CaseId { get; set; }

    /// <summary>list, view, reveal, create, update, delete, export, share.</summary>
    public required string Action { get; set; }
    public string? Detail { get; set; }
    public string? Address { get; set; }
}

/// <summary>A record whose field values must never be written to the change log (only which fields changed).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NoValuesInChangeLogAttribute : Attribute;

public static class YouthCaseVocabulary
{
    public const string Open = "open";
    public const string Closed = "closed";
    public const string Anonymised = "已匿名";

    public static readonly IReadOnlyList<string> Categories =
        ["留守儿童", "失学/辍学", "服刑人员子女", "孤儿/事实无人抚养", "残疾", "低保/困难家庭", "单亲", "其他"];

    public static readonly IReadOnlyList<string> HelpKinds = ["学业", "生活", "心理", "法律", "资助"];

    public static readonly IReadOnlyList<string> CloseReasons = ["年满18周岁", "已返校复学", "困难已解决", "迁出本地", "其他"];

    public const string ConsentRecord = "建档";
    public const string ConsentHelp = "帮扶";
    public const string ConsentShare = "共享给学校/民政";
    public static readonly IReadOnlyList<string> ConsentPurposes = [ConsentRecord, ConsentHelp, ConsentShare];

    public static readonly IReadOnlyList<string> Recipients = ["学校", "民政"];

    public static readonly IReadOnlyList<string> GuardianRelations = ["父亲", "母亲", "祖父母", "外祖父母", "其他亲属", "监护机构", "本人"];
}

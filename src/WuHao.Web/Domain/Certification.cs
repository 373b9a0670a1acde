namespace WuHao.Web.Domain;

/// <summary>
/// The title 五好关工委 of one unit for a period: awarded when the unit passes the banner's acceptance, renewed
/// (extended) by each later pass, revoked by a failed acceptance or by banner staff with a reason. Its history is its
/// <see cref="Events"/>. Counted in SQL for 达标率 by <see cref="Holds"/>'s rule.
/// </summary>
public sealed class Certification : UnitRecord
{
    /// <summary>The campaign whose acceptance awarded it.</summary>
    public int CampaignId { get; set; }
    public Campaign? Campaign { get; set; }

    /// <summary>The issuing banner (the campaign's owner).</summary>
    public int IssuedById { get; set; }
    public OrgUnit? IssuedBy { get; set; }

    /// <summary>The day it was awarded: the first day of the period.</summary>
    public DateOnly AwardedOn { get; set; }

    /// <summary>The last day of the period; renewals move it later.</summary>
    public DateOnly ValidUntil { get; set; }

    /// <summary>The day it was revoked (no longer held from that day), and why.</summary>
    public DateOnly? RevokedOn { get; set; }
    public string? RevokeReason { get; set; }

    public List<CertificationEvent> Events { get; set; } = [];

    /// <summary>Whether the unit holds the title on a day (the same rule the 达标率 query writes in SQL).</summary>
    public bool Holds(DateOnly day) => AwardedOn <= day && ValidUntil >= day && (RevokedOn == null || RevokedOn > day);
}

/// <summary>One step of a certification's history: awarded, renewed or revoked, on a day, by whom, with the round or the reason.</summary>
public sealed class CertificationEvent : UnitRecord
{
    public int CertificationId { get; set; }
    public Certification? Certification { get; set; }

    /// <summary><see cref="CertificationKinds"/>.</summary>
    public required string Kind { get; set; }
    public DateOnly On { get; set; }

    /// <summary>The period's last day after this step (award, renew).</summary>
    public DateOnly? ValidUntil { get; set; }

    /// <summary>The acceptance round behind it, if any, and its year.</summary>
    public int? RoundId { get; set; }
    public int? Year { get; set; }
    public string? Reason { get; set; }
    public required string By { get; set; }
}

public static class CertificationKinds
{
    public const string Award = "award";
    public const string Renew = "renew";
    public const string Revoke = "revoke";

    public static string Label(string kind) => kind switch
    {
        Award => "命名",
        Renew => "复评延续",
        Revoke => "撤销",
        _ => kind,
    };

    /// <summary>The last day of a period of <paramref name="years"/> years starting on <paramref name="from"/>.</summary>
    public static DateOnly PeriodEnd(DateOnly from, int years) => from.AddYears(years).AddDays(-1);
}

namespace WuHao.Web.Domain;

/// <summary>
/// An indicator system (验收指标体系, R-6.3) as kept in the database: its identity and state in columns, its content
/// as the template JSON of shared/API.md (<see cref="Indicators.IndicatorJson"/>), the one source the JSON and Excel
/// forms and the evaluator all read. A published system is never edited in place: a change is a new version.
/// </summary>
public sealed class IndicatorSystemRecord : Entity
{
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>The template's own version label ("1", "2024修订"); not the row's concurrency version.</summary>
    public required string Edition { get; set; }

    /// <summary><see cref="IndicatorSystemStates"/>: draft, published or retired.</summary>
    public required string State { get; set; }

    /// <summary>The unit types it applies to, API names joined by ","; read from the definition, kept for lists.</summary>
    public required string AppliesTo { get; set; }
    public decimal PassScore { get; set; }

    /// <summary>The unit (a banner, a league…) that owns it and whose units it applies to; null: shipped with WuHao.</summary>
    public int? OwnerUnitId { get; set; }
    public OrgUnit? OwnerUnit { get; set; }

    /// <summary>Shipped as a template (示范模板) for the banner to replace with its official system.</summary>
    public bool IsTemplate { get; set; }

    /// <summary>The system in the template format, canonical JSON.</summary>
    public required string Definition { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }

    /// <summary>The system this version was made from, when it was.</summary>
    public int? PreviousId { get; set; }

    public IReadOnlyList<string> UnitTypes => AppliesTo.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

public static class IndicatorSystemStates
{
    public const string Draft = "draft";
    public const string Published = "published";
    public const string Retired = "retired";

    public static string Label(string state) => state switch
    {
        Draft => "草稿",
        Published => "已发布",
        Retired => "已停用",
        _ => state,
    };
}

/// <summary>
/// A 查遗补漏 item: an indicator of a unit's evaluation short of full points in a year, with an owner and a due
/// date. It opens and closes itself with the evaluation; its history (who changed the owner, when it closed) stays in
/// the change log.
/// </summary>
public sealed class GapRecord : UnitRecord
{
    public int SystemId { get; set; }
    public IndicatorSystemRecord? System { get; set; }
    public int Year { get; set; }
    public required string IndicatorCode { get; set; }
    public required string IndicatorName { get; set; }

    /// <summary>Points closing it would recover, as of the last evaluation.</summary>
    public decimal Recoverable { get; set; }

    /// <summary>What would close it ("再召开1次党支部专题会议可得2.5分"), as of the last evaluation.</summary>
    public required string Action { get; set; }

    /// <summary>open or closed (<see cref="GapStates"/>).</summary>
    public required string State { get; set; }
    public string? Owner { get; set; }
    public DateOnly? DueDate { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

public static class GapStates
{
    public const string Open = "open";
    public const string Closed = "closed";

    public static string Label(string state) => state == Open ? "待整改" : "已完成";
}

namespace WuHao.Web.Domain;

public enum UnitType
{
    Banner,
    Township,
    Village,
    Community,
    Farm,
    School,
}

/// <summary>A unit of the organisation tree: 旗 → 苏木乡镇 → 嘎查村/社区/分场 and 学校, each with its 关工委.</summary>
public sealed class OrgUnit : Entity
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public UnitType Type { get; set; }
    public int? ParentId { get; set; }
    public OrgUnit? Parent { get; set; }

    /// <summary>Materialised path of ids, e.g. "/1/4/9/": a unit's subtree is every path that starts with its own.</summary>
    public string Path { get; set; } = "/";

    /// <summary>The date the unit's 关工委 was set up, when known.</summary>
    public DateOnly? CommitteeFoundedOn { get; set; }

    /// <summary>Seeded demonstration data, labelled 演示数据 in the UI.</summary>
    public bool IsDemo { get; set; }

    public static string TypeName(UnitType type) => type switch
    {
        UnitType.Banner => "旗",
        UnitType.Township => "苏木乡镇",
        UnitType.Village => "嘎查村",
        UnitType.Community => "社区",
        UnitType.Farm => "分场",
        UnitType.School => "学校",
        _ => type.ToString(),
    };

    /// <summary>The API's lowercase name of a unit type.</summary>
    public static string ApiName(UnitType type) => type.ToString().ToLowerInvariant();

    public static bool TryParseApiName(string? value, out UnitType type)
    {
        type = default;
        return value is not null
            && Enum.TryParse(value, ignoreCase: true, out type)
            && Enum.IsDefined(type)
            && !int.TryParse(value, out _);
    }

    /// <summary>Which types may sit directly under a parent of the given type (null: the root).</summary>
    public static bool MayContain(UnitType? parent, UnitType child) => parent switch
    {
        null => child == UnitType.Banner,
        UnitType.Banner => child is UnitType.Township or UnitType.School,
        UnitType.Township => child is UnitType.Village or UnitType.Community or UnitType.Farm or UnitType.School,
        _ => false,
    };
}

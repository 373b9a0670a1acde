namespace WuHao.Web.Domain;

/// <summary>The levels of the tree, from the top; stored and sent by name, so their order here is only for reading.</summary>
public enum UnitType
{
    Region,
    League,
    Banner,
    Township,
    Village,
    Community,
    Farm,
    School,
}

/// <summary>
/// A unit of the organisation tree: 自治区 → 盟市 → 旗县 → 苏木乡镇 → 嘎查村/社区/分场, with 学校 under any of
/// the first four levels, each unit with its 关工委. The root may be any level: a deployment for one banner has a
/// banner at the top, one for the region a region.
/// </summary>
public sealed class OrgUnit : Entity
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public UnitType Type { get; set; }
    public int? ParentId { get; set; }
    public OrgUnit? Parent { get; set; }

    /// <summary>Materialised path of ids, e.g. "/1/4/9/": a unit's subtree is every path that starts with its own.</summary>
    public string Path { get; set; } = "/";

    /// <summary>
    /// The banner (旗) on the unit's path, the distribution column of its records (ADR-016): the deepest unit of the
    /// path that is the root or sits directly under a region or league, so a banner's, a league's or the region's own
    /// id, and for a deployment rooted below banner level, its root's. Kept by <c>UnitTree</c>, never from input.
    /// </summary>
    public int BannerId { get; set; }

    /// <summary>
    /// Raised in the same transaction as every write that can change the unit's evaluation (<see cref="Data.UnitStamps"/>):
    /// the evaluation cache keys on it. Never set from input, never logged.
    /// </summary>
    public long DataStamp { get; set; }

    /// <summary>The date the unit's 关工委 was set up, when known.</summary>
    public DateOnly? CommitteeFoundedOn { get; set; }

    /// <summary>Seeded demonstration data, labelled 演示数据 in the UI.</summary>
    public bool IsDemo { get; set; }

    /// <summary>The <see cref="BannerId"/> of a unit (its id given) under a parent (null for a root).</summary>
    public static int BannerUnder(OrgUnit? parent, int unitId) =>
        parent is null || parent.Type is UnitType.Region or UnitType.League ? unitId : parent.BannerId;

    public static string TypeName(UnitType type) => type switch
    {
        UnitType.Region => "自治区",
        UnitType.League => "盟市",
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

    /// <summary>A level that has units under it (自治区, 盟市, 旗县, 苏木乡镇), as against a grassroots unit or a school.</summary>
    public static bool IsAdministrative(UnitType type) => type is UnitType.Region or UnitType.League or UnitType.Banner or UnitType.Township;

    /// <summary>The usual type of a new unit under one of the given type (the next level down).</summary>
    public static UnitType NextLevel(UnitType type) => type switch
    {
        UnitType.Region => UnitType.League,
        UnitType.League => UnitType.Banner,
        UnitType.Banner => UnitType.Township,
        _ => UnitType.Village,
    };

    /// <summary>
    /// Which types may sit directly under a parent of the given type (null: the root, which may be any type):
    /// the next level down, or a school. Nothing sits under a village, community, farm or school.
    /// </summary>
    public static bool MayContain(UnitType? parent, UnitType child) => parent switch
    {
        null => true,
        UnitType.Region => child is UnitType.League or UnitType.School,
        UnitType.League => child is UnitType.Banner or UnitType.School,
        UnitType.Banner => child is UnitType.Township or UnitType.School,
        UnitType.Township => child is UnitType.Village or UnitType.Community or UnitType.Farm or UnitType.School,
        _ => false,
    };
}

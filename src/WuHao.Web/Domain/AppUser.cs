using Microsoft.AspNetCore.Identity;

namespace WuHao.Web.Domain;

/// <summary>An account: belongs to one unit, has one role.</summary>
public sealed class AppUser : IdentityUser
{
    public required string DisplayName { get; set; }
    public int UnitId { get; set; }
    public OrgUnit? Unit { get; set; }
    public bool IsDisabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The roles of. Names are stored as Identity role names.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Banner = "banner";
    public const string Township = "township";
    public const string Village = "village";
    public const string School = "school";
    public const string Assessor = "assessor";
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Banner, Township, Village, School, Assessor, Viewer];

    /// <summary>Roles that keep records; assessors and viewers only read (assessors score in later features).</summary>
    public static readonly IReadOnlyList<string> Editors = [Admin, Banner, Township, Village, School];

    /// <summary>Roles that edit the organisation tree.</summary>
    public static readonly IReadOnlyList<string> TreeEditors = [Admin, Banner];

    public static string DisplayName(string role) => role switch
    {
        Admin => "系统管理员",
        Banner => "旗关工委",
        Township => "苏木乡镇关工委",
        Village => "嘎查村关工委",
        School => "学校关工委",
        Assessor => "验收组成员",
        Viewer => "只读用户",
        _ => role,
    };
}

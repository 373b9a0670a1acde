namespace WuHao.Web.Domain;

/// <summary>The words of the paper forms (REQUIREMENTS.md): the API and the UI carry these terms as they are.</summary>
public static class Vocabulary
{
    public static readonly IReadOnlyList<string> Genders = ["男", "女"];

    public static readonly IReadOnlyList<string> TeamPositions =
        ["名誉主任", "主任", "执行主任", "常务副主任", "副主任", "秘书长", "副秘书长", "委员", "联络员",
         "组长", "常务副组长", "副组长", "成员"];

    public static readonly IReadOnlyList<string> Affiliations =
        ["党支部", "五老", "共青团/青年", "妇联", "民兵", "治保", "学校", "其他"];

    /// <summary>The organisations the plan asks to pull together (青、妇、民兵和治保, R-1.3).</summary>
    public static readonly IReadOnlyList<string> CoveredOrganisations = ["共青团/青年", "妇联", "民兵", "治保"];

    public static readonly IReadOnlyList<string> PoliticalStatuses =
        ["中共党员", "中共预备党员", "共青团员", "民主党派", "群众"];

    public static readonly IReadOnlyList<string> Ethnicities =
        ["汉族", "蒙古族", "满族", "回族", "朝鲜族", "达斡尔族", "鄂温克族", "鄂伦春族", "其他"];

    public static readonly IReadOnlyList<string> StudyKinds = ["政治理论", "形势政策", "业务知识"];

    /// <summary>The five kinds of 五老, plus 其他 for 乡贤 and retired village cadres .</summary>
    public static readonly IReadOnlyList<string> ElderCategories = ["老干部", "老战士", "老专家", "老教师", "老模范", "其他"];

    public static readonly IReadOnlyList<string> HealthStates = ["良好", "一般", "较差"];

    public static readonly IReadOnlyList<string> DonorKinds = ["个人", "企业", "社会组织", "机关事业单位", "其他"];

    /// <summary>Levels of a commendation or a promotion: 嘎查村, 苏木乡镇, 旗, 市, 自治区, 国家 (as writes them).</summary>
    public static readonly IReadOnlyList<string> Levels = ["村", "乡", "旗", "市", "区", "国家"];

    public static bool IsPartyMember(string? politicalStatus) =>
        politicalStatus is "中共党员" or "中共预备党员";
}

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

    public static bool IsPartyMember(string? politicalStatus) =>
        politicalStatus is "中共党员" or "中共预备党员";
}

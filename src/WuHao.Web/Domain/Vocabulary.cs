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

    /// <summary>Rule document types; the first five are the ones the plan requires.</summary>
    public static readonly IReadOnlyList<string> RuleTypes = ["学习制度", "会议制度", "工作制度", "档案管理制度", "奖励制度", "其他制度"];

    public static readonly IReadOnlyList<string> RequiredRuleTypes = ["学习制度", "会议制度", "工作制度", "档案管理制度", "奖励制度"];

    /// <summary>"有计划、有布置、有检查、有总结", in their order in the year.</summary>
    public static readonly IReadOnlyList<string> WorkCycleStages = ["计划", "布置", "检查", "总结"];

    /// <summary>Archive categories (档案类别, R-3.3).</summary>
    public static readonly IReadOnlyList<string> ArchiveCategories = ["文书", "会议", "活动", "照片", "财务", "表彰", "制度", "其他"];

    /// <summary>Retention periods (保管期限) of the archive rules: permanent, 30 years, 10 years.</summary>
    public static readonly IReadOnlyList<string> Retentions = ["永久", "30年", "10年"];

    /// <summary>The usual retention of a category; the user may choose another.</summary>
    public static string DefaultRetention(string category) => category switch
    {
        "文书" or "会议" or "制度" or "表彰" or "照片" => "永久",
        "财务" or "活动" => "30年",
        _ => "10年",
    };

    /// <summary>Fund entry directions: API term → screen term.</summary>
    public static readonly IReadOnlyList<string> FundDirections = ["income", "spending"];

    public static string FundDirectionName(string direction) => direction == "income" ? "收入" : "支出";

    public static readonly IReadOnlyList<string> FundSources = ["上级拨款", "嘎查村集体", "社会捐助", "爱心人士", "其他"];

    /// <summary>Groups of young people an investigation looks at .</summary>
    public static readonly IReadOnlyList<string> TargetGroups =
        ["留守儿童", "失学儿童", "服刑人员子女", "孤儿/事实无人抚养", "残疾青少年", "困难家庭子女", "其他"];

    public static readonly IReadOnlyList<string> InvestigationMethods = ["走访", "座谈", "问卷", "个案调查", "其他"];

    /// <summary>Levels at which a typical experience is promoted, lowest first.</summary>
    public static readonly IReadOnlyList<string> PromotionLevels = ["乡", "旗", "市", "区", "国家"];

    /// <summary>Activity types .</summary>
    public static readonly IReadOnlyList<string> ActivityTypes =
        ["习近平新时代中国特色社会主义思想宣传教育", "社会主义核心价值观", "四史教育/党史", "革命传统", "爱国主义", "传承红色基因",
         "民族团结进步", "法治教育", "关爱服务", "乡村振兴", "精神文明创建/文明家庭", "社会治理", "移风易俗", "家教家风", "其他"];

    /// <summary>Modes: invite people in (e.g. police officers to the village), go out (youth to the court), or local.</summary>
    public static readonly IReadOnlyList<string> ActivityModes = ["请进来", "走出去", "本地"];

    public static readonly IReadOnlyList<string> ActivityPartners = ["政法机关", "学校", "派出所", "司法所", "法院", "共青团", "妇联", "卫生院", "爱心企业", "其他"];

    /// <summary>Kinds of civilisation creation .</summary>
    public static readonly IReadOnlyList<string> CivilizationKinds = ["文明嘎查村", "文明家庭", "五好家庭", "最美家庭", "其他"];
    /// <summary>The five kinds of 五老, plus 其他 for 乡贤 and retired village cadres .</summary>
    public static readonly IReadOnlyList<string> ElderCategories = ["老干部", "老战士", "老专家", "老教师", "老模范", "其他"];

    public static readonly IReadOnlyList<string> HealthStates = ["良好", "一般", "较差"];

    public static readonly IReadOnlyList<string> DonorKinds = ["个人", "企业", "社会组织", "机关事业单位", "其他"];

    /// <summary>Levels of a commendation or a promotion: 嘎查村, 苏木乡镇, 旗, 市, 自治区, 国家 (as writes them).</summary>
    public static readonly IReadOnlyList<string> Levels = ["村", "乡", "旗", "市", "区", "国家"];

    public static bool IsPartyMember(string? politicalStatus) =>
        politicalStatus is "中共党员" or "中共预备党员";
}

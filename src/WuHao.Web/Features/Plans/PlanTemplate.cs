using WuHao.Web.Domain;

namespace WuHao.Web.Features.Plans;

/// <summary>
/// The draft a unit starts from: the seed plan's structure (胜党字〔2023〕4号: 创建内容及标准 as the goals, the stages as
/// the steps with their dates, 组织领导 from the unit's own serving team, 工作安排要求) filled with the unit's name, the
/// campaign's dates and the team's names. Pure: the caller reads the team and the campaign.
/// </summary>
public static class PlanTemplate
{
    /// <summary>A serving team member as the template needs them.</summary>
    public sealed record Member(string Name, string Position, string Affiliation);

    /// <summary>The five 好 of the seed's 创建内容及标准, each with its standard in brief.</summary>
    public static readonly IReadOnlyList<string> FiveGoods =
    [
        "领导班子建设好：关工委班子健全、结构合理，成员变动及时调整充实不缺位；党支部每年至少两次专题研究关工委工作",
        "“五老”作用发挥好：“五老”队伍逐年壮大，建好“五老”工作室，抓好“五老”学习培训，每三年召开一次“五老”表彰会",
        "制度健全执行好：建立健全学习、会议、工作、档案管理和奖励制度，年度工作有计划、有布置、有检查、有总结",
        "积极探索创新好：针对留守儿童、失学儿童、服刑人员子女等问题调查研究；与学校关工委每年至少开展一次联谊活动；总结推广典型经验",
        "活动经常效果好：经常开展理想信念、“四史”、法治、民族团结进步等教育和关爱帮扶活动，建立困境青少年档案",
    ];

    public const string Requirements =
        "（一）党支部将关工委建设纳入嘎查村党建工作，同步安排部署，认真履行主体责任，党支部书记亲自过问，安排人员具体抓。\n"
        + "（二）对照《创建“五好”基层关工委标准》和验收指标体系，逐条、逐项认真研究、落实，资料随时登记、佐证随时上传。\n"
        + "（三）按时间节点推进，每年8月自行验收、查遗补漏，按时圆满完成创建“五好”关工委工作任务。";

    /// <summary>The pre-filled content for a unit in a campaign.</summary>
    public static PlanContent For(string unitName, Campaign campaign, IReadOnlyList<StageDates> stages, IReadOnlyList<Member> team)
    {
        var chair = Lead(team);
        var chairName = chair?.Name ?? "关工委主任";
        var target = campaign.TargetDate;
        var goals = new List<string>
        {
            target is { Month: 12, Day: 31 }
                ? $"到{target.Year}年底前，达到“五好”关工委目标要求"
                : $"到{target.Year}年{target.Month}月{target.Day}日前，达到“五好”关工委目标要求",
        };
        goals.AddRange(FiveGoods);

        var steps = new List<PlanStepContent>();
        if (CampaignCalendar.Find(stages, StageKinds.Prepare, null) is { } prepare)
        {
            steps.Add(new("党支部召开专题会议研究部署创建工作，制定创建实施方案，报乡（苏木）关工委", chairName, prepare.Due));
        }

        if (CampaignCalendar.Find(stages, StageKinds.Create, null) is { } create)
        {
            steps.Add(new("按照创建内容和标准，按时间节点开展创建工作，活动、会议、培训随时登记并上传佐证", chairName, create.Due));
        }

        foreach (var self in stages.Where(s => s.Kind == StageKinds.SelfCheck).OrderBy(s => s.Due))
        {
            steps.Add(new($"{self.Year}年自行验收：对照验收指标体系逐条自查，认真开展查遗补漏", chairName, self.Due));
        }

        if (stages.Where(s => s.Kind == StageKinds.Acceptance).OrderBy(s => s.Due).LastOrDefault() is { } last)
        {
            steps.Add(new($"{last.Year}年做好被验收准备，必保按时完成任务", chairName, last.Due));
        }

        var people = team.OrderBy(m => Rank(m.Position)).Select(m => new PlanPersonContent(m.Name, Role(m, chair), Duty(m, chair))).ToList();
        if (people.Count == 0)
        {
            people.Add(new PlanPersonContent("（请填写）", "组长", "全面负责创建工作"));
        }

        return new PlanContent($"{unitName}创建“五好”关工委工作实施方案", goals, steps, people, Requirements, null);
    }

    /// <summary>Who leads the plan: the 关工委 chair (主任 first, then the other posts in their order).</summary>
    private static Member? Lead(IReadOnlyList<Member> team) => team.OrderBy(m => Rank(m.Position)).FirstOrDefault(m => Rank(m.Position) <= 2);

    private static int Rank(string position)
    {
        var i = Vocabulary.TeamPositions.ToList().IndexOf(position);
        return position switch { "主任" => 0, "执行主任" => 1, "名誉主任" => 2, _ => i < 0 ? 99 : 3 + i };
    }

    private static string Role(Member m, Member? chair) =>
        m == chair ? "组长" : m.Position is "常务副主任" or "副主任" or "执行主任" ? "副组长" : "成员";

    private static string Duty(Member m, Member? chair) => m == chair
        ? $"关工委{m.Position}，全面负责创建工作"
        : m.Position is "常务副主任" or "副主任" or "执行主任"
            ? $"关工委{m.Position}，协助组长抓好创建工作的具体落实"
            : $"关工委{m.Position}（{m.Affiliation}），按分工负责相关工作";
}

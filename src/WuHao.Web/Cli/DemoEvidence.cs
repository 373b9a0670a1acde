using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Cli;

/// <summary>
/// 演示数据 of 三、四、五 (issue 4): rules, work cycles, funds, activities over the months, a village–school link
/// with a joint activity. Gaps on purpose, so the figures have something red to show: not every unit has every
/// rule, months without activity, 前进村 without a summary.
/// </summary>
internal static class DemoEvidence
{
    private static readonly string[] ActivityTitles =
        ["“关爱明天 普法先行”法治报告会", "清明祭扫烈士墓", "“五老”讲红色故事", "民族团结进步主题班会", "暑期留守儿童关爱活动",
         "家风家训分享会", "移风易俗宣传进农户", "国庆升旗仪式", "乡村振兴我参与志愿服务", "重阳敬老活动"];

    private static readonly string[][] ActivityTypes =
        [["法治教育"], ["革命传统", "爱国主义"], ["传承红色基因", "四史教育/党史"], ["民族团结进步"], ["关爱服务"],
         ["家教家风"], ["移风易俗", "社会治理"], ["爱国主义", "社会主义核心价值观"], ["乡村振兴"], ["关爱服务", "精神文明创建/文明家庭"]];

    /// <summary>Nothing in the demo is dated after today, whatever day it is run.</summary>
    private static DateOnly Past(DateOnly date, DateOnly today) => date > today ? today : date;

    public static void Add(AppDbContext db, OrgUnit unit, int index, DateOnly today, Random rng)
    {
        if (unit.Type is not (UnitType.Village or UnitType.School))
        {
            return;
        }

        var year = today.Year;
        var adopted = new DateOnly(year - 1, 3, 10);
        foreach (var (type, i) in Vocabulary.RequiredRuleTypes.Select((t, i) => (t, i)))
        {
            if (i > 4 - (index % 3))
            {
                continue; // some units still miss 奖励制度 or 档案管理制度
            }

            db.RuleDocuments.Add(new RuleDocument
            {
                UnitId = unit.Id, Type = type, Title = $"{unit.Name}关工委{type}", Edition = $"{year - 1}年版", AdoptedOn = adopted.AddDays(i * 3),
                Text = $"为规范关工委工作，制定本{type}。", IsPosted = i % 2 == 0,
            });
        }

        var stages = unit.Name == "前进村" ? Vocabulary.WorkCycleStages.Take(2) : Vocabulary.WorkCycleStages.Take(today.Month >= 12 ? 4 : 3);
        foreach (var (stage, i) in stages.Select((s, i) => (s, i)))
        {
            var date = Past(new DateOnly(year, Math.Min(today.Month, 1 + (i * 3)), 10), today);
            db.WorkCycle.Add(new WorkCycleEntry { UnitId = unit.Id, Year = year, Stage = stage, Date = date, Title = $"{year}年度关工委工作{stage}", Content = "见附件。" });
        }

        db.Funds.Add(new FundEntry { UnitId = unit.Id, Date = Past(new DateOnly(year, 1, 15), today), Direction = "income", Amount = 3000m, Source = "上级拨款", Purpose = "年度活动经费" });
        db.Funds.Add(new FundEntry { UnitId = unit.Id, Date = Past(new DateOnly(year, Math.Min(today.Month, 6), 1), today), Direction = "spending", Amount = 860.5m, Purpose = "六一慰问留守儿童", Handler = "会计" });

        // Activities in most months up to now: every unit skips a different month or two.
        for (var month = 1; month <= today.Month; month++)
        {
            if ((month + index) % 4 == 0)
            {
                continue;
            }

            var k = (month + index) % ActivityTitles.Length;
            var day = Math.Min(month == today.Month ? today.Day : 28, 5 + rng.Next(20));
            db.Activities.Add(new Activity
            {
                UnitId = unit.Id, Date = Past(new DateOnly(year, month, Math.Max(1, day)), today), Title = ActivityTitles[k], Place = $"{unit.Name}活动室",
                Types = Lists.New<ActivityTypeValue>(ActivityTypes[k]), Mode = k == 0 ? "请进来" : k == 1 ? "走出去" : "本地",
                Partners = k == 0 ? Lists.New<ActivityPartnerValue>("政法机关", "学校") : [], YouthCount = 20 + rng.Next(40), ElderCount = 2 + rng.Next(5),
                Effect = "青少年积极参与，反响良好。",
            });
        }

        if (unit.Type is UnitType.Village && index % 2 == 0)
        {
            db.Investigations.Add(new Investigation
            {
                UnitId = unit.Id, Date = Past(new DateOnly(year, Math.Min(today.Month, 4), 12), today), Topic = $"{unit.Name}留守儿童学习生活情况调查",
                TargetGroups = Lists.New<InvestigationTargetGroupValue>("留守儿童", "困难家庭子女"), Method = "走访", Findings = "部分留守儿童课后无人辅导。", Measures = "“五老”结对辅导，每周两次。",
            });
        }

        if (unit.Name == "胜利嘎查")
        {
            db.Experiences.Add(new Experience
            {
                UnitId = unit.Id, Date = new DateOnly(year - 1, 11, 20), Title = "“五老”结对帮扶留守儿童的做法", Summary = "组织“五老”与留守儿童一对一结对。",
                Level = "旗", PromotedBy = "旗关工委简报",
            });
            db.CivilizationEntries.Add(new CivilizationEntry { UnitId = unit.Id, Year = year - 1, Kind = "文明家庭", Subject = "白音仓家庭", Result = "旗级文明家庭", AwardedBy = "科左中旗文明办" });
        }
    }

    /// <summary>胜利嘎查 and 胜利中心学校 are linked and held a joint activity this year.</summary>
    public static void AddSchoolLink(AppDbContext db, OrgUnit village, OrgUnit school, DateOnly today)
    {
        var link = new SchoolLink { UnitId = village.Id, SchoolUnitId = school.Id, Since = new DateOnly(today.Year - 2, 9, 1), Contacts = "村关工委主任；学校关工委副主任", Content = "寒暑假学生衔接，留守儿童共同关爱。" };
        db.SchoolLinks.Add(link);
        db.Activities.Add(new Activity
        {
            UnitId = village.Id, SchoolLink = link, Date = Past(new DateOnly(today.Year, Math.Min(today.Month, 5), 4), today), Title = "村校联谊：红色故事进校园",
            Types = Lists.New<ActivityTypeValue>("传承红色基因"), Mode = "走出去", Partners = Lists.New<ActivityPartnerValue>("学校"), YouthCount = 80, ElderCount = 4, ElderNames = "白音仓、包玉兰",
        });
    }
}

using System.Security.Cryptography;
using System.Text;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Cli;

/// <summary>
/// How diligent a demo unit is in one year, so that the default village template gives a believable, varied
/// picture: 胜利嘎查 and 宝力根嘎查 pass both years, 巴彦塔拉嘎查 catches up this year, 东升村
/// and 新艾里嘎查 fail with different gaps, 前进村 is vetoed (its 主任 post has been empty since last summer).
/// </summary>
/// <param name="Rules">How many of the five required rules it has adopted.</param>
/// <param name="Stages">How many work-cycle steps (计划、布置、检查、总结) it recorded.</param>
/// <param name="FiledStages">How many of those steps have their paper scanned.</param>
/// <param name="SkippedMonths">Months without any activity.</param>
/// <param name="Investigation">0 none, 1 without the report scanned, 2 with it.</param>
/// <param name="Experiences">Levels of its typical experiences promoted this year (乡, 旗, 市…).</param>
/// <param name="Archive">Documents filed in the archive catalogue.</param>
/// <param name="Joint">A joint activity with 胜利中心学校 this year.</param>
/// <param name="Civilization">A civilisation entry (文明家庭…) this year.</param>
/// <param name="Studio">A 五老 studio (set up years ago).</param>
/// <param name="ManyElders">Most 五老 take part in activities and trainings (else the same two or three every time).</param>
/// <param name="StudySessions">Study sessions a year.</param>
/// <param name="UnfiledMeetings">Party-branch meetings without their minutes scanned.</param>
/// <param name="Spending">What it spent from the activity funds.</param>
/// <param name="Deed">A 五老 deed written up and publicised this year.</param>
internal sealed record Diligence(
    int Rules, int Stages, int FiledStages, int[] SkippedMonths, int Investigation, string[] Experiences, int Archive,
    bool Joint, bool Civilization, bool Studio, bool ManyElders, int StudySessions, int UnfiledMeetings, decimal Spending, bool Deed = true)
{
    private static readonly Diligence Strong = new(5, 4, 4, [2], 2, [], 12, true, true, true, true, 4, 0, 860.5m);
    private static readonly Diligence Middling = new(4, 4, 3, [2, 6, 8], 1, [], 6, false, false, true, false, 3, 0, 620m);

    public static Diligence For(OrgUnit unit, int year, int thisYear)
    {
        var last = year < thisYear;
        return unit.Name switch
        {
            "胜利嘎查" => Strong with { Experiences = last ? ["旗"] : ["旗", "市"] },
            "宝力根嘎查" => Strong with { Experiences = last ? ["乡"] : ["旗"], Archive = 8, SkippedMonths = [2, 9] },
            "巴彦塔拉嘎查" => last
                ? Strong with { Joint = false, Experiences = [], Civilization = false, Archive = 7 }
                : Strong with { Experiences = ["乡"], SkippedMonths = [2, 5] },
            "东升村" => Middling with { Joint = true, Investigation = last ? 1 : 2, Rules = 4 },
            "新艾里嘎查" => Middling with
            {
                Rules = 3, Stages = 3, FiledStages = 2, SkippedMonths = [1, 2, 6, 8, 11], Investigation = last ? 0 : 2, Archive = 4,
                Joint = !last, Studio = false, UnfiledMeetings = 1,
            },
            "前进村" => Middling with
            {
                Rules = 3, Stages = 2, FiledStages = 2, SkippedMonths = [1, 2, 8, 11], Investigation = 0, Archive = 2,
                Studio = false, UnfiledMeetings = 1, Spending = 300m, Deed = !last,
            },
            _ => Middling,
        };
    }
}

/// <summary>
/// 演示数据 of 三、四、五 (issue 4, issue 9): rules, work cycles, archive, funds, activities over the months with the
/// 五老 who took part, investigations, experiences, civilisation entries and village–school links, for last year and
/// this year, with evidence files where the unit has scanned its paper. Gaps on purpose (<see cref="Diligence"/>).
/// </summary>
internal static class DemoEvidence
{
    private static readonly string[] ActivityTitles =
        ["“关爱明天 普法先行”法治报告会", "清明祭扫烈士墓", "“五老”讲红色故事", "民族团结进步主题班会", "暑期留守儿童关爱活动",
         "家风家训分享会", "移风易俗宣传进农户", "国庆升旗仪式", "乡村振兴我参与志愿服务", "重阳敬老活动"];

    private static readonly string[][] ActivityTypes =
        [["法治教育"], ["革命传统", "爱国主义"], ["传承红色基因", "四史教育/党史"], ["民族团结进步"], ["关爱服务"],
         ["家教家风"], ["移风易俗", "社会治理"], ["爱国主义", "社会主义核心价值观"], ["乡村振兴"], ["关爱服务", "精神文明创建/文明家庭"]];

    /// <summary>The activity of each month (January … December): 寒假家风, 春节移风易俗, 开学普法, 清明祭扫… 12月4日宪法日普法.</summary>
    private static readonly int[] MonthlyActivity = [5, 6, 0, 1, 2, 3, 4, 8, 2, 7, 9, 0];

    /// <summary>Nothing in the demo is dated after today, whatever day it is run.</summary>
    private static DateOnly Past(DateOnly date, DateOnly today) => date > today ? today : date;

    /// <summary>A small scanned document (a stand-in PDF) filed in the unit's archive, to attach as evidence.</summary>
    public static StoredFile Scan(OrgUnit unit, string name, string category, int year)
    {
        var data = Encoding.UTF8.GetBytes($"%PDF-1.4\n% 演示扫描件：{unit.Name} {year} {name}\n%%EOF\n");
        return new StoredFile
        {
            UnitId = unit.Id, FileName = $"{name}.pdf", ContentType = "application/pdf", Size = data.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(data)), Category = category, Year = year, Retention = "30年",
            Content = new StoredFileContent { Data = data },
        };
    }

    /// <summary>Whether the 五老 was on the roster and active on <paramref name="day"/> (by the in-memory status changes).</summary>
    private static bool ActiveOn(Elder elder, DateOnly day) =>
        elder.JoinDate <= day && (elder.StatusChanges.Where(s => s.Date <= day).OrderBy(s => s.Date).LastOrDefault()?.Status ?? ElderStatuses.Active) == ElderStatuses.Active;

    public static void Add(AppDbContext db, OrgUnit unit, int index, DateOnly today, Random rng, IReadOnlyList<Elder> elders)
    {
        if (unit.Type is not (UnitType.Village or UnitType.School))
        {
            return;
        }

        for (var year = today.Year - 1; year <= today.Year; year++)
        {
            AddYear(db, unit, index, year, today, rng, elders, Diligence.For(unit, year, today.Year));
        }
    }

    private static void AddYear(AppDbContext db, OrgUnit unit, int index, int year, DateOnly today, Random rng, IReadOnlyList<Elder> elders, Diligence d)
    {
        if (year < today.Year)
        {
            foreach (var (type, i) in Vocabulary.RequiredRuleTypes.Take(d.Rules).Select((t, i) => (t, i)))
            {
                db.RuleDocuments.Add(new RuleDocument
                {
                    UnitId = unit.Id, Type = type, Title = $"{unit.Name}关工委{type}", Edition = $"{year}年版", AdoptedOn = new DateOnly(year, 3, 10 + (i * 3)),
                    Text = $"为规范关工委工作，制定本{type}。", IsPosted = i % 2 == 0,
                });
            }
        }

        DateOnly[] stageDates = [new(year, 1, 12), new(year, 3, 8), new(year, 7, 15), new(year, 11, 25)];
        foreach (var (stage, i) in Vocabulary.WorkCycleStages.Take(d.Stages).Select((s, i) => (s, i)).Where(s => stageDates[s.i] <= today))
        {
            var entry = new WorkCycleEntry { UnitId = unit.Id, Year = year, Stage = stage, Date = stageDates[i], Title = $"{year}年度关工委工作{stage}", Content = "见附件。" };
            if (i < d.FiledStages)
            {
                entry.Attach(Scan(unit, entry.Title, "文书", year));
            }

            db.WorkCycle.Add(entry);
        }

        string[] archived = ["年度工作计划", "党支部会议记录", "学习记录", "活动记录", "活动照片", "经费账目", "表彰决定", "制度汇编", "五老名册", "调查报告", "工作总结", "上级文件"];
        string[] categories = ["文书", "会议", "会议", "活动", "照片", "财务", "表彰", "制度", "其他", "文书", "文书", "文书"];
        for (var i = 0; i < d.Archive; i++)
        {
            var date = new DateOnly(year, 1 + i, 20);
            if (date <= today)
            {
                db.ArchiveEntries.Add(new ArchiveEntry
                {
                    UnitId = unit.Id, Title = $"{year}年{archived[i]}", Category = categories[i], Year = year, Date = date, Retention = "30年",
                    Location = $"档案柜{1 + (i / 6)}号盒", Pages = 2 + (i % 5),
                });
            }
        }

        db.Funds.Add(new FundEntry { UnitId = unit.Id, Date = Past(new DateOnly(year, 1, 15), today), Direction = "income", Amount = 3000m, Source = "上级拨款", Purpose = "年度活动经费" });
        db.Funds.Add(new FundEntry { UnitId = unit.Id, Date = new DateOnly(year, 6, 1), Direction = "spending", Amount = d.Spending, Purpose = "六一慰问留守儿童", Handler = "会计" });

        // Activities in most months up to today; the 五老 who took part are linked, so 参与率 is real.
        for (var month = 1; month <= (year < today.Year ? 12 : today.Month); month++)
        {
            if (d.SkippedMonths.Contains(month))
            {
                continue;
            }

            var k = MonthlyActivity[month - 1];
            var date = Past(new DateOnly(year, month, 5 + rng.Next(20)), today);
            var activity = new Activity
            {
                UnitId = unit.Id, Date = date, Title = ActivityTitles[k], Place = $"{unit.Name}活动室",
                Types = Lists.New<ActivityTypeValue>(ActivityTypes[k]), Mode = k == 0 ? "请进来" : k == 1 ? "走出去" : "本地",
                Partners = k == 0 ? Lists.New<ActivityPartnerValue>("政法机关", "学校") : [], YouthCount = 20 + rng.Next(40),
                Effect = "青少年积极参与，反响良好。",
            };
            var taking = elders.Where((e, i) => ActiveOn(e, date) && (d.ManyElders ? (i + month) % 3 != 0 : i is 0 or 3)).ToList();
            foreach (var elder in taking)
            {
                activity.Elders.Add(new ActivityElder { UnitId = unit.Id, Elder = elder });
            }

            activity.ElderCount = taking.Count;
            if (month % 3 == 0)
            {
                activity.Attach(Scan(unit, $"{activity.Title}活动照片", "照片", year));
            }

            db.Activities.Add(activity);
        }

        if (unit.Type is UnitType.Village && d.Investigation > 0)
        {
            var investigation = new Investigation
            {
                UnitId = unit.Id, Date = new DateOnly(year, 4, 12), Topic = year < today.Year ? $"{unit.Name}留守儿童学习生活情况调查" : $"{unit.Name}困境青少年家庭教育情况调查",
                TargetGroups = Lists.New<InvestigationTargetGroupValue>("留守儿童", "困难家庭子女"), Method = "走访", Findings = "部分留守儿童课后无人辅导。", Measures = "“五老”结对辅导，每周两次。",
            };
            if (d.Investigation > 1)
            {
                investigation.Attach(Scan(unit, investigation.Topic + "报告", "文书", year));
            }

            db.Investigations.Add(investigation);
        }

        foreach (var (level, i) in d.Experiences.Select((l, i) => (l, i)))
        {
            var experience = new Experience
            {
                UnitId = unit.Id, Date = Past(new DateOnly(year, 9 + i, 20), today),
                Title = i == 0 ? "“五老”结对帮扶留守儿童的做法" : "村校携手办好“四点半课堂”的经验",
                Summary = i == 0 ? "组织“五老”与留守儿童一对一结对，每周两次课后辅导。" : "放学后由“五老”和教师轮流辅导作业、讲红色故事。",
                Level = level, PromotedBy = level switch { "乡" => "胜利乡关工委工作简报", "旗" => "科左中旗关工委简报", _ => "通辽市关工委《关心下一代》" },
            };
            experience.Attach(Scan(unit, experience.Title, "文书", year));
            db.Experiences.Add(experience);
        }

        if (unit.Type is UnitType.Village && d.Civilization)
        {
            db.CivilizationEntries.Add(new CivilizationEntry
            {
                UnitId = unit.Id, Year = year, Kind = year < today.Year ? "文明家庭" : "最美家庭", Subject = $"{elders[0].Name}家庭",
                Result = year < today.Year ? "旗级文明家庭" : "乡级最美家庭", AwardedBy = year < today.Year ? "科左中旗文明办" : "胜利乡党委",
            });
        }

        if (unit.Type is UnitType.Village && d.Studio && year < today.Year)
        {
            db.Studios.Add(new Studio
            {
                UnitId = unit.Id, Name = $"{unit.Name}“五老之家”", Place = $"{unit.Name}党群服务中心", SetUpDate = new DateOnly(2021, 6, 1),
                Facilities = "活动室60平方米、图书角、电脑2台", Members = string.Join("、", elders.Take(4).Select(e => e.Name)),
                Activities = "每周六义务辅导留守儿童作业；每月一次家庭教育讲座。",
            });
        }
    }

    /// <summary>
    /// The villages linked with 胜利中心学校 (胜利嘎查 for years, 东升村 and 宝力根嘎查 since last year, 巴彦塔拉嘎查 and
    /// 新艾里嘎查 since this year) and their joint activities (联谊活动) in the years their <see cref="Diligence"/> says.
    /// </summary>
    public static void AddSchoolLinks(AppDbContext db, IReadOnlyList<OrgUnit> villages, OrgUnit school, DateOnly today)
    {
        string[] titles = ["村校联谊：红色故事进校园", "村校联谊：“五老”进课堂讲民族团结", "村校联谊：暑期安全教育", "村校联谊：重阳敬老", "村校联谊：法治小课堂"];
        foreach (var (village, i) in villages.Select((v, i) => (v, i)))
        {
            var years = Enumerable.Range(today.Year - 1, 2).Where(y => Diligence.For(village, y, today.Year).Joint).ToList();
            if (years.Count == 0)
            {
                continue;
            }

            var since = village.Name == "胜利嘎查" ? new DateOnly(today.Year - 2, 9, 1) : new DateOnly(years[0], 3, 1);
            var link = new SchoolLink { UnitId = village.Id, SchoolUnitId = school.Id, Since = since, Contacts = "村关工委主任；学校关工委副主任", Content = "寒暑假学生衔接，留守儿童共同关爱。" };
            db.SchoolLinks.Add(link);
            foreach (var year in years)
            {
                var title = year == today.Year && i == 0 ? titles[0] : titles[(i + year) % titles.Length];
                db.Activities.Add(new Activity
                {
                    UnitId = village.Id, SchoolLink = link, Date = Past(new DateOnly(year, 5, 4 + i), today), Title = title,
                    Types = Lists.New<ActivityTypeValue>("传承红色基因"), Mode = "走出去", Partners = Lists.New<ActivityPartnerValue>("学校"), YouthCount = 80, ElderCount = 2,
                    ElderNames = "白音仓、包玉兰",
                });
            }
        }
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Units;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Protection;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Cli;

/// <summary>Settings of section "Demo".</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo data into an empty database at start (on in Development, the README's run command).</summary>
    public bool Seed { get; set; }

    /// <summary>The password of every demo account.</summary>
    public string Password { get; set; } = "Demo@2023";
}

/// <summary>
/// 演示数据: 科左中旗 → 胜利乡 → six 嘎查村 and 胜利中心学校, a second township, realistic teams, meetings and
/// study sessions over the last three years, and one account per role. Every unit is marked IsDemo.
/// </summary>
public sealed class DemoData(AppDbContext db, UserManager<AppUser> users, IOptions<DemoOptions> options, TimeProvider time, FieldProtector protector,
    Features.Indicators.Evaluations evaluations, Features.Assessment.Rounds rounds)
{
    public static readonly IReadOnlyList<(string User, string Role, string Unit, string Name)> Accounts =
    [
        ("admin", Roles.Admin, "科左中旗", "系统管理员"),
        ("banner", Roles.Banner, "科左中旗", "旗关工委 包玉兰"),
        ("township", Roles.Township, "胜利乡", "胜利乡关工委 王振国"),
        ("village1", Roles.Village, "胜利嘎查", "胜利嘎查 白音仓"),
        ("village2", Roles.Village, "东升村", "东升村 李桂芝"),
        ("school", Roles.School, "胜利中心学校", "胜利中心学校 韩玉梅"),
        ("assessor", Roles.Assessor, "科左中旗", "验收组 赵文广"),
    ];

    public async Task SeedIfConfiguredAsync()
    {
        if (options.Value.Seed)
        {
            await SeedIfEmptyAsync();
            PrintAccounts();
        }
    }

    /// <summary>Seeds an empty database; false when it is not empty, also when another instance seeded it a moment ago.</summary>
    public async Task<bool> SeedIfEmptyAsync()
    {
        if (await db.Units.AnyAsync())
        {
            return false;
        }

        var today = time.Today();
        await protector.WarmUpAsync();
        await using var tx = await Infrastructure.SeedLock.BeginAsync(db);
        if (await db.Units.AnyAsync())
        {
            return false;
        }

        var units = new Dictionary<string, OrgUnit>();
        async Task<OrgUnit> Add(string code, string name, UnitType type, string? parent)
        {
            var unit = new OrgUnit { Code = code, Name = name, Type = type, IsDemo = true, CommitteeFoundedOn = new DateOnly(2019, 5, 4) };
            await UnitTree.AddAsync(db, unit, parent is null ? null : units[parent]);
            units[name] = unit;
            return unit;
        }

        await Add("150521", "科左中旗", UnitType.Banner, null);
        await Add("150521101", "胜利乡", UnitType.Township, "科左中旗");
        await Add("150521102", "协代苏木", UnitType.Township, "科左中旗");
        string[] villages = ["胜利嘎查", "东升村", "宝力根嘎查", "巴彦塔拉嘎查", "新艾里嘎查", "前进村"];
        for (var i = 0; i < villages.Length; i++)
        {
            await Add($"150521101{i + 201:000}", villages[i], UnitType.Village, "胜利乡");
        }

        await Add("150521101401", "胜利中心学校", UnitType.School, "胜利乡");
        await Add("150521102201", "协代嘎查", UnitType.Village, "协代苏木");

        var rng = new Random(2023);
        foreach (var (unit, index) in units.Values.Select((u, i) => (u, i)))
        {
            AddTeam(unit, today, rng);
            AddMeetings(unit, index, today, rng);
            if (unit.Type is UnitType.Village or UnitType.School)
            {
                var elders = AddElders(unit, index, today, rng);
                DemoEvidence.Add(db, unit, index, today, rng, elders);
            }
        }

        DemoEvidence.AddSchoolLinks(db, [.. villages.Select(v => units[v])], units["胜利中心学校"], today);

        await db.SaveChangesAsync();
        await AddCasesAsync(units["胜利嘎查"], today);
        await DemoRounds.AddAsync(db, evaluations, rounds, units["科左中旗"], [.. villages.Select(v => units[v])], today);
        foreach (var (userName, role, unitName, displayName) in Accounts)
        {
            var user = new AppUser { UserName = userName, DisplayName = displayName, UnitId = units[unitName].Id, CreatedAt = time.GetUtcNow() };
            var result = await users.CreateAsync(user, options.Value.Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {userName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }

            await users.AddToRoleAsync(user, role);
            if (userName is "village1" or "township")
            {
                await users.AddClaimAsync(user, new System.Security.Claims.Claim(WuHaoClaims.Permission, WuHaoClaims.YouthCases));
            }
        }

        await tx.CommitAsync();
        return true;
    }

    /// <summary>A few made-up cases in 胜利嘎查, with checksum-valid (but invented) ID numbers.</summary>
    private async Task AddCasesAsync(OrgUnit unit, DateOnly today)
    {
        (string Name, string Gender, int Age, string Categories, string Guardian, string Relation, string School, string Grade)[] children =
        [
            ("其木格", "女", 9, "留守儿童", "白金花", "祖父母", "胜利中心学校", "三年级"),
            ("宝音", "男", 12, "单亲、低保/困难家庭", "宝玉兰", "母亲", "胜利中心学校", "六年级"),
            ("王小军", "男", 15, "失学/辍学", "王建国", "父亲", "", ""),
            ("乌日娜", "女", 7, "服刑人员子女、留守儿童", "乌云", "外祖父母", "胜利中心学校", "一年级"),
        ];
        var seq = 100;
        foreach (var c in children)
        {
            var birth = today.AddYears(-c.Age).AddDays(-37 * (seq % 7));
            seq += c.Gender == "男" ? 3 : 4;
            if ((seq % 2 == 1) != (c.Gender == "男"))
            {
                seq++;
            }

            var first17 = $"150521{birth:yyyyMMdd}{seq:000}";
            var idNumber = first17 + ChineseIdNumber.CheckCharacter(first17);
            var record = new YouthCase
            {
                UnitId = unit.Id, Name = c.Name, Gender = c.Gender, BirthDate = birth, Categories = Lists.New<YouthCaseCategoryValue>(Lists.Split(c.Categories)),
                IdNumberCipher = protector.Protect(idNumber), IdNumberHash = await protector.HashAsync(idNumber),
                School = c.School.Length > 0 ? c.School : null, Grade = c.Grade.Length > 0 ? c.Grade : null,
                AddressCipher = protector.Protect($"科左中旗胜利乡胜利嘎查{seq % 9 + 1}组{seq}号"),
                GuardianName = c.Guardian, GuardianRelation = c.Relation, GuardianPhoneCipher = protector.Protect($"1384751{seq:0000}"),
                Situation = "父母长期在外务工，由祖辈照看，学习缺少辅导。", Needs = "课后辅导、心理关爱",
                PairedElders = "韩振国（老教师）",
            };
            db.YouthCases.Add(record);
            await db.SaveChangesAsync();
            db.CaseConsents.Add(new CaseConsent
            {
                UnitId = unit.Id, CaseId = record.Id, Purpose = YouthCaseVocabulary.ConsentRecord, ConsentedBy = c.Guardian,
                Relation = c.Relation, Date = today.AddMonths(-6), Paper = "签字同意书（村委会存档）",
            });
            db.HelpActions.Add(new HelpAction
            {
                UnitId = unit.Id, CaseId = record.Id, Date = new DateOnly(today.Year - 1, 10, 15), Kind = "生活", Helper = "白音仓", Notes = "入户走访，送去冬衣和学习用品",
            });
            db.HelpActions.Add(new HelpAction
            {
                UnitId = unit.Id, CaseId = record.Id, Date = today.AddMonths(-2), Kind = "学业", Helper = "韩振国", Notes = "每周两次课后辅导",
            });
            db.CaseVisits.Add(new CaseVisit { UnitId = unit.Id, CaseId = record.Id, Date = today.AddMonths(-1), Visitor = "白音仓", Notes = "学习有进步，情绪稳定。" });
        }

        await db.SaveChangesAsync();
    }

    private void PrintAccounts()
    {
        var lines = string.Join(Environment.NewLine, Accounts.Select(a => $"  {a.User,-10} {Roles.DisplayName(a.Role),-10} {a.Unit}"));
        Console.WriteLine($"""
            ================ 演示数据 ================
            演示账号（密码均为 {options.Value.Password}）：
            {lines}
            ==========================================
            """);
    }

    private static readonly string[] Surnames = ["白", "包", "王", "李", "张", "刘", "韩", "赵", "宝", "吴", "陈", "孟"];
    private static readonly string[] GivenNames =
        ["音仓", "玉兰", "振国", "桂芝", "文广", "金山", "秀英", "巴特尔", "其其格", "海龙", "淑珍", "福林", "乌云", "建华", "春梅", "德胜", "那日苏", "凤英"];

    private void AddTeam(OrgUnit unit, DateOnly today, Random rng)
    {
        var village = unit.Type is UnitType.Village;
        (string Position, string Affiliation, bool Elder, int Age)[] roster = unit.Type switch
        {
            UnitType.Banner or UnitType.Township =>
                [("主任", "党支部", false, 52), ("常务副主任", "五老", true, 66), ("秘书长", "党支部", false, 41),
                 ("委员", "妇联", false, 45), ("委员", "共青团/青年", false, 29), ("委员", "五老", true, 71)],
            UnitType.School =>
                [("主任", "学校", false, 48), ("副主任", "五老", true, 64), ("委员", "学校", false, 36), ("委员", "共青团/青年", false, 26)],
            _ =>
                [("主任", "党支部", false, 50), ("副主任", "五老", true, 67), ("联络员", "共青团/青年", false, 31),
                 ("委员", "妇联", false, 44), ("委员", "民兵", false, 38), ("委员", "治保", false, 47), ("委员", "五老", true, 72)],
        };
        foreach (var (position, affiliation, elder, age) in roster)
        {
            if (unit.Name == "前进村" && position is "联络员" or "主任")
            {
                continue;
            }

            var name = Surnames[rng.Next(Surnames.Length)] + GivenNames[rng.Next(GivenNames.Length)];
            var member = new TeamMember
            {
                UnitId = unit.Id,
                Name = name,
                Gender = affiliation == "妇联" || rng.Next(4) == 0 ? "女" : "男",
                Ethnicity = rng.Next(3) == 0 ? "汉族" : "蒙古族",
                BirthDate = today.AddYears(-age).AddDays(-rng.Next(300)),
                PoliticalStatus = elder || position.Contains('主', StringComparison.Ordinal) ? "中共党员" : rng.Next(2) == 0 ? "中共党员" : "群众",
                Phone = $"139{rng.Next(10000000, 99999999)}",
                IsElder = elder,
                Position = position,
                Affiliation = affiliation,
                TermStart = new DateOnly(2021, 3, 1).AddDays(rng.Next(400)),
                Note = elder ? "退休教师" : null,
            };
            db.TeamMembers.Add(member);
        }

        // 前进村: its 主任 was transferred last summer and nobody took over (the township's veto, R-6.3), and its 联络员
        // left four months ago, so both vacancies are flagged.
        if (village && unit.Name == "前进村")
        {
            var transferred = new DateOnly(today.Year - 1, 6, 30);
            var director = new TeamMember
            {
                UnitId = unit.Id, Name = "刘福林", Gender = "男", Ethnicity = "汉族", BirthDate = today.AddYears(-53),
                PoliticalStatus = "中共党员", Position = "主任", Affiliation = "党支部",
                TermStart = new DateOnly(2021, 3, 15), TermEnd = transferred,
            };
            db.TeamMembers.Add(director);
            db.TeamChanges.Add(new TeamChange
            {
                UnitId = unit.Id, Date = transferred, Member = director, MemberName = director.Name, Position = director.Position,
                Reason = "调任乡政府工作，主任一职暂未补选",
            });

            var left = new TeamMember
            {
                UnitId = unit.Id, Name = "孟德胜", Gender = "男", Ethnicity = "蒙古族", BirthDate = today.AddYears(-35),
                PoliticalStatus = "中共党员", Position = "联络员", Affiliation = "共青团/青年",
                TermStart = new DateOnly(2021, 4, 1), TermEnd = today.AddDays(-120),
            };
            db.TeamMembers.Add(left);
            db.TeamChanges.Add(new TeamChange
            {
                UnitId = unit.Id, Date = today.AddDays(-120), Member = left, MemberName = left.Name, Position = left.Position,
                Reason = "外出务工，辞去联络员职务",
            });
        }
    }

    /// <summary>
    /// 五老 growing year by year (one left last year, one paused), gifts, deeds (last year's where the unit kept up), trainings and a commendation
    /// meeting; 东升村's last commendation was four years ago and 前进村 never held one, so both are overdue.
    /// </summary>
    private List<Elder> AddElders(OrgUnit unit, int index, DateOnly today, Random rng)
    {
        string[] formerUnits = ["乡中心学校", "乡政府", "嘎查党支部", "乡卫生院", "旗武装部", "供销社"];
        string[] specialties = ["党史宣讲", "家庭教育指导", "法律咨询", "农牧业技术", "蒙古族文化传承", "矛盾调解"];
        var elders = new List<Elder>();
        var count = 5 + ((index * 3) % 5);
        for (var i = 0; i < count; i++)
        {
            var category = Vocabulary.ElderCategories[(index + i) % Vocabulary.ElderCategories.Count];
            var elder = new Elder
            {
                UnitId = unit.Id,
                Name = Surnames[rng.Next(Surnames.Length)] + GivenNames[rng.Next(GivenNames.Length)],
                Gender = rng.Next(3) == 0 ? "女" : "男",
                Ethnicity = rng.Next(3) == 0 ? "汉族" : "蒙古族",
                BirthDate = today.AddYears(-62 - rng.Next(18)).AddDays(-rng.Next(300)),
                PoliticalStatus = rng.Next(4) == 0 ? "群众" : "中共党员",
                Phone = $"139{rng.Next(10000000, 99999999)}",
                Category = category,
                FormerUnit = formerUnits[(index + i) % formerUnits.Length],
                FormerPost = category == "老教师" ? "教师" : category == "老战士" ? "退役军人" : "干部",
                Specialties = specialties[(index + (i * 2)) % specialties.Length],
                Health = i % 4 == 3 ? "一般" : "良好",
                JoinDate = new DateOnly(today.Year - 3 + (i % 4), 1 + ((i * 5) % 12), 1 + rng.Next(27)),
            };
            if (elder.JoinDate > today)
            {
                elder.JoinDate = today.AddDays(-rng.Next(1, 60));
            }

            elders.Add(elder);
        }

        elders[1].StatusChanges.Add(new ElderStatusChange { UnitId = unit.Id, Date = new DateOnly(today.Year - 1, 7, 15), Status = ElderStatuses.Left, Note = "随子女迁居通辽市" });
        if (index % 2 == 0 && elders[2].JoinDate <= today.AddDays(-40))
        {
            elders[2].StatusChanges.Add(new ElderStatusChange { UnitId = unit.Id, Date = today.AddDays(-40), Status = ElderStatuses.Paused, Note = "住院治疗" });
        }

        db.Elders.AddRange(elders);
        db.Donors.Add(new Donor
        {
            UnitId = unit.Id, Name = "科左中旗某某牧业有限公司", Kind = "企业", ContactPerson = "宝经理", Phone = $"138{rng.Next(10000000, 99999999)}",
            Date = today.AddMonths(-2), Gift = "助学金3000元、书包40个", Amount = 4200, Recipient = $"{unit.Name}困境儿童",
        });
        db.Donors.Add(new Donor
        {
            UnitId = unit.Id, Name = elders[0].Name, Kind = "个人", Date = new DateOnly(today.Year - 1, 9, 1), Gift = "图书120册", Amount = 1800, Recipient = "村图书角",
        });
        var deed = new Deed
        {
            UnitId = unit.Id, Title = $"{elders[0].Name}：十年义务辅导留守儿童", Persons = elders[0].Name, Date = today.AddMonths(-5),
            Story = $"{elders[0].Name}退休后坚持每周为嘎查留守儿童义务辅导功课，结对帮扶困境儿童5名。",
        };
        deed.Publicity.Add(new DeedPublicity { UnitId = unit.Id, Date = today.AddMonths(-4), Outlet = "科左中旗融媒体中心", Note = "“身边的五老”专栏" });
        db.Deeds.Add(deed);
        if (Diligence.For(unit, today.Year - 1, today.Year).Deed)
        {
            var earlier = new Deed
            {
                UnitId = unit.Id, Title = $"{elders[3].Name}：调解家庭矛盾，帮扶失学少年返校", Persons = elders[3].Name, Date = new DateOnly(today.Year - 1, 6, 10),
                Story = $"{elders[3].Name}多次上门做家长工作，帮助两名失学少年重返校园。",
            };
            earlier.Publicity.Add(new DeedPublicity { UnitId = unit.Id, Date = new DateOnly(today.Year - 1, 7, 1), Outlet = "胜利乡宣传栏" });
            db.Deeds.Add(earlier);
        }

        if (unit.Name != "前进村")
        {
            var meeting = new CommendationMeeting
            {
                UnitId = unit.Id, Date = unit.Name == "东升村" ? today.AddYears(-4) : new DateOnly(today.Year - 1, 12, 20),
                Title = "关心下一代工作表彰会", Level = "村", Place = $"{unit.Name}党群服务中心",
            };
            meeting.Honorees.Add(new CommendationHonoree { UnitId = unit.Id, Name = elders[0].Name, Honour = "优秀“五老”", Reason = "义务辅导留守儿童" });
            meeting.Honorees.Add(new CommendationHonoree { UnitId = unit.Id, Name = elders[3].Name, Honour = "关心下一代先进个人", Reason = "调解家庭矛盾、帮扶失学少年返校" });
            db.CommendationMeetings.Add(meeting);
        }

        for (var year = today.Year - 1; year <= today.Year; year++)
        {
            var date = year == today.Year ? today.AddDays(-20) : new DateOnly(year, 12, 5);
            var training = new Training
            {
                UnitId = unit.Id, Date = date, Content = year == today.Year ? "学习《未成年人保护法》和家庭教育促进法" : "关工委业务知识和“五老”宣讲技巧培训",
                Place = $"{unit.Name}会议室", Organiser = "胜利乡关工委", Hours = 3, InPartyPlan = true, OtherTrainees = "关工委主任、副主任",
            };
            var all = Diligence.For(unit, year, today.Year).ManyElders;
            foreach (var elder in elders.Where((e, i) => e.JoinDate <= date && (all || i % 3 != 2)))
            {
                training.Trainees.Add(new TrainingTrainee { UnitId = unit.Id, Elder = elder });
            }

            db.Trainings.Add(training);
        }

        return elders;
    }

    private void AddMeetings(OrgUnit unit, int index, DateOnly today, Random rng)
    {
        string[] meetingTopics = ["研究部署创建“五好”关工委工作", "听取关工委工作汇报，研究困境青少年帮扶", "研究暑期青少年教育活动安排", "研究“五老”队伍建设和表彰工作"];
        string[] studyTopics = ["学习党的二十大精神", "学习《关于加强新时代关心下一代工作委员会工作的意见》", "学习未成年人保护法", "形势政策报告会", "关工委业务知识培训"];
        for (var year = today.Year - 2; year <= today.Year; year++)
        {
            var lastMonth = year == today.Year ? Math.Max(1, today.Month - 1) : 12;

            // Every third unit is one meeting short this year, so the home page has something red to show.
            var meetings = year == today.Year && index % 3 == 1 ? 1 : 2;
            var diligence = Diligence.For(unit, year, today.Year);
            for (var i = 0; i < meetings; i++)
            {
                var month = Math.Min(lastMonth, 3 + (i * 6) + rng.Next(2));
                var meeting = new PartyMeeting
                {
                    UnitId = unit.Id,
                    Date = new DateOnly(year, month, 1 + rng.Next(27)),
                    Topic = meetingTopics[(year + i) % meetingTopics.Length],
                    Place = $"{unit.Name}党群服务中心",
                    Attendees = "党支部书记、支部委员、关工委主任、“五老”代表",
                    AttendeeCount = 7 + rng.Next(6),
                    Minutes = "会议传达了上级关工委工作要求，讨论了本年度关工委工作重点，明确了责任分工。",
                    Decisions = "一、按季度开展青少年教育活动；二、落实“五老”结对帮扶困境青少年。",
                    Organisations = Lists.New<PartyMeetingOrganisationValue>(Vocabulary.CoveredOrganisations),
                };

                // The minutes are scanned (查资料 needs the paper), except the last meetings of a unit that lags behind.
                if (year < today.Year - 1 || i < meetings - diligence.UnfiledMeetings)
                {
                    meeting.Attach(DemoEvidence.Scan(unit, $"{meeting.Date:yyyy年M月d日}党支部会议记录", "会议", year));
                }

                db.PartyMeetings.Add(meeting);
            }

            for (var i = 0; i < diligence.StudySessions; i++)
            {
                var month = Math.Min(lastMonth, 2 + (i * 3));
                db.StudySessions.Add(new StudySession
                {
                    UnitId = unit.Id,
                    Date = new DateOnly(year, month, 10 + rng.Next(15)),
                    Topic = studyTopics[(year + i) % studyTopics.Length],
                    Kind = Vocabulary.StudyKinds[i % Vocabulary.StudyKinds.Count],
                    Place = $"{unit.Name}会议室",
                    Participants = "关工委全体成员",
                    ParticipantCount = 6 + rng.Next(5),
                    Hours = 2,
                });
            }
        }
    }
}

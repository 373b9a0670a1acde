using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Units;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Protection;

namespace WuHao.Tests.Infrastructure;

/// <summary>
/// A test's own small world, with unique codes and user names, five levels deep (R-0.1):
/// region R → league L (school LS) → banner → township A (villages A1, A2, school AS) and township B (village B1,
/// school BS); and a second league L2 → banner2 → township C (village C1, school CS). In each village
/// one team member, team change, party meeting and study session, and one record of each collection of
/// 制度、创新、活动 (R-3–R-5) with an evidence file on its activity; each village's school link names BS
/// (C1's names CS, in its own league) (so that AS shares nothing with A1 in the access matrix); one account per role,
/// plus "region", "league" and "league2" (banner staff at those levels), "leagueSchool" (LS) and "villageC" (C1).
/// Each village also has one youth case (with a help action, a visit and a consent); village2 and school lack the
/// 困境青少年档案 permission, the other accounts hold it.
/// Each village also has one 五老, donor, studio, deed, commendation meeting and training, and a submitted 实施方案 (R-6.2).
/// </summary>
public sealed class TestData
{
    public const string Password = "Test@2024x";
    private static int counter;

    private TestData(string prefix) => Prefix = prefix;

    public string Prefix { get; }
    public Dictionary<string, int> Units { get; } = [];
    public Dictionary<string, string> Users { get; } = [];
    public Dictionary<string, string> UserIds { get; } = [];

    /// <summary>The (made-up, checksum-valid) ID number of each village's test case.</summary>
    public Dictionary<string, string> IdNumbers { get; } = [];

    private static DateOnly ChineseIdNumberBirth(string idNumber) => ChineseIdNumber.BirthDate(idNumber)!.Value;

    /// <summary>Records per village key ("A1", "A2", "B1") and record type.</summary>
    public Dictionary<(string Village, Type Type), int> Records { get; } = [];

    public int Unit(string key) => Units[key];
    public string User(string role) => Users[role];
    public int Record<T>(string village) => Records[(village, typeof(T))];

    private static string? passwordHash;

    /// <summary>
    /// <see cref="Password"/> hashed once per test run by the app's own hasher (PBKDF2 at the production cost), and given
    /// to every test account: hashing it for each of the 15 accounts of every test's world cost 15 PBKDF2 hashes (0.2–0.4 s
    /// each on the loaded CI machine) per test. Logging in still verifies it at the production cost.
    /// </summary>
    private static string PasswordHash(IServiceProvider services)
    {
        if (passwordHash is null)
        {
            var hasher = services.GetRequiredService<IPasswordHasher<AppUser>>();
            Interlocked.CompareExchange(ref passwordHash, hasher.HashPassword(new AppUser { UserName = "-", DisplayName = "-" }, Password), null);
        }

        return passwordHash;
    }

    /// <summary>The worlds of <see cref="SharedAsync"/>, per factory and theory.</summary>
    private static readonly ConditionalWeakTable<WuHaoFactory, ConcurrentDictionary<string, Lazy<Task<TestData>>>> SharedWorlds = new();

    /// <summary>
    /// One world per factory and theory (<paramref name="theory"/>, the calling test method), built when its first case
    /// asks, for the cases of a theory that only read or are refused, and assert so (a 4xx answer, the same counts
    /// before and after). Each case building its own world cost about 1,600 SQL commands. The cases of one class run one
    /// after the other, and each takes its "before" itself. A test that writes builds its own with <see cref="CreateAsync"/>.
    /// </summary>
    public static Task<TestData> SharedAsync(WuHaoFactory factory, [CallerMemberName] string theory = "") =>
        SharedWorlds.GetValue(factory, _ => new ConcurrentDictionary<string, Lazy<Task<TestData>>>(StringComparer.Ordinal))
            .GetOrAdd(theory, _ => new Lazy<Task<TestData>>(() => CreateAsync(factory))).Value;

    public static async Task<TestData> CreateAsync(WuHaoFactory factory)
    {
        var data = new TestData(string.Create(CultureInfo.InvariantCulture, $"t{Interlocked.Increment(ref counter)}x{Environment.ProcessId % 1000}"));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var today = factory.Time.Today();
        var protector = scope.ServiceProvider.GetRequiredService<FieldProtector>();

        async Task Add(string key, string name, UnitType type, string? parent)
        {
            var unit = new OrgUnit { Code = $"{data.Prefix}-{key}", Name = $"{name}{data.Prefix}", Type = type, CommitteeFoundedOn = today.AddYears(-3) };
            OrgUnit? parentUnit = parent is null ? null : await db.Units.FindAsync(data.Units[parent]);
            await UnitTree.AddAsync(db, unit, parentUnit);
            data.Units[key] = unit.Id;
        }

        await Add("R", "测试自治区", UnitType.Region, null);
        await Add("L", "测试盟", UnitType.League, "R");
        await Add("LS", "盟直学校", UnitType.School, "L");
        await Add("L2", "测试二盟", UnitType.League, "R");
        await Add("Banner2", "测试二旗", UnitType.Banner, "L2");
        await Add("C", "丙乡", UnitType.Township, "Banner2");
        await Add("C1", "丙一嘎查", UnitType.Village, "C");
        await Add("CS", "丙乡学校", UnitType.School, "C");
        await Add("Banner", "测试旗", UnitType.Banner, "L");
        await Add("A", "甲乡", UnitType.Township, "Banner");
        await Add("B", "乙乡", UnitType.Township, "Banner");
        await Add("A1", "甲一嘎查", UnitType.Village, "A");
        await Add("A2", "甲二村", UnitType.Village, "A");
        await Add("AS", "甲乡学校", UnitType.School, "A");
        await Add("B1", "乙一嘎查", UnitType.Village, "B");
        await Add("BS", "乙乡学校", UnitType.School, "B");

        // Two saves for the four villages, not a dozen for each: the first adds every record that needs no other's id,
        // the second those that name one (a change names its former member, a gap its indicator system …). Each table
        // gets its rows in the same order as when every village's records were saved a few at a time, so the records
        // and their ids are the same; only the change log's rows come in another order.
        var villages = new List<Village>();
        foreach (var key in new[] { "A1", "A2", "B1", "C1" })
        {
            var unitId = data.Units[key];
            var village = new Village(key, unitId)
            {
                Member = new TeamMember
                {
                    UnitId = unitId, Name = $"成员{key}", Gender = "男", Ethnicity = "蒙古族", BirthDate = today.AddYears(-50),
                    PoliticalStatus = "中共党员", Position = "主任", Affiliation = "党支部", TermStart = today.AddYears(-2),
                },
                Former = new TeamMember
                {
                    UnitId = unitId, Name = $"前成员{key}", Gender = "女", Position = "委员", Affiliation = "妇联",
                    TermStart = today.AddYears(-3), TermEnd = today.AddYears(-1),
                },

                // A draft indicator system of the unit's own, for the access matrix (R-6.3, R-6.6).
                System = new IndicatorSystemRecord
                {
                    Code = $"{data.Prefix}-{key}", Name = $"指标体系{key}", Edition = "1", State = IndicatorSystemStates.Draft, AppliesTo = "village",
                    PassScore = 85, OwnerUnitId = unitId, Definition = WuHao.Web.Domain.Indicators.IndicatorJson.Write(WuHao.Web.Domain.Indicators.DefaultSystems.Village),
                },

                // A campaign of the village's own (so that another village's is out of scope), for the access matrix (R-6.1, R-6.5).
                Campaign = new Campaign { UnitId = unitId, Name = $"创建工作{key}", TargetDate = today },
                Elder = new Elder
                {
                    UnitId = unitId, Name = $"五老{key}", Gender = "男", BirthDate = today.AddYears(-70), Category = "老教师",
                    Phone = "13912345678", JoinDate = today.AddYears(-2),
                },
            };
            village.Campaign.Stages.AddRange(CampaignCalendar.Yearly(today.Year).Select(s => new CampaignStage { UnitId = unitId, Kind = s.Kind, Year = s.Year, Start = s.Start, Due = s.Due }));
            db.AddRange(village.Member, village.Former, village.System, village.Campaign);
            village.Named.AddRange([village.Member, village.System, village.Campaign]);

            var idNumber = WuHao.Tests.Infrastructure.IdNumbers.Make(today.AddYears(-10), "女", data.Prefix.Length + unitId);
            village.Youth = new YouthCase
            {
                UnitId = unitId, Name = $"儿童{key}", Gender = "女", BirthDate = ChineseIdNumberBirth(idNumber), Categories = [new() { Value = "留守儿童" }],
                IdNumberCipher = protector.Protect(idNumber), IdNumberHash = await protector.HashAsync(idNumber), GuardianName = "监护人",
            };
            db.YouthCases.Add(village.Youth);
            data.IdNumbers[key] = idNumber;
            village.Named.Add(village.Youth);
            village.Named.AddRange(AddEvidenceRecords(db, data, key, unitId, today));

            var elder = village.Elder;
            var donor = new Donor { UnitId = unitId, Name = $"爱心人士{key}", Kind = "个人", Date = today.AddDays(-20), Gift = "图书50册", Phone = "13812345678" };
            var studio = new Studio { UnitId = unitId, Name = $"五老之家{key}", Place = "党群服务中心", SetUpDate = today.AddYears(-1) };
            var deed = new Deed { UnitId = unitId, Title = $"事迹{key}", Persons = elder.Name, Date = today.AddDays(-30), Story = "结对帮扶留守儿童" };
            deed.Publicity.Add(new DeedPublicity { UnitId = unitId, Date = today.AddDays(-25), Outlet = "村务公开栏" });
            var commendation = new CommendationMeeting { UnitId = unitId, Date = today.AddYears(-1), Title = $"表彰会{key}", Level = "村" };
            commendation.Honorees.Add(new CommendationHonoree { UnitId = unitId, Name = elder.Name, Honour = "优秀五老", Reason = "结对帮扶" });
            db.AddRange(elder, donor, studio, deed, commendation);
            village.Named.AddRange([elder, donor, studio, deed, commendation]);
            villages.Add(village);
        }

        await db.SaveChangesAsync();
        foreach (var village in villages)
        {
            var (key, unitId) = (village.Key, village.UnitId);
            var change = new TeamChange { UnitId = unitId, Date = today.AddYears(-1), MemberId = village.Former.Id, MemberName = village.Former.Name, Position = "委员", Reason = "工作调动" };
            var meeting = new PartyMeeting { UnitId = unitId, Date = today.AddDays(-10), Topic = $"会议{key}", Attendees = "支委", AttendeeCount = 5 };
            var study = new StudySession { UnitId = unitId, Date = today.AddDays(-5), Topic = $"学习{key}", Kind = "政治理论", Participants = "全体", ParticipantCount = 6, Hours = 2 };

            // One 查遗补漏 item of the system (R-6.6), and the campaign's round with its self-check submitted (R-6.5).
            var gap = new GapRecord
            {
                UnitId = unitId, SystemId = village.System.Id, Year = today.Year, IndicatorCode = "T1", IndicatorName = $"测试指标{key}", Recoverable = 1,
                Action = "测试", State = GapStates.Open, OpenedAt = DateTimeOffset.UnixEpoch,
            };
            var round = new AssessmentRound { UnitId = unitId, CampaignId = village.Campaign.Id, Year = today.Year, SystemId = village.System.Id, State = RoundStates.Township };
            round.Steps.Add(new AssessmentStep { UnitId = unitId, Kind = RoundKinds.Self, SubmittedBy = "测试", SubmittedAt = DateTimeOffset.UnixEpoch, Snapshot = "{}" });

            // A submitted implementation plan in that campaign, for the access matrix (R-6.2).
            var content = new PlanContent($"实施方案{key}", ["目标"], [new("步骤", "负责人", today)], [new("负责人", "组长", null)], null, null);
            var plan = new ImplementationPlan
            {
                UnitId = unitId, CampaignId = village.Campaign.Id, Title = content.Title, State = PlanStates.Submitted, Goals = "目标", FirstSubmittedAt = DateTimeOffset.UnixEpoch,
            };
            plan.Steps.Add(new PlanStep { UnitId = unitId, What = "步骤", Responsible = "负责人", Due = today });
            plan.People.Add(new PlanPerson { UnitId = unitId, Name = "负责人", Role = "组长" });
            plan.Versions.Add(new PlanVersion
            {
                UnitId = unitId, Number = 1, SubmittedBy = "测试", SubmittedAt = DateTimeOffset.UnixEpoch,
                Content = System.Text.Json.JsonSerializer.Serialize(content, WuHao.Web.Features.Plans.PlanCommands.Json),
            });

            // A draw of the village's own and a long-expired title, for the access matrix (抽查 R-6.5, R-6.7).
            var sample = new Sample
            {
                UnitId = unitId, CampaignId = village.Campaign.Id, Year = today.Year, Rule = SampleRules.Uniform, Size = 1, Seed = 1, Candidates = "[]", DrawnBy = "测试",
                Drawn = [new SampledUnit { UnitId = unitId, Position = 0 }],
            };
            var title = new Certification { UnitId = unitId, CampaignId = village.Campaign.Id, IssuedById = unitId, AwardedOn = today.AddYears(-10), ValidUntil = today.AddYears(-7) };

            var help = new HelpAction { UnitId = unitId, CaseId = village.Youth.Id, Date = today.AddDays(-3), Kind = "学业", Helper = "五老" };
            var visit = new CaseVisit { UnitId = unitId, CaseId = village.Youth.Id, Date = today.AddDays(-2), Visitor = "回访人" };
            var consent = new CaseConsent { UnitId = unitId, CaseId = village.Youth.Id, Purpose = YouthCaseVocabulary.ConsentRecord, ConsentedBy = "监护人", Relation = "母亲", Date = today.AddDays(-30) };
            var training = new Training { UnitId = unitId, Date = today, Content = $"培训{key}", Hours = 2, InPartyPlan = true };
            training.Trainees.Add(new TrainingTrainee { UnitId = unitId, ElderId = village.Elder.Id });
            db.AddRange(change, meeting, study, gap, round, plan, sample, title, help, visit, consent, training);
            village.Named.AddRange([change, meeting, study, gap, round, plan, sample, title, help, visit, consent, training]);
        }

        await db.SaveChangesAsync();
        foreach (var village in villages)
        {
            foreach (var record in village.Named)
            {
                data.Records[(village.Key, record.GetType())] = record.Id;
            }

            data.Records[(village.Key, typeof(OrgUnit))] = village.UnitId;
        }

        (string Key, string Role, string Unit)[] accounts =
        [
            ("admin", Roles.Admin, "Banner"), ("banner", Roles.Banner, "Banner"), ("township", Roles.Township, "A"),
            ("townshipB", Roles.Township, "B"), ("village1", Roles.Village, "A1"), ("village2", Roles.Village, "A2"),
            ("villageB", Roles.Village, "B1"), ("school", Roles.School, "AS"), ("assessor", Roles.Assessor, "Banner"),
            ("viewer", Roles.Viewer, "A1"), ("region", Roles.Banner, "R"), ("league", Roles.Banner, "L"), ("league2", Roles.Banner, "L2"),
            ("leagueSchool", Roles.School, "LS"), ("villageC", Roles.Village, "C1"),
        ];
        foreach (var (key, role, unit) in accounts)
        {
            var user = new AppUser { UserName = $"{data.Prefix}-{key}", DisplayName = $"{key}用户", UnitId = data.Units[unit], CreatedAt = factory.Time.GetUtcNow() };
            user.PasswordHash = PasswordHash(scope.ServiceProvider);
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, role);
            if (key is "village1" or "township" or "townshipB" or "villageB" or "banner" or "viewer" or "admin" or "region" or "league" or "league2")
            {
                await users.AddClaimAsync(user, new System.Security.Claims.Claim(WuHaoClaims.Permission, WuHaoClaims.YouthCases));
            }

            data.Users[key] = user.UserName;
            data.UserIds[key] = user.Id;
        }

        return data;
    }

    /// <summary>One record of each collection of issue 4 in a village, and a photo on its activity, added but not saved.</summary>
    private static Entity[] AddEvidenceRecords(AppDbContext db, TestData data, string village, int unitId, DateOnly today)
    {
        var day = today.AddDays(-3);
        var file = new StoredFile
        {
            UnitId = unitId, FileName = $"照片{village}.png", ContentType = "image/png", Size = 8, Sha256 = new string('0', 64),
            Category = "照片", Year = day.Year, Retention = "永久", Content = new StoredFileContent { Data = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] },
        };
        var link = new SchoolLink { UnitId = unitId, SchoolUnitId = data.Units[village == "C1" ? "CS" : "BS"], Since = today.AddYears(-1) };
        var activity = new Activity { UnitId = unitId, Date = day, Title = $"活动{village}", Types = [new() { Value = "爱国主义" }], Mode = "本地", YouthCount = 20, ElderCount = 2 };
        activity.Attach(file);
        var records = new UnitRecord[]
        {
            new RuleDocument { UnitId = unitId, Type = "学习制度", Title = $"学习制度{village}", AdoptedOn = today.AddYears(-1), IsPosted = true },
            new WorkCycleEntry { UnitId = unitId, Year = day.Year, Stage = "计划", Date = day, Title = $"计划{village}" },
            new ArchiveEntry { UnitId = unitId, Title = $"档案{village}", Category = "文书", Year = day.Year, Date = day, Retention = "永久" },
            new FundEntry { UnitId = unitId, Date = day, Direction = "income", Amount = 1000m, Source = "上级拨款", Purpose = "活动经费" },
            new Investigation { UnitId = unitId, Date = day, Topic = $"调研{village}", TargetGroups = [new() { Value = "留守儿童" }], Method = "走访" },
            link,
            new Experience { UnitId = unitId, Date = day, Title = $"经验{village}", Summary = "做法", Level = "旗" },
            activity,
            new CivilizationEntry { UnitId = unitId, Year = day.Year, Kind = "文明家庭", Subject = $"家庭{village}", Result = "乡级文明家庭" },
        };
        db.AddRange(records);
        return [.. records, file];
    }

    /// <summary>One village's records while the world is built: those of the first save, and those the test data names.</summary>
    private sealed class Village(string key, int unitId)
    {
        public string Key => key;
        public int UnitId => unitId;
        public required TeamMember Member { get; init; }
        public required TeamMember Former { get; init; }
        public required IndicatorSystemRecord System { get; init; }
        public required Campaign Campaign { get; init; }
        public required Elder Elder { get; init; }
        public YouthCase Youth { get; set; } = null!;

        /// <summary>The records <see cref="TestData.Records"/> names, one of each type (the current member, not the former one).</summary>
        public List<Entity> Named { get; } = [];
    }
}

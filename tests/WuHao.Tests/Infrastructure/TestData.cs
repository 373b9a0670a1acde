using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Units;

namespace WuHao.Tests.Infrastructure;

/// <summary>
/// A test's own small world, with unique codes and user names:
/// banner → township A (villages A1, A2, school AS) and township B (village B1); one team member,
/// one team change, one party meeting and one study session in each village; one 五老, one donor, one studio, one deed, one commendation meeting and one training in each village;
/// one account per role.
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

    /// <summary>Records per village key ("A1", "A2", "B1") and record type.</summary>
    public Dictionary<(string Village, Type Type), int> Records { get; } = [];

    public int Unit(string key) => Units[key];
    public string User(string role) => Users[role];
    public int Record<T>(string village) => Records[(village, typeof(T))];

    public static async Task<TestData> CreateAsync(WuHaoFactory factory)
    {
        var data = new TestData(string.Create(CultureInfo.InvariantCulture, $"t{Interlocked.Increment(ref counter)}x{Environment.ProcessId % 1000}"));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var today = factory.Time.Today();

        async Task Add(string key, string name, UnitType type, string? parent)
        {
            var unit = new OrgUnit { Code = $"{data.Prefix}-{key}", Name = $"{name}{data.Prefix}", Type = type, CommitteeFoundedOn = today.AddYears(-3) };
            OrgUnit? parentUnit = parent is null ? null : await db.Units.FindAsync(data.Units[parent]);
            await UnitTree.AddAsync(db, unit, parentUnit);
            data.Units[key] = unit.Id;
        }

        await Add("Banner", "测试旗", UnitType.Banner, null);
        await Add("A", "甲乡", UnitType.Township, "Banner");
        await Add("B", "乙乡", UnitType.Township, "Banner");
        await Add("A1", "甲一嘎查", UnitType.Village, "A");
        await Add("A2", "甲二村", UnitType.Village, "A");
        await Add("AS", "甲乡学校", UnitType.School, "A");
        await Add("B1", "乙一嘎查", UnitType.Village, "B");

        foreach (var village in new[] { "A1", "A2", "B1" })
        {
            var unitId = data.Units[village];
            var member = new TeamMember
            {
                UnitId = unitId, Name = $"成员{village}", Gender = "男", Ethnicity = "蒙古族", BirthDate = today.AddYears(-50),
                PoliticalStatus = "中共党员", Position = "主任", Affiliation = "党支部", TermStart = today.AddYears(-2),
            };
            var former = new TeamMember
            {
                UnitId = unitId, Name = $"前成员{village}", Gender = "女", Position = "委员", Affiliation = "妇联",
                TermStart = today.AddYears(-3), TermEnd = today.AddYears(-1),
            };
            db.AddRange(member, former);
            await db.SaveChangesAsync();
            var change = new TeamChange { UnitId = unitId, Date = today.AddYears(-1), MemberId = former.Id, MemberName = former.Name, Position = "委员", Reason = "工作调动" };
            var meeting = new PartyMeeting { UnitId = unitId, Date = today.AddDays(-10), Topic = $"会议{village}", Attendees = "支委", AttendeeCount = 5 };
            var study = new StudySession { UnitId = unitId, Date = today.AddDays(-5), Topic = $"学习{village}", Kind = "政治理论", Participants = "全体", ParticipantCount = 6, Hours = 2 };
            db.AddRange(change, meeting, study);
            await db.SaveChangesAsync();
            data.Records[(village, typeof(TeamMember))] = member.Id;
            data.Records[(village, typeof(TeamChange))] = change.Id;
            data.Records[(village, typeof(PartyMeeting))] = meeting.Id;
            data.Records[(village, typeof(StudySession))] = study.Id;
            data.Records[(village, typeof(OrgUnit))] = unitId;

            var elder = new Elder
            {
                UnitId = unitId, Name = $"五老{village}", Gender = "男", BirthDate = today.AddYears(-70), Category = "老教师",
                Phone = "13912345678", JoinDate = today.AddYears(-2),
            };
            var donor = new Donor { UnitId = unitId, Name = $"爱心人士{village}", Kind = "个人", Date = today.AddDays(-20), Gift = "图书50册", Phone = "13812345678" };
            var studio = new Studio { UnitId = unitId, Name = $"五老之家{village}", Place = "党群服务中心", SetUpDate = today.AddYears(-1) };
            var deed = new Deed { UnitId = unitId, Title = $"事迹{village}", Persons = elder.Name, Date = today.AddDays(-30), Story = "结对帮扶留守儿童" };
            deed.Publicity.Add(new DeedPublicity { UnitId = unitId, Date = today.AddDays(-25), Outlet = "村务公开栏" });
            var commendation = new CommendationMeeting { UnitId = unitId, Date = today.AddYears(-1), Title = $"表彰会{village}", Level = "村" };
            commendation.Honorees.Add(new CommendationHonoree { UnitId = unitId, Name = elder.Name, Honour = "优秀五老", Reason = "结对帮扶" });
            db.AddRange(elder, donor, studio, deed, commendation);
            await db.SaveChangesAsync();
            var training = new Training { UnitId = unitId, Date = today, Content = $"培训{village}", Hours = 2, InPartyPlan = true };
            training.Trainees.Add(new TrainingTrainee { UnitId = unitId, ElderId = elder.Id });
            db.Add(training);
            await db.SaveChangesAsync();
            data.Records[(village, typeof(Elder))] = elder.Id;
            data.Records[(village, typeof(Donor))] = donor.Id;
            data.Records[(village, typeof(Studio))] = studio.Id;
            data.Records[(village, typeof(Deed))] = deed.Id;
            data.Records[(village, typeof(CommendationMeeting))] = commendation.Id;
            data.Records[(village, typeof(Training))] = training.Id;
        }

        (string Key, string Role, string Unit)[] accounts =
        [
            ("admin", Roles.Admin, "Banner"), ("banner", Roles.Banner, "Banner"), ("township", Roles.Township, "A"),
            ("townshipB", Roles.Township, "B"), ("village1", Roles.Village, "A1"), ("village2", Roles.Village, "A2"),
            ("villageB", Roles.Village, "B1"), ("school", Roles.School, "AS"), ("assessor", Roles.Assessor, "Banner"),
            ("viewer", Roles.Viewer, "A1"),
        ];
        foreach (var (key, role, unit) in accounts)
        {
            var user = new AppUser { UserName = $"{data.Prefix}-{key}", DisplayName = $"{key}用户", UnitId = data.Units[unit], CreatedAt = factory.Time.GetUtcNow() };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, role);
            data.Users[key] = user.UserName;
            data.UserIds[key] = user.Id;
        }

        return data;
    }
}

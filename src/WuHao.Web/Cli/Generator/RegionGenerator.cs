using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Indicators;
using WuHao.Web.Features.Plans;
using WuHao.Web.Infrastructure.Protection;
using static WuHao.Web.Cli.Generator.GeneratorWords;

namespace WuHao.Web.Cli.Generator;

/// <summary>What to generate: villages, the last <paramref name="Years"/> years up to this one, the seed, and whether units may already exist.</summary>
public sealed record GenerateOptions(int Villages, int Years, int Seed, bool Append = false);

/// <summary>Where a run stands: villages written of all, rows written so far, time taken.</summary>
public sealed record GenerateProgress(int VillagesDone, int Villages, long Rows, TimeSpan Elapsed);

/// <summary>What a run made: rows per table, the time, the top unit, its townships.</summary>
public sealed record GenerateSummary(IReadOnlyDictionary<string, long> Rows, TimeSpan Elapsed, int RootId, IReadOnlyList<int> TownshipIds);

/// <summary>Bad options or a database the generator must not write to; the message is for the user (Chinese).</summary>
public sealed class GeneratorRefusedException(string message) : Exception(message);

/// <summary>
/// The synthetic region for scale tests (R-8.3, issue 12): a banner of about 500 嘎查村 (several banners under a 盟市
/// above that), townships of 10–30 villages, and in each village about 40 五老, a team, 60 activities a year with types,
/// partners, taking-part 五老 and a photo for every third, 10 party-branch meetings and 4 study sessions a year, 15 youth
/// cases with help actions (encrypted as the app encrypts them), rules, work cycle, archive, funds, trainings, deeds,
/// donors, an implementation plan and this year's assessment round of the banner's campaign. Deterministic: the same
/// options on the same day give the same content (encrypted fields aside, whose ciphertext is random by design).
/// Written with <see cref="BulkWriter"/> in one transaction; no change-log rows (nobody edited anything).
/// </summary>
public sealed class RegionGenerator(AppDbContext db, FieldProtector protector, TimeProvider time)
{
    public const string Author = "generate-data";
    public const int ElderMin = 35, ElderMax = 45, ActivitiesPerYear = 60, MeetingsPerYear = 10, StudiesPerYear = 4, CasesPerVillage = 15;
    public const int VillagesPerBanner = 500;

    private DateOnly today;
    private DateTimeOffset now;
    private int villageSystemId;
    private byte[][] photos = [];

    public async Task<GenerateSummary> GenerateAsync(GenerateOptions options, Action<GenerateProgress>? progress = null, CancellationToken ct = default)
    {
        if (options.Villages is < 1 or > 200_000 || options.Years is < 1 or > 10)
        {
            throw new GeneratorRefusedException("参数不正确：--villages 应在 1 到 200000 之间，--years 应在 1 到 10 之间。");
        }

        if (!options.Append && await db.Units.AnyAsync(ct))
        {
            throw new GeneratorRefusedException("数据库中已有单位，未生成任何数据。如确要在已有数据旁追加一个生成的地区，请加 --append。");
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        today = time.Today();
        now = time.GetUtcNow();
        await IndicatorSystems.EnsureTemplatesAsync(db, ct);
        villageSystemId = await db.IndicatorSystems
            .Where(s => s.IsTemplate && s.State == IndicatorSystemStates.Published && s.AppliesTo.Contains("village"))
            .OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(ct);
        photos = GeneratorPhotos.Pool(options.Seed);

        // The key ring and the search key are written through their own connection: before the write transaction.
        await protector.WarmUpAsync(ct);
        var region = 1 + await db.Units.CountAsync(u => u.ParentId == null, ct);
        while (await db.Units.AnyAsync(u => u.Code.StartsWith(Code(region)), ct))
        {
            region++;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await using var writer = new BulkWriter(db, tx.GetDbTransaction());
        var rng = new Random(options.Seed);
        var bannerCount = (options.Villages + VillagesPerBanner - 1) / VillagesPerBanner;
        OrgUnit? league = null;
        if (bannerCount > 1)
        {
            league = await UnitAsync(writer, Code(region), "通辽市", UnitType.League, null, ct);
            await TeamAsync(writer, league, rng, ct);
        }

        var townships = new List<int>();
        var root = league;
        var done = 0;
        for (var b = 0; b < bannerCount; b++)
        {
            var villagesHere = (options.Villages / bannerCount) + (b < options.Villages % bannerCount ? 1 : 0);
            var bannerName = Banners[b % Banners.Length] + (b < Banners.Length ? "" : (1 + (b / Banners.Length)).ToString(CultureInfo.InvariantCulture));
            var banner = await UnitAsync(writer, $"{Code(region)}{b + 1:000}", bannerName, UnitType.Banner, league, ct);
            root ??= banner;
            await TeamAsync(writer, banner, rng, ct);
            var campaign = await CampaignAsync(writer, banner, ct);
            var sizes = TownshipSizes(villagesHere, rng);
            var names = new HashSet<string>();
            for (var t = 0; t < sizes.Count; t++)
            {
                var townshipName = UniqueName(names, rng, Place(rng) + (rng.Next(3) == 0 ? "镇" : rng.Next(2) == 0 ? "苏木" : "乡"));
                var township = await UnitAsync(writer, $"{banner.Code}{t + 101:000}", townshipName, UnitType.Township, banner, ct);
                townships.Add(township.Id);
                await TeamAsync(writer, township, rng, ct);
                var villageNames = new HashSet<string>();
                for (var v = 0; v < sizes[t]; v++)
                {
                    var own = new Random(unchecked((options.Seed * 1_000_003) + done));
                    var villageName = UniqueName(villageNames, own, own.Next(3) == 0 ? PlacesHan[own.Next(PlacesHan.Length)] + "村" : Place(own) + "嘎查");
                    var village = await UnitAsync(writer, $"{township.Code}{v + 201:000}", villageName, UnitType.Village, township, ct);
                    await VillageAsync(writer, village, campaign, options.Years, own, ct);
                    done++;
                }

                await writer.FlushAsync(ct);
                progress?.Invoke(new GenerateProgress(done, options.Villages, writer.Counts.Values.Sum(), clock.Elapsed));
            }
        }

        await writer.FinishAsync(ct);

        // The bulk load bypasses the save path: raise every unit's data stamp in the same transaction, so that an app
        // already running on this database (an --append) computes its cached evaluations again.
        await db.Units.ExecuteUpdateAsync(s => s.SetProperty(u => u.DataStamp, u => u.DataStamp + 1), ct);
        await tx.CommitAsync(ct);

        // Fresh statistics for the planner (PostgreSQL's and SQLite's): without them the first queries over millions of
        // new rows plan blind until autovacuum comes round (the bench measured 5.8 s against 0.6 s for one measure).
        await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        return new GenerateSummary(writer.Counts, clock.Elapsed, root!.Id, townships);
    }

    private static string Code(int region) => $"9{region:00}";

    private static string Place(Random rng) => PlacesMongolian[rng.Next(PlacesMongolian.Length)] + PlaceSuffixes[rng.Next(PlaceSuffixes.Length)];

    private static string UniqueName(HashSet<string> taken, Random rng, string name)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = name.Insert(name.Length - (name.EndsWith("嘎查", StringComparison.Ordinal) || name.EndsWith("苏木", StringComparison.Ordinal) ? 2 : 1),
                Numerals[(i - 2 + rng.Next(2)) % Numerals.Length]);
        }

        return candidate;
    }

    private static readonly string[] Numerals = ["东", "西", "南", "北", "前", "后", "新", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

    /// <summary>Township sizes of 10–30 villages adding up to <paramref name="villages"/> (one smaller township when there are fewer than 10).</summary>
    internal static List<int> TownshipSizes(int villages, Random rng)
    {
        if (villages < 10)
        {
            return [villages];
        }

        var count = Math.Max((villages + 29) / 30, Math.Min(villages / 10, (int)Math.Round(villages / 20.0)));
        var sizes = Enumerable.Range(0, count).Select(i => (villages / count) + (i < villages % count ? 1 : 0)).ToList();
        for (var i = 0; i < count; i++)
        {
            var (from, to) = (rng.Next(count), rng.Next(count));
            var shift = rng.Next(Math.Min(sizes[from] - 10, 30 - sizes[to]) + 1);
            if (from != to)
            {
                sizes[from] -= shift;
                sizes[to] += shift;
            }
        }

        return sizes;
    }

    private static string Person(Random rng) =>
        Surnames[rng.Next(Surnames.Length)] + (rng.Next(2) == 0 ? GivenMongolian[rng.Next(GivenMongolian.Length)] : GivenHan[rng.Next(GivenHan.Length)]);

    /// <summary>A day of <paramref name="year"/>, never after today: this year's records fall between 1 January and today.</summary>
    private DateOnly Day(int year, Random rng)
    {
        var first = new DateOnly(year, 1, 1);
        var last = year < today.Year ? new DateOnly(year, 12, 31) : today;
        return first.AddDays(rng.Next(last.DayNumber - first.DayNumber + 1));
    }

    private T Stamp<T>(T record) where T : Entity
    {
        record.Version = 1;
        record.CreatedAt = record.UpdatedAt = now;
        record.CreatedBy = record.UpdatedBy = Author;
        return record;
    }

    private async Task<OrgUnit> UnitAsync(BulkWriter writer, string code, string name, UnitType type, OrgUnit? parent, CancellationToken ct)
    {
        var unit = Stamp(new OrgUnit { Code = code, Name = name, Type = type, ParentId = parent?.Id, IsDemo = true, CommitteeFoundedOn = new DateOnly(2019, 5, 4) });
        await writer.AddAsync(unit, ct);
        unit.Path = $"{parent?.Path ?? "/"}{unit.Id}/";
        return unit;
    }

    private async Task TeamAsync(BulkWriter writer, OrgUnit unit, Random rng, CancellationToken ct)
    {
        (string Position, string Affiliation, bool Elder, int Age)[] roster = unit.Type is UnitType.Village
            ? [("主任", "党支部", false, 50), ("副主任", "五老", true, 67), ("联络员", "共青团/青年", false, 31), ("委员", "妇联", false, 44),
               ("委员", "民兵", false, 38), ("委员", "治保", false, 47), ("委员", "五老", true, 72)]
            : [("主任", "党支部", false, 52), ("常务副主任", "五老", true, 66), ("秘书长", "党支部", false, 41),
               ("委员", "妇联", false, 45), ("委员", "共青团/青年", false, 29), ("委员", "五老", true, 71)];
        foreach (var (position, affiliation, elder, age) in roster)
        {
            await writer.AddAsync(Stamp(new TeamMember
            {
                UnitId = unit.Id, Name = Person(rng), Gender = affiliation == "妇联" || rng.Next(4) == 0 ? "女" : "男", Ethnicity = rng.Next(3) == 0 ? "汉族" : "蒙古族",
                BirthDate = today.AddYears(-age).AddDays(-rng.Next(300)), PoliticalStatus = elder || rng.Next(3) > 0 ? "中共党员" : "群众",
                Phone = $"139{rng.Next(10000000, 99999999)}", IsElder = elder, Position = position, Affiliation = affiliation,
                TermStart = new DateOnly(2021, 3, 1).AddDays(rng.Next(400)), Note = elder ? "退休教师" : null,
            }), ct);
        }
    }

    private async Task<Campaign> CampaignAsync(BulkWriter writer, OrgUnit banner, CancellationToken ct)
    {
        var campaign = Stamp(new Campaign { UnitId = banner.Id, Name = $"{banner.Name}创建“五好”基层关工委工作", TargetDate = new DateOnly(2023, 12, 31) });
        await writer.AddAsync(campaign, ct);
        foreach (var s in CampaignCalendar.Seed(today.Year))
        {
            await writer.AddAsync(Stamp(new CampaignStage { UnitId = banner.Id, CampaignId = campaign.Id, Kind = s.Kind, Year = s.Year, Start = s.Start, Due = s.Due }), ct);
        }

        return campaign;
    }

    private sealed record ElderRow(int Id, string Name, DateOnly Joined, DateOnly? Left);

    private async Task VillageAsync(BulkWriter w, OrgUnit village, Campaign campaign, int years, Random rng, CancellationToken ct)
    {
        await TeamAsync(w, village, rng, ct);
        var firstYear = today.Year - years + 1;
        var elders = await EldersAsync(w, village, firstYear, rng, ct);
        for (var year = firstYear; year <= today.Year; year++)
        {
            await YearAsync(w, village, year, year == firstYear, elders, rng, ct);
        }

        await CasesAsync(w, village, firstYear, elders, rng, ct);
        await PlanAsync(w, village, campaign, rng, ct);
        await w.AddAsync(Stamp(new AssessmentRound { UnitId = village.Id, CampaignId = campaign.Id, Year = today.Year, SystemId = villageSystemId, State = RoundStates.Self }), ct);
    }

    private async Task<List<ElderRow>> EldersAsync(BulkWriter w, OrgUnit village, int firstYear, Random rng, CancellationToken ct)
    {
        var rows = new List<ElderRow>();
        var count = rng.Next(ElderMin, ElderMax + 1);
        for (var i = 0; i < count; i++)
        {
            var category = Vocabulary.ElderCategories[rng.Next(Vocabulary.ElderCategories.Count)];
            // Most were on the roster before the first year; the rest joined along the way.
            var joined = i < count * 3 / 4 ? new DateOnly(firstYear - 1 - rng.Next(4), 1 + rng.Next(12), 1 + rng.Next(28)) : Day(firstYear + rng.Next(today.Year - firstYear + 1), rng);
            var elder = Stamp(new Elder
            {
                UnitId = village.Id, Name = Person(rng), Gender = rng.Next(3) == 0 ? "女" : "男", Ethnicity = rng.Next(3) == 0 ? "汉族" : "蒙古族",
                BirthDate = today.AddYears(-60 - rng.Next(20)).AddDays(-rng.Next(365)), PoliticalStatus = rng.Next(4) == 0 ? "群众" : "中共党员",
                Phone = $"13{rng.Next(5, 10)}{rng.Next(10000000, 99999999)}", Category = category, FormerUnit = FormerUnits[rng.Next(FormerUnits.Length)],
                FormerPost = category == "老教师" ? "教师" : category == "老战士" ? "退役军人" : "干部", Specialties = Specialties[rng.Next(Specialties.Length)],
                Health = Vocabulary.HealthStates[rng.Next(10) switch { < 7 => 0, < 9 => 1, _ => 2 }], JoinDate = joined,
            });
            await w.AddAsync(elder, ct);
            DateOnly? left = null;
            if (rng.Next(12) == 0)
            {
                var date = Day(Math.Max(firstYear, joined.Year + 1 > today.Year ? today.Year : joined.Year + 1), rng);
                if (date > joined)
                {
                    left = date;
                    var status = rng.Next(3) == 0 ? ElderStatuses.Deceased : ElderStatuses.Left;
                    await w.AddAsync(Stamp(new ElderStatusChange { UnitId = village.Id, ElderId = elder.Id, Date = date, Status = status, Note = status == ElderStatuses.Left ? "随子女迁居" : null }), ct);
                }
            }

            rows.Add(new ElderRow(elder.Id, elder.Name, joined, left));
        }

        return rows;
    }

    private static List<ElderRow> Active(List<ElderRow> elders, DateOnly day) => elders.Where(e => e.Joined <= day && (e.Left is null || e.Left > day)).ToList();

    private async Task YearAsync(BulkWriter w, OrgUnit v, int year, bool first, List<ElderRow> elders, Random rng, CancellationToken ct)
    {
        var lastDay = year < today.Year ? new DateOnly(year, 12, 31) : today;
        if (first || rng.Next(4) == 0)
        {
            foreach (var (type, i) in Vocabulary.RequiredRuleTypes.Select((t, i) => (t, i)).Where(_ => first || rng.Next(3) == 0))
            {
                await w.AddAsync(Stamp(new RuleDocument
                {
                    UnitId = v.Id, Type = type, Title = $"{v.Name}关工委{type}", Edition = $"{year}年版", AdoptedOn = Min(new DateOnly(year, 3, 10 + i), lastDay),
                    Text = $"为规范关工委工作，制定本{type}。", IsPosted = rng.Next(3) > 0,
                }), ct);
            }
        }

        DateOnly[] stageDates = [new(year, 1, 12), new(year, 3, 8), new(year, 7, 15), new(year, 11, 25)];
        foreach (var (stage, i) in Vocabulary.WorkCycleStages.Select((s, i) => (s, i)).Where(s => stageDates[s.i] <= lastDay))
        {
            await w.AddAsync(Stamp(new WorkCycleEntry { UnitId = v.Id, Year = year, Stage = stage, Date = stageDates[i], Title = $"{year}年度关工委工作{stage}", Content = "见档案。" }), ct);
        }

        for (var i = 0; i < 6 + rng.Next(7); i++)
        {
            var category = Vocabulary.ArchiveCategories[rng.Next(Vocabulary.ArchiveCategories.Count)];
            await w.AddAsync(Stamp(new ArchiveEntry
            {
                UnitId = v.Id, Title = $"{year}年{category}材料（{i + 1}）", Category = category, Year = year, Date = Day(year, rng), Retention = Vocabulary.Retentions[rng.Next(3)],
                Location = $"档案柜{1 + (i / 6)}号盒", Pages = 2 + rng.Next(20),
            }), ct);
        }

        await w.AddAsync(Stamp(new FundEntry { UnitId = v.Id, Date = Min(new DateOnly(year, 1, 15), lastDay), Direction = "income", Amount = 2000 + (500 * rng.Next(5)), Source = "上级拨款", Purpose = "年度活动经费" }), ct);
        for (var i = 0; i < 2 + rng.Next(3); i++)
        {
            await w.AddAsync(Stamp(new FundEntry
            {
                UnitId = v.Id, Date = Day(year, rng), Direction = "spending", Amount = 100 + rng.Next(800) + (rng.Next(100) / 100m),
                Purpose = Spendings[rng.Next(Spendings.Length)], Handler = "会计",
            }), ct);
        }

        for (var i = 0; i < ActivitiesPerYear; i++)
        {
            await ActivityAsync(w, v, year, i, Day(year, rng), elders, rng, ct);
        }

        for (var i = 0; i < MeetingsPerYear; i++)
        {
            var meeting = Stamp(new PartyMeeting
            {
                UnitId = v.Id, Date = Day(year, rng), Topic = MeetingTopics[i], Place = $"{v.Name}党群服务中心", Attendees = "党支部书记、支部委员、关工委主任、“五老”代表",
                AttendeeCount = 6 + rng.Next(8), Minutes = "会议传达了上级关工委工作要求，讨论了关工委工作重点，明确了责任分工。", Decisions = "一、按季度开展青少年教育活动；二、落实“五老”结对帮扶困境青少年。",
            });
            await w.AddAsync(meeting, ct);
            foreach (var (organisation, p) in Vocabulary.CoveredOrganisations.Select((o, p) => (o, p)))
            {
                await w.AddAsync(new PartyMeetingOrganisationValue { PartyMeetingId = meeting.Id, Value = organisation, Position = p }, ct);
            }
        }

        for (var i = 0; i < StudiesPerYear; i++)
        {
            await w.AddAsync(Stamp(new StudySession
            {
                UnitId = v.Id, Date = Day(year, rng), Topic = StudyTopics[rng.Next(StudyTopics.Length)], Kind = Vocabulary.StudyKinds[i % Vocabulary.StudyKinds.Count],
                Place = $"{v.Name}会议室", Participants = "关工委全体成员", ParticipantCount = 6 + rng.Next(5), Hours = 2,
            }), ct);
        }

        var trainingDay = Day(year, rng);
        var training = Stamp(new Training
        {
            UnitId = v.Id, Date = trainingDay, Content = "关工委业务知识和“五老”宣讲技巧培训", Place = $"{v.Name}会议室", Organiser = "苏木乡镇关工委", Hours = 3, InPartyPlan = true,
            OtherTrainees = "关工委主任、副主任",
        });
        await w.AddAsync(training, ct);
        foreach (var elder in Active(elders, trainingDay).Where(_ => rng.Next(4) > 0))
        {
            await w.AddAsync(Stamp(new TrainingTrainee { UnitId = v.Id, TrainingId = training.Id, ElderId = elder.Id }), ct);
        }

        var investigation = Stamp(new Investigation
        {
            UnitId = v.Id, Date = Day(year, rng), Topic = $"{v.Name}留守儿童学习生活情况调查", Method = Vocabulary.InvestigationMethods[rng.Next(4)],
            Findings = "部分留守儿童课后无人辅导。", Measures = "“五老”结对辅导，每周两次。",
        });
        await w.AddAsync(investigation, ct);
        await w.AddAsync(new InvestigationTargetGroupValue { InvestigationId = investigation.Id, Value = "留守儿童", Position = 0 }, ct);
        await w.AddAsync(new InvestigationTargetGroupValue { InvestigationId = investigation.Id, Value = "困难家庭子女", Position = 1 }, ct);

        var hero = elders[rng.Next(elders.Count)];
        var deed = Stamp(new Deed
        {
            UnitId = v.Id, Title = $"{hero.Name}：义务辅导留守儿童", Persons = hero.Name, Date = Day(year, rng),
            Story = $"{hero.Name}退休后坚持每周为嘎查留守儿童义务辅导功课，结对帮扶困境儿童。",
        });
        await w.AddAsync(deed, ct);
        await w.AddAsync(Stamp(new DeedPublicity { UnitId = v.Id, DeedId = deed.Id, Date = Min(deed.Date.AddDays(20), lastDay), Outlet = "旗融媒体中心", Note = "“身边的五老”专栏" }), ct);
        await w.AddAsync(Stamp(new Donor
        {
            UnitId = v.Id, Name = rng.Next(2) == 0 ? $"{Place(rng)}牧业有限公司" : Person(rng), Kind = rng.Next(2) == 0 ? "企业" : "个人", Date = Day(year, rng),
            Gift = "助学金和学习用品", Amount = 500 * (1 + rng.Next(8)), Recipient = $"{v.Name}困境儿童",
        }), ct);
        if (rng.Next(2) == 0)
        {
            await w.AddAsync(Stamp(new CivilizationEntry
            {
                UnitId = v.Id, Year = year, Kind = Vocabulary.CivilizationKinds[rng.Next(4)], Subject = $"{Person(rng)}家庭", Result = "乡级表彰", AwardedBy = "苏木乡镇党委",
            }), ct);
        }

        if (rng.Next(3) == 0)
        {
            await w.AddAsync(Stamp(new Experience
            {
                UnitId = v.Id, Date = Day(year, rng), Title = "“五老”结对帮扶留守儿童的做法", Summary = "组织“五老”与留守儿童一对一结对，每周两次课后辅导。",
                Level = Vocabulary.PromotionLevels[rng.Next(3)], PromotedBy = "关工委工作简报",
            }), ct);
        }

        if (first && rng.Next(5) < 3)
        {
            await w.AddAsync(Stamp(new Studio
            {
                UnitId = v.Id, Name = $"{v.Name}“五老之家”", Place = $"{v.Name}党群服务中心", SetUpDate = new DateOnly(2021, 6, 1), Facilities = "活动室、图书角",
                Members = string.Join("、", elders.Take(4).Select(e => e.Name)), Activities = "每周六义务辅导留守儿童作业。",
            }), ct);
        }

        if (year % 3 == 0)
        {
            var commendation = Stamp(new CommendationMeeting { UnitId = v.Id, Date = Min(new DateOnly(year, 12, 20), lastDay), Title = "关心下一代工作表彰会", Level = "村", Place = $"{v.Name}党群服务中心" });
            await w.AddAsync(commendation, ct);
            await w.AddAsync(Stamp(new CommendationHonoree { UnitId = v.Id, MeetingId = commendation.Id, Name = hero.Name, Honour = "优秀“五老”", Reason = "义务辅导留守儿童" }), ct);
        }
    }

    private async Task ActivityAsync(BulkWriter w, OrgUnit v, int year, int i, DateOnly date, List<ElderRow> elders, Random rng, CancellationToken ct)
    {
        var (title, types) = Activities[rng.Next(Activities.Length)];
        var mode = Vocabulary.ActivityModes[rng.Next(3)];
        var active = Active(elders, date);
        var taking = active.Count == 0 ? new List<ElderRow>() : Enumerable.Range(0, 1 + rng.Next(4)).Select(_ => active[rng.Next(active.Count)]).DistinctBy(e => e.Id).ToList();
        var activity = Stamp(new Activity
        {
            UnitId = v.Id, Date = date, Title = title, Place = mode == "走出去" ? "旗青少年活动中心" : $"{v.Name}活动室", Mode = mode, YouthCount = 10 + rng.Next(50),
            ElderCount = taking.Count, Effect = Effects[rng.Next(Effects.Length)],
        });
        await w.AddAsync(activity, ct);
        foreach (var (type, p) in types.Select((t, p) => (t, p)))
        {
            await w.AddAsync(new ActivityTypeValue { ActivityId = activity.Id, Value = type, Position = p }, ct);
        }

        if (mode == "请进来")
        {
            foreach (var (partner, p) in Vocabulary.ActivityPartners.Take(8).OrderBy(_ => rng.Next()).Take(1 + rng.Next(2)).Select((x, p) => (x, p)))
            {
                await w.AddAsync(new ActivityPartnerValue { ActivityId = activity.Id, Value = partner, Position = p }, ct);
            }
        }

        foreach (var elder in taking)
        {
            await w.AddAsync(Stamp(new ActivityElder { UnitId = v.Id, ActivityId = activity.Id, ElderId = elder.Id }), ct);
        }

        if (i % 3 == 0)
        {
            var data = photos[rng.Next(photos.Length)];
            var png = data[0] == 0x89;
            var file = Stamp(new StoredFile
            {
                UnitId = v.Id, FileName = $"{title}活动照片.{(png ? "png" : "jpg")}", ContentType = png ? "image/png" : "image/jpeg", Size = data.Length,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(data)), Category = "照片", Year = year, Retention = "30年",
            });
            await w.AddAsync(file, ct);
            await w.AddAsync(new StoredFileContent { Id = file.Id, Data = data }, ct);
            await w.AddAsync(Stamp(new ActivityFile { UnitId = v.Id, FileId = file.Id, ActivityId = activity.Id }), ct);
        }
    }

    private async Task CasesAsync(BulkWriter w, OrgUnit v, int firstYear, List<ElderRow> elders, Random rng, CancellationToken ct)
    {
        var categories = YouthCaseVocabulary.Categories.Where(c => c != "其他").ToList();
        for (var i = 0; i < CasesPerVillage; i++)
        {
            var male = rng.Next(2) == 0;
            var birth = today.AddYears(-6 - rng.Next(12)).AddDays(-rng.Next(365));
            var first17 = $"150521{birth:yyyyMMdd}{(100 + (i * 2) + (male ? 1 : 0)):000}";
            var idNumber = first17 + ChineseIdNumber.CheckCharacter(first17);
            var guardian = Person(rng);
            var opened = Day(firstYear + rng.Next(today.Year - firstYear + 1), rng);
            var closed = rng.Next(5) == 0 && opened < today.AddDays(-30) ? opened.AddDays(30 + rng.Next(today.DayNumber - opened.DayNumber - 29)) : (DateOnly?)null;
            var record = Stamp(new YouthCase
            {
                UnitId = v.Id, Name = Surnames[rng.Next(Surnames.Length)] + ChildGiven[rng.Next(ChildGiven.Length)], Gender = male ? "男" : "女", BirthDate = birth,
                IdNumberCipher = protector.Protect(idNumber), IdNumberHash = await protector.HashAsync(idNumber, ct),
                School = birth.Year > today.Year - 16 ? $"{v.Name}小学" : null, Grade = null,
                AddressCipher = protector.Protect($"{v.Name}{1 + rng.Next(9)}组{1 + rng.Next(120)}号"), GuardianName = guardian,
                GuardianRelation = YouthCaseVocabulary.GuardianRelations[rng.Next(5)], GuardianPhoneCipher = protector.Protect($"13{rng.Next(5, 10)}{rng.Next(10000000, 99999999)}"),
                Situation = Situations[rng.Next(Situations.Length)], Needs = Needs[rng.Next(Needs.Length)],
                Status = closed is null ? YouthCaseVocabulary.Open : YouthCaseVocabulary.Closed, ClosedOn = closed,
                CloseReason = closed is null ? null : YouthCaseVocabulary.CloseReasons[rng.Next(3)],
            });
            record.CreatedAt = record.UpdatedAt = new DateTimeOffset(opened.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
            await w.AddAsync(record, ct);
            foreach (var (category, p) in categories.OrderBy(_ => rng.Next()).Take(1 + rng.Next(2)).Select((c, p) => (c, p)))
            {
                await w.AddAsync(new YouthCaseCategoryValue { YouthCaseId = record.Id, Value = category, Position = p }, ct);
            }

            await w.AddAsync(Stamp(new CaseConsent
            {
                UnitId = v.Id, CaseId = record.Id, Purpose = YouthCaseVocabulary.ConsentRecord, ConsentedBy = guardian, Relation = record.GuardianRelation!, Date = opened,
                Paper = "签字同意书（村委会存档）",
            }), ct);
            var helper = elders[rng.Next(elders.Count)];
            await w.AddAsync(Stamp(new YouthCaseElder { UnitId = v.Id, CaseId = record.Id, ElderId = helper.Id }), ct);
            var end = closed ?? today;
            for (var h = 0; h < 2 + rng.Next(3); h++)
            {
                await w.AddAsync(Stamp(new HelpAction
                {
                    UnitId = v.Id, CaseId = record.Id, Date = opened.AddDays(rng.Next(end.DayNumber - opened.DayNumber + 1)), Kind = YouthCaseVocabulary.HelpKinds[rng.Next(5)],
                    Helper = helper.Name, Amount = rng.Next(3) == 0 ? 200 * (1 + rng.Next(5)) : null, Notes = "入户走访，送去学习用品并辅导功课",
                }), ct);
            }

            await w.AddAsync(Stamp(new CaseVisit { UnitId = v.Id, CaseId = record.Id, Date = opened.AddDays(rng.Next(end.DayNumber - opened.DayNumber + 1)), Visitor = helper.Name, Notes = "学习有进步，情绪稳定。" }), ct);
        }
    }

    private async Task PlanAsync(BulkWriter w, OrgUnit v, Campaign campaign, Random rng, CancellationToken ct)
    {
        var leader = Person(rng);
        PlanStepContent[] steps =
        [
            new("成立创建工作领导小组，制定实施方案", leader, new DateOnly(2023, 6, 20)), new("健全制度，建立“五老”队伍台账", leader, new DateOnly(2023, 9, 30)),
            new("按季度开展青少年教育活动", "关工委副主任", new DateOnly(2024, 12, 31)), new("对照指标自查，查遗补漏", leader, new DateOnly(2025, 8, 31)),
        ];
        PlanPersonContent[] people = [new(leader, "组长", "全面负责"), new(Person(rng), "副组长", "组织活动"), new(Person(rng), "成员", "档案资料")];
        var content = new PlanContent($"{v.Name}创建“五好”基层关工委实施方案", ["班子健全", "队伍壮大", "制度完善", "活动经常", "档案规范"], steps, people, "按时报送，逐项落实。", null);
        var submitted = new DateTimeOffset(2023, 6, 10 + rng.Next(10), 2, 0, 0, TimeSpan.Zero);
        var plan = Stamp(new ImplementationPlan
        {
            UnitId = v.Id, CampaignId = campaign.Id, Title = content.Title, State = PlanStates.Approved, Goals = string.Join("\n", content.Goals), Requirements = content.Requirements,
            FirstSubmittedAt = submitted, Late = false, ReviewComment = "同意。",
        });
        await w.AddAsync(plan, ct);
        foreach (var (s, i) in steps.Select((s, i) => (s, i)))
        {
            await w.AddAsync(Stamp(new PlanStep { UnitId = v.Id, PlanId = plan.Id, Position = i, What = s.What, Responsible = s.Responsible, Due = s.Due }), ct);
        }

        foreach (var (p, i) in people.Select((p, i) => (p, i)))
        {
            await w.AddAsync(Stamp(new PlanPerson { UnitId = v.Id, PlanId = plan.Id, Position = i, Name = p.Name, Role = p.Role, Duty = p.Duty }), ct);
        }

        await w.AddAsync(Stamp(new PlanVersion
        {
            UnitId = v.Id, PlanId = plan.Id, Number = 1, Content = JsonSerializer.Serialize(content, PlanCommands.Json), SubmittedAt = submitted, SubmittedBy = $"{v.Name} 关工委",
            Decision = PlanStates.Approved, Comment = "同意。", DecidedAt = submitted.AddDays(2), DecidedBy = "苏木乡镇关工委",
        }), ct);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;
using WuHao.Web.Features.Assessment;
using WuHao.Web.Features.Indicators;

namespace WuHao.Web.Cli;

/// <summary>
/// 演示数据 of the acceptance campaign: the seed plan's campaign owned by 科左中旗, with the seed's dates
/// for the years before, and this year's 自查, 乡初审 and 验收 placed around the day the demo is made (<see cref="AroundToday"/>),
/// so that whenever someone tries the demo the campaign is in its acceptance stage: three villages' self-checks submitted
/// (东升村's late), 胜利嘎查's reviewed by 胜利乡 and waiting for the banner's acceptance, which is due in two weeks; one village of 胜利乡
/// drawn for 抽查 this year, and two villages named 五好关工委 after the year before's acceptance.
/// </summary>
public static class DemoRounds
{
    public static async Task AddAsync(AppDbContext db, Evaluations evaluations, Rounds rounds, OrgUnit banner, IReadOnlyList<OrgUnit> villages, DateOnly today, CancellationToken ct = default)
    {
        var year = today.Year;
        var thisYear = AroundToday(today);
        var campaign = new Campaign { UnitId = banner.Id, Name = "科左中旗创建“五好”基层关工委工作", TargetDate = new DateOnly(2023, 12, 31) };
        campaign.Stages.AddRange(CampaignCalendar.Seed(year - 1).Where(s => s.Year != year).Concat(thisYear)
            .Select(s => new CampaignStage { UnitId = banner.Id, Kind = s.Kind, Year = s.Year, Start = s.Start, Due = s.Due }));
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        var planUnits = await db.Units.Where(u => u.ParentId == villages[0].ParentId).ToListAsync(ct);
        await DemoPlans.AddAsync(db, campaign, planUnits, ct);

        var (selfCheck, review) = (thisYear[0], thisYear[1]);
        var at = (DateOnly day) => new DateTimeOffset(Min(day, today).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).ToUniversalTime();
        (string Name, DateTimeOffset At, bool Late)[] submitted =
        [
            ("胜利嘎查", at(selfCheck.Due.AddDays(-5)), false), ("东升村", at(selfCheck.Due.AddDays(2)), true), ("宝力根嘎查", at(selfCheck.Due), false),
        ];
        foreach (var (name, when, late) in submitted)
        {
            var village = villages.First(v => v.Name == name);
            var unit = (await evaluations.HeaderAsync(village.Id, ct))!;
            var system = Evaluations.Choose(await evaluations.ChoicesAsync(unit, ct), null, unit.Type);
            if (system is null)
            {
                return;
            }

            var (_, snapshot) = await rounds.FreezeSelfAsync(unit, system, year, [], ct);
            var round = new AssessmentRound { UnitId = village.Id, CampaignId = campaign.Id, Year = year, SystemId = system.Id, State = RoundStates.Township };
            rounds.Put(round, RoundKinds.Self, snapshot!, "已对照指标体系逐条自查，查遗补漏清单已分解到人。", late, when, $"{name} 关工委");
            if (name == "胜利嘎查")
            {
                // The township scored the manual items on site and took 0.5 off one automatic item, with its reason.
                var definition = Evaluations.Definition(system);
                var scores = definition.Indicators
                    .Where(i => i.Rule.IsManual)
                    .Select(i => i.Veto ? new ScoreInput(i.Code, null, "走访核实，未发现", false) : new ScoreInput(i.Code, i.FullPoints, "现场查看，情况属实"))
                    .ToList();
                var auto = snapshot!.Indicators.FirstOrDefault(i => i.Kind == "auto" && i.Score is > 0.5m && !i.Veto);
                if (auto is not null)
                {
                    scores.Add(new ScoreInput(auto.Code, auto.Score!.Value - 0.5m, "部分会议记录缺少参会人员签名"));
                }

                var scored = RoundScoring.Apply(definition, year, [.. snapshot.Indicators], scores, assessor: true);
                if (scored.Evaluation is { } reviewed)
                {
                    var townshipSnapshot = RoundSnapshot.From(reviewed, system, snapshot.Records, [.. snapshot.Indicators], scored.Notes);
                    rounds.Put(round, RoundKinds.Township, townshipSnapshot, "资料齐全，建议通过。", late: false, at(review.Start.AddDays(2)), "胜利乡关工委 王振国");
                    round.State = RoundStates.Banner;
                }
            }

            db.AssessmentRounds.Add(round);
        }

        await db.SaveChangesAsync(ct);

        // 抽查: 胜利乡 drew one of its villages this year, with a recorded seed anyone can re-draw.
        var shengli = villages.First(v => v.Name == "胜利嘎查");
        if (shengli.ParentId is { } townshipId && await db.Units.FindAsync([townshipId], ct) is { } township)
        {
            var candidates = await Samples.CandidatesAsync(db, township.Id, township.Path, campaign.Id, year, ct);
            if (candidates.Count > 0)
            {
                db.Samples.Add(Samples.Record(township.Id, campaign.Id, year, SampleRules.LowScores, 1, 20230901, candidates, at(review.Start), "胜利乡关工委 王振国"));
            }
        }

        // 五好关工委: two villages named after last year's acceptance, for three years.
        var named = new DateOnly(year - 1, 9, 25);
        foreach (var village in villages.Where(v => v.Name is "胜利嘎查" or "宝力根嘎查"))
        {
            var until = CertificationKinds.PeriodEnd(named, 3);
            var title = new Certification { UnitId = village.Id, CampaignId = campaign.Id, IssuedById = banner.Id, AwardedOn = named, ValidUntil = until };
            title.Events.Add(new CertificationEvent { UnitId = village.Id, Kind = CertificationKinds.Award, On = named, ValidUntil = until, Year = year - 1, By = "科左中旗关工委" });
            db.Certifications.Add(title);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// This year's 自查 (ended 12 days ago), 乡初审 (ended 3 days ago) and 验收 (running, due in two weeks), kept inside the
    /// calendar year as the campaign form requires.
    /// </summary>
    public static IReadOnlyList<StageDates> AroundToday(DateOnly today)
    {
        DateOnly Day(int offset)
        {
            var d = today.AddDays(offset);
            return d.Year < today.Year ? new DateOnly(today.Year, 1, 1) : d.Year > today.Year ? new DateOnly(today.Year, 12, 31) : d;
        }

        return
        [
            new(StageKinds.SelfCheck, today.Year, Day(-30), Day(-12)),
            new(StageKinds.Review, today.Year, Day(-11), Day(-3)),
            new(StageKinds.Acceptance, today.Year, Day(-2), Day(14)),
        ];
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

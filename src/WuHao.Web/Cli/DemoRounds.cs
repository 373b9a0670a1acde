using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;
using WuHao.Web.Features.Assessment;
using WuHao.Web.Features.Indicators;

namespace WuHao.Web.Cli;

/// <summary>
/// 演示数据 of the acceptance campaign: the seed plan's campaign owned by 科左中旗, its yearly stages up to
/// the demo year (the latest year whose 自查 has begun), three villages' self-checks submitted (东升村's late), and
/// 胜利嘎查's reviewed by 胜利乡, waiting for the banner's acceptance.
/// </summary>
public static class DemoRounds
{
    public static async Task AddAsync(AppDbContext db, Evaluations evaluations, Rounds rounds, OrgUnit banner, IReadOnlyList<OrgUnit> villages, DateOnly today, CancellationToken ct = default)
    {
        var year = today.Month >= 8 ? today.Year : today.Year - 1;
        var campaign = new Campaign { UnitId = banner.Id, Name = "科左中旗创建“五好”基层关工委工作", TargetDate = new DateOnly(2023, 12, 31) };
        campaign.Stages.AddRange(CampaignCalendar.Seed(year).Select(s => new CampaignStage { UnitId = banner.Id, Kind = s.Kind, Year = s.Year, Start = s.Start, Due = s.Due }));
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        var planUnits = await db.Units.Where(u => u.ParentId == villages[0].ParentId).ToListAsync(ct);
        await DemoPlans.AddAsync(db, campaign, planUnits, ct);

        var at = (int day, int month) => new DateTimeOffset(year, month, day, 10, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();
        (string Name, DateTimeOffset At, bool Late)[] submitted =
        [
            ("胜利嘎查", at(20, 8), false), ("东升村", at(3, 9), true), ("宝力根嘎查", at(28, 8), false),
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
                    var review = RoundSnapshot.From(reviewed, system, snapshot.Records, [.. snapshot.Indicators], scored.Notes);
                    rounds.Put(round, RoundKinds.Township, review, "资料齐全，建议通过。", late: false, at(8, 9), "胜利乡关工委 王振国");
                    round.State = RoundStates.Banner;
                }
            }

            db.AssessmentRounds.Add(round);
        }

        await db.SaveChangesAsync(ct);
    }
}

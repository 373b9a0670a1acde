using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Assessment;
using WuHao.Web.Features.Plans;

namespace WuHao.Web.Cli;

/// <summary>
/// 演示数据 of the implementation plans in the seed campaign, due 2023年6月20日: 胜利嘎查, 宝力根嘎查, 巴彦塔拉嘎查 and
/// 胜利中心学校 approved; 东升村 returned with the township's comment; 新艾里嘎查 submitted late and waiting for review;
/// 前进村 only a draft, so missing. Each drafted from the template with the village's own team.
/// </summary>
public static class DemoPlans
{
    public static async Task AddAsync(AppDbContext db, Campaign campaign, IReadOnlyList<OrgUnit> units, CancellationToken ct = default)
    {
        var dates = Campaigns.Dates(campaign);
        var ids = units.Select(u => u.Id).ToList();
        var teams = (await db.TeamMembers.Where(m => ids.Contains(m.UnitId) && m.TermEnd == null).OrderBy(m => m.Id)
                .Select(m => new { m.UnitId, Member = new PlanTemplate.Member(m.Name, m.Position, m.Affiliation) }).ToListAsync(ct))
            .ToLookup(m => m.UnitId, m => m.Member);
        var at = (int month, int day) => new DateTimeOffset(2023, month, day, 10, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();
        const string township = "胜利乡关工委 王振国";

        // (unit, submissions: (when, late, decision, comment)), in the order they happened.
        (string Unit, (DateTimeOffset At, bool Late, string? Decision, string? Comment)[] Versions)[] plans =
        [
            ("胜利嘎查", [(at(6, 15), false, PlanStates.Approved, "方案切合本嘎查实际，同意。")]),
            ("宝力根嘎查", [(at(6, 12), false, PlanStates.Approved, null)]),
            ("巴彦塔拉嘎查",
            [
                (at(6, 16), false, PlanStates.Returned, "组织领导缺少妇联、民兵负责人，请补充。"),
                (at(6, 19), false, PlanStates.Approved, "已补充，同意。"),
            ]),
            ("胜利中心学校", [(at(6, 18), false, PlanStates.Approved, null)]),
            ("东升村", [(at(6, 19), false, PlanStates.Returned, "实施步骤请写明每一步的责任人和完成时间，并把与胜利中心学校的联谊活动列入计划，修改后重新报送。")]),
            ("新艾里嘎查", [(at(6, 28), true, null, null)]),
            ("前进村", []),
        ];
        foreach (var (name, versions) in plans)
        {
            if (units.FirstOrDefault(u => u.Name == name) is not { } unit)
            {
                continue;
            }

            var content = PlanTemplate.For(name, campaign, dates, [.. teams[unit.Id]]);
            var plan = new ImplementationPlan
            {
                UnitId = unit.Id, CampaignId = campaign.Id, Title = content.Title, State = PlanStates.Draft, Goals = string.Join("\n", content.Goals),
                Requirements = content.Requirements,
            };
            plan.Steps.AddRange(content.Steps.Select((s, i) => new PlanStep { UnitId = unit.Id, Position = i, What = s.What, Responsible = s.Responsible, Due = s.Due }));
            plan.People.AddRange(content.People.Select((p, i) => new PlanPerson { UnitId = unit.Id, Position = i, Name = p.Name, Role = p.Role, Duty = p.Duty }));
            foreach (var (v, number) in versions.Select((v, i) => (v, i + 1)))
            {
                plan.Versions.Add(new PlanVersion
                {
                    UnitId = unit.Id, Number = number, Content = JsonSerializer.Serialize(content, PlanCommands.Json), SubmittedAt = v.At,
                    SubmittedBy = $"{name} 关工委", Late = v.Late, Decision = v.Decision, Comment = v.Comment,
                    DecidedAt = v.Decision is null ? null : v.At.AddDays(2), DecidedBy = v.Decision is null ? null : township,
                });
                plan.FirstSubmittedAt ??= v.At;
                plan.Late = plan.Versions.Count == 1 ? v.Late : plan.Late;
                plan.State = v.Decision ?? PlanStates.Submitted;
                plan.ReviewComment = v.Comment;
            }

            db.Plans.Add(plan);
        }

        await db.SaveChangesAsync(ct);
    }
}

using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Assessment;
using WuHao.Web.Features.Elders;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Reminders;

/// <summary>The kinds of deadline, as the API names them.</summary>
public static class DeadlineKinds
{
    public const string Plan = "plan";
    public const string SelfCheck = "selfCheck";
    public const string Review = "review";
    public const string Acceptance = "acceptance";
    public const string Commendation = "commendation";
    public const string Vacancy = "vacancy";
    public const string Meetings = "meetings";
    public const string Gap = "gap";

    public static string Label(string kind) => kind switch
    {
        Plan => "实施方案",
        SelfCheck => "自查",
        Review => "乡初审",
        Acceptance => "旗验收",
        Commendation => "表彰会",
        Vacancy => "班子缺位",
        Meetings => "党支部专题会议",
        Gap => "查遗补漏",
        _ => kind,
    };
}

/// <summary>
/// Something a unit has to do by a day. Only what is still open is a deadline: once done it is no longer listed.
/// <see cref="Uid"/> stays the same for the same obligation, so a subscribed calendar updates the event instead of adding one.
/// </summary>
public sealed record Deadline(string Uid, string Kind, DateOnly Due, string Title, int UnitId, string Url)
{
    public string KindLabel => DeadlineKinds.Label(Kind);

    /// <summary>Missed once its day has passed; the day itself is still on time.</summary>
    public bool MissedOn(DateOnly today) => today > Due;
}

/// <summary>The unit whose deadlines are asked for: a user's own unit.</summary>
public sealed record DeadlineUnit(int Id, string Name, UnitType Type, string Path);

/// <summary>
/// One kind of deadline. Each source answers for one unit with a fixed number of commands, whatever the number of units
/// below it. A feature adds its deadlines by registering a source (the implementation plan's "plan due" comes with the
/// plan feature: see <see cref="DeadlineKinds.Plan"/>).
/// </summary>
public interface IDeadlineSource
{
    Task<IReadOnlyList<Deadline>> ForAsync(DeadlineUnit unit, DateOnly today, CancellationToken ct);
}

/// <summary>
/// The one list of deadlines: the home page, the API (<c>GET /api/v1/me/deadlines</c>) and the iCalendar feed
/// all ask here, so they cannot disagree. A user's deadlines are those of their unit: missed first (oldest first), then
/// upcoming by date.
/// </summary>
public sealed class Deadlines(AppDbContext db, IEnumerable<IDeadlineSource> sources, TimeProvider time)
{
    public DateOnly Today => time.Today();

    /// <summary>The deadlines of a user's unit; empty for an unknown or disabled user.</summary>
    public async Task<IReadOnlyList<Deadline>> ForUserAsync(string userId, CancellationToken ct)
    {
        var unit = await db.Users.Where(u => u.Id == userId && !u.IsDisabled)
            .Select(u => new DeadlineUnit(u.UnitId, u.Unit!.Name, u.Unit.Type, u.Unit.Path)).FirstOrDefaultAsync(ct);
        return unit is null ? [] : await ForUnitAsync(unit, ct);
    }

    public async Task<IReadOnlyList<Deadline>> ForUnitAsync(DeadlineUnit unit, CancellationToken ct)
    {
        var today = Today;
        var all = new List<Deadline>();
        foreach (var source in sources)
        {
            all.AddRange(await source.ForAsync(unit, today, ct));
        }

        return [.. all.OrderByDescending(d => d.MissedOn(today)).ThenBy(d => d.Due).ThenBy(d => d.Kind, StringComparer.Ordinal).ThenBy(d => d.Uid, StringComparer.Ordinal)];
    }

    /// <summary>A stable event id: kind, unit and what tells one obligation from another (a year, a position, a gap).</summary>
    public static string Uid(string kind, int unitId, string what) => $"{kind}-{unitId}-{what}@wuhao";
}

/// <summary>
/// Self-check, township review and banner acceptance of this year, from the stages of the campaign covering the unit and
/// the states of the rounds. A village or school: its own self-check until submitted, and the acceptance
/// until its round is done. A township: its units' self-checks not submitted and reviews not done. The banner: its units'
/// acceptances not done. Two commands.
/// </summary>
public sealed class RoundDeadlines(AppDbContext db, Campaigns campaigns) : IDeadlineSource
{
    private static readonly UnitType[] Assessed = [UnitType.Village, UnitType.Community, UnitType.Farm, UnitType.School];

    public async Task<IReadOnlyList<Deadline>> ForAsync(DeadlineUnit unit, DateOnly today, CancellationToken ct)
    {
        if (!Assessed.Contains(unit.Type) && unit.Type is not (UnitType.Township or UnitType.Banner))
        {
            return [];
        }

        var covering = await campaigns.CoveringAsync(unit.Path, ct);
        if (covering.Count == 0)
        {
            return [];
        }

        var campaign = covering[0];
        var dates = Campaigns.Dates(campaign);
        var year = today.Year;
        var self = CampaignCalendar.Find(dates, StageKinds.SelfCheck, year);
        var review = CampaignCalendar.Find(dates, StageKinds.Review, year);
        var acceptance = CampaignCalendar.Find(dates, StageKinds.Acceptance, year);
        var path = unit.Path;
        var campaignId = campaign.Id;
        var states = await db.Units.Where(u => u.Path.StartsWith(path) && Assessed.Contains(u.Type))
            .Select(u => db.AssessmentRounds.Where(r => r.UnitId == u.Id && r.CampaignId == campaignId && r.Year == year).Select(r => r.State).FirstOrDefault())
            .ToListAsync(ct);
        var notSubmitted = states.Count(s => s is null or RoundStates.Self);
        var notReviewed = states.Count(s => s is not (RoundStates.Banner or RoundStates.Done));
        var notAccepted = states.Count(s => s is not RoundStates.Done);
        var list = new List<Deadline>();
        void Add(string kind, StageDates? stage, string title, string url)
        {
            if (stage is not null)
            {
                list.Add(new Deadline(Deadlines.Uid(kind, unit.Id, year.ToString(System.Globalization.CultureInfo.InvariantCulture)), kind, stage.Due, title, unit.Id, url));
            }
        }

        if (Assessed.Contains(unit.Type))
        {
            var own = $"/Assessment/{unit.Id}?year={year}";
            if (notSubmitted > 0)
            {
                Add(DeadlineKinds.SelfCheck, self, $"{year}年自查：提交本单位自评", own);
            }

            if (notAccepted > 0)
            {
                Add(DeadlineKinds.Acceptance, acceptance, $"{year}年旗验收：本单位验收完成", own);
            }

            return list;
        }

        var below = $"/Assessment/Units/{unit.Id}?year={year}";
        if (notSubmitted > 0)
        {
            Add(DeadlineKinds.SelfCheck, self, $"{year}年自查：下辖{notSubmitted}个单位尚未提交自评", below);
        }

        if (unit.Type == UnitType.Township && notReviewed > 0)
        {
            Add(DeadlineKinds.Review, review, $"{year}年乡初审：下辖{notReviewed}个单位尚未完成初审", below);
        }

        if (unit.Type == UnitType.Banner && notAccepted > 0)
        {
            Add(DeadlineKinds.Acceptance, acceptance, $"{year}年旗验收：下辖{notAccepted}个单位尚未完成验收", below);
        }

        return list;
    }
}

/// <summary>
/// The unit's own team: each required position empty is due to be filled by the end of the grace period
/// (missed the day after, when the team page flags it); party meetings short of the yearly minimum are due by 12月31日.
/// </summary>
public sealed class TeamDeadlines(RequestFigures counted, IOptions<TeamOptions> options) : IDeadlineSource
{
    public async Task<IReadOnlyList<Deadline>> ForAsync(DeadlineUnit unit, DateOnly today, CancellationToken ct)
    {
        var found = await counted.TeamFlagsAsync([unit.Id], today, ct);
        if (found.Count == 0)
        {
            return [];
        }

        var flags = found[0];

        var grace = options.Value.VacancyGraceDays;
        var list = flags.Vacancies.Select(v => new Deadline(
                Deadlines.Uid(DeadlineKinds.Vacancy, unit.Id, Convert.ToHexString(Encoding.UTF8.GetBytes(v.Position)) + "-" + v.EmptySince.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)),
                DeadlineKinds.Vacancy, v.EmptySince.AddDays(grace), $"补齐{v.Position}（{v.EmptySince.Zh()}起缺位，{grace}天内须补齐）", unit.Id, $"/Team/{unit.Id}"))
            .ToList();
        if (flags.MeetingsShort)
        {
            var short_ = TeamRules.RequiredPartyMeetingsPerYear - flags.PartyMeetingsThisYear;
            list.Add(new Deadline(Deadlines.Uid(DeadlineKinds.Meetings, unit.Id, today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                DeadlineKinds.Meetings, Lights.Cutoff(today.Year),
                $"党支部专题会议：{today.Year}年已开{flags.PartyMeetingsThisYear}次，至少需要{TeamRules.RequiredPartyMeetingsPerYear}次，还差{short_}次",
                unit.Id, $"/Team/Meetings/{unit.Id}"));
        }

        return list;
    }
}

/// <summary>The unit's next 表彰会: due three years after the last one; only units that keep a 关工委 of their own hold one.</summary>
public sealed class CommendationDeadlines(RequestFigures counted) : IDeadlineSource
{
    public async Task<IReadOnlyList<Deadline>> ForAsync(DeadlineUnit unit, DateOnly today, CancellationToken ct)
    {
        if (!ElderFigures.HoldsCommendations(unit.Type))
        {
            return [];
        }

        var figures = await counted.EldersAsync(new Dictionary<int, IReadOnlyCollection<int>> { [unit.Id] = [unit.Id] }, today.Year, today, ct);
        var due = figures[0].Commendation.Due;
        return [new Deadline(Deadlines.Uid(DeadlineKinds.Commendation, unit.Id, due.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)),
            DeadlineKinds.Commendation, due, $"召开表彰会（每{ElderRules.CommendationIntervalYears}年一次）", unit.Id, $"/Elders/Commendations/{unit.Id}")];
    }
}

/// <summary>Open 查遗补漏 items of the unit with a due date .</summary>
public sealed class GapDeadlines(AppDbContext db) : IDeadlineSource
{
    public async Task<IReadOnlyList<Deadline>> ForAsync(DeadlineUnit unit, DateOnly today, CancellationToken ct)
    {
        var gaps = await db.Gaps.Where(g => g.UnitId == unit.Id && g.State == GapStates.Open && g.DueDate != null)
            .Select(g => new { g.Id, g.IndicatorName, g.Action, Due = g.DueDate!.Value }).ToListAsync(ct);
        return [.. gaps.Select(g => new Deadline(Deadlines.Uid(DeadlineKinds.Gap, unit.Id, g.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            DeadlineKinds.Gap, g.Due, $"查遗补漏：{g.IndicatorName}（{g.Action}）", unit.Id, $"/Evaluation/{unit.Id}#gap-{g.Id}"))];
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WuHao.Web.Domain;
using WuHao.Web.Features.Indicators;

namespace WuHao.Web.Features.Reminders;

/// <summary>Warnings and reminders under /api/v1: the user's deadlines, a unit's lights, and the iCalendar feed.</summary>
public static class RemindersApi
{
    private const string Tag = "提醒（截止事项与红黄绿灯）";

    public sealed record DeadlineDto(string Uid, string Kind, string KindLabel, DateOnly Due, string State, string StateLabel, string Title, int UnitId, string Url);

    public sealed record DeadlinesDto(DateOnly Today, IReadOnlyList<DeadlineDto> Items);

    public sealed record LightDto(string Light, string Label);

    public sealed record IndicatorLightDto(string Code, string Name, string Light, string Label, string Reason);

    public sealed record UnitLightDto(int UnitId, string Name, string Light, string Label, decimal Total, decimal PassScore);

    public sealed record TallyDto(string Code, string Name, int Green, int Yellow, int Red);

    public sealed record LightsDto(int Year, int SystemId, UnitLightDto? Unit, IReadOnlyList<IndicatorLightDto> Indicators, IReadOnlyList<UnitLightDto> Units,
        IReadOnlyList<TallyDto> Tally, IReadOnlyDictionary<string, string> Rules);

    public static void MapRemindersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me/deadlines", async (ClaimsPrincipal user, Deadlines deadlines, CancellationToken ct) =>
            {
                var today = deadlines.Today;
                var list = await deadlines.ForUserAsync(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", ct);
                return TypedResults.Ok(new DeadlinesDto(today, [.. list.Select(d => ToDto(d, today))]));
            })
            .WithTags(Tag).WithSummary("我的截止事项（即将到期和已逾期）")
            .WithDescription("本人所在单位尚未完成的截止事项，与首页和日历订阅是同一份清单。kind：plan 实施方案、selfCheck 自查、review 乡初审、acceptance 旗验收、"
                + "commendation 表彰会、vacancy 班子缺位、meetings 党支部专题会议、gap 查遗补漏。state：upcoming 即将到期（截止当天仍算按时）、missed 已逾期。");

        api.MapGet("/units/{unitId:int}/lights", async Task<Results<Ok<LightsDto>, ProblemHttpResult, ValidationProblem>> (
                int unitId, int? year, EvaluationPages pages, TimeProvider time, CancellationToken ct) =>
            {
                var found = await pages.UnitAsync(unitId, year, null, forMatrix: true, ct);
                if (found.Invalid is { } invalid)
                {
                    return invalid;
                }

                if (found.ProblemResult is { } problem)
                {
                    return problem;
                }

                var board = await LightBoards.ForAsync(pages, found, time.Today(), ct);
                return TypedResults.Ok(ToDto(board));
            })
            .WithTags(Tag).WithSummary("单位的红黄绿灯")
            .WithDescription("嘎查村（学校）：本单位一盏灯和每项指标一盏灯；苏木乡镇和旗：下辖每个单位一盏灯，以及每项指标亮各色灯的单位数。"
                + "light：green 达标、yellow 有风险、red 未达标；rules 为各颜色的规则原文。?year= 默认今年。");

        api.MapGet("/calendar/{token}.ics", async Task<Results<ContentHttpResult, NotFound>> (
                string token, HttpContext http, CalendarFeeds feeds, Deadlines deadlines, TimeProvider time, CancellationToken ct) =>
            {
                if (await feeds.UserOfAsync(token, ct) is not { } userId)
                {
                    return TypedResults.NotFound();
                }

                var list = await deadlines.ForUserAsync(userId, ct);
                http.Response.Headers.CacheControl = "private, no-store";
                var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}";
                return TypedResults.Text(CalendarFeeds.Ics(list, deadlines.Today, time.GetUtcNow(), baseUrl), "text/calendar; charset=utf-8");
            })
            .AllowAnonymous()
            .WithTags(Tag).WithSummary("个人日历订阅（iCalendar）")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .WithDescription("手机日历订阅的秘密地址，不需要登录；令牌在“我的日历订阅”页面生成和重置，重置后旧地址返回 404。每个截止事项是一个全天事件，UID 固定不变。");
    }

    public static DeadlineDto ToDto(Deadline d, DateOnly today)
    {
        var missed = d.MissedOn(today);
        return new DeadlineDto(d.Uid, d.Kind, d.KindLabel, d.Due, missed ? "missed" : "upcoming", missed ? "已逾期" : "即将到期", d.Title, d.UnitId, d.Url);
    }

    private static LightsDto ToDto(LightBoard b)
    {
        static UnitLightDto Unit(UnitLight u) => new(u.UnitId, u.Name, Lights.ApiName(u.Light), Lights.Label(u.Light), u.Total, u.PassScore);
        return new LightsDto(b.Year, b.SystemId, b.Own is { } own ? Unit(own) : null,
            [.. b.Indicators.Select(i => new IndicatorLightDto(i.Code, i.Name, Lights.ApiName(i.Light), Lights.Label(i.Light), i.Reason))],
            [.. b.Units.Select(Unit)],
            [.. b.Tally.Select(t => new TallyDto(t.Code, t.Name, t.Green, t.Yellow, t.Red))],
            new Dictionary<string, string> { ["green"] = Lights.GreenRule, ["yellow"] = Lights.YellowRule, ["red"] = Lights.RedRule });
    }
}

/// <summary>The lights of a found unit: its own evaluation, or the matrix of the units below for a township or banner.</summary>
public static class LightBoards
{
    public static async Task<LightBoard> ForAsync(EvaluationPages pages, EvaluationPages.Found found, DateOnly today, CancellationToken ct)
    {
        if (found.Unit!.Type is UnitType.Banner or UnitType.Township or UnitType.League or UnitType.Region)
        {
            var rows = await pages.Evaluations.MatrixAsync(found.Unit, found.System!, found.Year, ct);
            return LightBoard.OfMatrix(rows, found.Year, found.System!.Id, today);
        }

        return LightBoard.OfUnit(await pages.Evaluations.EvaluateAsync(found.Unit, found.System!, found.Year, withRecords: false, ct), today);
    }
}

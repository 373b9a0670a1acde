using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;

namespace WuHao.Tests.Indicators;

/// <summary>
/// The indicator pages as people use them (R-6.3, R-6.4, R-6.6, R-8.1): the unit's live evaluation with its reasons
/// and gaps, the 查遗补漏 owner and due date, the matrix and home page figures, and the managers' system pages.
/// </summary>
public abstract class IndicatorPageTests(WuHaoFactory factory)
{
    private DateOnly Today => factory.Time.Today();

    private static decimal Number(IHtmlDocument doc, string testId) =>
        decimal.Parse(doc.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_evaluation_page_shows_the_total_and_why_and_the_score_follows_the_records()
    {
        var data = await TestData.CreateAsync(factory);
        var unit = data.Unit("A1");
        var page = await PageClient.LoginAsync(factory, data.User("village1"));

        var (response, doc) = await page.GetAsync($"/Evaluation/{unit}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var total = Number(doc, "total");
        Assert.Equal("未达标", doc.QuerySelector("[data-testid=result]")!.TextContent.Trim());

        // R-6.4: the reason names the numbers; the gap says what to do. The test data has one meeting this year.
        var meetings = doc.QuerySelector("[data-testid='indicator-1.4']")!;
        Assert.Equal("partial", meetings.GetAttribute("data-status"));
        Assert.Contains($"{Today.Year}年党支部专题会议1次，要求至少2次，扣2.5分", meetings.QuerySelector("[data-testid=reason]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("再召开1次党支部专题会议可得2.5分", meetings.QuerySelector("[data-testid=gap-text]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(meetings.QuerySelector($"a[href='/Team/Meeting/{unit}/{data.Record<PartyMeeting>("A1")}']"));
        Assert.Equal("pending", doc.QuerySelector("[data-testid='indicator-1.2']")!.GetAttribute("data-status"));

        // The gap list leads to the form that records a meeting.
        var gap = doc.QuerySelector("[data-testid='gap-1.4']")!;
        Assert.Equal($"/Team/Meeting/{unit}", gap.QuerySelector("[data-testid=gap-fix]")!.GetAttribute("href"));

        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var created = await api.PostAsJsonAsync($"/api/v1/units/{unit}/party-meetings",
            new { date = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), topic = "研究关工委工作", attendees = "支委", attendeeCount = 5 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        (_, doc) = await page.GetAsync($"/Evaluation/{unit}");
        Assert.Equal(total + 2.5m, Number(doc, "total"));
        Assert.Equal("met", doc.QuerySelector("[data-testid='indicator-1.4']")!.GetAttribute("data-status"));
        Assert.Null(doc.QuerySelector("[data-testid='gap-1.4']"));

        // The same number on the home page (one number, one source), and the API agrees.
        var (_, home) = await page.GetAsync("/");
        Assert.Equal(total + 2.5m, Number(home, "home-total"));
        var evaluation = await (await api.GetAsync($"/api/v1/units/{unit}/evaluation")).BodyAsync();
        Assert.Equal(total + 2.5m, evaluation.GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task A_gaps_owner_and_due_date_are_saved_and_a_stale_form_is_refused_in_Chinese()
    {
        var data = await TestData.CreateAsync(factory);
        var unit = data.Unit("A1");
        var url = $"/Evaluation/{unit}";
        var alice = await PageClient.LoginAsync(factory, data.User("village1"));
        var bob = await PageClient.LoginAsync(factory, data.User("township"));
        var (_, aliceDoc) = await alice.GetAsync(url);
        var (_, bobDoc) = await bob.GetAsync(url);
        IHtmlFormElement Form(IHtmlDocument d) => (IHtmlFormElement)d.QuerySelector("[data-testid='gap-1.4'] form")!;
        var due = Today.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var saved = await alice.PostFormAsync(Form(aliceDoc), url, new() { ["owner"] = "巴特尔", ["dueDate"] = due });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, after) = await alice.GetAsync(saved.Headers.Location!.OriginalString);
        Assert.Equal("巴特尔", Form(after).QuerySelector("input[name=owner]")!.GetAttribute("value"));
        Assert.Equal(due, Form(after).QuerySelector("input[name=dueDate]")!.GetAttribute("value"));

        // Bob's form was loaded before Alice saved: refused, said why in Chinese, nothing overwritten.
        var stale = await bob.PostFormAsync(Form(bobDoc), url, new() { ["owner"] = "其其格" });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var refused = PageClient.Parse(await stale.Content.ReadAsStringAsync());
        var error = refused.QuerySelector("[data-testid='gap-1.4'] [data-testid=gap-error]")!.TextContent;
        Assert.Contains("刚被别人修改过", error, StringComparison.Ordinal);
        Assert.Contains("巴特尔", error, StringComparison.Ordinal);

        // Too long an owner is refused too.
        var tooLong = await alice.PostFormAsync(Form(after), url, new() { ["owner"] = new string('长', 51) });
        Assert.Contains("责任人最多50个字", PageClient.Parse(await tooLong.Content.ReadAsStringAsync()).QuerySelector("[data-testid=gap-error]")!.TextContent, StringComparison.Ordinal);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var gap = await db.Gaps.AsNoTracking().SingleAsync(g => g.UnitId == unit && g.IndicatorCode == "1.4");
        Assert.Equal(("巴特尔", DateOnly.Parse(due, CultureInfo.InvariantCulture)), (gap.Owner, gap.DueDate!.Value));
    }

    [Fact]
    public async Task Read_only_and_village_users_cannot_manage_systems_nor_set_gaps()
    {
        var data = await TestData.CreateAsync(factory);
        var unit = data.Unit("A1");
        var village = await PageClient.LoginAsync(factory, data.User("village1"));
        var (_, list) = await village.GetAsync("/Indicators");
        Assert.Contains("示范模板", list.QuerySelector("[data-testid=systems]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("嘎查村", list.QuerySelector("[data-testid=systems]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(list.QuerySelector("input[type=file]"));
        var template = await TemplateIdAsync();
        var (_, system) = await village.GetAsync($"/Indicators/System/{template}");
        Assert.Null(system.QuerySelector("form[action*=handler]"));

        // Posting anyway, with a real antiforgery token: 403, nothing changed.
        var token = list.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var handler in new[] { "Publish", "NewVersion", "Retire", "Delete" })
        {
            var r = await village.Http.PostAsync($"/Indicators/System/{template}?handler={handler}",
                new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("version", "1")]));
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        }

        var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(DefaultSystems.Json("village"))), "file", "v.json" },
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await village.Http.PostAsync("/Indicators", upload)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await village.GetAsync("/Indicators/System/999999")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await village.GetAsync($"/Evaluation/{data.Unit("B1")}")).Response.StatusCode);

        // A viewer sees the evaluation but no gap form, and a posted one is refused.
        var viewer = await PageClient.LoginAsync(factory, data.User("viewer"));
        var (_, seen) = await viewer.GetAsync($"/Evaluation/{unit}");
        Assert.NotNull(seen.QuerySelector("[data-testid=total]"));
        Assert.Null(seen.QuerySelector("[data-testid=gap-form]"));
        var (_, own) = await village.GetAsync($"/Evaluation/{unit}");
        var form = (IHtmlFormElement)own.QuerySelector("[data-testid='gap-1.4'] form")!;
        var viewerToken = seen.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var denied = await viewer.PostFormAsync(form, $"/Evaluation/{unit}", new() { ["owner"] = "看的人", ["__RequestVerificationToken"] = viewerToken });
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(2, await db.IndicatorSystems.CountAsync(s => s.IsTemplate));
        Assert.Equal(IndicatorSystemStates.Published, (await db.IndicatorSystems.SingleAsync(s => s.Id == template)).State);
        Assert.Null((await db.Gaps.SingleAsync(g => g.UnitId == unit && g.IndicatorCode == "1.4")).Owner);
    }

    [Fact]
    public async Task A_bad_system_file_shows_every_problem_and_saves_nothing_and_a_good_one_becomes_a_draft_then_published()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await PageClient.LoginAsync(factory, data.User("banner"));
        var before = await SystemCountAsync();

        var json = JsonNode.Parse(DefaultSystems.Json("village"))!;
        json["code"] = $"{data.Prefix}-official";
        json["version"] = "1";
        json["sections"]![0]!["indicators"]![3]!["rule"]!["measure"] = "noSuchMeasure";
        json["passScore"] = 300;
        var bad = await banner.SubmitMultipartAsync("/Indicators", [], [("file", "指标.json", Encoding.UTF8.GetBytes(json.ToJsonString()))]);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var problems = PageClient.Parse(await bad.Content.ReadAsStringAsync()).QuerySelector("[data-testid=upload-problems]")!;
        Assert.Contains("什么也没有保存", problems.TextContent, StringComparison.Ordinal);
        Assert.True(problems.QuerySelectorAll("li").Length >= 2, problems.TextContent);
        Assert.Contains("[1.4]", problems.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await SystemCountAsync());

        var broken = await banner.SubmitMultipartAsync("/Indicators", [], [("file", "坏.json", "{\"code\": "u8.ToArray())]);
        Assert.NotNull(PageClient.Parse(await broken.Content.ReadAsStringAsync()).QuerySelector("[data-testid=upload-problems] li"));
        Assert.Equal(before, await SystemCountAsync());

        // A good file: a draft, shown with its rules in plain Chinese; then published, it scores the banner's villages.
        json["sections"]![0]!["indicators"]![3]!["rule"]!["measure"] = "partyMeetings";
        json["passScore"] = 60;
        var good = await banner.SubmitMultipartAsync("/Indicators", [], [("file", "正式.json", Encoding.UTF8.GetBytes(json.ToJsonString()))]);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var location = good.Headers.Location!.OriginalString;
        var (_, draft) = await banner.GetAsync(location);
        Assert.Equal("草稿", draft.QuerySelector("[data-testid=system-state]")!.TextContent.Trim());
        Assert.Equal("党支部专题会议每年至少2次，每少1次扣2.5分", draft.QuerySelector("[data-testid='rule-1.4']")!.TextContent.Trim());
        Assert.Equal("不得有班子缺位岗位，每有1个扣2.5分", draft.QuerySelector("[data-testid='rule-1.1']")!.TextContent.Trim());

        var published = await banner.SubmitAsync(location, [], "form[action*='handler=Publish']");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var (_, shown) = await banner.GetAsync(published.Headers.Location!.OriginalString);
        Assert.Equal("已发布", shown.QuerySelector("[data-testid=system-state]")!.TextContent.Trim());

        var village = await PageClient.LoginAsync(factory, data.User("village1"));
        var (_, evaluation) = await village.GetAsync($"/Evaluation/{data.Unit("A1")}");
        Assert.Contains("（1）", evaluation.QuerySelector("select[name=systemId] option[selected]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("60分达标", System.Text.RegularExpressions.Regex.Match(evaluation.QuerySelector("[data-testid=summary]")!.TextContent, @"\d+分达标").Value);
    }

    [Fact]
    public async Task The_township_sees_the_matrix_of_its_villages_and_the_home_page_counts_those_that_pass()
    {
        var data = await TestData.CreateAsync(factory);
        var township = await PageClient.LoginAsync(factory, data.User("township"));

        var (response, matrix) = await township.GetAsync($"/Evaluation/Matrix/{data.Unit("A")}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = matrix.QuerySelectorAll("[data-testid=matrix] tbody tr");
        Assert.Equal(2, rows.Length); // A1 and A2; the school AS is scored by the school template
        Assert.NotNull(matrix.QuerySelector($"[data-testid=row-{data.Unit("A1")}] a[href^='/Evaluation/{data.Unit("A1")}?']"));
        Assert.Equal("1.4", matrix.QuerySelector("th[title='党支部每年至少两次例会专题研究关工委工作']")!.TextContent.Trim());
        Assert.Contains("cell-partial", matrix.QuerySelectorAll($"[data-testid=row-{data.Unit("A1")}] td")[5].ClassName, StringComparison.Ordinal);
        Assert.Equal("0 / 2", System.Text.RegularExpressions.Regex.Replace(matrix.QuerySelector("[data-testid=passed-count]")!.TextContent.Trim(), @"\s+", " "));

        // The unit page's total is the matrix's.
        var (_, unitPage) = await township.GetAsync($"/Evaluation/{data.Unit("A1")}");
        Assert.Equal(Number(unitPage, "total").ToString(CultureInfo.InvariantCulture),
            matrix.QuerySelectorAll($"[data-testid=row-{data.Unit("A1")}] td")[0].TextContent.Trim());

        var (_, home) = await township.GetAsync("/");
        Assert.Equal("0", home.QuerySelector("[data-testid=home-passed]")!.TextContent.Trim());
        Assert.Equal("2", home.QuerySelector("[data-testid=home-evaluated]")!.TextContent.Trim());

        // A year out of range is said in Chinese, not a crash.
        var (bad, badDoc) = await township.GetAsync($"/Evaluation/Matrix/{data.Unit("A")}?year=1900");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("年度或指标体系不对", badDoc.QuerySelector("[data-testid=message]")!.TextContent, StringComparison.Ordinal);
    }

    private async Task<int> TemplateIdAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.IndicatorSystems.Where(s => s.IsTemplate && s.AppliesTo.Contains("village")).Select(s => s.Id).SingleAsync();
    }

    private async Task<int> SystemCountAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().IndicatorSystems.CountAsync();
    }
}

public sealed class IndicatorPagesOnSqlite(SqliteFactory factory) : IndicatorPageTests(factory), IClassFixture<SqliteFactory>;

public sealed class IndicatorPagesOnPostgres(PostgresFactory factory) : IndicatorPageTests(factory), IClassFixture<PostgresFactory>;

using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Infrastructure.Office;
using static WuHao.Tests.Infrastructure.OfficeSheet;

namespace WuHao.Tests.Elders;

/// <summary>
/// Rosters as township offices make them: sheets written by Excel, WPS and LibreOffice, typed by people
/// — a merged title, a 填报单位 line, header variants, 序号/年龄 columns, formulas, date formats, 合计 lines and footers —
/// import with the right values, or are refused naming the file's row and column letter with nothing written; a dry
/// run and a preview write nothing; the page's preview → confirm keeps the file on the server between the two steps.
/// </summary>
public abstract class OfficeRosterTests(WuHaoFactory factory)
{
    private static readonly DateOnly Join = new(2023, 6, 1);

    /// <summary>Three elders as a township types them (rows 5–7), a row with only its 序号 (8), a 合计 line (9), a footer (11).</summary>
    private static object?[][] People() =>
    [
        [new Formula("ROW()-4", 1d), new Inline("乌云其其格"), "女", new Formula("DATEDIF(E5,TODAY(),\"y\")", null), new YearMonth(new DateOnly(1956, 3, 1)),
            "蒙古族", "中共党员", "老教师", "胜利中心学校 教师", 13912345678d, new Date14(Join), "152301195603010000"],
        [2, "巴特尔", "男", 68, new YearMonth(new DateOnly(1957, 11, 1)), "蒙古族", "群众", "老干部", "原乡政府副乡长", new Inline("0475-1234567"),
            new Formula("DATE(2023,6,1)", new Date14(Join)), null],
        [3, new Formula("\"王\"&\"秀兰\"", "王秀兰"), new Inline("女"), null, "1960-05-01", "汉族", "群众", "老模范", null, "138 0000 1111", "2023年6月1日", null],
    ];

    /// <summary>A township's own 五老 roster: merged title row, 填报单位/填报日期 line, header on row 4 with its own words.</summary>
    private static OfficeSheet TownshipElders(object?[][] people)
    {
        var sheet = new OfficeSheet()
            .Row(1, "胜利镇胜利嘎查“五老”人员花名册").Merge("A1:L1")
            .Row(2, "填报单位：胜利嘎查（盖章）", null, null, null, null, null, null, null, "填报日期：2024年3月1日").Merge("A2:H2")
            .Row(4, "序号", "姓 名", "性别", "年龄", "出生年月", "民族", "政治面貌", "类别", "原工作单位及职务", "手机号", "参加时间", "身份证号");
        var r = 5;
        foreach (var person in people)
        {
            sheet.Row(r++, person);
        }

        sheet.Row(r, r - 4).Row(r + 1, "合计", $"{people.Length}人").Merge($"B{r + 1}:C{r + 1}");
        return sheet.Row(r + 3, "填表人：张三", null, null, null, "审核人：李四");
    }

    [Fact]
    public async Task A_townships_own_roster_imports_with_the_right_values_and_says_what_it_skipped()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");

        var response = await api.PostAsync($"/api/v1/units/{unit}/elders/import", Xlsx.Upload(TownshipElders(People()).Build(), "花名册.xlsx"));
        var body = await response.BodyAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal(3, body.Number("imported"));
        Assert.False(body.GetProperty("dryRun").GetBoolean());
        var preview = body.GetProperty("preview");
        Assert.Equal(4, preview.Number("headerRow"));
        Assert.Equal(["A", "D", "L"], preview.GetProperty("ignoredColumns").EnumerateArray().Select(c => c.Str("letter")));
        Assert.Equal([1, 2, 8, 9, 11], preview.GetProperty("ignoredRows").EnumerateArray().Select(r => r.Number("row")));
        Assert.Contains(preview.GetProperty("ignoredRows").EnumerateArray(), r => r.Number("row") == 9 && r.Str("reason").Contains("合计", StringComparison.Ordinal));
        Assert.Contains(preview.GetProperty("columns").EnumerateArray(),
            c => c.Str("letter") == "E" && c.Str("inFile") == "出生年月" && c.Str("field") == "出生日期");

        var list = await (await api.GetAsync($"/api/v1/units/{unit}/elders?pageSize=100")).BodyAsync();
        var byName = list.GetProperty("items").EnumerateArray().ToDictionary(i => i.Str("name"));
        Assert.Equal(3, new[] { "乌云其其格", "巴特尔", "王秀兰" }.Count(byName.ContainsKey));
        var wuyun = byName["乌云其其格"];
        Assert.Equal("女", wuyun.Str("gender"));
        Assert.Equal("1956-03-01", wuyun.Str("birthDate"));          // yyyy"年"m"月" date cell
        Assert.Equal("2023-06-01", wuyun.Str("joinDate"));           // numFmt 14 date cell
        Assert.Equal("13912345678", wuyun.Str("phone"));              // a number cell under 手机号
        Assert.Equal("胜利中心学校 教师", wuyun.Str("formerUnit"));     // 原工作单位及职务
        Assert.Equal("老教师", wuyun.Str("category"));
        Assert.Equal("1957-11-01", byName["巴特尔"].Str("birthDate"));
        Assert.Equal("2023-06-01", byName["巴特尔"].Str("joinDate"));  // a formula, by its cached value
        Assert.Equal("0475-1234567", byName["巴特尔"].Str("phone"));   // an inline string
        Assert.Equal("2023-06-01", byName["王秀兰"].Str("joinDate"));  // the name was a formula with a cached string
        Assert.DoesNotContain(byName.Keys, n => n.Contains("合计", StringComparison.Ordinal) || n.Contains("填表人", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dry_run_returns_the_preview_and_writes_nothing()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        var before = await SnapshotAsync();

        var response = await api.PostAsync($"/api/v1/units/{unit}/elders/import?dryRun=true", Xlsx.Upload(TownshipElders(People()).Build()));
        var body = await response.BodyAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.True(body.GetProperty("dryRun").GetBoolean());
        Assert.Equal(0, body.Number("imported"));
        var preview = body.GetProperty("preview");
        Assert.Equal(3, preview.Number("rowCount"));
        var columns = preview.GetProperty("columns").EnumerateArray().Select(c => c.Str("field")).ToList();
        var first = preview.GetProperty("rows")[0];
        Assert.Equal(5, first.Number("row"));
        var values = first.GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString()).ToList();
        Assert.Equal("乌云其其格", values[columns.IndexOf("姓名")]);
        Assert.Equal("1956-03-01", values[columns.IndexOf("出生日期")]);
        Assert.Equal("2023-06-01", values[columns.IndexOf("加入日期")]);
        Assert.Equal(before, await SnapshotAsync());

        // A refused dry run names row and column the same way, and writes nothing either.
        var bad = People();
        bad[1][7] = "老军人";
        var refused = await api.PostAsync($"/api/v1/units/{unit}/elders/import?dryRun=true", Xlsx.Upload(TownshipElders(bad).Build()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        AssertError(await refused.BodyAsync(), 6, "H", "类别", "老军人");
        Assert.Equal(before, await SnapshotAsync());
    }

    public static TheoryData<string> Refusals() => ["formula without result", "bad category below a title", "impossible date in a date cell column", "ambiguous columns"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refusal_names_the_files_row_and_column_letter_and_writes_nothing(string kind)
    {
        var data = await TestData.SharedAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        var before = await SnapshotAsync();
        var people = People();
        byte[] file;
        (int? Row, string? Letter, string? Column, string Message) expected;
        switch (kind)
        {
            case "formula without result":
                people[1][10] = new Formula("DATE(2023,6,1)", null);
                (file, expected) = (TownshipElders(people).Build(), (6, "K", "加入日期", "没有保存它的计算结果"));
                break;
            case "bad category below a title":
                people[2][7] = "老军人";
                (file, expected) = (TownshipElders(people).Build(), (7, "H", "类别", "类别“老军人”不在可选范围内"));
                break;
            case "impossible date in a date cell column":
                people[2][10] = "2023-02-30";
                (file, expected) = (TownshipElders(people).Build(), (7, "K", "加入日期", "这一天不存在"));
                break;
            default:
                // 出生年月 and 出生日期 both: which one to take is not guessed.
                file = new OfficeSheet().Row(1, "姓名", "性别", "类别", "加入日期", "出生年月", "出生日期").Row(2, "甲", "男", "老干部", "2023-06-01", "1950-01-01", "1950-01-01").Build();
                expected = (1, "F", "出生日期", "都是“出生日期”");
                break;
        }

        var response = await api.PostAsync($"/api/v1/units/{unit}/elders/import", Xlsx.Upload(file));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertError(await response.BodyAsync(), expected.Row, expected.Letter, expected.Column, expected.Message);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Team_and_donor_rosters_from_WPS_and_LibreOffice_sheets_import()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");

        // LibreOffice-like: inline strings, a title, header variants (电话, 任职时间, 性 别), 序号 and 年龄 not imported.
        var team = new OfficeSheet()
            .Row(1, new Inline("胜利嘎查关工委班子成员名单")).Merge("A1:I1")
            .Row(2, new Inline("序号"), new Inline("姓名"), new Inline("性 别"), new Inline("年龄"), new Inline("出生日期"), new Inline("职务"),
                new Inline("来源"), new Inline("电话"), new Inline("任职时间"))
            .Row(3, 1d, new Inline("白音仓"), new Inline("男"), 52d, new Date14(new DateOnly(1972, 8, 15)), new Inline("主任"), new Inline("党支部"),
                new Inline("13912345678"), new YearMonth(new DateOnly(2021, 3, 1)))
            .Build("Sheet1");
        var teamResponse = await api.PostAsync($"/api/v1/units/{unit}/team-members/import", Xlsx.Upload(team));
        Assert.True(teamResponse.StatusCode == HttpStatusCode.OK, (await teamResponse.BodyAsync()).ToString());

        // WPS-like donor list: 捐赠人, 捐赠时间, 捐赠物品, 金额（元）, 受助对象, and a 合计 line whose amount is a SUM with its result.
        var donors = new OfficeSheet()
            .Row(1, "爱心人士捐赠登记表").Merge("A1:G1")
            .Row(2, "填报单位：胜利嘎查", null, null, null, "填报日期：2024年1月")
            .Row(3, "序号", "捐赠人", "类型", "捐赠时间", "捐赠物品", "金额（元）", "受助对象")
            .Row(4, 1d, "某某商贸公司", "企业", new Date14(new DateOnly(2023, 9, 1)), "书包30个", 1500d, "胜利小学")
            .Row(5, 2d, "其木格", "个人", "2023年10月8日", "冬衣10套", 800.5, null)
            .Row(6, "合 计", null, null, null, null, new Formula("SUM(F4:F5)", 2300.5), null)
            .Build();
        var donorResponse = await api.PostAsync($"/api/v1/units/{unit}/donors/import", Xlsx.Upload(donors));
        var donorBody = await donorResponse.BodyAsync();
        Assert.True(donorResponse.StatusCode == HttpStatusCode.OK, donorBody.ToString());
        Assert.Equal(2, donorBody.Number("imported"));

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var member = await db.TeamMembers.SingleAsync(m => m.UnitId == unit && m.Name == "白音仓");
        Assert.Equal(("男", new DateOnly(1972, 8, 15), "主任", "党支部", "13912345678", new DateOnly(2021, 3, 1)),
            (member.Gender, member.BirthDate, member.Position, member.Affiliation, member.Phone, member.TermStart));
        var gifts = await db.Donors.Where(d => d.UnitId == unit && (d.Name == "某某商贸公司" || d.Name == "其木格")).OrderBy(d => d.Date)
            .Select(d => new { d.Name, d.Date, d.Gift, d.Amount }).ToListAsync();
        Assert.Equal([("某某商贸公司", new DateOnly(2023, 9, 1), "书包30个", (decimal?)1500m), ("其木格", new DateOnly(2023, 10, 8), "冬衣10套", 800.5m)],
            gifts.Select(g => (g.Name, g.Date, g.Gift, g.Amount)));
        Assert.Equal(3, await db.Donors.CountAsync(d => d.UnitId == unit)); // the seeded one and the two rows, not the 合计 line
    }

    [Fact]
    public async Task The_page_previews_then_imports_on_confirmation_without_uploading_again()
    {
        var data = await TestData.CreateAsync(factory);
        var page = await PageClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        var url = $"/Elders/Excel/{unit}";
        var before = await SnapshotAsync();

        // Step 1: the upload is checked and shown; nothing is written.
        var (previewDoc, confirm) = await UploadAsync(page, url, TownshipElders(People()).Build());
        var preview = previewDoc.QuerySelector("[data-testid=import-preview]")!.TextContent;
        Assert.Contains("还没有导入", preview, StringComparison.Ordinal);
        Assert.Equal("3", previewDoc.QuerySelector("[data-testid=preview-count]")!.TextContent);
        Assert.Contains("E列“出生年月”", previewDoc.QuerySelector("[data-testid=preview-columns]")!.TextContent, StringComparison.Ordinal);
        var ignored = previewDoc.QuerySelector("[data-testid=preview-ignored]")!.TextContent;
        Assert.Contains("A列“序号”", ignored, StringComparison.Ordinal);
        Assert.Contains("D列“年龄”", ignored, StringComparison.Ordinal);
        Assert.Contains("第9行：合计行", ignored, StringComparison.Ordinal);
        Assert.Contains("第2行", ignored, StringComparison.Ordinal);
        var rows = previewDoc.QuerySelector("[data-testid=preview-rows]")!.TextContent;
        Assert.Contains("乌云其其格", rows, StringComparison.Ordinal);
        Assert.Contains("1956-03-01", rows, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(1, await PendingCountAsync(data.User("village1")));

        // Another user of the unit cannot confirm this upload.
        var other = await PageClient.LoginAsync(factory, data.User("township"));
        var stolen = await other.PostFormAsync(await FormOf(other, url, confirm), url, Fields(confirm));
        Assert.Contains("预览已失效", await stolen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());

        // Step 2: the confirmation imports the kept file: no file is sent again.
        var confirmed = await page.PostFormAsync(confirm, url, []);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal($"/Elders/{unit}?imported=3", confirmed.Headers.Location!.OriginalString);
        var (_, roster) = await page.GetAsync(confirmed.Headers.Location.OriginalString);
        Assert.Contains("巴特尔", roster.QuerySelector("[data-testid=elder-roster]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await PendingCountAsync(data.User("village1")));

        // Confirming twice (a double click, the back button) imports nothing more.
        var afterImport = await SnapshotAsync();
        var again = await page.PostFormAsync(confirm, url, []);
        Assert.Contains("预览已失效", PageClient.Parse(await again.Content.ReadAsStringAsync()).QuerySelector("[data-testid=import-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(afterImport, await SnapshotAsync());
    }

    [Fact]
    public async Task A_confirmation_is_refused_when_the_roster_changed_the_file_differs_the_preview_expired_or_was_cancelled()
    {
        var data = await TestData.CreateAsync(factory);
        var page = await PageClient.LoginAsync(factory, data.User("village1"));
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        var url = $"/Elders/Excel/{unit}";
        var file = new OfficeSheet().Row(1, "姓名", "性别", "出生年月", "类别", "参加时间")
            .Row(2, "额尔敦", "男", new YearMonth(new DateOnly(1950, 1, 1)), "老战士", new Date14(Join)).Build();

        // Someone adds the same person between preview and confirmation: the check runs again and refuses.
        var (_, confirm) = await UploadAsync(page, url, file);
        var added = await api.PostAsync($"/api/v1/units/{unit}/elders", System.Net.Http.Json.JsonContent.Create(new
        {
            name = "额尔敦", gender = "男", birthDate = "1950-01-01", category = "老战士", joinDate = "2023-06-01",
        }));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var before = await SnapshotAsync();
        var changed = await page.PostFormAsync(confirm, url, []);
        var report = PageClient.Parse(await changed.Content.ReadAsStringAsync()).QuerySelector("[data-testid=import-errors]")!.TextContent;
        Assert.Contains("第2行", report, StringComparison.Ordinal);
        Assert.Contains("A列（姓名）", report, StringComparison.Ordinal);
        Assert.Contains("已在本单位五老名册中", report, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());

        // A confirmation naming other content than the one previewed is refused.
        var other = new OfficeSheet().Row(1, "姓名", "性别", "类别", "参加时间").Row(2, "图雅", "女", "老教师", new Date14(Join)).Build();
        (_, confirm) = await UploadAsync(page, url, other);
        var forged = await page.PostFormAsync(confirm, url, new Dictionary<string, string?> { ["hash"] = new string('0', 64) });
        Assert.Contains("与预览时不一致", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());

        // A preview left for longer than its lifetime is gone.
        (_, confirm) = await UploadAsync(page, url, other);
        factory.Time.Advance(PendingImports.Lifetime + TimeSpan.FromMinutes(1));
        var late = await page.PostFormAsync(confirm, url, []);
        Assert.Contains("预览已失效", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(0, await PendingCountAsync(data.User("village1")));

        // Cancelling deletes the kept file; its confirm form then imports nothing.
        var (previewDoc, kept) = await UploadAsync(page, url, other);
        Assert.Equal(1, await PendingCountAsync(data.User("village1")));
        var cancelled = await page.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)previewDoc.QuerySelector("[data-testid=cancel-form]")!, url, []);
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(0, await PendingCountAsync(data.User("village1")));
        Assert.Contains("预览已失效", await (await page.PostFormAsync(kept, url, [])).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    private static void AssertError(JsonElement body, int? row, string? letter, string? column, string message)
    {
        var errors = body.GetProperty("errors").EnumerateArray().ToList();
        Assert.True(errors.Any(e => e.Str("message").Contains(message, StringComparison.Ordinal)
            && (row is null || (e.GetProperty("row").ValueKind == JsonValueKind.Number && e.Number("row") == row))
            && (letter is null || e.Str("letter") == letter)
            && (column is null || e.Str("column") == column)), body.ToString());
    }

    /// <summary>Posts the import form as a browser without JavaScript: the antiforgery token and the file; returns the preview and its confirm form.</summary>
    private static async Task<(AngleSharp.Html.Dom.IHtmlDocument Page, AngleSharp.Html.Dom.IHtmlFormElement Confirm)> UploadAsync(PageClient page, string url, byte[] file)
    {
        var response = await page.SubmitMultipartAsync(url, [], [("file", "花名册.xlsx", file)], formSelector: "#import-form");
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        var doc = PageClient.Parse(html);
        var confirm = doc.QuerySelector("[data-testid=confirm-form]") as AngleSharp.Html.Dom.IHtmlFormElement;
        Assert.True(confirm is not null, doc.QuerySelector("[data-testid=import-errors]")?.TextContent ?? html);
        return (doc, confirm!);
    }

    /// <summary>The confirm form's hidden fields, to post them from another user's page (with that user's own token).</summary>
    private static Dictionary<string, string?> Fields(AngleSharp.Html.Dom.IHtmlFormElement form) =>
        form.QuerySelectorAll("input[type=hidden]").Where(i => i.GetAttribute("name") != "__RequestVerificationToken")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value"));

    /// <summary>The other user's own copy of the page's form (for their antiforgery token), aimed at the confirm handler.</summary>
    private static async Task<AngleSharp.Html.Dom.IHtmlFormElement> FormOf(PageClient client, string url, AngleSharp.Html.Dom.IHtmlFormElement confirm)
    {
        var (_, doc) = await client.GetAsync(url);
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)doc.QuerySelector("#import-form")!;
        form.Action = confirm.GetAttribute("action")!;
        form.Enctype = "application/x-www-form-urlencoded";
        form.QuerySelector("input[type=file]")!.Remove();
        return form;
    }

    private async Task<int> PendingCountAsync(string userName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<PendingImport>().CountAsync(p => p.UserName == userName);
    }

    private Task<string> SnapshotAsync() => RosterSnapshot.TakeAsync(factory);
}

public sealed class OfficeRosterOnSqlite(SqliteFactory factory) : OfficeRosterTests(factory), IClassFixture<SqliteFactory>;

public sealed class OfficeRosterOnPostgres(PostgresFactory factory) : OfficeRosterTests(factory), IClassFixture<PostgresFactory>;

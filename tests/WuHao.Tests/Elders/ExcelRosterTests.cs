using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Tests.Elders;

/// <summary>
/// Excel rosters in and out (R-7.3, R-8.4, R-8.5): export → import gives the same roster; every kind of bad file is
/// refused with Chinese messages by row and column and leaves the database as it was; dates as people type them.
/// </summary>
public abstract class ExcelRosterTests(WuHaoFactory factory)
{
    private static readonly string[] ElderHeaders =
        ["姓名", "性别", "民族", "出生日期", "政治面貌", "联系电话", "类别", "原工作单位", "原职务", "特长", "健康状况", "加入日期", "状态", "状态日期", "备注"];

    private DateOnly Today => factory.Time.Today();

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A row of the elder template: name, gender, category, join date; the rest empty unless given.</summary>
    private static object?[] ElderRow(object? name, object? joinDate, string category = "老干部", object? birthDate = null, object? note = null,
        object? status = null, object? statusDate = null, object? phone = null) =>
        [name, "男", "蒙古族", birthDate, "中共党员", phone, category, "原乡政府", "干部", "宣讲", "良好", joinDate, status, statusDate, note];

    [Fact]
    public async Task Exporting_and_importing_a_roster_gives_the_same_roster()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var a1 = data.Unit("A1");
        foreach (var (name, status, since) in new[] { ("在册者", (string?)null, (string?)null), ("已退出", "left", Iso(Today.AddDays(-30))), ("暂停者", "paused", Iso(Today.AddDays(-3))) })
        {
            var r = await banner.PostAsJsonAsync($"/api/v1/units/{a1}/elders", new
            {
                name, gender = "女", ethnicity = "蒙古族", birthDate = "1950-01-02", politicalStatus = "群众", phone = "0475-1234567", category = "老模范",
                formerUnit = "供销社", formerPost = "主任", specialties = "剪纸、马头琴", health = "一般", joinDate = "2020-05-04", status, statusDate = since,
                note = "<b>备注</b>",
            });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }

        await banner.PostAsJsonAsync($"/api/v1/units/{a1}/donors", new { name = "某公司", kind = "企业", date = Iso(Today.AddDays(-2)), gift = "冬衣30套", amount = 4500.5, recipient = "学校" });
        var target = (await (await banner.PostAsJsonAsync("/api/v1/units", new { code = $"{data.Prefix}-RT", name = "导入嘎查", type = "village", parentId = data.Unit("A") })).BodyAsync()).Number("id");

        foreach (var collection in new[] { "elders", "donors", "team-members" })
        {
            var exported = await banner.GetByteArrayAsync($"/api/v1/units/{a1}/{collection}/export");
            var import = await banner.PostAsync($"/api/v1/units/{target}/{collection}/import", Xlsx.Upload(exported, $"{collection}.xlsx"));
            Assert.True(import.StatusCode == HttpStatusCode.OK, $"{collection}: {await import.Content.ReadAsStringAsync()}");
            var again = await banner.GetByteArrayAsync($"/api/v1/units/{target}/{collection}/export");
            Assert.Equal(Xlsx.Text(exported), Xlsx.Text(again));
            Assert.True(Xlsx.Text(exported).Count >= 3, collection);
        }

        // The status history was rebuilt: the one who left is not counted now, the paused one neither.
        var figures = (await (await banner.GetAsync($"/api/v1/units/{target}/elder-figures")).BodyAsync()).GetProperty("unit");
        Assert.Equal(2, figures.Number("active"));   // 五老A1 and 在册者

        // The import is in each record's history, with the file and the row.
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var imported = await db.Elders.Where(e => e.UnitId == target).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        var row = await db.ChangeLog.SingleAsync(c => c.EntityType == "Elder" && c.EntityId == imported.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("Excel导入：elders.xlsx 第2行", row.NewValue);
        Assert.Equal(data.User("banner"), row.UserName);
    }

    [Fact]
    public async Task Dates_are_read_as_people_type_them()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        object?[] dates = ["2023-06-01", "2023/6/1", "2023.6.1", "2023年6月1日", new Xlsx.DateCell(new DateOnly(2023, 6, 1)), 45078d, "２０２３－６－１", " 2023-6-1 "];
        var rows = new List<IReadOnlyList<object?>> { ElderHeaders };
        rows.AddRange(dates.Select((d, i) => ElderRow($"日期{i}", d, birthDate: new Xlsx.DateCell(new DateOnly(1950, 1, 2)), phone: 13912345678d)));

        var response = await api.PostAsync($"/api/v1/units/{unit}/elders/import", Xlsx.Upload(Xlsx.Build(rows)));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(dates.Length, (await response.BodyAsync()).Number("imported"));

        var list = await (await api.GetAsync($"/api/v1/units/{unit}/elders?pageSize=100")).BodyAsync();
        var imported = list.GetProperty("items").EnumerateArray().Where(i => i.Str("name").StartsWith("日期", StringComparison.Ordinal)).ToList();
        Assert.Equal(dates.Length, imported.Count);
        Assert.All(imported, i => Assert.Equal("2023-06-01", i.Str("joinDate")));
        Assert.All(imported, i => Assert.Equal("1950-01-02", i.Str("birthDate")));
        Assert.All(imported, i => Assert.Equal("13912345678", i.Str("phone")));
    }

    public static TheoryData<string> BadFiles() => ["wrong headers", "missing headers", "empty sheet", "header only", "csv renamed", "text renamed", "old xls",
        "word file", "50 MB", "100000 rows", "formula", "unknown category", "impossible date", "future birth date", "duplicate in file",
        "already in the unit", "several bad rows", "empty file", "not multipart", "no file"];

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_refused_with_Chinese_messages_and_changes_nothing(string kind)
    {
        var data = await TestData.SharedAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        var before = await SnapshotAsync();
        var ok = ElderRow("好人", "2023-06-01");
        var (content, status, row, column, message) = Case();
        (HttpContent Content, int Status, int? Row, string? Column, string Message) Case() => kind switch
        {
            "wrong headers" => (File([["名字", "性别", "类别", "加入日期"], ["张三", "男", "老干部", "2023-06-01"]]), 400, 1, "名字", "无法识别的列“名字”"),
            "missing headers" => (File([["姓名", "性别"], ["张三", "男"]]), 400, 1, null, "缺少必需的列：类别、加入日期"),
            "empty sheet" => (File([]), 400, (int?)null, null, "是空的"),
            "header only" => (File([ElderHeaders]), 400, 2, null, "只有表头，没有数据行"),
            "csv renamed" => (Upload(Encoding.UTF8.GetBytes("姓名,性别,类别,加入日期\n张三,男,老干部,2023-06-01\n")), 415, null, null, "CSV"),
            "text renamed" => (Upload(Encoding.UTF8.GetBytes("这是一份普通的文本文件，不是表格。")), 415, null, null, "不是Excel工作簿"),
            "old xls" => (Upload([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]), 415, null, null, "旧版Excel（.xls）"),
            "word file" => (Upload(WordLikeZip()), 415, null, null, "不是Excel工作簿"),
            "50 MB" => (Upload(Huge(50 * 1024 * 1024)), 413, null, null, "超过了5MB的上限"),
            "100000 rows" => (Upload(Xlsx.Build(Enumerable.Range(0, 100_001).Select(i => i == 0 ? (IReadOnlyList<object?>)["姓名", "性别", "类别", "加入日期"] : [$"人{i}", "男", "老干部", 45078d]))),
                400, null, null, "数据超过5000行：每次最多导入5000行"),
            // A formula is read by its cached result (R-7.3); one saved without a result cannot be read.
            "formula" => (File([ElderHeaders, ElderRow("公式", new Xlsx.Formula("DATE(2023,6,1)", null))]), 400, 2, "加入日期", "公式"),
            "unknown category" => (File([ElderHeaders, ok, ElderRow("张三", "2023-06-01", category: "老军人")]), 400, 3, "类别", "类别“老军人”不在可选范围内"),
            "impossible date" => (File([ElderHeaders, ElderRow("张三", "2023-02-30")]), 400, 2, "加入日期", "“2023-02-30”这一天不存在（2023年2月只有28天）"),
            "future birth date" => (File([ElderHeaders, ElderRow("张三", "2023-06-01", birthDate: Iso(Today.AddYears(1)))]), 400, 2, "出生日期", "出生日期不能晚于今天"),
            "duplicate in file" => (File([ElderHeaders, ElderRow("张三", "2023-06-01", birthDate: "1950-1-2"), ElderRow("张三", "2023/6/1", birthDate: "1950年1月2日")]), 400, 3, "姓名", "与第2行重复：张三（1950年1月2日出生）在文件中出现了两次"),
            "already in the unit" => (File([ElderHeaders, ElderRow("五老A1", "2023-06-01", birthDate: Iso(Today.AddYears(-70)))]), 400, 2, "姓名", "已在本单位五老名册中"),
            "several bad rows" => (File([ElderHeaders, ElderRow("甲", "2023-02-29"), ok, ElderRow(null, "明天", category: "老军人")]), 400, 2, "加入日期", "这一天不存在"),
            "empty file" => (Upload([]), 400, null, null, "文件是空的"),
            "not multipart" => (new StringContent("{}", Encoding.UTF8, "application/json"), 415, null, null, "multipart/form-data"),
            "no file" => (new MultipartFormDataContent { { new StringContent("x"), "other" } }, 400, null, null, "请选择要导入的Excel文件"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var response = await api.PostAsync($"/api/v1/units/{unit}/elders/import", content);
        var body = await response.BodyAsync();
        Assert.True((int)response.StatusCode == status, $"{kind}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = body.GetProperty("errors").EnumerateArray().ToList();
        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.Str("message").Contains(message, StringComparison.Ordinal)
            && (row is null || (e.GetProperty("row").ValueKind == JsonValueKind.Number && e.Number("row") == row))
            && (column is null || e.Str("column") == column));
        Assert.Equal(before, await SnapshotAsync());

        if (kind == "several bad rows")
        {
            // Every bad row and column, in order: row 2's date, row 4's name, category and date.
            Assert.Equal([(2, "加入日期"), (4, "姓名"), (4, "类别"), (4, "加入日期")], errors.Select(e => (e.Number("row"), e.Str("column"))));
            Assert.Contains("不是有效的日期", errors[^1].Str("message"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Html_and_script_in_cells_are_stored_as_text_and_shown_escaped()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        const string hostile = "<script>alert('五老')</script>";
        var response = await api.PostAsync($"/api/v1/units/{unit}/elders/import", Upload(Xlsx.Build([ElderHeaders, ElderRow(hostile, "2023-06-01", note: "<img src=x onerror=alert(1)>")])));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var page = await PageClient.LoginAsync(factory, data.User("village1"));
        var html = await page.Http.GetStringAsync($"/Elders/{unit}");
        Assert.DoesNotContain(hostile, html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;五老&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_imports_without_JavaScript_and_lists_every_error_on_the_page()
    {
        var data = await TestData.CreateAsync(factory);
        var page = await PageClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        var before = await SnapshotAsync();

        var bad = await PostPageAsync(page, $"/Elders/Excel/{unit}", Xlsx.Build([ElderHeaders, ElderRow("张三", "2023-02-30"), ElderRow("李四", "2023-06-01", category: "老军人")]));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var doc = PageClient.Parse(await bad.Content.ReadAsStringAsync());
        var report = doc.QuerySelector("[data-testid=import-errors]")!.TextContent;
        Assert.Contains("没有导入任何记录", report, StringComparison.Ordinal);
        Assert.Contains("第2行", report, StringComparison.Ordinal);
        Assert.Contains("“2023-02-30”这一天不存在", report, StringComparison.Ordinal);
        Assert.Contains("第3行", report, StringComparison.Ordinal);
        Assert.Contains("类别“老军人”不在可选范围内", report, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());

        var tooBig = await PostPageAsync(page, $"/Elders/Excel/{unit}", Huge(50 * 1024 * 1024));
        Assert.Contains("超过了5MB的上限", PageClient.Parse(await tooBig.Content.ReadAsStringAsync()).QuerySelector("[data-testid=import-errors]")!.TextContent, StringComparison.Ordinal);

        // A good file is previewed first (nothing written), then imported when the user confirms (R-7.3).
        var previewed = await PostPageAsync(page, $"/Elders/Excel/{unit}", Xlsx.Build([ElderHeaders, ElderRow("张三", "2023-06-01"), ElderRow("李四", "2023年6月1日")]));
        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        Assert.Equal(before, await SnapshotAsync());
        var confirm = (AngleSharp.Html.Dom.IHtmlFormElement)PageClient.Parse(await previewed.Content.ReadAsStringAsync()).QuerySelector("[data-testid=confirm-form]")!;
        var good = await page.PostFormAsync(confirm, $"/Elders/Excel/{unit}", []);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal($"/Elders/{unit}?imported=2", good.Headers.Location!.OriginalString);
        var (_, roster) = await page.GetAsync(good.Headers.Location.OriginalString);
        Assert.Contains("已从Excel导入2名五老", roster.QuerySelector("[data-testid=imported]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("李四", roster.QuerySelector("[data-testid=elder-roster]")!.TextContent, StringComparison.Ordinal);

        // Without the antiforgery token nothing is imported.
        var forged = new MultipartFormDataContent { { new ByteArrayContent(Xlsx.Build([ElderHeaders, ElderRow("王五", "2023-06-01")])), "file", "x.xlsx" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await page.Http.PostAsync($"/Elders/Excel/{unit}", forged)).StatusCode);

        // A read-only role sees the page (export) but may not import.
        var viewer = await PageClient.LoginAsync(factory, data.User("viewer"));
        var (viewerPage, viewerDoc) = await viewer.GetAsync($"/Elders/Excel/{unit}");
        Assert.Equal(HttpStatusCode.OK, viewerPage.StatusCode);
        Assert.Null(viewerDoc.QuerySelector("#import-form"));
        Assert.Equal(HttpStatusCode.Forbidden, (await PostPageAsync(viewer, $"/Elders/Excel/{unit}", Xlsx.Build([ElderHeaders, ok()]), tokenFrom: "/")).StatusCode);

        static object?[] ok() => ElderRow("赵六", "2023-06-01");
    }

    [Fact]
    public async Task Exports_mask_phone_numbers_for_users_who_may_not_edit_the_unit()
    {
        var data = await TestData.CreateAsync(factory);
        var unit = data.Unit("A1");
        string PhoneOf(byte[] xlsx) => Xlsx.Read(xlsx)[1]["F"]?.ToString() ?? "";

        var editor = await ApiClient.LoginAsync(factory, data.User("village1"));
        var viewer = await ApiClient.LoginAsync(factory, data.User("viewer"));
        var assessor = await ApiClient.LoginAsync(factory, data.User("assessor"));
        var full = await editor.GetAsync($"/api/v1/units/{unit}/elders/export");
        Assert.Equal(Xlsx.ContentType, full.Content.Headers.ContentType?.MediaType);
        Assert.Contains("五老名册", full.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        Assert.Equal("13912345678", PhoneOf(await full.Content.ReadAsByteArrayAsync()));
        Assert.Equal("139****5678", PhoneOf(await viewer.GetByteArrayAsync($"/api/v1/units/{unit}/elders/export")));
        Assert.Equal("139****5678", PhoneOf(await assessor.GetByteArrayAsync($"/api/v1/units/{unit}/elders/export")));

        var members = Xlsx.Read(await viewer.GetByteArrayAsync($"/api/v1/units/{unit}/team-members/export"));
        Assert.Equal("姓名", members[0]["A"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/v1/units/{unit}/elders/import", Upload(Xlsx.Build([ElderHeaders, ElderRow("x", "2023-06-01")])))).StatusCode);
    }

    [Fact]
    public async Task Templates_have_Chinese_headers_an_example_row_and_instructions()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var template = await api.GetByteArrayAsync("/api/v1/elders/import-template");
        var rows = Xlsx.Read(template);
        Assert.Equal(ElderHeaders, rows[0].Values.Select(v => v?.ToString()));
        Assert.Equal(2, rows.Count);
        Assert.Equal("乌云其其格", rows[1]["A"]);
        using (var stream = new MemoryStream(template))
        {
            Assert.Equal(["五老名册", "填写说明"], MiniExcelLibs.MiniExcel.GetSheetNames(stream));
        }

        // The example row itself imports (once), so the template is right.
        var response = await api.PostAsync($"/api/v1/units/{data.Unit("A1")}/elders/import", Upload(template));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        foreach (var collection in new[] { "team-members", "donors" })
        {
            var other = await api.GetByteArrayAsync($"/api/v1/{collection}/import-template");
            var imported = await api.PostAsync($"/api/v1/units/{data.Unit("A1")}/{collection}/import", Upload(other));
            Assert.True(imported.StatusCode == HttpStatusCode.OK, $"{collection}: {await imported.Content.ReadAsStringAsync()}");
        }
    }

    private static MultipartFormDataContent File(IReadOnlyList<IReadOnlyList<object?>> rows) => Upload(Xlsx.Build(rows));

    private static MultipartFormDataContent Upload(byte[] content) => Xlsx.Upload(content, "五老名册.xlsx");

    private static byte[] Huge(int size)
    {
        var bytes = new byte[size];
        bytes[0] = (byte)'P';
        bytes[1] = (byte)'K';
        bytes[2] = 3;
        bytes[3] = 4;
        return bytes;
    }

    private static byte[] WordLikeZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var w = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
            w.Write("<w:document/>");
        }

        return buffer.ToArray();
    }

    /// <summary>Posts the page's import form as a browser without JavaScript would: the antiforgery token and the file.</summary>
    private static async Task<HttpResponseMessage> PostPageAsync(PageClient page, string url, byte[] file, string? tokenFrom = null)
    {
        var (_, doc) = await page.GetAsync(tokenFrom ?? url);
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(Xlsx.ContentType);
        form.Add(content, "file", "五老名册.xlsx");
        return await page.Http.PostAsync(url, form);
    }

    private Task<string> SnapshotAsync() => RosterSnapshot.TakeAsync(factory);
}

/// <summary>Every roster record and the change log, counted: equal before and after means an import wrote nothing.</summary>
internal static class RosterSnapshot
{
    public static async Task<string> TakeAsync(WuHaoFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return string.Join("|", await db.Elders.CountAsync(), await db.ElderStatusChanges.CountAsync(), await db.Donors.CountAsync(),
            await db.TeamMembers.CountAsync(), await db.ChangeLog.CountAsync());
    }
}

public sealed class ExcelRosterOnSqlite(SqliteFactory factory) : ExcelRosterTests(factory), IClassFixture<SqliteFactory>;

public sealed class ExcelRosterOnPostgres(PostgresFactory factory) : ExcelRosterTests(factory), IClassFixture<PostgresFactory>;

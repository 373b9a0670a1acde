using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MiniExcelLibs;
using WuHao.BrowserTests.Infrastructure;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace WuHao.BrowserTests.Elders;

/// <summary>A village cadre keeps the 五老 roster and imports it from Excel on a phone (R-2, R-7.3, R-8.1).</summary>
public sealed class ElderPagesTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    private static readonly string[] Headers =
        ["姓名", "性别", "民族", "出生日期", "政治面貌", "联系电话", "类别", "原工作单位", "原职务", "特长", "健康状况", "加入日期", "状态", "状态日期", "备注"];

    private static byte[] Roster(params (string Name, string Category, string JoinDate)[] rows)
    {
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, rows.Select(r => Headers.ToDictionary(h => h, h => (object?)(h switch
        {
            "姓名" => r.Name, "性别" => "男", "类别" => r.Category, "加入日期" => r.JoinDate, "出生日期" => "1952/3/4", "联系电话" => "13912345678",
            _ => null,
        }))).ToList());
        return stream.ToArray();
    }

    [Fact]
    public async Task Village_user_imports_a_roster_file_through_the_page_at_phone_width()
    {
        var data = await TestData.CreateAsync(Factory);
        var unitId = data.Unit("A1");
        var page = await LoginAsync(data.User("village1"));

        await page.GotoAsync($"/Elders/{unitId}");
        var active = await FigureAsync(page.GetByTestId("active"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Excel导入导出" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("五老名册：Excel导入导出") })).ToBeVisibleAsync();
        await ScreenshotsAsync(page, "elders-excel");

        // A file with mistakes: every one is listed, nothing is imported.
        await page.GetByLabel("选择Excel文件（.xlsx）").SetInputFilesAsync(new FilePayload
        {
            Name = "五老名册.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = Roster(("巴特尔", "老军人", "2023-06-01"), ("其木格", "老教师", "2023-02-30")),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并预览" }).ClickAsync();
        var report = page.GetByTestId("import-errors");
        await Expect(report).ToContainTextAsync("没有导入任何记录");
        await Expect(report).ToContainTextAsync("类别“老军人”不在可选范围内");
        await Expect(report).ToContainTextAsync("“2023-02-30”这一天不存在");
        await ScreenshotsAsync(page, "elders-excel-errors");

        // The corrected file: the progress bar shows while it uploads, then the preview, then the roster has them.
        await page.GetByLabel("选择Excel文件（.xlsx）").SetInputFilesAsync(new FilePayload
        {
            Name = "五老名册.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = Roster(("巴特尔", "老战士", "2023-06-01"), ("其木格", "老教师", "2023年2月28日")),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并预览" }).ClickAsync();

        // The preview says what will be written; nothing is until the user confirms (R-7.3).
        await Expect(page.GetByTestId("import-preview")).ToContainTextAsync("将导入2条记录");
        await Expect(page.GetByTestId("preview-rows")).ToContainTextAsync("其木格");
        await ScreenshotsAsync(page, "elders-excel-preview");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认导入2条" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Elders/{unitId}\\?imported=2$"));
        await Expect(page.GetByTestId("imported")).ToContainTextAsync("已从Excel导入2名五老");
        await Expect(page.GetByTestId("elder-roster")).ToContainTextAsync("巴特尔");
        await Expect(page.GetByTestId("elder-roster")).ToContainTextAsync("其木格");
        Assert.Equal(active + 2, await FigureAsync(page.GetByTestId("active")));
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= Phone.Width + 1);
        await ScreenshotsAsync(page, "elders-after-import");
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_before_it_is_uploaded()
    {
        var data = await TestData.CreateAsync(Factory);
        var page = await LoginAsync(data.User("village1"));
        await page.GotoAsync($"/Elders/Excel/{data.Unit("A1")}");
        await page.GetByLabel("选择Excel文件（.xlsx）").SetInputFilesAsync(new FilePayload
        {
            Name = "大文件.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = new byte[6 * 1024 * 1024],
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并预览" }).ClickAsync();
        await Expect(page.GetByTestId("import-progress")).ToContainTextAsync("超过了5MB的上限");
        await ScreenshotAsync(page, "elders-excel-too-large", Phone);
    }

    [Fact]
    public async Task Every_elder_page_fits_a_phone_and_is_photographed()
    {
        var data = await TestData.CreateAsync(Factory);
        var u = data.Unit("A1");
        var page = await LoginAsync(data.User("village1"));
        (string Name, string Url)[] pages =
        [
            ("elders", $"/Elders/{u}"),
            ("elder-new", $"/Elders/Elder/{u}"),
            ("elder-edit", $"/Elders/Elder/{u}/{data.Record<Elder>("A1")}"),
            ("elder-status", $"/Elders/Status/{u}/{data.Record<Elder>("A1")}"),
            ("donors", $"/Elders/Donors/{u}"),
            ("donor", $"/Elders/Donor/{u}/{data.Record<Donor>("A1")}"),
            ("donors-excel", $"/Elders/DonorsExcel/{u}"),
            ("studios", $"/Elders/Studios/{u}"),
            ("studio", $"/Elders/Studio/{u}/{data.Record<Studio>("A1")}"),
            ("deeds", $"/Elders/Deeds/{u}"),
            ("deed", $"/Elders/Deed/{u}/{data.Record<Deed>("A1")}"),
            ("commendations", $"/Elders/Commendations/{u}"),
            ("commendation-new", $"/Elders/Commendation/{u}"),
            ("trainings", $"/Elders/Trainings/{u}"),
            ("training", $"/Elders/Training/{u}/{data.Record<Training>("A1")}"),
            ("team-excel", $"/Team/Excel/{u}"),
            ("home-with-elders", "/"),
            ("elders-township", $"/Elders/{data.Unit("A")}"),   // last: it logs in as the township in the same browser context
        ];

        var tooWide = new List<string>();
        foreach (var (name, url) in pages)
        {
            if (name == "elders-township")
            {
                var township = await LoginAsync(data.User("township"));
                await township.GotoAsync(url);
                await Expect(township.GetByTestId("elder-rollup-total")).ToBeVisibleAsync();
                await ScreenshotsAsync(township, name);
                tooWide.AddRange(await WidthProblemsAsync(township, url));
                continue;
            }

            var response = await page.GotoAsync(url);
            Assert.True(response is { Ok: true }, $"{url} answered {response?.Status}");
            await ScreenshotsAsync(page, name);
            tooWide.AddRange(await WidthProblemsAsync(page, url));
        }

        Assert.True(tooWide.Count == 0, $"sideways scrolling at {Phone.Width}px: {string.Join("; ", tooWide)}");
    }

    private static async Task<IEnumerable<string>> WidthProblemsAsync(IPage page, string url)
    {
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        return width > Phone.Width + 1 ? [$"{url}: page {width}px"] : [];
    }
}

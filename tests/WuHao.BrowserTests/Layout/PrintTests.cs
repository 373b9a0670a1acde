using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using WuHao.BrowserTests.Infrastructure;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace WuHao.BrowserTests.Layout;

/// <summary>
/// Issue 14 item 6 (R-8.5): what a cadre sees on paper, printed to A4 from Chromium. Also item 1's "a save makes one
/// round trip for the list it returns to" (R-8.1), which only a browser running evidence.js shows.
/// </summary>
public sealed class PrintTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_printed_activity_list_names_its_unit_and_year_on_every_sheet_numbers_its_pages_and_shows_no_links_or_buttons()
    {
        var data = await TestData.CreateAsync(Factory);
        var unitId = data.Unit("A1");
        var year = Today.Year;
        string unitName;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            // Enough activities, each of two lines, for the list to run over several sheets.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            unitName = await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).SingleAsync();
            var first = new DateOnly(year, 1, 1);
            for (var i = 0; i < 45; i++)
            {
                db.Activities.Add(new Activity
                {
                    UnitId = unitId, Date = first.AddDays(i * 7 % Math.Max(1, Today.DayOfYear)), Title = $"打印测试活动{i + 1:00}：“关爱明天”主题宣讲会",
                    Types = [new() { Value = "理想信念" }], Mode = "本地", YouthCount = 30, ElderCount = 3,
                });
            }

            await db.SaveChangesAsync();
        }

        var page = await LoginAsync(data.User("village1"));
        await page.GotoAsync($"/Activities/{unitId}?year={year}");
        await page.EmulateMediaAsync(new() { Media = Media.Print });

        // The running header: unit and year; the footer: the print date.
        var header = page.GetByTestId("print-header");
        await Expect(header).ToBeVisibleAsync();
        await Expect(header).ToContainTextAsync(unitName);
        await Expect(header).ToContainTextAsync($"{year}年度");
        await Expect(page.GetByTestId("print-footer")).ToContainTextAsync("打印日期：");

        // Nothing to click on paper: no button, no action link; the titles stay as plain black text.
        Assert.Equal(0, await page.EvaluateAsync<int>("""
            () => [...document.querySelectorAll('button, .btn, input[type=submit], a')].filter(e => {
                if (!e.checkVisibility()) return false;
                if (e.tagName !== 'A') return true;
                const s = getComputedStyle(e);
                return /^(查看|编辑|修改|删除|登记)/.test(e.textContent.trim()) || s.textDecorationLine !== 'none' || s.color !== getComputedStyle(e.parentElement).color;
            }).length
            """));

        // An activity is never cut by a page break.
        Assert.Equal("avoid", await page.Locator(".activity-list li").First.EvaluateAsync<string>("e => getComputedStyle(e).breakInside"));
        await ScreenshotAsync(page, "print-activities", Desktop);

        // The PDF Chromium prints: header on every sheet, "第 n 页 / 共 m 页" at the foot of every sheet.
        var pdf = await page.PdfAsync(new() { Format = "A4", PreferCSSPageSize = true });
        using var document = PdfDocument.Open(pdf);
        var sheets = document.GetPages().ToList();
        Assert.True(sheets.Count >= 2, $"{sheets.Count} sheet(s): the list should run over several");
        foreach (var sheet in sheets)
        {
            // The PDF's fonts map some CJK characters to radical look-alikes (一 → ⼀, 页 → ⻚): compare in NFKC,
            // without spaces, and read the page number around 页.
            var text = string.Concat(sheet.GetWords().Select(w => w.Text)).Normalize(NormalizationForm.FormKC);
            Assert.Contains(unitName, text, StringComparison.Ordinal);
            Assert.Contains($"{year}年", text, StringComparison.Ordinal);
            Assert.Contains("打印", text, StringComparison.Ordinal);
            Assert.Matches(new Regex($"第{sheet.Number}\\D{{1,3}}共{sheets.Count}"), text);
        }
    }

    [Fact]
    public async Task Lists_print_whole_records_with_black_badges()
    {
        var data = await TestData.CreateAsync(Factory);
        var unitId = data.Unit("A1");
        var page = await LoginAsync(data.User("village1"));
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        foreach (var (path, name) in new[]
                 {
                     ($"/Team/{unitId}", "print-team"), ($"/Team/Meetings/{unitId}", "print-meetings"), ($"/Elders/{unitId}", "print-elders"),
                     ($"/Rules/{unitId}", "print-rules"), ($"/Innovation/{unitId}", "print-innovation"),
                 })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByTestId("print-header")).ToBeVisibleAsync();
            Assert.Equal(0, await page.Locator("button:visible, .btn:visible, nav:visible").CountAsync());
            foreach (var row in await page.Locator("tbody tr").AllAsync())
            {
                Assert.Equal("avoid", await row.EvaluateAsync<string>("e => getComputedStyle(e).breakInside"));
            }

            await ScreenshotAsync(page, name, Desktop);
        }

        // The unit-type badge beside the heading: black text on white, in a black frame.
        await page.GotoAsync($"/Team/{unitId}");
        var badge = await page.Locator("h1 .badge").First.EvaluateAsync<string[]>(
            "e => { const s = getComputedStyle(e); return [s.color, s.borderTopColor, s.borderTopStyle, s.backgroundColor]; }");
        Assert.Equal(["rgb(0, 0, 0)", "rgb(0, 0, 0)", "solid", "rgba(0, 0, 0, 0)"], badge);
    }

    [Fact]
    public async Task Saving_an_activity_fetches_the_list_once()
    {
        var data = await TestData.CreateAsync(Factory);
        var unitId = data.Unit("A1");
        var page = await LoginAsync(data.User("village1"));
        await page.GotoAsync($"/Activities/Activity/{unitId}");
        await page.GetByLabel("活动名称").FillAsync("一次往返的活动");
        await page.GetByLabel("法治教育").CheckAsync();

        var requests = new List<string>();
        page.Request += (_, r) => requests.Add($"{r.Method} {new Uri(r.Url).AbsolutePath}");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Activities/{unitId}\\?year=\\d+&saved="));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已保存");

        Assert.Equal(1, requests.Count(r => r.StartsWith("POST /Activities/Activity/", StringComparison.Ordinal)));
        Assert.Equal(1, requests.Count(r => r == string.Create(CultureInfo.InvariantCulture, $"GET /Activities/{unitId}")));
    }
}

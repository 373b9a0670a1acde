using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WuHao.BrowserTests.Infrastructure;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace WuHao.BrowserTests.Dashboards;

/// <summary>
/// The township's dashboard (R-7.4): reached from the home page, its tables first and its charts drawn once the chart
/// library has loaded; at 360 px the charts stack and the tables scroll inside their boxes, never the page; on paper
/// the tables print and the charts do not.
/// </summary>
public sealed class DashboardPageTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_township_opens_its_dashboard_on_a_phone_and_a_desktop_and_prints_its_tables()
    {
        var data = await TestData.CreateAsync(Factory);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            string[] types = ["法治教育", "爱国主义", "科普教育", "文体活动"];
            for (var i = 0; i < 14; i++)
            {
                var month = 1 + (i % Math.Max(1, Today.Month));
                db.Activities.Add(new Activity
                {
                    UnitId = data.Unit(i % 2 == 0 ? "A1" : "A2"), Date = new DateOnly(Today.Year, month, 1 + (i % 27)), Title = $"看板活动{i}",
                    Types = [new() { Value = types[i % types.Length] }], Mode = "本地",
                });
            }

            await db.SaveChangesAsync();
        }

        var page = await LoginAsync(data.User("township"));
        await page.GetByTestId("home-dashboard").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Dashboards/{data.Unit("A")}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "单位得分排名" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("ranking").Locator("tbody tr")).ToHaveCountAsync(await page.GetByTestId("heat").Locator("tbody tr").CountAsync());
        Assert.InRange(await FigureAsync(page.GetByTestId("dash-activities")), 14, 100); // ours and the test data's own

        // The charts are drawn (a canvas each) once dashboard.js has loaded the library after the page.
        foreach (var chart in new[] { "ranking", "heat", "elders", "rates", "months", "types" })
        {
            await Expect(page.Locator($"[data-chart={chart}][data-drawn=true] canvas")).ToHaveCountAsync(1);
        }

        // 360 px: the charts stack above their tables, and nothing scrolls the page sideways.
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await page.WaitForTimeoutAsync(200); // the charts redraw on resize
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= Phone.Width + 1, "the dashboard scrolls sideways at 360px");
        var ranking = await page.Locator("[data-chart=ranking]").BoundingBoxAsync();
        var gaps = await page.Locator("[data-chart=gaps], [data-testid=part-gaps]").First.BoundingBoxAsync();
        Assert.True(ranking!.Width <= Phone.Width && gaps!.Y > ranking.Y + ranking.Height, "the charts do not stack at 360px");
        await ScreenshotAsync(page, "dashboard", Phone);
        await ScreenshotAsync(page, "dashboard", Desktop);

        // A bar of the ranking leads to that unit's evaluation, like its row.
        await page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
        var first = page.GetByTestId("ranking").Locator("tbody tr").First;
        var href = await first.Locator("a").GetAttributeAsync("href");
        Assert.StartsWith("/Evaluation/", href, StringComparison.Ordinal);

        // On paper: the tables, not the charts.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("[data-chart=ranking]")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("ranking")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("heat")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "dashboard-print", new() { Width = 794, Height = 1123 });
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
    }
}

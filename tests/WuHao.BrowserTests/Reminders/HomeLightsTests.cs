using WuHao.BrowserTests.Infrastructure;
using WuHao.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WuHao.BrowserTests.Reminders;

/// <summary>
/// the home pages of a village and a township with their red/yellow/green lights (each with its text label),
/// the rule of each colour and the deadlines, at phone and office width, without sideways scrolling at 360 px.
/// </summary>
public sealed class HomeLightsTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("village1")]
    [InlineData("township")]
    public async Task Home_page_shows_lights_rules_and_deadlines_at_phone_and_desktop_width(string user)
    {
        var data = await TestData.CreateAsync(Factory);
        var page = await LoginAsync(data.User(user));
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await page.GotoAsync("/");
        await Expect(page.GetByTestId("home-lights")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("light-rules")).ToContainTextAsync("红灯（未达标）");
        await Expect(page.GetByTestId("home-deadlines")).ToBeVisibleAsync();
        var labels = await page.Locator("[data-testid=home-lights] [data-light]").AllInnerTextsAsync();
        Assert.NotEmpty(labels);
        Assert.All(labels, l => Assert.Contains(l, new[] { "达标", "有风险", "未达标" }));
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= Phone.Width + 1, "sideways scrolling at 360 px");
        await ScreenshotsAsync(page, $"home-lights-{user}");
    }
}

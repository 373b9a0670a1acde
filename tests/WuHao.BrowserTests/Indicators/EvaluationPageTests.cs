using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WuHao.BrowserTests.Infrastructure;
using WuHao.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WuHao.BrowserTests.Indicators;

/// <summary>
/// A village cadre on a phone sees the unit's live score and what is missing, records the missing party meeting
/// from the gap's link, and comes back to a higher score (R-6.4, R-6.6, R-8.1).
/// </summary>
public sealed class EvaluationPageTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture browsers = fixture;

    [Fact]
    public async Task A_village_user_follows_a_gap_to_record_a_party_meeting_and_sees_the_score_rise()
    {
        var data = await TestData.CreateAsync(Factory);
        var unitId = data.Unit("A1");
        var page = await LoginAsync(data.User("village1"));

        // The home page shows this year's total and the gaps; the total leads to the evaluation.
        var homeTotal = await Score(page.GetByTestId("home-total"));
        await Expect(page.GetByTestId("home-gaps")).ToBeVisibleAsync();
        await ScreenshotsAsync(page, "home-with-evaluation");
        await page.GetByTestId("home-total").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Evaluation/{unitId}$"));

        var total = await Score(page.GetByTestId("total"));
        Assert.Equal(homeTotal, total);
        await Expect(page.GetByTestId("result")).ToHaveTextAsync("未达标");
        var meetings = page.GetByTestId("indicator-1.4");
        await Expect(meetings.GetByTestId("reason")).ToContainTextAsync("党支部专题会议1次，要求至少2次");
        await ScreenshotsAsync(page, "evaluation-before");
        await FitsThePhoneAsync(page);

        // The first five gaps show; the rest unfold.
        if (await page.GetByTestId("more-gaps").CountAsync() > 0)
        {
            await page.GetByTestId("more-gaps").ClickAsync();
        }

        var gap = page.GetByTestId("gap-1.4");
        await Expect(gap).ToContainTextAsync("再召开1次党支部专题会议可得2.5分");

        // The records behind an indicator open on demand.
        await meetings.Locator("summary").ClickAsync();
        await Expect(meetings.GetByRole(AriaRole.Link, new() { Name = $"会议A1" })).ToBeVisibleAsync();

        await gap.GetByRole(AriaRole.Link, new() { Name = "去登记党支部专题会议" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登记党支部专题会议" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("会议日期")).ToHaveValueAsync(Iso(Today));
        await page.GetByLabel("议题").FillAsync("研究部署关工委创建“五好”工作");
        await page.GetByLabel("参会人员").FillAsync("党支部书记、支部委员、关工委主任");
        await page.GetByLabel("参会人数").FillAsync("7");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Team/Meetings/{unitId}"));

        // Back to the evaluation: 2.5 points more, the indicator green, the gap closed.
        await page.GotoAsync("/");
        Assert.Equal(total + 2.5m, await Score(page.GetByTestId("home-total")));
        await page.GetByTestId("home-total").ClickAsync();
        await Expect(page.GetByTestId("total")).ToHaveTextAsync((total + 2.5m).ToString(CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("indicator-1.4")).ToHaveAttributeAsync("data-status", "met");
        await Expect(page.GetByTestId("gap-1.4")).ToHaveCountAsync(0);
        await ScreenshotsAsync(page, "evaluation-after");

        // Printed (A4 is about 794 px wide at 96 dpi): no menu, no forms, every gap with a line for its owner.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("nav.navbar")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("gap-form").First).ToBeHiddenAsync();
        await ScreenshotAsync(page, "evaluation-print", new() { Width = 794, Height = 1123 });
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // What the other evaluation pages look like (for the eye; the page tests check their content).
        await page.GotoAsync("/Indicators");
        await ScreenshotsAsync(page, "indicator-systems");
        await page.GetByRole(AriaRole.Link, new() { Name = "科左中旗创建\"五好\"嘎查村关工委验收指标体系（示范模板）" }).ClickAsync();
        await Expect(page.GetByTestId("description")).ToContainTextAsync("示范模板");
        await ScreenshotsAsync(page, "indicator-system");
        await FitsThePhoneAsync(page);

        var township = await browsers.Browser.NewContextAsync(new() { BaseURL = Factory.Address.ToString(), ViewportSize = Phone, Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        var townshipPage = await township.NewPageAsync();
        await townshipPage.GotoAsync("/Account/Login");
        await townshipPage.GetByLabel("用户名").FillAsync(data.User("township"));
        await townshipPage.GetByLabel("密码").FillAsync(TestData.Password);
        await townshipPage.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Expect(townshipPage.GetByTestId("home-passed")).ToBeVisibleAsync();
        await townshipPage.GotoAsync($"/Evaluation/Matrix/{data.Unit("A")}");
        await Expect(townshipPage.GetByTestId($"row-{unitId}")).ToContainTextAsync((total + 2.5m).ToString(CultureInfo.InvariantCulture));
        await ScreenshotsAsync(townshipPage, "evaluation-matrix");
        await FitsThePhoneAsync(townshipPage); // the table scrolls inside its box, with the unit column fixed
        await Expect(townshipPage.Locator($"[data-testid=row-{unitId}] th")).ToHaveCSSAsync("position", "sticky");
        await township.CloseAsync();
    }

    private static async Task FitsThePhoneAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= Phone.Width + 1, $"{page.Url} scrolls sideways at {Phone.Width}px");

    private static async Task<decimal> Score(ILocator figure) =>
        decimal.Parse((await figure.InnerTextAsync()).Trim(), CultureInfo.InvariantCulture);
}

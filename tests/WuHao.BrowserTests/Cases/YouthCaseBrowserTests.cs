using Microsoft.Playwright;
using WuHao.BrowserTests.Infrastructure;
using WuHao.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WuHao.BrowserTests.Cases;

/// <summary>R-5.4/R-5.5 in a real browser: a village cadre records a child's case and sees it masked.</summary>
public sealed class YouthCaseBrowserTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Village_user_creates_a_case_and_sees_it_masked_until_revealing_one_field()
    {
        var data = await TestData.CreateAsync(Factory);
        var unitId = data.Unit("A1");
        var birth = Today.AddYears(-11).AddDays(-20);
        var idNumber = IdNumbers.Make(birth, "男");
        var masked = $"{idNumber[..6]}********{idNumber[^4..]}";
        var page = await LoginAsync(data.User("village1"));

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "困境青少年档案" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "新建档案" }).ClickAsync();
        await page.GetByLabel("姓名").FillAsync("巴特尔");
        await page.GetByLabel("性别").SelectOptionAsync("男");
        await page.GetByLabel("出生日期").FillAsync(Iso(birth));
        await page.GetByLabel("身份证号").FillAsync(idNumber);
        await page.GetByLabel("学校").FillAsync("胜利中心学校");
        await page.GetByLabel("家庭住址").FillAsync("胜利乡甲一嘎查二组7号");
        await page.GetByLabel("留守儿童").CheckAsync();
        await page.GetByLabel("监护人", new() { Exact = true }).FillAsync("巴图");
        await page.GetByLabel("与监护人关系").SelectOptionAsync("祖父母");
        await page.GetByLabel("监护人电话").FillAsync("13912340000");
        await ScreenshotsAsync(page, "case-form-filled");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已保存");
        await Expect(page.GetByTestId("field-idNumber")).ToHaveTextAsync(masked);
        await Expect(page.GetByTestId("field-guardianPhone")).ToHaveTextAsync("139****0000");
        await Expect(page.Locator("body")).Not.ToContainTextAsync(idNumber);
        await ScreenshotsAsync(page, "case-saved-masked");

        await page.GetByTestId("sensitive").GetByRole(AriaRole.Button, new() { Name = "显示" }).First.ClickAsync();
        await Expect(page.GetByTestId("field-idNumber")).ToHaveTextAsync(idNumber);
        await Expect(page.GetByTestId("field-guardianPhone")).ToHaveTextAsync("139****0000");

        await page.GotoAsync($"/Cases/{unitId}");
        await Expect(page.GetByTestId("cases")).ToContainTextAsync("巴特尔");
        await Expect(page.GetByTestId("cases")).ToContainTextAsync(masked);
        await Expect(page.Locator("body")).Not.ToContainTextAsync(idNumber);
        await ScreenshotsAsync(page, "case-list");
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 361, $"the case list scrolls sideways at 360 px ({width} px)");
    }
}

using System.Text.RegularExpressions;
using WuHao.BrowserTests.Infrastructure;
using WuHao.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WuHao.BrowserTests.Documents;

/// <summary>
/// A township cadre goes from the evaluation matrix to the acceptance package, presses 生成验收材料包 and, without
/// reloading, sees the progress bar reach the end and the download link (package.js polls the status; issue 11 item 4, R-7).
/// </summary>
public sealed class PackagePageTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_township_user_generates_the_package_and_sees_the_progress_reach_the_download_link()
    {
        var data = await TestData.CreateAsync(Factory);
        var township = data.Unit("A");
        var page = await LoginAsync(data.User("township"));
        await page.GotoAsync($"/Evaluation/Matrix/{township}");
        await page.GetByTestId("package-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Documents/Package/{township}"));
        await ScreenshotsAsync(page, "package-before");

        await page.GetByTestId("package-start").ClickAsync();
        await Expect(page.GetByTestId("package-progress")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("package-download")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("package-state")).ToHaveTextAsync("已生成");
        var total = await page.GetByTestId("package-total").InnerTextAsync();
        await Expect(page.GetByTestId("package-done")).ToHaveTextAsync(total);
        await Expect(page.GetByTestId("package-progress")).ToHaveAttributeAsync("value", total);
        await ScreenshotsAsync(page, "package-finished");
    }
}

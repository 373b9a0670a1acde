using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WuHao.BrowserTests.Infrastructure;
using WuHao.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WuHao.BrowserTests.Layout;

/// <summary>Village cadres use cheap phones: no page may need sideways scrolling at 360 CSS pixels.</summary>
public sealed partial class PhoneLayoutTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    /// <summary>Boxes that scroll sideways inside the page (a wide table in .table-responsive): the user must swipe them too.</summary>
    private const string InnerScrollers = """
        () => [...document.querySelectorAll('body *')]
            .filter(e => e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
            .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className.split(' ').join('.') : '') + ' ' + e.scrollWidth + '>' + e.clientWidth)
        """;

    [Fact]
    public async Task Phone_width_pages_have_no_horizontal_scroll()
    {
        var data = await TestData.CreateAsync(Factory);
        var unitId = data.Unit("A1");
        var page = await LoginAsync(data.User("village1"));
        (string Name, string Url)[] pages =
        [
            ("home", "/"),
            ("team", $"/Team/{unitId}"),
            ("member-form", $"/Team/Member/{unitId}"),
            ("meetings", $"/Team/Meetings/{unitId}"),
            ("units", "/Units"),
        ];

        var tooWide = new List<string>();
        foreach (var (name, url) in pages)
        {
            var response = await page.GotoAsync(url);
            Assert.True(response is { Ok: true }, $"{url} answered {response?.Status}");
            await ScreenshotAsync(page, $"phone-{name}", Phone);

            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > Phone.Width + 1)
            {
                tooWide.Add($"{url}: page {width}px");
            }

            tooWide.AddRange((await page.EvaluateAsync<string[]>(InnerScrollers)).Select(s => $"{url}: {s}"));
        }

        Assert.True(tooWide.Count == 0, $"sideways scrolling at {Phone.Width}px: {string.Join("; ", tooWide)}");
    }

    [Fact]
    public async Task Phone_menu_opens_and_fits()
    {
        var data = await TestData.CreateAsync(Factory);
        var page = await LoginAsync(data.User("village1"));

        // The menu is opened by js/site.js: Bootstrap's 79 KB script is not loaded any more (R-8.1).
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "展开菜单" });
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "班子建设好" })).ToBeHiddenAsync();
        await toggle.ClickAsync();
        await Expect(page.Locator("#mainNav")).ToHaveClassAsync(Shown());
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "班子建设好" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "退出" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "phone-menu-open", Phone);
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= Phone.Width + 1);

        await toggle.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "班子建设好" })).ToBeHiddenAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        Assert.Equal(0, await page.Locator("script[src*='bootstrap']").CountAsync());
    }

    [Fact]
    public async Task Desktop_pages_with_every_menu_item_fit_an_office_screen()
    {
        var data = await TestData.CreateAsync(Factory);
        var page = await LoginAsync(data.User("admin"));
        await page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
        var tooWide = new List<string>();
        foreach (var path in new[] { "/", $"/Team/{data.Unit("A1")}", $"/Cases/{data.Unit("A1")}", "/AccessLog", "/Admin/Users", "/Units" })
        {
            await page.GotoAsync(path);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > Desktop.Width + 1)
            {
                tooWide.Add($"{path}: {width}px");
            }
        }

        await ScreenshotAsync(page, "desktop-admin-units", Desktop);
        Assert.True(tooWide.Count == 0, $"sideways scrolling at {Desktop.Width}px: {string.Join("; ", tooWide)}");
    }

    /// <summary>Bootstrap's collapse has finished opening ("collapsing" while it animates).</summary>
    [GeneratedRegex(@"(^|\s)show(\s|$)")]
    private static partial Regex Shown();
}

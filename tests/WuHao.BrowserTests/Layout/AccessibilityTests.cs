using System.Diagnostics;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using WuHao.BrowserTests.Infrastructure;
using WuHao.Tests.Infrastructure;

namespace WuHao.BrowserTests.Layout;

/// <summary>
/// R-8.1 (issue 14, item 5): every page meets WCAG 2.1 AA as axe-core checks it, on a phone and on an office screen,
/// as a village and as a township user; and no page scrolls sideways on the narrowest phone (320 CSS pixels). The pages
/// are discovered from the endpoint data source (<see cref="AppPages"/>), so a new page joins these tests the moment
/// it exists. Each (user, width) has its own browser context and one tab that visits every page in turn.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    /// <summary>The narrowest phone still sold: no page may need sideways scrolling here.</summary>
    private const int NarrowPhone = 320;

    /// <summary>WCAG 2.0 and 2.1, levels A and AA; only violations are collected (passes would cost time for nothing).</summary>
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>
    /// The page is wider than the window, and the elements that reach past its right edge outside a box that scrolls
    /// by itself (a wide table in .table-responsive may scroll inside its box; the page may not).
    /// </summary>
    private const string SidewaysOverflow = """
        () => {
            const root = document.documentElement;
            if (root.scrollWidth <= root.clientWidth) return null;
            const scrollsItself = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
                if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true; } return false; };
            const culprits = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > root.clientWidth + 0.5 && !scrollsItself(e))
                .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= root.clientWidth + 0.5)
                .slice(0, 5)
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).join('.') : '')
                    + ' (right edge ' + Math.round(e.getBoundingClientRect().right) + ')');
            return 'page ' + root.scrollWidth + 'px > ' + root.clientWidth + 'px: ' + culprits.join(', ');
        }
        """;

    [Theory]
    [InlineData("village1", "A1", 360)]
    [InlineData("village1", "A1", 1280)]
    [InlineData("township", "A", 360)]
    [InlineData("township", "A", 1280)]
    public async Task Every_page_has_no_axe_violation_at_any_impact(string user, string unit, int width)
    {
        var data = await TestData.CreateAsync(Factory);
        var page = await LoginAsync(data.User(user));
        await page.SetViewportSizeAsync(width, 900);
        var urls = AppPages.Urls(Factory, data, unit).ToList();
        var violations = new List<string>();
        var opened = 0;
        var clock = Stopwatch.StartNew();
        foreach (var url in urls)
        {
            var response = await page.GotoAsync(url);
            opened += response is { Ok: true } ? 1 : 0;
            var result = await page.RunAxe(Wcag21AA);
            violations.AddRange(result.Violations.Select(v =>
                $"{url} [{v.Impact}] {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Target.ToString()))}"));
        }

        Assert.True(opened >= 30, $"only {opened} of {urls.Count} pages opened");
        Assert.True(violations.Count == 0,
            $"axe (WCAG 2.1 AA) as {user} at {width}px, {violations.Count} violation(s) on {urls.Count} pages in {clock.Elapsed.TotalSeconds:0}s:\n"
            + string.Join("\n", violations));
    }

    [Theory]
    [InlineData("village1", "A1")]
    [InlineData("township", "A")]
    public async Task No_page_scrolls_sideways_at_320_px(string user, string unit)
    {
        var data = await TestData.CreateAsync(Factory);
        var page = await LoginAsync(data.User(user));
        await page.SetViewportSizeAsync(NarrowPhone, 800);
        var tooWide = new List<string>();
        var opened = 0;
        foreach (var url in AppPages.Urls(Factory, data, unit))
        {
            var response = await page.GotoAsync(url);
            opened += response is { Ok: true } ? 1 : 0;
            if (await page.EvaluateAsync<string?>(SidewaysOverflow) is { } overflow)
            {
                tooWide.Add($"{url}: {overflow}");
            }
        }

        Assert.True(opened >= 30, $"only {opened} pages opened");
        Assert.True(tooWide.Count == 0, $"sideways scrolling at {NarrowPhone}px as {user}:\n{string.Join("\n", tooWide)}");
    }

    [Fact]
    public async Task Choice_groups_are_fieldsets_named_by_their_legend()
    {
        var data = await TestData.CreateAsync(Factory);
        var unitId = data.Unit("A1");
        var page = await LoginAsync(data.User("village1"));
        (string Name, string Url, string[] Groups)[] forms =
        [
            ("activity", $"/Activities/Activity/{unitId}", ["方式", "活动类型（可多选）"]),
            ("fund", $"/Rules/Fund/{unitId}", ["收支"]),
            ("investigation", $"/Innovation/Investigation/{unitId}", ["调研对象"]),
            ("case", $"/Cases/Case/{unitId}", ["困境类别"]),
            ("party-meeting", $"/Team/Meeting/{unitId}", ["参与组织"]),
            ("studio", $"/Elders/Studio/{unitId}", ["成员"]),
            ("team", $"/Team/{unitId}", []),
            ("units", "/Units", []),
        ];
        foreach (var (name, url, groups) in forms)
        {
            await page.GotoAsync(url);
            foreach (var group in groups)
            {
                // A screen reader announces the legend on entering the group: role group, named by the legend.
                var fieldset = page.GetByRole(AriaRole.Group, new() { Name = group });
                Assert.True(await fieldset.CountAsync() == 1, $"{url}: no group named {group}");
                Assert.Equal("FIELDSET", await fieldset.EvaluateAsync<string>("e => e.tagName"));
                Assert.True(await fieldset.Locator("input[type=radio], input[type=checkbox]").CountAsync() > 0, $"{url}: {group} has no choices");
            }

            await ScreenshotsAsync(page, $"a11y-{name}");
        }
    }

    [Fact]
    public async Task The_site_has_a_favicon()
    {
        var data = await TestData.CreateAsync(Factory);
        var page = await LoginAsync(data.User("village1"));
        var href = await page.Locator("head link[rel=icon]").First.GetAttributeAsync("href");
        Assert.NotNull(href);
        foreach (var url in new[] { href, "/favicon.ico" })
        {
            var response = await page.APIRequest.GetAsync(url);
            Assert.True(response.Ok, $"{url} answered {response.Status}");
            Assert.StartsWith("image/", response.Headers["content-type"], StringComparison.Ordinal);
        }
    }
}

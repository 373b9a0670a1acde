using System.Diagnostics;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using WuHao.BrowserTests.Infrastructure;
using WuHao.Tests.Infrastructure;

namespace WuHao.BrowserTests.Layout;

/// <summary>
/// R-8.1 (issue 14, item 5) and R-8.5: every page meets WCAG 2.1 AA as axe-core checks it, on a phone and on an office
/// screen, as a village and as a township user; no page scrolls sideways on the narrowest phone (320 CSS pixels); and
/// no page breaks the Content-Security-Policy. The pages are discovered from the endpoint data source
/// (<see cref="AppPages"/>), so a new page joins these tests the moment it exists.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    /// <summary>The narrowest phone still sold: no page may need sideways scrolling here.</summary>
    private const int NarrowPhone = 320;

    /// <summary>
    /// axe-core as Deque.AxeCore.Commons ships it, injected into every document of the test's browser context when it
    /// is created (an init script runs outside the page's Content-Security-Policy). Deque's RunAxe would re-inject the
    /// 500 KB script and round-trip its full result model on every run; 288 runs of that cost most of the suite.
    /// </summary>
    private static readonly Lazy<string> AxeSource = new(() =>
    {
        using var stream = typeof(AxeRunOptions).Assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("axe.min.js is not in Deque.AxeCore.Commons");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>
    /// axe over the document for WCAG 2.0 and 2.1, levels A and AA; only violations are collected (passes would cost
    /// time for nothing), each as one line: impact, rule, help text and the offending elements.
    /// </summary>
    private const string Wcag21AA = """
        async () => {
            const result = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                resultTypes: ['violations'],
            });
            return result.violations.map(v => '[' + v.impact + '] ' + v.id + ': ' + v.help + ' — '
                + v.nodes.map(n => n.target.join(' ')).join(' | '));
        }
        """;

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

    /// <summary>
    /// Checkboxes and radio buttons whose tap target (the label with its box, or the box alone) is under 44 CSS pixels
    /// high: a thumb on a cheap phone misses them (issue 14, item 3).
    /// </summary>
    private const string SmallChoices = """
        () => [...document.querySelectorAll('input[type=checkbox], input[type=radio]')]
            .filter(i => i.offsetParent !== null)
            .map(i => {
                const label = i.labels && i.labels.length ? i.labels[0] : null;
                const height = Math.max(i.getBoundingClientRect().height, label ? label.getBoundingClientRect().height : 0,
                    i.parentElement.classList.contains('form-check') ? i.parentElement.getBoundingClientRect().height : 0);
                return height < 43.5 ? (label ? label.textContent.trim() : i.name) + ' (' + Math.round(height) + 'px)' : null;
            })
            .filter(x => x)
            .slice(0, 5)
        """;

    /// <summary>
    /// One pass per user over every page: each page is loaded once at the narrowest phone and checked for sideways
    /// scrolling there, then axe runs on it at phone width and again at office-screen width (the same document, the
    /// window resized, so media queries apply), and every Content-Security-Policy report the browser makes while the
    /// page is open is collected (R-8.5). Loading each page once instead of once per check keeps the suite quick.
    /// </summary>
    [Theory]
    [InlineData("village1", "A1")]
    [InlineData("township", "A")]
    public async Task Every_page_meets_WCAG_AA_on_a_phone_and_a_desk_fits_320_px_offers_44_px_choices_and_keeps_the_content_policy(string user, string unit)
    {
        var data = await TestData.CreateAsync(Factory);
        await Context.AddInitScriptAsync(AxeSource.Value);
        var page = await LoginAsync(data.User(user));
        var urls = AppPages.Urls(Factory, data, unit).ToList();
        Assert.True(urls.Count >= 40, $"only {urls.Count} pages found");
        var axe = new List<string>();
        var tooWide = new List<string>();
        var policy = new List<string>();
        var smallTargets = new List<string>();
        var current = "";
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                policy.Add($"{current}: {message.Text}");
            }
        };

        var opened = 0;
        var clock = Stopwatch.StartNew();
        foreach (var url in urls)
        {
            current = url;
            await page.SetViewportSizeAsync(NarrowPhone, 800);
            var response = await page.GotoAsync(url);
            opened += response is { Ok: true } ? 1 : 0;
            if (await page.EvaluateAsync<string?>(SidewaysOverflow) is { } overflow)
            {
                tooWide.Add($"{url}: {overflow}");
            }

            foreach (var width in new[] { Phone.Width, Desktop.Width })
            {
                await page.SetViewportSizeAsync(width, 900);
                if (width == Phone.Width && await page.EvaluateAsync<string[]>(SmallChoices) is { Length: > 0 } small)
                {
                    smallTargets.Add($"{url}: {string.Join("、", small)}");
                }

                axe.AddRange((await page.EvaluateAsync<string[]>(Wcag21AA)).Select(v => $"{url} at {width}px {v}"));
            }
        }

        var header = (await page.GotoAsync("/"))!.Headers["content-security-policy"];
        Assert.Contains("script-src 'self'", header, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", header, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", header, StringComparison.Ordinal);
        Assert.True(opened >= 30, $"only {opened} of {urls.Count} pages opened");
        var problems = new List<string>();
        if (axe.Count > 0)
        {
            problems.Add($"axe (WCAG 2.1 AA), {axe.Count} violation(s):\n" + string.Join("\n", axe));
        }

        if (tooWide.Count > 0)
        {
            problems.Add($"sideways scrolling at {NarrowPhone}px:\n" + string.Join("\n", tooWide));
        }

        if (smallTargets.Count > 0)
        {
            problems.Add($"choices under 44px high at {Phone.Width}px:\n" + string.Join("\n", smallTargets));
        }

        if (policy.Count > 0)
        {
            problems.Add("Content-Security-Policy violations:\n" + string.Join("\n", policy));
        }

        Assert.True(problems.Count == 0,
            $"as {user}, {urls.Count} pages in {clock.Elapsed.TotalSeconds:0}s:\n" + string.Join("\n\n", problems));
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

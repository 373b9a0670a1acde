using WuHao.BrowserTests.Infrastructure;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Domain;

namespace WuHao.BrowserTests.Layout;

/// <summary>
/// R-8.5: every page runs under a Content-Security-Policy that allows no inline script, no inline style, no plugin and
/// no framing. Each page the app maps is opened (discovered from the endpoint data source, so a new page is in the
/// test the moment it exists) as a village and as a township user; any violation the browser reports fails the test.
/// </summary>
public sealed class ContentSecurityPolicyTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("village1", "A1")]
    [InlineData("township", "A")]
    public async Task Every_page_loads_without_a_policy_violation(string user, string unit)
    {
        var data = await TestData.CreateAsync(Factory);
        var page = await LoginAsync(data.User(user));
        var violations = new List<string>();
        var current = "";
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{current}: {message.Text}");
            }
        };

        var urls = AppPages.Urls(Factory, data, unit).ToList();
        Assert.True(urls.Count >= 40, $"only {urls.Count} pages found");
        var opened = 0;
        foreach (var url in urls)
        {
            current = url;
            var response = await page.GotoAsync(url);
            if (response is { Ok: true })
            {
                opened++;
                // Violations from script-made changes (the upload control, the menu) are reported after load too.
                await page.EvaluateAsync("() => new Promise(r => setTimeout(r, 50))");
            }
        }

        var header = (await page.GotoAsync("/"))!.Headers["content-security-policy"];
        Assert.Contains("script-src 'self'", header, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", header, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", header, StringComparison.Ordinal);
        Assert.True(opened >= 30, $"only {opened} of {urls.Count} pages opened");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public async Task Deleting_still_asks_first_now_that_the_question_lives_in_a_script_file()
    {
        var data = await TestData.CreateAsync(Factory);
        var page = await LoginAsync(data.User("village1"));
        var url = $"/Team/Meeting/{data.Unit("A1")}/{data.Record<PartyMeeting>("A1")}";
        await page.GotoAsync(url);
        var asked = new List<string>();
        var answer = false;
        page.Dialog += async (_, dialog) =>
        {
            asked.Add(dialog.Message);
            await (answer ? dialog.AcceptAsync() : dialog.DismissAsync());
        };

        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "删除" }).ClickAsync();
        for (var i = 0; i < 100 && asked.Count == 0; i++)
        {
            await Task.Delay(50); // the dialog event reaches the test just after the click
        }

        Assert.Equal(["确定删除这次会议记录？"], asked);
        Assert.EndsWith(url, page.Url, StringComparison.Ordinal);   // dismissed: nothing sent

        answer = true;
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "删除" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.EndsWith(url, StringComparison.Ordinal));
        Assert.Equal(2, asked.Count);
    }
}

using WuHao.BrowserTests.Infrastructure;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Domain;

namespace WuHao.BrowserTests.Layout;

/// <summary>
/// R-8.5: pages run under a Content-Security-Policy that allows no inline script, no inline style, no plugin and no
/// framing; what used to be inline still works from script files. (Every page is checked for violations in the one
/// whole-app pass, <see cref="AccessibilityTests"/>.)
/// </summary>
public sealed class ContentSecurityPolicyTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
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

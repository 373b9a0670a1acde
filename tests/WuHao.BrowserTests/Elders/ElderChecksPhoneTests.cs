using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WuHao.BrowserTests.Infrastructure;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.BrowserTests.Elders;

/// <summary>R-2.1, R-5.1, R-5.4: the 五老 multi-select of an activity and of a case, ticked on a 360 px phone, a dozen 五老 on the roster.</summary>
public sealed class ElderChecksPhoneTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_dozen_elders_fit_a_phone_and_the_ticked_ones_are_saved()
    {
        var data = await TestData.CreateAsync(Factory);
        var unit = data.Unit("A1");
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Elders.AddRange(Enumerable.Range(1, 12).Select(i => new Elder
            {
                UnitId = unit, Name = $"阿拉坦其其格{i}", Gender = "女", Category = "老模范", JoinDate = Today.AddYears(-1),
            }));
            await db.SaveChangesAsync();
        }

        var page = await LoginAsync(data.User("village1"));
        await page.GotoAsync($"/Activities/Activity/{unit}");
        await page.Locator("details.more-fields summary").ClickAsync();
        await page.GetByLabel("阿拉坦其其格7（老模范）").CheckAsync();
        await page.GetByLabel("活动名称").FillAsync("五老讲故事");
        await ScreenshotsAsync(page, "activity-elder-checks");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= Phone.Width + 1, "the activity form scrolls sideways at 360 px");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex($"/Activities/{unit}\\?"));

        await page.GotoAsync($"/Cases/Case/{unit}/{data.Record<YouthCase>("A1")}");
        await page.GetByLabel("阿拉坦其其格3（老模范）").CheckAsync();
        await ScreenshotsAsync(page, "case-elder-checks");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= Phone.Width + 1, "the case form scrolls sideways at 360 px");
        await page.Locator("form:has(input[name='Input.ElderIds'])").GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await page.WaitForLoadStateAsync();

        await using var check = Factory.Services.CreateAsyncScope();
        var saved = check.ServiceProvider.GetRequiredService<AppDbContext>();
        var activity = await saved.Activities.SingleAsync(a => a.UnitId == unit && a.Title == "五老讲故事");
        Assert.Equal(["阿拉坦其其格7"], await saved.Elders.Where(e => activity.Elders.Select(x => x.ElderId).Contains(e.Id)).Select(e => e.Name).ToListAsync());
        var pairs = await saved.YouthCaseElders.Where(x => x.CaseId == data.Record<YouthCase>("A1")).Select(x => x.Elder!.Name).ToListAsync();
        Assert.Equal(["阿拉坦其其格3"], pairs);
    }
}

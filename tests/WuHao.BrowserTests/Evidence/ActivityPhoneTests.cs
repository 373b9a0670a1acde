using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SixLabors.ImageSharp;
using WuHao.BrowserTests.Infrastructure;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace WuHao.BrowserTests.Evidence;

/// <summary>Issue 4 item 8: a village cadre records an activity with photos from a 360 px phone, on a link that may drop.</summary>
public sealed class ActivityPhoneTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_village_user_records_an_activity_with_a_photo_and_sees_it_in_the_months_list()
    {
        var data = await TestData.CreateAsync(Factory);
        var unitId = data.Unit("A1");
        var page = await LoginAsync(data.User("village1"));
        var original = Samples.Jpeg(3000, 2000);

        await page.GetByTestId("record-activity").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登记活动" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("活动日期")).ToHaveValueAsync(Iso(Today));
        await Expect(page.GetByLabel("爱国主义")).ToBeCheckedAsync(); // the unit's last activity's type
        await ScreenshotsAsync(page, "activity-form-empty");

        await page.GetByLabel("活动名称").FillAsync("“关爱明天 普法先行”法治报告会");
        await page.GetByLabel("法治教育").CheckAsync();
        await page.GetByLabel("请进来").CheckAsync();
        await page.GetByLabel("参加青少年人数").FillAsync("45");
        await page.Locator("#upload-files").SetInputFilesAsync(new FilePayload { Name = "IMG_20240504.jpg", MimeType = "image/jpeg", Buffer = original });
        await Expect(page.Locator("[data-previews] img")).ToHaveCountAsync(1);
        await ScreenshotsAsync(page, "activity-form-filled");

        var request = page.WaitForRequestAsync(r => r.Method == "POST" && r.Url.Contains("/Activities/Activity/", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        var month = Today.Month;
        await Expect(page).ToHaveURLAsync(new Regex($"/Activities/{unitId}\\?year={Today.Year}&saved="));
        var sent = (await (await request).SizesAsync()).RequestBodySize;
        Assert.True(sent < original.Length / 2, $"the browser sent {sent} bytes for a {original.Length}-byte photo: it did not scale it");
        var monthList = page.GetByTestId($"month-{month}");
        await Expect(monthList).ToContainTextAsync("法治报告会");
        await Expect(monthList).ToContainTextAsync("照片/材料1个");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已保存");
        await ScreenshotsAsync(page, "activities-after-saving");

        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.Activities.Where(a => a.UnitId == unitId && a.Title.Contains("法治报告会"))
            .SelectMany(a => a.Files).Select(f => f.File!.Content!.Data).SingleAsync();
        var info = Image.Identify(stored);
        Assert.Equal(1600, Math.Max(info.Width, info.Height));
    }

    [Fact]
    public async Task When_the_connection_drops_the_form_keeps_everything_and_says_what_to_do()
    {
        var data = await TestData.CreateAsync(Factory);
        var unitId = data.Unit("A1");
        var page = await LoginAsync(data.User("village1"));
        await page.GotoAsync($"/Activities/Activity/{unitId}");
        await page.GetByLabel("活动名称").FillAsync("断网时登记的活动");
        await page.GetByLabel("家教家风").CheckAsync();
        await page.Locator("#upload-files").SetInputFilesAsync(new FilePayload { Name = "a.jpg", MimeType = "image/jpeg", Buffer = Samples.Jpeg(1200, 900) });
        await Expect(page.Locator("[data-previews] img")).ToHaveCountAsync(1);

        await Context.SetOfflineAsync(true);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        var status = page.Locator("[data-net-status]");
        await Expect(status).ToContainTextAsync("网络中断");
        await Expect(page.GetByLabel("活动名称")).ToHaveValueAsync("断网时登记的活动");
        await Expect(page.GetByLabel("家教家风")).ToBeCheckedAsync();
        await Expect(page.Locator("[data-previews] img")).ToHaveCountAsync(1);
        await ScreenshotsAsync(page, "activity-form-offline");

        await Context.SetOfflineAsync(false);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(page.GetByTestId($"month-{Today.Month}")).ToContainTextAsync("断网时登记的活动");

        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.Activities.CountAsync(a => a.UnitId == unitId && a.Title == "断网时登记的活动"));
    }

    [Fact]
    public async Task A_mistake_is_shown_without_losing_the_chosen_photo()
    {
        var data = await TestData.CreateAsync(Factory);
        var unitId = data.Unit("A1");
        var page = await LoginAsync(data.User("village1"));
        await page.GotoAsync($"/Activities/Activity/{unitId}");
        await page.GetByLabel("爱国主义").UncheckAsync();
        await page.Locator("#upload-files").SetInputFilesAsync(new FilePayload { Name = "a.jpg", MimeType = "image/jpeg", Buffer = Samples.Jpeg(800, 600) });
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "请填写活动名称" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Types']")).ToHaveTextAsync("请至少选择一种活动类型");
        await Expect(page.Locator("[data-previews] img")).ToHaveCountAsync(1);
        await ScreenshotsAsync(page, "activity-form-errors");

        await page.GetByLabel("活动名称").FillAsync("补填名称的活动");
        await page.GetByLabel("移风易俗").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(page.GetByTestId($"month-{Today.Month}")).ToContainTextAsync("补填名称的活动");
        await Expect(page.GetByTestId($"month-{Today.Month}")).ToContainTextAsync("照片/材料1个");
    }
}

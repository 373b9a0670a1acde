using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WuHao.BrowserTests.Infrastructure;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace WuHao.BrowserTests.Assessment;

/// <summary>
/// The campaign's other pages as their users see them: a village submits its 实施方案 on a phone after the due date
/// (R-6.2), the township sees late and missing plans at a glance and its 抽查 page (R-6.5), and a certificate prints
/// without the site around it (R-6.7). Screenshots at 360 and 1280 px.
/// </summary>
public sealed class CampaignPagesTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_late_plan_is_marked_for_the_township_and_a_certificate_prints_alone()
    {
        var data = await TestData.CreateAsync(Factory);
        var year = Today.Year;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            // The banner's campaign: the plan was due yesterday; this year's stages run all year.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var banner = data.Unit("Banner");
            var campaign = new Campaign { UnitId = banner, Name = "五好创建（测试）", TargetDate = new DateOnly(year, 12, 31) };
            campaign.Stages.Add(new CampaignStage { UnitId = banner, Kind = StageKinds.Prepare, Start = Today.AddDays(-40), Due = Today.AddDays(-1) });
            foreach (var kind in StageKinds.Yearly)
            {
                campaign.Stages.Add(new CampaignStage { UnitId = banner, Kind = kind, Year = year, Start = new DateOnly(year, 1, 1), Due = new DateOnly(year, 12, 31) });
            }

            db.Add(campaign);
            await db.SaveChangesAsync();
        }

        var village = await LoginAsync(data.User("village1"));
        await village.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await village.GotoAsync($"/Plans/{data.Unit("A1")}");
        await Expect(village.GetByTestId("state")).ToHaveTextAsync("未起草");
        await Expect(village.GetByTestId("missing")).ToBeVisibleAsync();
        await ScreenshotAsync(village, "plan-1-village-draft", Phone);
        await village.GetByTestId("submit").ClickAsync();
        await Expect(village.GetByTestId("state")).ToHaveTextAsync("已报送");
        await Expect(village.GetByTestId("late")).ToBeVisibleAsync();
        await ScreenshotAsync(village, "plan-2-village-submitted", Phone);

        var township = await LoginAsync(data.User("township"));
        await township.GotoAsync($"/Plans/Units/{data.Unit("A")}");
        await Expect(township.GetByTestId($"late-{data.Unit("A1")}")).ToBeVisibleAsync();
        await Expect(township.GetByTestId($"missing-{data.Unit("A2")}")).ToBeVisibleAsync();
        await Expect(township.GetByTestId("missing-count")).ToHaveTextAsync("2"); // A2 and the school AS
        await ScreenshotsAsync(township, "plan-3-township-list");

        await township.GotoAsync($"/Assessment/Samples/{data.Unit("A")}");
        await Expect(township.GetByTestId("draw-form")).ToBeVisibleAsync();
        await ScreenshotsAsync(township, "sample-township-form");

        await township.GotoAsync($"/Assessment/Certificate/{data.Record<Certification>("A1")}");
        await Expect(township.GetByTestId("certificate")).ToContainTextAsync("五好");
        await Expect(township.GetByTestId("not-held")).ToBeVisibleAsync(); // the test title expired long ago
        await ScreenshotsAsync(township, "certificate-screen");
        await township.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(township.GetByTestId("certificate")).ToBeVisibleAsync();
        await Expect(township.Locator("nav").First).ToBeHiddenAsync();
        await Expect(township.GetByTestId("not-held")).ToBeVisibleAsync(); // an expired title prints as expired
        await Expect(township.GetByRole(AriaRole.Button).Filter(new() { Visible = true })).ToHaveCountAsync(0);
        await ScreenshotAsync(township, "certificate-print", Desktop);
    }
}

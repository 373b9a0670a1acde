using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WuHao.BrowserTests.Infrastructure;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace WuHao.BrowserTests.Assessment;

/// <summary>
/// R-6.5 on a phone at 360 px: the village submits its self-check, the township lowers one automatic score with its
/// reason and submits the review, the banner accepts; each step photographed.
/// </summary>
public sealed class RoundPhoneTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_whole_round_is_walked_on_a_phone_by_village_township_and_banner()
    {
        var data = await TestData.CreateAsync(Factory);
        var year = Today.Year;
        int campaignId;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            // Arranged as banner staff would have: this year's self-check, review and acceptance open all year.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var campaign = new Campaign { UnitId = data.Unit("Banner"), Name = "五好创建（测试）", TargetDate = new DateOnly(year, 12, 31) };
            foreach (var kind in StageKinds.Yearly)
            {
                campaign.Stages.Add(new CampaignStage { UnitId = data.Unit("Banner"), Kind = kind, Year = year, Start = new DateOnly(year, 1, 1), Due = new DateOnly(year, 12, 31) });
            }

            db.Add(campaign);
            await db.SaveChangesAsync();
            campaignId = campaign.Id;
        }

        var url = $"/Assessment/{data.Unit("A1")}?year={year}&campaignId={campaignId}";

        var village = await LoginAsync(data.User("village1"));
        await village.GotoAsync(url);
        await Expect(village.GetByTestId("state")).ToHaveTextAsync("未开始");
        await ScreenshotAsync(village, "round-1-village-before", Phone);
        await village.GetByTestId("submit").ClickAsync();
        await Expect(village.GetByTestId("state")).ToHaveTextAsync("待乡初审");
        var selfTotal = decimal.Parse(await village.GetByTestId("total-self").InnerTextAsync(), CultureInfo.InvariantCulture);
        await ScreenshotAsync(village, "round-2-village-submitted", Phone);

        var township = await LoginAsync(data.User("township"));
        await township.GotoAsync(url);
        // The first indicator the village scored at least half a point on.
        ILocator? score = null;
        var was = 0m;
        foreach (var input in await township.Locator("input[type=number]").AllAsync())
        {
            if (decimal.TryParse(await input.InputValueAsync(), CultureInfo.InvariantCulture, out was) && was >= 0.5m)
            {
                score = input;
                break;
            }
        }

        Assert.NotNull(score);
        var code = (await score.GetAttributeAsync("aria-label"))!.Split(' ')[0];
        await score.FillAsync((was - 0.5m).ToString(CultureInfo.InvariantCulture));
        await township.GetByTestId("review").ClickAsync();
        await Expect(township.GetByTestId("errors")).ToContainTextAsync("扣分理由");   // no reason: refused, nothing saved
        await township.GetByLabel($"{code} 说明").FillAsync("会议记录缺签名");
        await township.GetByTestId("review").ClickAsync();
        await Expect(township.GetByTestId("state")).ToHaveTextAsync("待旗验收");
        Assert.Equal(selfTotal - 0.5m, decimal.Parse(await township.GetByTestId("total-township").InnerTextAsync(), CultureInfo.InvariantCulture));
        await Expect(township.GetByTestId($"indicator-{code}")).ToContainTextAsync("会议记录缺签名");
        await ScreenshotAsync(township, "round-3-township-reviewed", Phone);

        var banner = await LoginAsync(data.User("banner"));
        await banner.GotoAsync(url);
        await banner.GetByTestId("accept").ClickAsync();
        await Expect(banner.GetByTestId("state")).ToHaveTextAsync("已验收");
        await Expect(banner.GetByTestId("result")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(达标|未达标)$"));
        await ScreenshotAsync(banner, "round-4-banner-accepted", Phone);
        await ScreenshotAsync(banner, "round-4-banner-accepted", Desktop);

        foreach (var page in new[] { village, township, banner })
        {
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= Phone.Width + 1, "sideways scrolling at 360 px");
        }
    }
}

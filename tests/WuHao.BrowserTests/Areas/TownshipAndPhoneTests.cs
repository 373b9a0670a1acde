using Microsoft.Playwright;
using WuHao.BrowserTests.Infrastructure;
using WuHao.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WuHao.BrowserTests.Areas;

/// <summary>
/// Issue 14 items 2 and 3: a township's area page lists its villages with their figures (R-8.5); on a phone the
/// choices are 44 px targets, a type carried over from the last activity is marked and cleared with one tap, the
/// file input says what is attached, and the 五老 roster is one line per person (R-8.1).
/// </summary>
public sealed class TownshipAndPhoneTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_township_area_page_lists_its_villages_with_their_figures()
    {
        var data = await TestData.CreateAsync(Factory);
        var page = await LoginAsync(data.User("township"));
        await page.GotoAsync($"/Activities/{data.Unit("A")}");
        var table = page.GetByTestId("units-below");
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(table).ToContainTextAsync($"甲一嘎查{data.Prefix}");
        await Expect(table).ToContainTextAsync($"甲二村{data.Prefix}");
        await Expect(page.GetByTestId("own-empty")).ToBeVisibleAsync();
        await ScreenshotsAsync(page, "township-activities");

        await page.GotoAsync($"/Rules/{data.Unit("A")}");
        await Expect(page.GetByTestId("units-below").Locator("tbody tr")).ToHaveCountAsync(3);
        await ScreenshotsAsync(page, "township-rules");

        await page.GotoAsync($"/Elders/{data.Unit("A")}");
        var count = page.GetByTestId("elder-rollup").Locator("a.count-link").First;
        var box = await count.BoundingBoxAsync();
        Assert.True(box is { Width: >= 44, Height: >= 44 }, $"the 五老 count link is {box?.Width}×{box?.Height} px");
        await ScreenshotsAsync(page, "township-elders");
    }

    [Fact]
    public async Task On_a_phone_the_carried_over_type_is_marked_and_one_tap_clears_it_and_choices_are_44px()
    {
        var data = await TestData.CreateAsync(Factory);
        var page = await LoginAsync(data.User("village1"));
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await page.GotoAsync($"/Activities/Activity/{data.Unit("A1")}");

        // The test data's last activity of the village is of type 爱国主义: ticked, and said to be carried over.
        var carried = page.GetByTestId("carried-types");
        await Expect(carried).ToContainTextAsync("沿用上次");
        await Expect(carried).ToContainTextAsync("爱国主义");
        await Expect(page.GetByLabel("爱国主义")).ToBeCheckedAsync();
        await Expect(page.Locator(".check-chip.carried")).ToHaveCountAsync(1);

        // Every type and mode choice is a 44 px high target at 360 px.
        var labels = page.Locator("[data-testid=types] label, label[for^=mode-]");
        var heights = new List<string>();
        for (var i = 0; i < await labels.CountAsync(); i++)
        {
            var b = await labels.Nth(i).BoundingBoxAsync();
            if (b is null || b.Height < 44)
            {
                heights.Add($"{await labels.Nth(i).InnerTextAsync()}: {b?.Height}");
            }
        }

        Assert.True(await labels.CountAsync() > 5);
        Assert.Empty(heights);

        // The file input says what is attached.
        await page.Locator("#upload-files").SetInputFilesAsync(new FilePayload { Name = "合影.jpg", MimeType = "image/jpeg", Buffer = Samples.Jpeg(800, 600) });
        await Expect(page.GetByTestId("evidence-attached")).ToContainTextAsync("已附上1个文件：合影.jpg");
        await ScreenshotsAsync(page, "activity-form-carried");

        await carried.GetByRole(AriaRole.Button, new() { Name = "清除" }).ClickAsync();
        await Expect(carried).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("爱国主义")).Not.ToBeCheckedAsync();
        await Expect(page.Locator(".check-chip.carried")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "activity-form-carried-cleared", Phone);
    }

    [Fact]
    public async Task On_a_phone_the_elder_roster_is_one_line_per_person()
    {
        var data = await TestData.CreateAsync(Factory);
        var page = await LoginAsync(data.User("village1"));
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await page.GotoAsync($"/Elders/{data.Unit("A1")}");
        var row = page.GetByTestId("elder-roster").Locator("tbody tr").First;
        var box = await row.BoundingBoxAsync();
        Assert.True(box is { Height: < 60 }, $"a roster row is {box?.Height} px high on a phone");
        await ScreenshotsAsync(page, "elder-roster");
    }
}

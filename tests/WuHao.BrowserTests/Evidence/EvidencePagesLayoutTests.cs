using WuHao.BrowserTests.Infrastructure;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Domain;

namespace WuHao.BrowserTests.Evidence;

/// <summary>Every page of 三、四、五 at phone and desktop width: screenshots to look at, and no sideways scrolling at 360 px.</summary>
public sealed class EvidencePagesLayoutTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_new_pages_fit_a_phone_and_a_desktop()
    {
        var data = await TestData.CreateAsync(Factory);
        var u = data.Unit("A1");
        string R<T>() => data.Record<T>("A1").ToString(System.Globalization.CultureInfo.InvariantCulture);
        var page = await LoginAsync(data.User("village1"));
        (string Name, string Url)[] pages =
        [
            ("rules", $"/Rules/{u}"),
            ("rule-documents", $"/Rules/Documents/{u}"),
            ("rule-document", $"/Rules/RuleDocument/{u}/{R<RuleDocument>()}"),
            ("work-cycle", $"/Rules/WorkCycle/{u}"),
            ("work-step", $"/Rules/WorkStep/{u}/{R<WorkCycleEntry>()}"),
            ("archive", $"/Rules/Archive/{u}"),
            ("archive-entry", $"/Rules/ArchiveEntry/{u}/{R<ArchiveEntry>()}"),
            ("funds", $"/Rules/Funds/{u}"),
            ("fund", $"/Rules/Fund/{u}/{R<FundEntry>()}"),
            ("innovation", $"/Innovation/{u}"),
            ("investigations", $"/Innovation/Investigations/{u}"),
            ("investigation", $"/Innovation/Investigation/{u}/{R<Investigation>()}"),
            ("school-links", $"/Innovation/SchoolLinks/{u}"),
            ("school-link", $"/Innovation/SchoolLink/{u}/{R<SchoolLink>()}"),
            ("experiences", $"/Innovation/Experiences/{u}"),
            ("experience", $"/Innovation/Experience/{u}/{R<Experience>()}"),
            ("activities", $"/Activities/{u}"),
            ("activity", $"/Activities/Activity/{u}/{R<Activity>()}"),
            ("civilizations", $"/Activities/Civilizations/{u}"),
            ("civilization", $"/Activities/Civilization/{u}/{R<CivilizationEntry>()}"),
            ("home-village", "/"),
        ];

        var tooWide = new List<string>();
        foreach (var (name, url) in pages)
        {
            var response = await page.GotoAsync(url);
            Assert.True(response is { Ok: true }, $"{url} answered {response?.Status}");
            await ScreenshotsAsync(page, $"evidence-{name}");
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > Phone.Width + 1)
            {
                tooWide.Add($"{url}: page {width}px");
            }
        }

        Assert.True(tooWide.Count == 0, $"sideways scrolling at {Phone.Width}px: {string.Join("; ", tooWide)}");
    }
}

using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using WuHao.Tests.Infrastructure;

namespace WuHao.Tests.Areas;

/// <summary>
/// A township reads its villages on every area page (R-8.5): a 下辖单位 table with one row per unit under it, each with
/// the figures that unit's own page shows (one number, one source), and no unit of another township. Headings name the
/// unit, and the add buttons appear only where the user may add records.
/// </summary>
public abstract class UnitsBelowTests(WuHaoFactory factory)
{
    /// <summary>Each area page, with the figures its rows share with the unit's own page (row cell test id → own page's test id).</summary>
    public static TheoryData<string, string[]> Areas => new()
    {
        { "/Activities", ["count=activity-count", "months-without", "missing-types", "joint"] },
        { "/Rules", ["missing-rules", "stages", "filed", "balance"] },
        { "/Innovation", ["investigations", "joint", "promoted"] },
        { "/Cases", ["open", "helped", "visits", "closed"] },
        { "/Team", ["serving=total"] },
    };

    private static string Text(IParentNode node, string testId) =>
        (node.QuerySelector($"[data-testid='{testId}']") ?? throw new InvalidOperationException($"no {testId}")).TextContent.Trim();

    [Theory]
    [MemberData(nameof(Areas))]
    public async Task The_township_page_lists_each_unit_below_with_the_figures_of_its_own_page(string area, string[] figures)
    {
        var data = await TestData.SharedAsync(factory);
        var township = await PageClient.LoginAsync(factory, data.User("township"));
        var (response, doc) = await township.GetAsync($"{area}/{data.Unit("A")}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"甲乡{data.Prefix}", doc.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        var rows = doc.QuerySelectorAll("[data-testid=units-below] tbody tr").ToList();
        var listed = rows.Select(r => int.Parse(r.GetAttribute("data-unit")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(new[] { data.Unit("A1"), data.Unit("A2"), data.Unit("AS") }.Order(), listed.Order());
        var linked = doc.QuerySelectorAll("main a").Select(a => (a.GetAttribute("href") ?? "").Split('?', '#')[0]).ToHashSet();
        foreach (var other in new[] { "B", "B1", "BS", "C1" })
        {
            Assert.DoesNotContain(data.Unit(other), listed);
            Assert.DoesNotContain($"{area}/{data.Unit(other)}", linked);
        }

        // The township keeps no records of its own in the test data: no empty figures and red flags of its own.
        Assert.NotNull(doc.QuerySelector("[data-testid=own-empty]"));
        Assert.Null(doc.QuerySelector("[data-testid=own-records]"));

        foreach (var row in rows)
        {
            var link = row.QuerySelector("a")!;
            var (ownResponse, own) = await township.GetAsync(link.GetAttribute("href")!);
            Assert.Equal(HttpStatusCode.OK, ownResponse.StatusCode);
            Assert.Contains(link.TextContent.Trim(), own.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
            Assert.Null(own.QuerySelector("[data-testid=units-below]"));
            foreach (var figure in figures)
            {
                var (cell, card) = figure.Split('=') is [var c, var o] ? (c, o) : (figure, figure);
                Assert.Equal(Text(own, card), Text(row, cell));
            }
        }
    }

    [Fact]
    public async Task The_village_activity_figures_in_the_township_row_count_its_records()
    {
        // Each village of the test data has one activity this year, a joint one with BS: the row says so, not 0.
        var data = await TestData.CreateAsync(factory);
        var township = await PageClient.LoginAsync(factory, data.User("township"));
        var (_, doc) = await township.GetAsync($"/Activities/{data.Unit("A")}");
        var row = doc.QuerySelector($"[data-testid=units-below] tr[data-unit='{data.Unit("A1")}']")!;
        Assert.NotEqual("0", Text(row, "count"));
        Assert.Equal($"/Activities/{data.Unit("A1")}", row.QuerySelector("a")!.GetAttribute("href")!.Split('?')[0]);
    }

    [Fact]
    public async Task A_reader_sees_no_button_to_add_records()
    {
        var data = await TestData.CreateAsync(factory);
        var viewer = await PageClient.LoginAsync(factory, data.User("viewer"));
        var village = await PageClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        foreach (var url in new[] { $"/Activities/{unit}", $"/Innovation/{unit}", $"/Cases/{unit}", $"/Rules/{unit}" })
        {
            var (response, doc) = await viewer.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(AddLinks(doc));

            // The same page offers them to the village's own cadre, so the check above can fail.
            var (_, own) = await village.GetAsync(url);
            Assert.NotEmpty(AddLinks(own));
        }
    }

    private static IEnumerable<string> AddLinks(IHtmlDocument doc) =>
        doc.QuerySelectorAll("main a").Select(a => a.TextContent.Trim()).Where(t => t.StartsWith("登记", StringComparison.Ordinal) || t == "新建档案");
}

public sealed class UnitsBelowOnSqlite(SqliteFactory factory) : UnitsBelowTests(factory), IClassFixture<SqliteFactory>;

public sealed class UnitsBelowOnPostgres(PostgresFactory factory) : UnitsBelowTests(factory), IClassFixture<PostgresFactory>;

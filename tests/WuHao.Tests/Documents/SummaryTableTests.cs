using System.Globalization;
using System.Net;
using System.Text.Json;
using MiniExcelLibs;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Domain;

namespace WuHao.Tests.Documents;

/// <summary>
/// The summary table (R-7.3) opened as an assessor opens it: a township's units by name, every indicator as a column,
/// totals equal to the evaluation-matrix API, the gaps sheet, nobody else's units; a banner's table with a subtotal row
/// per township. Runs on both engines; one small test world per test.
/// </summary>
public abstract class SummaryTableTests(WuHaoFactory factory)
{
    private int Year => factory.Time.Today().Year;

    [Fact]
    public async Task A_township_summary_has_a_row_per_unit_a_column_per_indicator_and_the_matrix_totals_R7_3()
    {
        var data = await TestData.CreateAsync(factory);
        var township = await ApiClient.LoginAsync(factory, data.User("township"));
        var matrix = await (await township.GetAsync($"/api/v1/units/{data.Unit("A")}/evaluation-matrix?year={Year}")).BodyAsync();

        var response = await township.GetAsync($"/api/v1/units/{data.Unit("A")}/summary?year={Year}&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Xlsx.ContentType, response.Content.Headers.ContentType?.MediaType);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        var headers = MiniExcel.GetColumns(file, useHeaderRow: true, sheetName: "汇总表").ToList();
        foreach (var indicator in matrix.GetProperty("indicators").EnumerateArray())
        {
            Assert.Contains($"{indicator.Str("code")} {indicator.Str("name")}", headers);
        }

        var rows = Sheet(file, "汇总表");
        var expected = matrix.GetProperty("rows").EnumerateArray().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(r => r.Str("unitName")).Order(), rows.Select(r => (string)r["单位"]!).Order());
        Assert.Contains(rows, r => (string)r["单位"]! == $"甲一嘎查{data.Prefix}");
        foreach (var row in expected)
        {
            var line = rows.Single(r => (string)r["单位"]! == row.Str("unitName"));
            Assert.Equal(row.GetProperty("total").GetDecimal(), Number(line["总分（小计行为平均分）"]));
            Assert.Equal(row.GetProperty("vetoed").GetBoolean() ? "否决" : row.Str("result"), line["结果（小计行为达标数/单位数）"]);
            foreach (var (code, score) in row.GetProperty("scores").EnumerateObject().Select(p => (p.Name, p.Value)))
            {
                var column = headers.Single(h => h.StartsWith(code + " ", StringComparison.Ordinal));
                if (score.ValueKind == JsonValueKind.Number)
                {
                    Assert.Equal(score.GetDecimal(), Number(line[column]));
                }
            }
        }

        // Another township's units appear on neither sheet.
        var other = $"乙一嘎查{data.Prefix}";
        Assert.DoesNotContain(rows, r => (string?)r["单位"] == other);
        var gaps = Sheet(file, "查遗补漏");
        Assert.NotEmpty(gaps);
        Assert.All(gaps, g => Assert.Contains((string)g["单位"]!, expected.Select(r => r.Str("unitName"))));
        Assert.All(gaps, g => Assert.False(string.IsNullOrEmpty(g["整改措施"] as string)));

        // Out of scope: 404 as for the matrix; a format other than xlsx: 400.
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/api/v1/units/{data.Unit("B")}/summary?year={Year}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await township.GetAsync($"/api/v1/units/{data.Unit("A")}/summary?year={Year}&format=pdf")).StatusCode);
    }

    [Fact]
    public async Task A_banner_summary_groups_units_by_township_with_a_subtotal_row_of_averages_and_passes_R7_3()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var matrix = await (await banner.GetAsync($"/api/v1/units/{data.Unit("Banner")}/evaluation-matrix?year={Year}")).BodyAsync();
        var totals = matrix.GetProperty("rows").EnumerateArray().ToDictionary(r => r.Str("unitName"), r => r);

        var response = await banner.GetAsync($"/api/v1/units/{data.Unit("Banner")}/summary?year={Year}&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = Sheet(file, "汇总表");

        var townshipA = $"甲乡{data.Prefix}";
        var inA = rows.Where(r => (string?)r["乡镇（苏木）"] == townshipA && r["序号"] is not null).ToList();
        Assert.Equal([$"甲一嘎查{data.Prefix}", $"甲二村{data.Prefix}"], inA.Select(r => (string)r["单位"]!).Order());
        var subtotal = rows.Single(r => (string?)r["单位"] == $"{townshipA}小计");

        // The subtotal sits right after the township's last unit; its total is the average, its result the passes.
        Assert.Equal(rows.IndexOf(inA[^1]) + 1, rows.IndexOf(subtotal));
        var unitTotals = inA.Select(r => totals[(string)r["单位"]!]).ToList();
        var average = Math.Round(unitTotals.Average(r => r.GetProperty("total").GetDecimal()), 2, MidpointRounding.AwayFromZero);
        Assert.Equal(average, Number(subtotal["总分（小计行为平均分）"]));
        Assert.Equal($"达标{unitTotals.Count(r => r.GetProperty("passed").GetBoolean())}/2", subtotal["结果（小计行为达标数/单位数）"]);

        Assert.Single(rows, r => (string?)r["单位"] == $"乙乡{data.Prefix}小计");
        var all = rows.Single(r => (string?)r["单位"] == "全旗合计");
        Assert.Equal($"达标{totals.Values.Count(r => r.GetProperty("passed").GetBoolean())}/{totals.Count}", all["结果（小计行为达标数/单位数）"]);
        Assert.DoesNotContain(rows, r => ((string?)r["单位"])?.StartsWith('丙') == true);
    }

    private static List<IDictionary<string, object?>> Sheet(Stream file, string name)
    {
        file.Position = 0;
        var rows = MiniExcel.Query(file, useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object?>>().ToList();
        file.Position = 0;
        return rows;
    }

    private static decimal Number(object? cell) => Convert.ToDecimal(cell, CultureInfo.InvariantCulture);
}

public sealed class SqliteSummaryTableTests(SqliteFactory factory) : SummaryTableTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresSummaryTableTests(PostgresFactory factory) : SummaryTableTests(factory), IClassFixture<PostgresFactory>;

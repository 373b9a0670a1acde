using System.Net;
using System.Text.RegularExpressions;
using MiniExcelLibs;
using WuHao.Tests.Infrastructure;

namespace WuHao.Tests.Documents;

/// <summary>
/// The export of every list that has a page (R-7.3, API.md <c>/units/{unitId}/{collection}/export</c>): each opens,
/// has the village's record under Chinese headers with dates in Chinese, stays within the scope, and the rosters keep
/// their own export. Runs on both engines; one test world for the class's one test.
/// </summary>
public abstract partial class ListExportTests(WuHaoFactory factory)
{
    private static readonly string[] Collections =
    [
        "team-changes", "party-meetings", "study-sessions", "studios", "deeds", "commendations", "trainings", "rule-documents",
        "work-cycle", "archive", "funds", "investigations", "school-links", "experiences", "activities", "civilization-entries",
    ];

    [GeneratedRegex(@"^\d{4}年\d{1,2}月\d{1,2}日$")]
    private static partial Regex ZhDate();

    [Fact]
    public async Task Every_list_exports_its_records_under_chinese_headers_within_the_scope_R7_3()
    {
        var data = await TestData.CreateAsync(factory);
        var village = await ApiClient.LoginAsync(factory, data.User("village1"));
        var empty = new List<string>();
        foreach (var collection in Collections)
        {
            var response = await village.GetAsync($"/api/v1/units/{data.Unit("A1")}/{collection}/export");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{collection}: {response.StatusCode}");
            Assert.Equal(Xlsx.ContentType, response.Content.Headers.ContentType?.MediaType);
            using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
            var headers = MiniExcel.GetColumns(file, useHeaderRow: true).Select(h => (string)h).ToList();
            file.Position = 0;
            Assert.True(headers.Count >= 2, $"{collection}: {string.Join(",", headers)}");
            Assert.All(headers, h => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", h));
            var rows = MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            if (rows.All(r => r["序号"] is null))
            {
                empty.Add(collection);
                continue;
            }

            // Dates are written as 2023年6月20日, never as an English or ISO instant text.
            var dates = rows.SelectMany(r => r.Where(c => c.Key.EndsWith('期') || c.Key.EndsWith("时间", StringComparison.Ordinal)).Select(c => c.Value as string))
                .OfType<string>().Where(v => v.Length > 0).ToList();
            Assert.All(dates, d => Assert.Matches(ZhDate(), d));

            // Child rows (honorees, publicity) read as text, not as a programmer's record dump.
            Assert.All(rows.SelectMany(r => r.Values).OfType<string>(), v => Assert.DoesNotContain(" { ", v, StringComparison.Ordinal));

            // A technical value is written as the word the form shows (支出, not "spending").
            Assert.All(rows.SelectMany(r => r.Values).OfType<string>(), v => Assert.DoesNotMatch("^(income|spending)$", v));
        }

        Assert.True(empty.Count == 0, "lists exported without rows: " + string.Join(", ", empty));

        // ?year= filters dated records; another year's list is just the header row.
        using (var none = new MemoryStream(await (await village.GetAsync($"/api/v1/units/{data.Unit("A1")}/activities/export?year=2001")).Content.ReadAsByteArrayAsync()))
        {
            Assert.All(MiniExcel.Query(none, useHeaderRow: true).Cast<IDictionary<string, object?>>(), r => Assert.Null(r["序号"]));
        }

        // Outside the scope: 404; the rosters keep their own (import-compatible) export.
        Assert.Equal(HttpStatusCode.NotFound, (await village.GetAsync($"/api/v1/units/{data.Unit("A2")}/activities/export")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await village.GetAsync($"/api/v1/units/{data.Unit("A1")}/elders/export")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await village.GetAsync($"/api/v1/units/{data.Unit("A1")}/funds/export?year=1800")).StatusCode);
    }
}

public sealed class SqliteListExportTests(SqliteFactory factory) : ListExportTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresListExportTests(PostgresFactory factory) : ListExportTests(factory), IClassFixture<PostgresFactory>;

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Tests.Documents;

/// <summary>
/// The import of every list with the generic export (R-7.3, R-8.2, API.md <c>POST /units/{unitId}/{collection}/import</c>):
/// an export re-imported into an empty unit gives the same list, a file with bad rows is refused with every row's error
/// and writes nothing, a read-only user is refused and another township's unit is not found. Both engines; one test
/// world for the class.
/// </summary>
public abstract class ListImportTests(WuHaoFactory factory)
{
    private string Iso(int daysAgo) => factory.Time.Today().AddDays(-daysAgo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Lists_import_what_they_export_all_or_nothing_within_the_scope_R7_3()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var a1 = data.Unit("A1");

        // An activity with lists, numbers and names beside the seeded one (which has a photo: not carried by a sheet).
        var posted = await banner.PostAsJsonAsync($"/api/v1/units/{a1}/activities", new
        {
            date = Iso(10), title = "重温入党誓词", place = "党群服务中心", types = new[] { "爱国主义", "革命传统" }, mode = "请进来",
            partners = new[] { "学校", "派出所" }, youthCount = 35, elderCount = 4, elderNames = new[] { "张三", "李四" }, effect = "效果<b>好</b>",
        });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var fund = await banner.PostAsJsonAsync($"/api/v1/units/{a1}/funds", new { date = Iso(5), direction = "spending", amount = 250.5, purpose = "购买图书", handler = "王五" });
        Assert.Equal(HttpStatusCode.Created, fund.StatusCode);
        var target = (await (await banner.PostAsJsonAsync("/api/v1/units", new { code = $"{data.Prefix}-LI", name = "导入嘎查", type = "village", parentId = data.Unit("A") }))
            .BodyAsync()).Number("id");

        // Round trip: export → import into the empty village → export again gives the same sheet (photos aside).
        foreach (var collection in new[]
        {
            "activities", "funds", "rule-documents", "party-meetings", "study-sessions", "work-cycle", "archive", "investigations", "experiences",
            "civilization-entries", "studios", "commendations", "deeds",
        })
        {
            var exported = await banner.GetByteArrayAsync($"/api/v1/units/{a1}/{collection}/export");
            var import = await banner.PostAsync($"/api/v1/units/{target}/{collection}/import", Xlsx.Upload(exported, $"{collection}.xlsx"));
            Assert.True(import.StatusCode == HttpStatusCode.OK, $"{collection}: {await import.Content.ReadAsStringAsync()}");
            var rows = Cells(exported);
            Assert.Equal(rows.Count - 1, (await import.BodyAsync()).Number("imported"));
            Assert.True(rows.Count >= 2, collection);
            Assert.Equal(rows, Cells(await banner.GetByteArrayAsync($"/api/v1/units/{target}/{collection}/export")));
        }

        var activity = (await (await banner.GetAsync($"/api/v1/units/{target}/activities")).BodyAsync()).GetProperty("items").EnumerateArray()
            .Single(a => a.Str("title") == "重温入党誓词");
        Assert.Equal(new string?[] { "爱国主义", "革命传统" }, activity.GetProperty("types").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(new string?[] { "张三", "李四" }, activity.GetProperty("elderNames").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(35, activity.Number("youthCount"));

        // Each imported record has the change log a POST writes, under the importing user.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var id = activity.Number("id").ToString(CultureInfo.InvariantCulture);
            Assert.True(await db.ChangeLog.AnyAsync(c => c.EntityType == "Activity" && c.EntityId == id && c.Action == "created" && c.UserName == data.User("banner")));
        }

        // Two bad rows among good ones: 400 with both rows' errors by Excel row and Chinese header, nothing written.
        var before = await CountAsync(banner, target, "activities");
        string[] headers = ["序号", "活动日期", "活动名称", "活动类型", "方式", "参加青少年人数"];
        var bad = Xlsx.Build([
            headers,
            [1, Iso(3), "好的一行", "爱国主义", "本地", 10],
            [2, "2023年2月30日", "日期错的一行", "爱国主义", "本地", 10],
            [3, Iso(2), null, "不存在的类型", "本地", "十个"],
            [4, Iso(1), "又一好行", "法治教育、乡村振兴", "走出去", 5],
        ]);
        var refused = await banner.PostAsync($"/api/v1/units/{target}/activities/import", Xlsx.Upload(bad, "活动.xlsx"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.BodyAsync()).GetProperty("errors").EnumerateArray()
            .Select(e => (Row: e.GetProperty("row").GetInt32(), Column: e.GetProperty("column").GetString(), Message: e.Str("message"))).ToList();
        Assert.Contains(errors, e => e is { Row: 3, Column: "活动日期" } && e.Message.Contains("不存在", StringComparison.Ordinal));
        Assert.Contains(errors, e => e is { Row: 4, Column: "活动名称" });
        Assert.Contains(errors, e => e is { Row: 4, Column: "活动类型" });
        Assert.Contains(errors, e => e is { Row: 4, Column: "参加青少年人数" } && e.Message.Contains("整数", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Row is 2 or 5);
        Assert.Equal(before, await CountAsync(banner, target, "activities"));

        // An unknown column is named; a file that is not a workbook and an empty file are refused in Chinese.
        var unknown = await banner.PostAsync($"/api/v1/units/{target}/funds/import",
            Xlsx.Upload(Xlsx.Build([["日期", "收支", "金额（元）", "用途", "天气"], [Iso(1), "spending", 10, "茶水", "晴"]])));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("无法识别的列“天气”", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType,
            (await banner.PostAsync($"/api/v1/units/{target}/funds/import", Xlsx.Upload("日期,金额\n"u8.ToArray(), "funds.csv", "text/csv"))).StatusCode);
        var empty = await banner.PostAsync($"/api/v1/units/{target}/funds/import", Xlsx.Upload([], "funds.xlsx"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("文件是空的", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Same rights as create: a read-only user of the village is refused, another township's unit is not found.
        var good = Xlsx.Build([["活动日期", "活动名称", "活动类型", "方式"], [Iso(1), "一场活动", "爱国主义", "本地"]]);
        var viewer = await ApiClient.LoginAsync(factory, data.User("viewer"));
        var beforeA1 = await CountAsync(banner, a1, "activities");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/v1/units/{a1}/activities/import", Xlsx.Upload(good))).StatusCode);
        var townshipB = await ApiClient.LoginAsync(factory, data.User("townshipB"));
        Assert.Equal(HttpStatusCode.NotFound, (await townshipB.PostAsync($"/api/v1/units/{a1}/activities/import", Xlsx.Upload(good))).StatusCode);
        Assert.Equal(beforeA1, await CountAsync(banner, a1, "activities"));
        var village = await ApiClient.LoginAsync(factory, data.User("village1"));
        Assert.Equal(HttpStatusCode.OK, (await village.PostAsync($"/api/v1/units/{a1}/activities/import", Xlsx.Upload(good))).StatusCode);
        Assert.Equal(beforeA1 + 1, await CountAsync(banner, a1, "activities"));
    }

    private static async Task<int> CountAsync(HttpClient client, int unit, string collection) =>
        (await (await client.GetAsync($"/api/v1/units/{unit}/{collection}")).BodyAsync()).Number("total");

    /// <summary>The sheet's rows as text without the evidence column (files are not carried by a sheet).</summary>
    private static List<string> Cells(byte[] xlsx)
    {
        var rows = Xlsx.Read(xlsx);
        var skip = rows[0].Where(c => c.Value is "照片和材料" or "证明材料" or "票据").Select(c => c.Key).ToHashSet();
        return [.. rows.Select(r => string.Join("|", r.Where(c => !skip.Contains(c.Key)).Select(c => Convert.ToString(c.Value, CultureInfo.InvariantCulture))))];
    }
}

public sealed class SqliteListImportTests(SqliteFactory factory) : ListImportTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresListImportTests(PostgresFactory factory) : ListImportTests(factory), IClassFixture<PostgresFactory>;

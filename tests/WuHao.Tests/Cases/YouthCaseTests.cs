using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Npgsql;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Tests.Cases;

/// <summary>Records of young people in difficulty (R-5.4–R-5.6), private by design; on SQLite and PostgreSQL.</summary>
public abstract class YouthCaseTests(WuHaoFactory factory)
{
    protected WuHaoFactory Factory => factory;

    protected static object NewCase(string idNumber, string name = "测试儿童", string gender = "男", string? birthDate = null) => new
    {
        name, gender, birthDate = birthDate ?? ChineseIdNumber.BirthDate(idNumber)!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        idNumber, school = "胜利中心学校", grade = "五年级", address = "科左中旗胜利乡甲一嘎查三组18号", categories = new[] { "留守儿童", "单亲" },
        guardian = "张桂兰", guardianRelation = "祖父母", guardianPhone = "13847512345", situation = "父母在外务工", needs = "课后辅导",
    };

    protected string Birth(int years) => factory.Time.Today().AddYears(-years).AddDays(-40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected string NewIdNumber(int years = 10, string gender = "男") =>
        IdNumbers.Make(factory.Time.Today().AddYears(-years).AddDays(-40), gender);

    [Fact]
    public async Task The_ID_number_is_never_stored_in_plaintext()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var idNumber = NewIdNumber();
        var created = await api.PostAsJsonAsync($"/api/v1/units/{data.Unit("A1")}/youth-cases", NewCase(idNumber));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var raw = await RawDatabaseAsync();
        Assert.DoesNotContain(idNumber, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("13847512345", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("三组18号", raw, StringComparison.Ordinal);
        Assert.Contains(data.Prefix, raw, StringComparison.Ordinal); // the dump is real: it holds the test's unit codes
    }

    /// <summary>The database as bytes (SQLite file with its WAL) or as a pg_dump, decoded as UTF-8.</summary>
    protected abstract Task<string> RawDatabaseAsync();

    [Fact]
    public async Task Sensitive_fields_are_masked_in_the_API_pages_and_exports_and_a_reveal_is_logged()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var idNumber = NewIdNumber();
        var id = (await (await api.PostAsJsonAsync($"/api/v1/units/{data.Unit("A1")}/youth-cases", NewCase(idNumber))).BodyAsync()).GetProperty("case").Number("id");

        var masked = await (await api.GetAsync($"/api/v1/youth-cases/{id}")).BodyAsync();
        Assert.Equal($"{idNumber[..6]}********{idNumber[^4..]}", masked.Str("idNumber"));
        Assert.Equal("138****2345", masked.Str("guardianPhone"));
        Assert.Equal("科左中旗胜利****", masked.Str("address"));

        var page = await PageClient.LoginAsync(factory, data.User("village1"));
        var list = await page.Http.GetStringAsync($"/Cases/{data.Unit("A1")}");
        Assert.DoesNotContain(idNumber, list, StringComparison.Ordinal);
        Assert.Contains($"{idNumber[..6]}********{idNumber[^4..]}", list, StringComparison.Ordinal);
        var detail = await page.Http.GetStringAsync($"/Cases/Case/{data.Unit("A1")}/{id}");
        Assert.DoesNotContain(idNumber, detail, StringComparison.Ordinal);
        Assert.DoesNotContain("13847512345", detail, StringComparison.Ordinal);

        var export = await api.GetAsync($"/api/v1/units/{data.Unit("A1")}/youth-cases/export");
        var rows = (await export.Content.ReadAsStreamAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var row = Assert.Single(rows, r => (string?)r["姓名"] == "测试儿童");
        Assert.Equal($"{idNumber[..6]}********{idNumber[^4..]}", row["身份证号"]);
        Assert.Equal("138****2345", row["监护人电话"]);

        var before = await AccessLogAsync(id);
        var revealed = await (await api.GetAsync($"/api/v1/youth-cases/{id}?reveal=idNumber")).BodyAsync();
        Assert.Equal(idNumber, revealed.Str("idNumber"));
        Assert.Equal("138****2345", revealed.Str("guardianPhone"));
        var after = await AccessLogAsync(id);
        var reveal = Assert.Single(after.Except(before), e => e.Action == "reveal");
        Assert.Equal("idNumber", reveal.Detail);
        Assert.Equal(data.User("village1"), reveal.UserName);

        var (_, shown) = await page.GetAsync($"/Cases/Case/{data.Unit("A1")}/{id}");
        var revealForm = shown.Forms.First(f => f.QuerySelector("input[name=field][value=guardianPhone]") is not null);
        var pageReveal = await page.PostFormAsync(revealForm, $"/Cases/Case/{data.Unit("A1")}/{id}", []);
        Assert.Contains("13847512345", await pageReveal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(await AccessLogAsync(id), e => e.Action == "reveal" && e.Detail == "guardianPhone");
    }

    [Fact]
    public async Task An_unmasked_export_is_the_users_choice_and_is_logged()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var export = await api.GetAsync($"/api/v1/units/{data.Unit("A1")}/youth-cases/export?unmasked=true");
        var rows = (await export.Content.ReadAsStreamAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(data.IdNumbers["A1"], Assert.Single(rows)["身份证号"]);
        await using var scope = factory.Services.CreateAsyncScope();
        var log = await scope.ServiceProvider.GetRequiredService<AppDbContext>().CaseAccessLog
            .Where(e => e.UnitId == data.Unit("A1") && e.Action == "export-unmasked").ToListAsync();
        Assert.Equal(data.User("village1"), Assert.Single(log).UserName);
    }

    [Fact]
    public async Task Every_list_view_change_and_export_writes_the_access_log_with_who_and_from_where()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var caseId = data.Record<YouthCase>("A1");
        await api.GetAsync($"/api/v1/units/{data.Unit("A1")}/youth-cases");
        await api.GetAsync($"/api/v1/youth-cases/{caseId}");
        var current = await (await api.GetAsync($"/api/v1/youth-cases/{caseId}")).BodyAsync();
        await api.PutAsJsonAsync($"/api/v1/youth-cases/{caseId}", new
        {
            name = current.Str("name"), gender = "女", birthDate = current.Str("birthDate"), idNumber = current.Str("idNumber"),
            categories = new[] { "留守儿童" }, guardian = "监护人", needs = "心理关爱", version = current.Number("version"),
        });
        await api.GetAsync($"/api/v1/units/{data.Unit("A1")}/youth-cases/export");
        await api.PostAsJsonAsync($"/api/v1/youth-cases/{caseId}/visits", new { date = factory.Time.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), visitor = "五老甲" });

        await using var scope = factory.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<AppDbContext>().CaseAccessLog.Where(e => e.UnitId == data.Unit("A1")).ToListAsync();
        foreach (var action in new[] { "list", "view", "update", "export", "create" })
        {
            Assert.Contains(entries, e => e.Action == action && e.UserName == data.User("village1"));
        }

        Assert.All(entries.Where(e => e.UserName == data.User("village1")), e => Assert.Equal(ClientAddressFilter.Address.ToString(), e.Address));
        var needs = await scope.ServiceProvider.GetRequiredService<AppDbContext>().ChangeLog
            .Where(c => c.EntityType == nameof(YouthCase) && c.EntityId == caseId.ToString(CultureInfo.InvariantCulture) && c.Field == nameof(YouthCase.Needs)).SingleAsync();
        Assert.Equal("（已更改）", needs.NewValue); // the change log says what changed, never the child's data
    }

    [Fact]
    public async Task ID_numbers_must_be_valid_agree_with_the_child_and_be_unique_in_the_unit()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var url = $"/api/v1/units/{data.Unit("A1")}/youth-cases";
        var good = NewIdNumber();
        var before = await CountAsync(data.Unit("A1"));

        var badCheck = good[..17] + (good[17] == '0' ? '1' : '0');
        Assert.Equal("身份证号校验位不正确，请核对", await FirstErrorAsync(api, url, NewCase(badCheck, birthDate: ChineseIdNumber.BirthDate(good)!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), "idNumber"));
        Assert.Equal("身份证号中的出生日期与填写的出生日期不一致", await FirstErrorAsync(api, url, NewCase(good, birthDate: Birth(11)), "idNumber"));
        Assert.Equal("身份证号中的性别与填写的性别不一致", await FirstErrorAsync(api, url, NewCase(good, gender: "女"), "idNumber"));
        Assert.Equal("身份证号应为18位，前17位是数字，最后一位是数字或X", await FirstErrorAsync(api, url, NewCase("15052120150101"), "idNumber"));
        Assert.Equal(before, await CountAsync(data.Unit("A1")));

        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync(url, NewCase(good))).StatusCode);
        Assert.Equal("本单位已有此身份证号的档案，不能重复建档", await FirstErrorAsync(api, url, NewCase(good.ToLowerInvariant(), name: "重复"), "idNumber"));

        var adult = NewIdNumber(years: 19);
        var warned = await (await api.PostAsJsonAsync(url, NewCase(adult, name: "成年人"))).BodyAsync();
        Assert.StartsWith("按出生日期已满18周岁", warned.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);

        var found = await api.PostAsJsonAsync($"{url}/search", new { idNumber = good });
        Assert.Equal("测试儿童", (await found.BodyAsync()).Str("name"));
    }

    [Fact]
    public async Task Sharing_and_exporting_outside_the_unit_need_the_guardians_consent()
    {
        var data = await TestData.CreateAsync(factory);
        var village = await ApiClient.LoginAsync(factory, data.User("village1"));
        var caseId = data.Record<YouthCase>("A1");
        var today = factory.Time.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var share = new { date = today, recipient = "学校", recipientName = "胜利中心学校", purpose = "学业帮扶" };

        var refused = await village.PostAsJsonAsync($"/api/v1/youth-cases/{caseId}/shares", share);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith("未取得监护人“共享给学校/民政”的书面同意", (await refused.BodyAsync()).GetProperty("errors").GetProperty("")[0].GetString(), StringComparison.Ordinal);

        var township = await ApiClient.LoginAsync(factory, data.User("township"));
        var withheld = await township.GetAsync($"/api/v1/units/{data.Unit("A1")}/youth-cases/export");
        Assert.Equal("1", withheld.Headers.GetValues("X-WuHao-Omitted").Single());
        Assert.DoesNotContain((await withheld.Content.ReadAsStreamAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>(), r => (string?)r["姓名"] == "儿童A1");

        var consent = await village.PostAsJsonAsync($"/api/v1/youth-cases/{caseId}/consents",
            new { purpose = "共享给学校/民政", consentedBy = "监护人", relation = "母亲", date = today, paper = "签字同意书" });
        Assert.Equal(HttpStatusCode.Created, consent.StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await village.PostAsJsonAsync($"/api/v1/youth-cases/{caseId}/shares", share)).StatusCode);
        var allowed = await township.GetAsync($"/api/v1/units/{data.Unit("A1")}/youth-cases/export");
        Assert.Equal("0", allowed.Headers.GetValues("X-WuHao-Omitted").Single());
        Assert.Contains((await allowed.Content.ReadAsStreamAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>(), r => (string?)r["姓名"] == "儿童A1");
    }

    [Fact]
    public async Task A_child_under_14_cannot_consent_alone()
    {
        var data = await TestData.CreateAsync(factory);
        var village = await ApiClient.LoginAsync(factory, data.User("village1"));
        var response = await village.PostAsJsonAsync($"/api/v1/youth-cases/{data.Record<YouthCase>("A1")}/consents",
            new { purpose = "帮扶", consentedBy = "儿童本人", relation = "本人", date = factory.Time.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        Assert.Equal("不满14周岁的，须由监护人同意", (await response.BodyAsync()).GetProperty("errors").GetProperty("relation")[0].GetString());
    }

    private static async Task<string?> FirstErrorAsync(HttpClient api, string url, object body, string field)
    {
        var response = await api.PostAsJsonAsync(url, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.BodyAsync()).GetProperty("errors").GetProperty(field)[0].GetString();
    }

    [Fact]
    public async Task Every_route_of_a_case_record_writes_the_log_and_a_refused_change_writes_none()
    {
        // R-5.5: help actions, visits, consents and shares go through the one collection machinery, mounted under
        // the case; each route logs before data leaves, each change logs in its own transaction.
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var caseId = data.Record<YouthCase>("A1");
        var today = factory.Time.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var before = (await AccessLogAsync(caseId)).Count;

        var list = await (await api.GetAsync($"/api/v1/youth-cases/{caseId}/visits")).BodyAsync();
        var created = await api.PostAsJsonAsync($"/api/v1/youth-cases/{caseId}/visits", new { date = today, visitor = "五老乙" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var visit = await created.BodyAsync();
        Assert.Equal(caseId, visit.Number("caseId"));
        var id = visit.Number("id");
        var read = await (await api.GetAsync($"/api/v1/visits/{id}")).BodyAsync();
        Assert.Equal("五老乙", read.Str("visitor"));
        var updated = await api.PutAsJsonAsync($"/api/v1/visits/{id}", new { date = today, visitor = "五老丙", version = read.Number("version") });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(caseId, (await updated.BodyAsync()).Number("caseId"));
        var invalid = await api.PutAsJsonAsync($"/api/v1/visits/{id}", new { date = today, visitor = "", version = read.Number("version") + 1 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var stale = await api.DeleteAsync($"/api/v1/visits/{id}?version={read.Number("version")}");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/visits/{id}")).StatusCode);

        var entries = (await AccessLogAsync(caseId)).Skip(before).ToList();
        Assert.Equal(["view", "create", "view", "update", "delete"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("visits", e.Detail));
        Assert.All(entries, e => Assert.Equal(data.Unit("A1"), e.UnitId));
        Assert.Equal(list.GetProperty("total").GetInt32(), list.GetProperty("items").GetArrayLength());

        // Another unit's case: not found on every route, and nothing logged against it.
        var foreign = data.Record<YouthCase>("B1");
        var foreignBefore = (await AccessLogAsync(foreign)).Count;
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/youth-cases/{foreign}/help-actions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/youth-cases/{foreign}/visits", new { date = today, visitor = "五老乙" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/help-actions/{data.Record<HelpAction>("B1")}")).StatusCode);
        Assert.Equal(foreignBefore, (await AccessLogAsync(foreign)).Count);
    }

    private async Task<int> CountAsync(int unitId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().YouthCases.CountAsync(c => c.UnitId == unitId);
    }

    private async Task<List<CaseAccessEntry>> AccessLogAsync(int caseId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().CaseAccessLog.Where(e => e.CaseId == caseId).OrderBy(e => e.Id).ToListAsync();
    }
}

public sealed class YouthCasesOnSqlite(SqliteFactory factory) : YouthCaseTests(factory), IClassFixture<SqliteFactory>
{
    protected override async Task<string> RawDatabaseAsync()
    {
        // Read the file and its write-ahead log as they are on disk, while the app has them open.
        var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(Factory.ConnectionString).DataSource;
        var bytes = new List<byte>();
        foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            bytes.AddRange(memory.ToArray());
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}

public sealed class YouthCasesOnPostgres(PostgresFactory factory) : YouthCaseTests(factory), IClassFixture<PostgresFactory>
{
    protected override async Task<string> RawDatabaseAsync()
    {
        var cs = new NpgsqlConnectionStringBuilder(Factory.ConnectionString);
        var pgDump = Directory.GetFiles("/usr/lib/postgresql", "pg_dump", SearchOption.AllDirectories).OrderDescending().First();
        var start = new ProcessStartInfo(pgDump) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-h", cs.Host!, "-p", cs.Port.ToString(CultureInfo.InvariantCulture), "-U", cs.Username ?? "postgres", "--no-owner", cs.Database! })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var dump = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        return dump;
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Tests.Cases;

/// <summary>
/// R-5.5: a change to a case and its access-log row are written together or not at all; a value typed with a
/// '*' in it is saved as typed (only the exact masked rendering means "unchanged"). On SQLite and PostgreSQL.
/// </summary>
public abstract class CaseIntegrityTests(WuHaoFactory factory)
{
    private static object CaseBody(JsonElementLike current, string? address = null, string? phone = null, string needs = "课后辅导") => new
    {
        name = current.Name, gender = "女", birthDate = current.BirthDate, idNumber = current.IdNumber,
        categories = new[] { "留守儿童" }, guardian = "监护人", address, guardianPhone = phone, needs, version = current.Version,
    };

    private sealed record JsonElementLike(string Name, string BirthDate, string IdNumber, int Version, string Address, string Phone);

    private static async Task<JsonElementLike> ReadAsync(HttpClient api, int caseId, string? reveal = null)
    {
        var body = await (await api.GetAsync($"/api/v1/youth-cases/{caseId}{(reveal is null ? "" : "?reveal=" + reveal)}")).BodyAsync();
        return new(body.Str("name"), body.Str("birthDate"), body.Str("idNumber"), body.Number("version"),
            body.TryGetProperty("address", out var a) ? a.GetString() ?? "" : "", body.TryGetProperty("guardianPhone", out var p) ? p.GetString() ?? "" : "");
    }

    [Fact]
    public async Task When_the_log_row_cannot_be_written_the_change_is_rolled_back()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unitId = data.Unit("A1");
        var caseId = data.Record<YouthCase>("A1");
        var helpId = data.Record<HelpAction>("A1");
        var current = await ReadAsync(api, caseId);

        await using (await RefuseAsync("CaseAccessLog", $"R.\"UnitId\" = {unitId} AND R.\"Action\" = 'update'", data.Prefix))
        {
            var update = await api.PutAsJsonAsync($"/api/v1/youth-cases/{caseId}", CaseBody(current, needs: "不应保存"));
            await AssertServerErrorAsync(update);
            var help = await (await api.GetAsync($"/api/v1/help-actions/{helpId}")).BodyAsync();
            var helpUpdate = await api.PutAsJsonAsync($"/api/v1/help-actions/{helpId}", new
            {
                date = help.Str("date"), kind = help.Str("kind"), helper = "不应保存", version = help.Number("version"),
            });
            await AssertServerErrorAsync(helpUpdate);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.NotEqual("不应保存", await db.YouthCases.Where(c => c.Id == caseId).Select(c => c.Needs).SingleAsync());
        Assert.Equal(current.Version, await db.YouthCases.Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync());
        Assert.NotEqual("不应保存", await db.HelpActions.Where(h => h.Id == helpId).Select(h => h.Helper).SingleAsync());
        Assert.False(await db.CaseAccessLog.AnyAsync(e => e.UnitId == unitId && e.Action == "update"));
        Assert.False(await db.ChangeLog.AnyAsync(c => c.EntityType == nameof(YouthCase) && c.EntityId == caseId.ToString(CultureInfo.InvariantCulture) && c.Field == nameof(YouthCase.Needs)));

        // And once the log can be written again, the same change goes through with its row.
        var retry = await api.PutAsJsonAsync($"/api/v1/youth-cases/{caseId}", CaseBody(current, needs: "现在保存"));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Single(await db.CaseAccessLog.Where(e => e.UnitId == unitId && e.Action == "update").ToListAsync());
    }

    /// <summary>A failed write answers 500 with the Chinese problem, not an empty status (R-8.5).</summary>
    private static async Task AssertServerErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("系统出错", (await response.BodyAsync()).Str("title"));
    }

    [Fact]
    public async Task When_the_change_fails_no_log_row_is_written()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var caseId = data.Record<YouthCase>("A1");
        var current = await ReadAsync(api, caseId);

        await using (await RefuseAsync("YouthCases", $"R.\"Id\" = {caseId}", data.Prefix, update: true))
        {
            var update = await api.PutAsJsonAsync($"/api/v1/youth-cases/{caseId}", CaseBody(current, needs: "不应保存"));
            await AssertServerErrorAsync(update);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await db.CaseAccessLog.AnyAsync(e => e.CaseId == caseId && e.Action == "update"));
    }

    [Fact]
    public async Task A_value_typed_with_a_star_is_saved_as_typed_and_only_the_exact_masked_value_means_unchanged()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var idNumber = IdNumbers.Make(factory.Time.Today().AddYears(-9), "男");
        var created = await api.PostAsJsonAsync($"/api/v1/units/{data.Unit("A1")}/youth-cases", new
        {
            name = "星号测试", gender = "男", birthDate = ChineseIdNumber.BirthDate(idNumber)!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            idNumber, categories = new[] { "留守儿童" }, guardian = "监护人", address = "甲一嘎查3号楼*单元", guardianPhone = "13847512345",
        });
        Assert.True(HttpStatusCode.Created == created.StatusCode, await created.Content.ReadAsStringAsync());
        var caseId = (await created.BodyAsync()).GetProperty("case").Number("id");
        Assert.Equal("甲一嘎查3号楼*单元", (await ReadAsync(api, caseId, "address")).Address);

        // The form sends back what it showed (masked): nothing changes.
        var shown = await ReadAsync(api, caseId);
        Assert.Equal("甲一嘎查3号****", shown.Address);
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/youth-cases/{caseId}", CaseBody(shown, shown.Address, shown.Phone))).StatusCode);
        Assert.Equal("甲一嘎查3号楼*单元", (await ReadAsync(api, caseId, "address")).Address);
        Assert.Equal("13847512345", (await ReadAsync(api, caseId, "guardianPhone")).Phone);
        Assert.Equal(idNumber, (await ReadAsync(api, caseId, "idNumber")).IdNumber);

        // A new value with a star in it is a new value, not "unchanged".
        shown = await ReadAsync(api, caseId);
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/youth-cases/{caseId}", CaseBody(shown, "5号楼*2单元", shown.Phone))).StatusCode);
        Assert.Equal("5号楼*2单元", (await ReadAsync(api, caseId, "address")).Address);

        // A phone with a star that is not the masked one is refused, not silently kept.
        shown = await ReadAsync(api, caseId);
        var badPhone = await api.PutAsJsonAsync($"/api/v1/youth-cases/{caseId}", CaseBody(shown, shown.Address, "138****9999"));
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
        Assert.Equal("13847512345", (await ReadAsync(api, caseId, "guardianPhone")).Phone);
    }

    /// <summary>A trigger (its condition on the row "R.") that makes the database refuse matching inserts (or updates) until disposed: a forced failure.</summary>
    private async Task<IAsyncDisposable> RefuseAsync(string table, string condition, string prefix, bool update = false)
    {
        var name = $"refuse_{prefix}_{(update ? "u" : "i")}";
        var verb = update ? "UPDATE" : "INSERT";
        var row = update ? "OLD" : "NEW";
        var when = condition.Replace("R.", row + ".", StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Test-made names and conditions only, no user input.
        string[] statements = factory.Engine == Engine.Postgres
            ?
            [
                $"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'forced failure'; END $$;",
                $"CREATE TRIGGER {name} BEFORE {verb} ON \"{table}\" FOR EACH ROW WHEN ({when}) EXECUTE FUNCTION {name}();",
            ]
            : [$"CREATE TRIGGER {name} BEFORE {verb} ON \"{table}\" WHEN {when} BEGIN SELECT RAISE(ABORT, 'forced failure'); END;"];
        foreach (var sql in statements)
        {
            await db.Database.ExecuteSqlRawAsync(sql);
        }

        return new Dropper(async () =>
        {
            await using var s = factory.Services.CreateAsyncScope();
            var d = s.ServiceProvider.GetRequiredService<AppDbContext>();
            var drop = factory.Engine == Engine.Postgres ? $"DROP TRIGGER {name} ON \"{table}\"; DROP FUNCTION {name}();" : $"DROP TRIGGER {name};";
            await d.Database.ExecuteSqlRawAsync(drop);
        });
    }

    private sealed class Dropper(Func<Task> drop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await drop();
    }
}

public sealed class CaseIntegrityOnSqlite(SqliteFactory factory) : CaseIntegrityTests(factory), IClassFixture<SqliteFactory>;

public sealed class CaseIntegrityOnPostgres(PostgresFactory factory) : CaseIntegrityTests(factory), IClassFixture<PostgresFactory>;

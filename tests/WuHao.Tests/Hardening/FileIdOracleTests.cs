using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Tests.Hardening;

/// <summary>
/// Issue 13 item 8 (R-0.3, no leaks): naming another unit's file in a record's fileIds answers exactly as naming a
/// file that does not exist, even when that file is evidence of a record of the other unit.
/// </summary>
public abstract class FileIdOracleTests(WuHaoFactory factory)
{
    [Fact]
    public async Task Another_units_file_id_answers_as_a_missing_one()
    {
        var data = await TestData.CreateAsync(factory);
        var unit = data.Unit("A1");
        int foreign;
        int missing;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            foreign = await db.Set<FileLink>().Where(l => l.UnitId == data.Unit("B1")).Select(l => l.FileId).FirstAsync();
            missing = await db.Files.MaxAsync(f => f.Id) + 1000;
        }

        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var today = factory.Time.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        async Task<(HttpStatusCode Status, string Messages)> TryAsync(int fileId)
        {
            var response = await api.PostAsJsonAsync($"/api/v1/units/{unit}/party-meetings",
                new { date = today, topic = "借用文件", attendees = "支部委员", attendeeCount = 5, fileIds = new[] { fileId } });
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(text.Contains("fileIds", StringComparison.Ordinal), text);
            var errors = (await response.BodyAsync()).GetProperty("errors").GetProperty("fileIds").EnumerateArray().Select(e => e.GetString());
            return (response.StatusCode, string.Join("|", errors).Replace(fileId.ToString(CultureInfo.InvariantCulture), "#", StringComparison.Ordinal));
        }

        var other = await TryAsync(foreign);
        var absent = await TryAsync(missing);
        Assert.Equal(HttpStatusCode.BadRequest, other.Status);
        Assert.Equal(absent, other);
        Assert.DoesNotContain("另一条记录", other.Messages, StringComparison.Ordinal);
    }
}

public sealed class FileIdOracleOnSqlite(SqliteFactory factory) : FileIdOracleTests(factory), IClassFixture<SqliteFactory>;

public sealed class FileIdOracleOnPostgres(PostgresFactory factory) : FileIdOracleTests(factory), IClassFixture<PostgresFactory>;

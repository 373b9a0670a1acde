using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Tests.Hardening;

/// <summary>
/// Issue 13 item 1: a record's change history masks what the record masks. Who sees a phone number
/// masked on the record (assessors, viewers) sees it masked in 修改记录 too; who may edit the unit sees it in full.
/// </summary>
public abstract class HistoryMaskingTests(WuHaoFactory factory)
{
    [Fact]
    public async Task The_change_history_masks_phone_numbers_for_readers_as_the_record_does()
    {
        var data = await TestData.CreateAsync(factory);
        var unit = data.Unit("A1");
        var memberId = data.Record<TeamMember>("A1");
        var elderId = data.Record<Elder>("A1");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var member = await db.TeamMembers.SingleAsync(m => m.Id == memberId);
            member.Phone = "13911112222";
            await db.SaveChangesAsync();
            member.Phone = "13933334444";
            await db.SaveChangesAsync();
            var elder = await db.Elders.SingleAsync(e => e.Id == elderId);
            elder.Phone = "13955556666";
            await db.SaveChangesAsync();
        }

        var pages = new (string Url, string[] Full, string[] Masked)[]
        {
            ($"/Team/Member/{unit}/{memberId}", ["13911112222", "13933334444"], ["139****2222", "139****4444"]),
            ($"/Elders/Elder/{unit}/{elderId}", ["13912345678", "13955556666"], ["139****5678", "139****6666"]),
        };
        foreach (var reader in new[] { "assessor", "viewer" })
        {
            var client = await PageClient.LoginAsync(factory, data.User(reader));
            foreach (var (url, full, masked) in pages)
            {
                var history = await HistoryAsync(client, url);
                Assert.All(full, number => Assert.DoesNotContain(number, history, StringComparison.Ordinal));
                Assert.All(masked, number => Assert.Contains(number, history, StringComparison.Ordinal));
            }
        }

        var village = await PageClient.LoginAsync(factory, data.User("village1"));
        foreach (var (url, full, _) in pages)
        {
            var history = await HistoryAsync(village, url);
            Assert.All(full, number => Assert.Contains(number, history, StringComparison.Ordinal));
        }
    }

    private static async Task<string> HistoryAsync(PageClient client, string url)
    {
        var (response, doc) = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return doc.QuerySelector("[data-testid=history]")!.TextContent;
    }
}

public sealed class HistoryMaskingOnSqlite(SqliteFactory factory) : HistoryMaskingTests(factory), IClassFixture<SqliteFactory>;

public sealed class HistoryMaskingOnPostgres(PostgresFactory factory) : HistoryMaskingTests(factory), IClassFixture<PostgresFactory>;

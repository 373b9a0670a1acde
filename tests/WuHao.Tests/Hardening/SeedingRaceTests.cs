using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Cli;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Tests.Hardening;

/// <summary>
/// Issue 13 item 9 (R-8.3, several instances on one database): two seedings started at once on one fresh database
/// both succeed, and the roles and the demo data are there exactly once; "already seeded" is normal.
/// </summary>
public abstract class SeedingRaceTests(Func<WuHaoFactory> create)
{
    [Fact]
    public async Task Two_seedings_at_once_on_an_empty_database_both_succeed_and_seed_once()
    {
        using var fresh = create();
        var services = fresh.Services;
        await using (var scope = services.CreateAsyncScope())
        {
            // The app's start made the roles: remove them, so that the two seedings race for those too.
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Roles.ExecuteDeleteAsync();
        }

        using var start = new Barrier(2);
        var seeded = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait();
            await Startup.EnsureRolesAsync(services);
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync();
        })));

        Assert.Equal(1, seeded.Count(s => s));
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(1, await db.Units.CountAsync(u => u.Code == "150521"));
            Assert.Equal(DemoData.Accounts.Count, await db.Users.CountAsync());
            Assert.Equal(Roles.All.Count, await db.Roles.CountAsync());
            Assert.Equal(Roles.All.Count, await db.Roles.Select(r => r.NormalizedName).Distinct().CountAsync());
        }

        // The demo accounts work.
        await PageClient.LoginAsync(fresh, "township", "Demo@2023");
    }
}

public sealed class SeedingRaceOnSqlite() : SeedingRaceTests(() => new SqliteFactory());

public sealed class SeedingRaceOnPostgres() : SeedingRaceTests(() => new PostgresFactory());

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Units;
using WuHao.Web.Infrastructure;
using WuHao.Web.Infrastructure.Protection;

namespace WuHao.Web.Cli;

/// <summary>The command-line verbs: `dotnet run --project src/WuHao.Web -- VERB [options]`.</summary>
public static class Commands
{
    public static Func<IServiceProvider, string[], Task<int>>? Find(string[] args) => args.FirstOrDefault() switch
    {
        "migrate" => MigrateAsync,
        "create-admin" => CreateAdminAsync,
        "seed-demo" => SeedDemoAsync,
        "anonymise-cases" => AnonymiseCasesAsync,
        "backup" => Backup.BackupAsync,
        "restore" => Backup.RestoreAsync,
        "generate-data" => Generator.GenerateDataCommand.RunAsync,
        _ => null,
    };

    private static async Task<int> MigrateAsync(IServiceProvider services, string[] args)
    {
        await DatabaseSetup.MigrateAsync(services);
        await Startup.EnsureRolesAsync(services);
        Console.WriteLine("数据库已迁移到最新版本。");
        return 0;
    }

    /// <summary>The retention rule on demand; the app also runs it daily.</summary>
    private static async Task<int> AnonymiseCasesAsync(IServiceProvider services, string[] args)
    {
        await KeyRing.EnsureAsync(services);
        await using var scope = services.CreateAsyncScope();
        var count = await scope.ServiceProvider.GetRequiredService<Features.Cases.CaseRetention>().AnonymiseExpiredAsync(CancellationToken.None);
        Console.WriteLine($"已匿名化 {count} 份超过保存期限的结案档案。");
        return 0;
    }

    private static async Task<int> SeedDemoAsync(IServiceProvider services, string[] args)
    {
        await DatabaseSetup.MigrateAsync(services);
        await KeyRing.EnsureAsync(services);
        await Startup.EnsureRolesAsync(services);
        await using var scope = services.CreateAsyncScope();
        var seeded = await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync();
        Console.WriteLine(seeded ? "已写入演示数据。" : "数据库不为空，未写入演示数据。");
        return 0;
    }

    /// <summary>
    /// The first administrator of a production install: `create-admin --user NAME [--password P] [--unit-name N --unit-code C]`.
    /// Without --password the password is read from the WUHAO_ADMIN_PASSWORD variable or standard input.
    /// On an empty database it also creates the root unit (a 旗).
    /// </summary>
    private static async Task<int> CreateAdminAsync(IServiceProvider services, string[] args)
    {
        var userName = Option(args, "--user");
        if (string.IsNullOrWhiteSpace(userName))
        {
            await Console.Error.WriteLineAsync("用法：create-admin --user 用户名 [--password 密码] [--unit-name 旗名称 --unit-code 代码]");
            return 2;
        }

        var password = Option(args, "--password") ?? Environment.GetEnvironmentVariable("WUHAO_ADMIN_PASSWORD");
        if (password is null)
        {
            Console.Write("请输入密码：");
            password = Console.ReadLine() ?? "";
        }

        await DatabaseSetup.MigrateAsync(services);
        await Startup.EnsureRolesAsync(services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var root = await db.Units.Where(u => u.ParentId == null).OrderBy(u => u.Id).FirstOrDefaultAsync();
        if (root is null)
        {
            root = new OrgUnit
            {
                Name = Option(args, "--unit-name") ?? "旗关工委",
                Code = Option(args, "--unit-code") ?? "000000",
                Type = UnitType.Banner,
            };
            await UnitTree.AddAsync(db, root, null);
        }

        var user = new AppUser { UserName = userName, DisplayName = "系统管理员", UnitId = root.Id, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            foreach (var e in created.Errors)
            {
                await Console.Error.WriteLineAsync(e.Description);
            }

            return 1;
        }

        await users.AddToRoleAsync(user, Roles.Admin);
        Console.WriteLine($"已创建系统管理员 {userName}（单位：{root.Name}）。");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}

/// <summary>What runs before the app serves: migrations where configured, the roles, and the demo data.</summary>
public static class Startup
{
    public static async Task PrepareDatabaseAsync(IServiceProvider services)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        if (options.MigrateOnStart ?? !options.IsPostgres)
        {
            await DatabaseSetup.MigrateAsync(services);
        }

        await KeyRing.EnsureAsync(services);
        await EnsureRolesAsync(services);
        await using var scope = services.CreateAsyncScope();
        await Features.Indicators.IndicatorSystems.EnsureTemplatesAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        var demo = scope.ServiceProvider.GetRequiredService<DemoData>();
        await demo.SeedIfConfiguredAsync();
    }

    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (await roles.Roles.CountAsync() == Roles.All.Count)
        {
            return;
        }

        // Another instance may be adding them right now: under the seeding lock, only what is still missing.
        await using var tx = await SeedLock.BeginAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        await tx.CommitAsync();
    }
}

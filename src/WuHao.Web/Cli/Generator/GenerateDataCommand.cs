using System.Globalization;
using WuHao.Web.Infrastructure;
using WuHao.Web.Infrastructure.Protection;

namespace WuHao.Web.Cli.Generator;

/// <summary>
/// `generate-data --villages N --years Y --seed S [--append]` (R-8.3): a synthetic region on the configured database,
/// with a progress bar and, at the end, the rows per table and the time. Refuses (exit code 3) a database that already
/// has units unless --append is given.
/// </summary>
public static class GenerateDataCommand
{
    private const string Usage = "用法：generate-data --villages 村数 [--years 年数，默认3] [--seed 随机种子，默认1] [--append]";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (!TryNumber(args, "--villages", null, out var villages) || !TryNumber(args, "--years", 3, out var years) || !TryNumber(args, "--seed", 1, out var seed))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        await DatabaseSetup.MigrateAsync(services);
        await KeyRing.EnsureAsync(services);
        await Startup.EnsureRolesAsync(services);
        await using var scope = services.CreateAsyncScope();
        var generator = ActivatorUtilities.CreateInstance<RegionGenerator>(scope.ServiceProvider);
        var interactive = !Console.IsOutputRedirected;
        try
        {
            var summary = await generator.GenerateAsync(new GenerateOptions(villages, years, seed, args.Contains("--append")), p => Report(p, interactive));
            Console.WriteLine();
            Console.WriteLine($"已生成 {villages} 个嘎查村 × {years} 年的模拟数据（种子 {seed}），用时 {summary.Elapsed.TotalSeconds:0.0} 秒：");
            foreach (var (table, rows) in summary.Rows.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {table,-34} {rows,12:N0}");
            }

            var total = summary.Rows.Values.Sum();
            Console.WriteLine($"  {"合计",-32} {total,12:N0} 行，{total / Math.Max(summary.Elapsed.TotalSeconds, 0.001):N0} 行/秒");
            return 0;
        }
        catch (GeneratorRefusedException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 3;
        }
    }

    private static void Report(GenerateProgress p, bool interactive)
    {
        const int width = 30;
        var filled = (int)((long)width * p.VillagesDone / p.Villages);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('-', width - filled)}] {p.VillagesDone}/{p.Villages} 村  {p.Rows:N0} 行  {p.Rows / Math.Max(p.Elapsed.TotalSeconds, 0.001):N0} 行/秒  {p.Elapsed.TotalSeconds:0}秒");
        if (interactive)
        {
            Console.Write($"\r{line}");
        }
        else
        {
            Console.WriteLine(line);
        }
    }

    private static bool TryNumber(string[] args, string name, int? fallback, out int value)
    {
        var i = Array.IndexOf(args, name);
        if (i < 0)
        {
            value = fallback ?? 0;
            return fallback is not null;
        }

        return int.TryParse(i + 1 < args.Length ? args[i + 1] : null, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }
}

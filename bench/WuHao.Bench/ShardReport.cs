using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Bench;

/// <summary>
/// Issue 12 item 4: for the banner dashboard, whether each SQL command it runs would be single-shard under the Citus plan
/// (docs/decisions/ADR-016-citus-distribution.md): every distributed table it reads filtered by <c>BannerId = @banner</c>.
/// The commands are captured from EF's diagnostic events (whatever the log levels) during one dashboard request for the
/// first banner of the region, and checked by <see cref="ShardCheck"/>.
/// </summary>
internal static class ShardReport
{
    private static readonly List<(string Engine, int Villages, int Banner, List<(string Sql, IReadOnlyList<string> Missing)> Commands)> Results = [];

    /// <summary>Runs the dashboard of the region's first banner once, capturing its commands; prints and keeps the verdicts.</summary>
    public static async Task DashboardAsync(BenchApp app, string engine, int villages, int root, HttpClient client, int year, int systemId)
    {
        int banner;
        IReadOnlyList<string> distributed;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var rootPath = await db.Units.Where(u => u.Id == root).Select(u => u.Path).SingleAsync();
            banner = await db.Units.Where(u => u.Path.StartsWith(rootPath) && u.Type == UnitType.Banner).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
            distributed = BannerColumn.DistributedTables(db.Model);
            BannerTables.UnionWith(distributed);
        }

        var commands = new List<string>();
        using (Capture(commands))
        {
            using var response = await client.GetAsync($"/api/v1/units/{banner}/dashboard?year={year}&systemId={systemId}");
            response.EnsureSuccessStatusCode();
        }

        // The background jobs' own commands (the package worker's polling, leases) are not the dashboard's.
        var checkedCommands = commands.Where(c => !c.Contains("\"PackageJobs\"", StringComparison.Ordinal) && !c.Contains("\"JobLeases\"", StringComparison.Ordinal))
            .Select(c => (c, ShardCheck.Unfiltered(c, distributed))).ToList();
        Results.Add((engine, villages, banner, checkedCommands));
        var single = checkedCommands.Count(c => c.Item2.Count == 0);
        Console.WriteLine($"  banner dashboard under ADR-016: {single} of {checkedCommands.Count} commands single-shard" +
            (single == checkedCommands.Count ? "" : $"; multi-shard reads: {string.Join(", ", checkedCommands.SelectMany(c => c.Item2).Distinct())}"));
    }

    /// <summary>The section for bench/results/latest.md.</summary>
    public static string Markdown()
    {
        if (Results.Count == 0)
        {
            return "";
        }

        var s = new StringBuilder();
        s.AppendLine().AppendLine("## Citus: is the banner dashboard single-shard? (ADR-016, issue 12 item 4)").AppendLine();
        s.AppendLine("Each SQL command of one `GET /api/v1/units/{banner}/dashboard` (the first banner of the region), checked on its text: " +
                     "single-shard when every distributed table it reads (FROM/JOIN) is filtered by `BannerId = @value`; otherwise the tables that are not. " +
                     "The tables without `UnitId` (the multi-valued child tables, StoredFileContents, CalendarFeedTokens) carry `BannerId` and are counted.");
        foreach (var (engine, villages, banner, commands) in Results)
        {
            s.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                $"{engine}, {villages:N0} villages, banner {banner}: {commands.Count(c => c.Missing.Count == 0)} of {commands.Count} commands single-shard").AppendLine();
            s.AppendLine("| # | command (start) | distributed tables read | single-shard |");
            s.AppendLine("| ---: | --- | --- | --- |");
            var i = 0;
            foreach (var (sql, missing) in commands)
            {
                var tables = ShardCheck.Tables(sql).Where(t => BannerTables.Contains(t)).Distinct().Order(StringComparer.Ordinal).ToList();
                var start = string.Join(' ', sql.Split((char[])['\r', '\n', ' '], StringSplitOptions.RemoveEmptyEntries)).Replace("|", "\\|", StringComparison.Ordinal);
                s.AppendLine(CultureInfo.InvariantCulture,
                    $"| {++i} | `{(start.Length > 70 ? start[..70] + "…" : start)}` | {(tables.Count == 0 ? "— (reference tables only)" : string.Join(", ", tables))} | {(missing.Count == 0 ? "yes" : "no: " + string.Join(", ", missing))} |");
            }
        }

        return s.ToString();
    }

    /// <summary>The model's distributed tables (the same for every engine).</summary>
    private static HashSet<string> BannerTables { get; } = new(StringComparer.Ordinal);

    /// <summary>Collects the text of every command EF executes in this process until disposed.</summary>
    private static Unsubscribe Capture(List<string> commands)
    {
        var subscriptions = new List<IDisposable>();
        subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                subscriptions.Add(listener.Subscribe(new Observer<KeyValuePair<string, object?>>(e =>
                {
                    if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData data)
                    {
                        lock (commands)
                        {
                            commands.Add(data.Command.CommandText);
                        }
                    }
                })));
            }
        })));
        return new Unsubscribe(subscriptions);
    }

    private sealed class Observer<T>(Action<T> next) : IObserver<T>
    {
        public void OnCompleted() { }
        public void OnError(Exception error) { }
        public void OnNext(T value) => next(value);
    }

    private sealed class Unsubscribe(List<IDisposable> subscriptions) : IDisposable
    {
        public void Dispose()
        {
            foreach (var s in subscriptions.ToList())
            {
                s.Dispose();
            }
        }
    }
}

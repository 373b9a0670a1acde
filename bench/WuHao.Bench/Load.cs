using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Bench;

/// <summary>
/// Throughput under load (issue 12 part 2, R-8.3): the Release-built app under Kestrel on loopback, a generated region,
/// and wrk (Debian package) against a village's home page and the evaluation endpoint, each against a bare endpoint in
/// the same app that runs one indexed query (<see cref="BareEndpoint"/>). Figure: requests per second of the page over
/// those of the bare endpoint, target ≥ 0.5. Run: dotnet run -c Release --project bench/WuHao.Bench -- load
/// [--villages 50] [--engines sqlite,postgres] [--seconds 10] [--connections 16].
/// </summary>
internal static partial class Load
{
    private const double Target = 0.5;

    /// <summary>
    /// The bench's own route, added by the bench's hosting (not the app): one indexed query (a unit's name by its
    /// primary key) through the app's DbContext, answered as plain text. It sits before the app's middleware, so the
    /// floor it sets is if anything lower than a real endpoint's, and the ratio against it conservative.
    /// </summary>
    public const string BareEndpoint = "/bench/one-query";

    public static async Task<int> RunAsync(string[] args)
    {
        var villages = int.Parse(Scale.Option(args, "--villages", "50"), CultureInfo.InvariantCulture);
        var engines = Scale.Option(args, "--engines", "sqlite,postgres").Split(',');
        var seconds = int.Parse(Scale.Option(args, "--seconds", "10"), CultureInfo.InvariantCulture);
        var connections = int.Parse(Scale.Option(args, "--connections", "16"), CultureInfo.InvariantCulture);
        await EnsureWrkAsync();
        var rows = new List<(string Engine, string Name, string Path, double Rps, double P99)>();
        foreach (var engine in engines)
        {
            // As deployed (the evaluation cache on, ADR-017), then cold: every request evaluates from the records.
            foreach (var cache in new[] { true, false })
            {
                rows.AddRange(await MeasureAsync(engine, cache, villages, seconds, connections));
            }
        }

        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"Throughput under load: wrk, {connections} connections, 2 threads, {seconds} s per endpoint, {villages} villages, 1 year; loopback, Kestrel, Release.");
        s.AppendLine();
        s.AppendLine("Each endpoint gets a 3 s warm-up run before its measured run. Cache on: as deployed (evaluations cached per unit, ADR-017; the load only reads, so after the first request every evaluation is a hit). " +
                     "Cache off: `Evaluation:Cache=false`, every request evaluates from the records.");
        s.AppendLine();
        s.AppendLine("| engine | endpoint | requests/s | p99 latency (ms) | against the bare endpoint (target ≥ 0.5) |");
        s.AppendLine("| --- | --- | ---: | ---: | ---: |");
        foreach (var r in rows)
        {
            var bare = rows.First(b => b.Engine == r.Engine && b.Path == BareEndpoint).Rps;
            var ratio = r.Path == BareEndpoint ? "—" : string.Create(CultureInfo.InvariantCulture, $"{r.Rps / bare:0.00} {(r.Rps / bare >= Target ? "met" : "MISSED")}");
            s.AppendLine(CultureInfo.InvariantCulture, $"| {r.Engine} | {r.Name} (`{r.Path}`) | {r.Rps:0} | {r.P99:0.0} | {ratio} |");
        }

        Console.WriteLine();
        Console.WriteLine(s);
        var file = Path.Combine(PageLoads.Root(), "bench", "results", "load.md");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, s.ToString());
        Console.WriteLine($"written to {file}");
        return 0;
    }

    private static async Task<List<(string, string, string, double, double)>> MeasureAsync(string engine, bool cache, int villages, int seconds, int connections)
    {
        var label = $"{engine}, cache {(cache ? "on" : "off")}";
        var sqliteFile = Path.Combine(Path.GetTempPath(), $"wuhao-load-{Environment.ProcessId}.db");
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        (string, string)[] settings = [.. await Scale.SettingsAsync(engine, $"wuhao_load_{villages}_{(cache ? "on" : "off")}"), ("Proxy:AllowPlainHttp", "true"),
            ("Login:PermitsPerAddress", "1000000"), ("Logging:LogLevel:Default", "Error"), ("Evaluation:Cache", cache ? "true" : "false")];
        try
        {
            await using var app = new BenchApp(sqliteFile, settings) { Configure = b => b.ConfigureServices(s => s.AddTransient<IStartupFilter, BareEndpointFilter>()) };
            app.UseKestrel(port);
            app.StartServer();
            var region = await Scale.GenerateAsync(app, engine, villages);
            int village;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                village = await db.Units.Where(u => u.Type == UnitType.Village).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
            }

            using var http = new HttpClient { BaseAddress = address };
            var token = await app.LoginAsync(village, Roles.Village, "bench-village", http);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var year = DateTime.Today.Year;
            (string Name, string Path)[] endpoints =
            [
                ("bare endpoint, one indexed query", $"{BareEndpoint}?id={village}"),
                ("village home page", "/"),
                ("evaluation API", $"/api/v1/units/{village}/evaluation?year={year}"),
            ];
            var result = new List<(string, string, string, double, double)>();
            foreach (var (name, path) in endpoints)
            {
                using var check = await http.GetAsync(path);
                if (check.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{path}: {(int)check.StatusCode} before the load, expected 200");
                }

                // A short run first, so that the measured one meets warm code (tiered JIT) and warm pools on every endpoint alike.
                await WrkAsync(new Uri(address, path), token, 3, connections);
                var (rps, p99) = await WrkAsync(new Uri(address, path), token, seconds, connections);
                Console.WriteLine($"  {label,-20} {name,-34} {rps,8:0} req/s  p99 {p99,7:0.0} ms");
                result.Add((label, name, path.Split('?')[0], rps, p99));
            }

            _ = region;
            return result;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
            {
                File.Delete(f);
            }
        }
    }

    /// <summary>
    /// On a fresh machine the one command installs wrk (Debian's package) when it is missing and the bench runs as root,
    /// as scripts/test.sh installs what the tests need.
    /// </summary>
    private static async Task EnsureWrkAsync()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "wrk")));
        if (onPath || Environment.UserName != "root")
        {
            return;
        }

        Console.WriteLine("wrk not found: installing the Debian package wrk");
        foreach (var command in new[] { "apt-get -q update", "apt-get install -y -q wrk" })
        {
            var parts = command.Split(' ');
            var start = new ProcessStartInfo(parts[0]) { RedirectStandardOutput = true };
            foreach (var a in parts.Skip(1))
            {
                start.ArgumentList.Add(a);
            }

            start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            using var process = Process.Start(start)!;
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>wrk with the bearer token; requests per second and the 99th percentile latency. Any non-2xx answer fails the bench.</summary>
    private static async Task<(double Rps, double P99)> WrkAsync(Uri url, string token, int seconds, int connections)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "--timeout", "30s", "-H", $"Authorization: Bearer {token}", url.ToString() })
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("wrk is not installed: apt-get install wrk");
        }

        using (process)
        {
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0 || output.Contains("Non-2xx", StringComparison.Ordinal) || output.Contains("Socket errors", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"wrk {url}: errors under load\n{output}");
            }

            var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
            var p99 = P99().Match(output);
            var ms = double.Parse(p99.Groups[1].Value, CultureInfo.InvariantCulture) * p99.Groups[2].Value switch { "us" => 0.001, "s" => 1000, _ => 1 };
            return (rps, ms);
        }
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"99%\s+([\d.]+)(us|ms|s)")]
    private static partial Regex P99();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Adds <see cref="BareEndpoint"/> in front of the app's pipeline.</summary>
    private sealed class BareEndpointFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map(BareEndpoint, branch => branch.Run(async context =>
            {
                var id = int.Parse(context.Request.Query["id"].ToString(), CultureInfo.InvariantCulture);
                var db = context.RequestServices.GetRequiredService<AppDbContext>();
                var name = await db.Units.Where(u => u.Id == id).Select(u => u.Name).FirstAsync(context.RequestAborted);
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(name, context.RequestAborted);
            }));
            next(app);
        };
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Units;

namespace WuHao.Bench;

/// <summary>
/// The load-and-crash probe (issue 13 "done when"; R-0.3, R-7.3, R-8.4): the real app under Kestrel in a child process on a
/// temporary SQLite database. (a) Many bearer clients send mixed reads and writes; every acknowledged write must be in the
/// database afterwards, and nothing unacknowledged. (b) The app is killed (SIGKILL) in the middle of a large roster import,
/// several times; after each restart the village holds none of the import or all of it, and the database passes its
/// integrity check. Prints a table and writes bench/results/probe.md.
/// Run: dotnet run -c Release --project bench/WuHao.Bench -- probe [CLIENTS REQUESTS ROWS KILLS]
/// </summary>
internal static class Probe
{
    private const string Password = "Bench@2024x";

    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        var clients = Arg(0, 50);
        var requests = Arg(1, 9000);
        var rows = Arg(2, 10_000);
        var kills = Arg(3, 4);
        var folder = Directory.CreateTempSubdirectory("wuhao-probe-").FullName;
        var db = Path.Combine(folder, "wuhao.db");
        var keys = Path.Combine(folder, "keys");
        try
        {
            var villages = await PrepareAsync(db, keys, kills + 2); // the load's, the full import's, one per kill
            var load = await LoadAsync(db, keys, villages[0], clients, requests);
            var crash = await CrashAsync(db, keys, villages.Skip(1).ToArray(), rows);
            Report(clients, load, rows, crash);
            return load.Found == load.Acknowledged && load.Unacknowledged == 0 && crash.All(c => c.Whole) ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The app's own entry point in this process, under Kestrel, as the probe's child: settings as KEY=VALUE.</summary>
    public static int Serve(string[] settings)
    {
        var args = new List<string> { "--applicationName=WuHao.Web", $"--contentRoot={AppContext.BaseDirectory}", "--environment=Production" };
        args.AddRange(settings.Select(s => "--" + s));
        var entry = typeof(Program).Assembly.EntryPoint!;
        return entry.Invoke(null, [args.ToArray()]) switch
        {
            Task<int> running => running.GetAwaiter().GetResult(),
            var code => (int)code!,
        };
    }

    private static (string Key, string Value)[] Settings(string db, string keys) =>
    [
        ("Database:Provider", "Sqlite"),
        ("ConnectionStrings:Sqlite", $"Data Source={db}"),
        ("Database:MigrateOnStart", "true"),
        ("Demo:Seed", "false"),
        ("Keys:Directory", keys),
        ("Excel:MaxRows", "20000"),
        ("Excel:MaxBytes", (20 * 1024 * 1024).ToString(CultureInfo.InvariantCulture)),
        ("Login:PermitsPerAddress", "1000000"),
        ("Logging:LogLevel:Default", "Warning"),
        ("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Error"),
    ];

    /// <summary>The bench's banner, villages and account, made through the app's own services; returns the village ids.</summary>
    private static async Task<int[]> PrepareAsync(string db, string keys, int villages)
    {
        await using var app = new BenchApp(db, Settings(db, keys));
        var (unitId, _, _) = await app.PrepareAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var banner = await context.Units.SingleAsync(u => u.Code == "B");
        var ids = new List<int> { unitId };
        for (var i = 1; i < villages; i++)
        {
            var village = new OrgUnit { Code = $"K{i}", Name = $"导入嘎查{i}", Type = UnitType.Village };
            await UnitTree.AddAsync(context, village, banner);
            ids.Add(village.Id);
        }

        return [.. ids];
    }

    private sealed record LoadResult(int Sent, int Errors, int Acknowledged, int Found, int Unacknowledged, int Reads, double Seconds);

    private static async Task<LoadResult> LoadAsync(string db, string keys, int village, int clients, int requests)
    {
        await using var app = await AppProcess.StartAsync(db, keys);
        var tokens = new List<string>();
        for (var c = 0; c < clients; c++)
        {
            tokens.Add(await app.LoginAsync());
        }

        var sent = 0;
        var errors = 0;
        var reads = 0;
        var acknowledged = new ConcurrentBag<string>();
        var attempted = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, clients), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (c, ct) =>
        {
            using var http = app.Client(tokens[c]);
            var random = new Random(c);
            for (var n = c; n < requests; n += clients)
            {
                Interlocked.Increment(ref sent);
                try
                {
                    HttpResponseMessage response;
                    var kind = random.Next(10);
                    if (kind < 4)
                    {
                        var name = $"探针{c}号{n}";
                        attempted.Add(name);
                        response = await http.PostAsJsonAsync($"/api/v1/units/{village}/elders",
                            new { name, gender = n % 2 == 0 ? "男" : "女", category = RosterFile.Categories[n % RosterFile.Categories.Length], joinDate = "2020-01-01" }, ct);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged.Add(name);
                        }
                    }
                    else
                    {
                        Interlocked.Increment(ref reads);
                        response = await http.GetAsync(kind < 8 ? $"/api/v1/units/{village}/elders?pageSize=50" : $"/api/v1/units/{village}/elders?page=2&pageSize=20", ct);
                    }

                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                        Console.Error.WriteLine($"  {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                    }

                    response.Dispose();
                }
                catch (HttpRequestException failure)
                {
                    Interlocked.Increment(ref errors);
                    Console.Error.WriteLine($"  {failure.Message}");
                }
            }
        });
        clock.Stop();

        var stored = StoredNames(db, village);
        var found = acknowledged.Count(stored.Contains);
        var unacknowledged = attempted.Except(acknowledged).Count(stored.Contains);
        return new(sent, errors, acknowledged.Count, found, unacknowledged, reads, clock.Elapsed.TotalSeconds);
    }

    private static HashSet<string> StoredNames(string db, int village)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Name\" FROM \"Elders\" WHERE \"UnitId\" = $unit";
        command.Parameters.AddWithValue("$unit", village);
        var names = new HashSet<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private sealed record CrashResult(int Kill, int KilledAfterMs, int Before, int After, string Integrity, bool Whole);

    /// <summary>
    /// One full import first, to know how long it takes; then per kill a fresh village, the same import, SIGKILL at a point
    /// spread over that time, a restart, and the count: none or all of the rows, and an intact database.
    /// </summary>
    private static async Task<List<CrashResult>> CrashAsync(string db, string keys, int[] villages, int rows)
    {
        var file = RosterFile.Bytes(rows);
        var results = new List<CrashResult>();
        double fullMs;
        await using (var app = await AppProcess.StartAsync(db, keys))
        {
            var clock = Stopwatch.StartNew();
            using var http = app.Client(await app.LoginAsync());
            using var response = await http.PostAsync($"/api/v1/units/{villages[0]}/elders/import", Upload(file));
            fullMs = clock.Elapsed.TotalMilliseconds;
            var count = Count(db, villages[0]);
            results.Add(new(0, -1, 0, count, Integrity(db), response.IsSuccessStatusCode && count == rows));
        }

        for (var kill = 1; kill < villages.Length; kill++)
        {
            var village = villages[kill];
            var before = Count(db, village);
            var app = await AppProcess.StartAsync(db, keys);
            var killAfter = (int)(fullMs * (0.1 + (0.5 * (kill - 1) / Math.Max(1, villages.Length - 2))));
            using (var http = app.Client(await app.LoginAsync()))
            {
                var import = http.PostAsync($"/api/v1/units/{village}/elders/import", Upload(file));
                await Task.Delay(killAfter);
                app.Kill();
                try
                {
                    (await import).Dispose();
                }
                catch (HttpRequestException)
                {
                    // The connection died with the process: expected.
                }
            }

            await app.DisposeAsync();
            await using (await AppProcess.StartAsync(db, keys))
            {
                var after = Count(db, village);
                var integrity = Integrity(db);
                results.Add(new(kill, killAfter, before, after, integrity, (after == before || after == before + rows) && integrity == "ok"));
            }
        }

        return results;
    }

    private static MultipartFormDataContent Upload(byte[] file)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(content, "file", "五老名册.xlsx");
        return form;
    }

    private static int Count(string db, int village) => StoredNames(db, village).Count;

    private static string Integrity(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    private static void Report(int clients, LoadResult load, int rows, List<CrashResult> crash)
    {
        var survived = crash.Skip(1).Count(c => c.Whole);
        var text = new StringBuilder();
        text.AppendLine("# WuHao load-and-crash probe").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores ({RuntimeInfo()}), real Kestrel, SQLite.").AppendLine();
        text.AppendLine("| Load (bearer clients, mixed reads and writes) | |").AppendLine("|---|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| clients | {clients} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| requests sent | {load.Sent} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| of which reads | {load.Reads} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| errors (non-2xx or connection) | {load.Errors} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| writes acknowledged (201) | {load.Acknowledged} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| acknowledged writes found in the database | {load.Found} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| unacknowledged writes found in the database | {load.Unacknowledged} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| time | {load.Seconds:0.0} s ({load.Sent / load.Seconds:0} requests/s) |").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| Crash: kill -9 during a {rows:N0}-row roster import | killed after | rows before | rows after | integrity | none or all |");
        text.AppendLine("|---|---:|---:|---:|---|---|");
        foreach (var c in crash)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {(c.Kill == 0 ? "full import, not killed" : $"kill {c.Kill}")} | {(c.KilledAfterMs < 0 ? "-" : $"{c.KilledAfterMs} ms")} | {c.Before} | {c.After} | {c.Integrity} | {(c.Whole ? "yes" : "NO")} |");
        }

        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Kills survived: {survived} of {crash.Count - 1}.").AppendLine();
        text.AppendLine("Rerun: `dotnet run -c Release --project bench/WuHao.Bench -- probe` (arguments: clients, requests, import rows, kills; defaults 50 9000 10000 4).");
        Console.WriteLine(text);
        var results = Path.Combine(RepositoryRoot(), "bench", "results");
        Directory.CreateDirectory(results);
        File.WriteAllText(Path.Combine(results, "probe.md"), text.ToString());
        Console.WriteLine($"Written to {Path.Combine(results, "probe.md")}");
    }

    private static string RuntimeInfo() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WuHao.slnx")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>The app under Kestrel in a child process of its own (this program with --serve), on a free loopback port.</summary>
    private sealed class AppProcess : IAsyncDisposable
    {
        private readonly Process process;
        private readonly Uri address;

        private AppProcess(Process process, Uri address)
        {
            this.process = process;
            this.address = address;
        }

        public static async Task<AppProcess> StartAsync(string db, string keys)
        {
            var port = FreePort();
            var address = new Uri($"http://127.0.0.1:{port}");
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = false, RedirectStandardError = false };
            if (!Environment.ProcessPath!.EndsWith("WuHao.Bench", StringComparison.Ordinal) && !Environment.ProcessPath.EndsWith("WuHao.Bench.exe", StringComparison.Ordinal))
            {
                start.ArgumentList.Add(typeof(Probe).Assembly.Location);
            }

            start.ArgumentList.Add("--serve");
            foreach (var (key, value) in Settings(db, keys).Append(("urls", address.ToString())).Append(("Proxy:AllowPlainHttp", "true")))
            {
                start.ArgumentList.Add($"{key}={value}");
            }

            var app = new AppProcess(Process.Start(start)!, address);
            using var health = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
            for (var wait = Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromMinutes(3); await Task.Delay(200))
            {
                if (app.process.HasExited)
                {
                    throw new InvalidOperationException($"the app exited with {app.process.ExitCode}");
                }

                try
                {
                    if ((await health.GetAsync("/healthz")).IsSuccessStatusCode)
                    {
                        return app;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException)
                {
                    // Busy starting.
                }
            }

            app.Kill();
            throw new TimeoutException("the app did not answer /healthz within 3 minutes");
        }

        public HttpClient Client(string? token = null)
        {
            var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(10) };
            if (token is not null)
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            return http;
        }

        public async Task<string> LoginAsync()
        {
            using var http = Client();
            using var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { userName = "bench", password = Password });
            login.EnsureSuccessStatusCode();
            return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        }

        /// <summary>SIGKILL on Linux and macOS: no shutdown, no flush, as a power cut or the OOM killer would.</summary>
        public void Kill()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: false);
                process.WaitForExit();
            }
        }

        public ValueTask DisposeAsync()
        {
            Kill();
            process.Dispose();
            return ValueTask.CompletedTask;
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}

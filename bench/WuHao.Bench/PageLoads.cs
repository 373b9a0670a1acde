using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace WuHao.Bench;

/// <summary>
/// Issue 14 item 1 (R-8.1): each key page as a village cadre's phone loads it on a rural link. Headless Chromium (the
/// machine's own: WUHAO_CHROMIUM, else /usr/bin/chromium) at 360 px, through Playwright's CDP session: 1.6 Mbps down,
/// 750 kbps up, 150 ms round trip (Network.emulateNetworkConditions) and a 4× slower CPU
/// (Emulation.setCPUThrottlingRate). The app is the published Release output, run as its own process, with the demo data. For each page: bytes
/// over the wire, requests that went to the network and the time to the load event, on a first load (empty cache,
/// signed in) and on a repeat load (the same tab navigates to it again). Targets: first ≤ 80 KB and ≤ 1.2 s, repeat ≤ 15 KB.
/// Run: dotnet run -c Release --project bench/WuHao.Bench -- pages [RUNS] (medians of RUNS, 3 by default); the table
/// is written to bench/results/rural-link.md.
/// </summary>
internal static class PageLoads
{
    private const double FirstKilobytes = 80;
    private const double FirstSeconds = 1.2;
    private const double RepeatKilobytes = 15;
    private const string Floor = "基线 floor (/healthz)";

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var db = Path.Combine(Path.GetTempPath(), $"wuhao-pages-{Environment.ProcessId}.db");
        try
        {
            using var app = await PublishedApp.StartAsync(db);
            var address = app.Address;
            int village;
            await using (var connection = new SqliteConnection($"Data Source={db}"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT \"Id\" FROM \"Units\" WHERE \"Name\" = '胜利嘎查'";
                village = Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            }

            (string Name, string Path, bool SignedIn)[] pages =
            [
                // The floor, measured in the same run: a few bytes of text, so its time is the emulated link and this
                // machine's load, not the app. The pages' times are also given as a multiple of it.
                (Floor, "/healthz", false),
                ("登录 login", "/Account/Login", false),
                ("首页 home", "/", true),
                ("活动列表 activities", "/Activities", true),
                ("登记活动 activity form", $"/Activities/Activity/{village}", true),
                ("五老 elders", "/Elders", true),
                ("班子 team", "/Team", true),
                ("评估 evaluation", "/Evaluation", true),
                ("验收 round", $"/Assessment/{village}", true),
            ];

            using var playwright = await Playwright.CreateAsync();
            var executable = Environment.GetEnvironmentVariable("WUHAO_CHROMIUM") is { Length: > 0 } e ? e : "/usr/bin/chromium";
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            var signedIn = await SignInAsync(browser, address);

            // Warm the server (JIT, Razor, EF) so that the figures are the page's, not the first request's.
            await using (var warm = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address.ToString(), StorageState = signedIn }))
            {
                var tab = await warm.NewPageAsync();
                foreach (var page in pages)
                {
                    await tab.GotoAsync(page.Path);
                }
            }

            var rows = new List<Row>();
            foreach (var page in pages)
            {
                var first = new List<Load>();
                var repeat = new List<Load>();
                var overFloor = new List<double>();
                for (var run = 0; run < runs; run++)
                {
                    // The floor again just before each run of a page: on a shared machine the load changes from minute to
                    // minute, and the ratio of two loads a few seconds apart says more than either time.
                    var floor = page.Name == Floor ? null : (await MeasureAsync(browser, address, pages[0].Path, null)).First;
                    var (f, r) = await MeasureAsync(browser, address, page.Path, page.SignedIn ? signedIn : null);
                    first.Add(f);
                    repeat.Add(r);
                    overFloor.Add(floor is null ? 1 : f.Milliseconds / floor.Milliseconds);
                }

                var row = new Row(page.Name, page.Path, Median(first), Median(repeat), overFloor.Order().ElementAt(overFloor.Count / 2));
                rows.Add(row);
                Console.WriteLine(Line(row));
            }

            var markdown = Report(rows, runs, browser.Version);
            var file = ResultsFile();
            await File.WriteAllTextAsync(file, markdown);
            Console.WriteLine();
            Console.WriteLine(markdown);
            Console.WriteLine($"written to {file}");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { db, db + "-wal", db + "-shm" })
            {
                File.Delete(f);
            }
        }
    }

    /// <summary>Signs in as the demo village cadre through the login page; the cookies are handed to each measured context.</summary>
    private static async Task<string> SignInAsync(IBrowser browser, Uri address)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync("village1");
        await page.GetByLabel("密码").FillAsync("Demo@2023");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
        return await context.StorageStateAsync();
    }

    /// <summary>A fresh context (empty cache), the emulated phone and link, the page, then the same page again in the same tab.</summary>
    private static async Task<(Load First, Load Repeat)> MeasureAsync(IBrowser browser, Uri address, string path, string? state)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            StorageState = state,
            ViewportSize = new ViewportSize { Width = 360, Height = 800 },
            IsMobile = true,
            DeviceScaleFactor = 2,
            Locale = "zh-CN",
        });
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        var meter = new Meter();
        cdp.Event("Network.requestWillBeSent").OnEvent += (_, _) => meter.Requests++;
        cdp.Event("Network.requestServedFromCache").OnEvent += (_, _) => meter.FromCache++;
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) => meter.Bytes += e?.GetProperty("encodedDataLength").GetDouble() ?? 0;
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = 150,
            ["downloadThroughput"] = 1_600_000 / 8,
            ["uploadThroughput"] = 750_000 / 8,
        });
        await cdp.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = 4 });

        var first = await LoadAsync(page, path, meter);
        if (Trace)
        {
            Console.WriteLine(await page.EvaluateAsync<string>(Waterfall));
        }

        var repeat = await LoadAsync(page, path, meter);
        return (first, repeat);
    }

    /// <summary>`pages --trace`: each first load's waterfall, to see what the time to the load event is spent on.</summary>
    private static bool Trace => Environment.GetCommandLineArgs().Contains("--trace");

    /// <summary>The navigation's phases and each resource's start and end, in ms from the navigation's start.</summary>
    private const string Waterfall = """
        () => {
            const n = performance.getEntriesByType('navigation')[0];
            const f = x => Math.round(x);
            const lines = [location.pathname + ': first byte ' + f(n.responseStart) + ', HTML done ' + f(n.responseEnd)
                + ', interactive ' + f(n.domInteractive) + ', DOMContentLoaded ' + f(n.domContentLoadedEventEnd) + ', load ' + f(n.loadEventEnd)];
            for (const r of performance.getEntriesByType('resource'))
                lines.push('   ' + r.name.replace(location.origin, '') + ' ' + r.initiatorType + ' ' + f(r.startTime) + ' → ' + f(r.responseStart) + ' → ' + f(r.responseEnd) + ' (' + r.transferSize + ' B)');
            return lines.join('\n');
        }
        """;

    private static async Task<Load> LoadAsync(IPage page, string path, Meter meter)
    {
        meter.Reset();
        var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
        if (response is null || !response.Ok)
        {
            throw new InvalidOperationException($"{path}: {response?.Status}");
        }

        // Late requests (none expected) still count: give them a moment.
        await page.WaitForTimeoutAsync(500);
        var loadEvent = await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].loadEventEnd");
        return new Load(meter.Bytes, meter.Requests - meter.FromCache, loadEvent);
    }

    private static Load Median(List<Load> loads) => new(
        loads.Select(l => l.Bytes).Order().ElementAt(loads.Count / 2),
        loads.Select(l => l.Requests).Order().ElementAt(loads.Count / 2),
        loads.Select(l => l.Milliseconds).Order().ElementAt(loads.Count / 2));

    private static string Line(Row r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Name,-24} first {r.First.Bytes / 1024,6:0.0} KB {r.First.Requests,3} req {r.First.Milliseconds / 1000,5:0.00} s ×{r.OverFloor:0.0} floor   repeat {r.Repeat.Bytes / 1024,6:0.0} KB {r.Repeat.Requests,3} req {r.Repeat.Milliseconds / 1000,5:0.00} s");

    private static string Report(List<Row> rows, int runs, string chromium)
    {
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine("# Key pages on a rural link (issue 14, R-8.1)");
        s.AppendLine();
        s.AppendLine(inv, $"- Measured: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {Git("rev-parse --short HEAD")}{(Git("status --porcelain").Length > 0 ? " (with uncommitted changes)" : "")}");
        s.AppendLine(inv, $"- Machine: {Machine()}; Chromium {chromium}; .NET {Environment.Version}; load average at the end {LoadAverage()}");
        s.AppendLine("- Emulation: 360 px phone, 1.6 Mbps down / 750 kbps up / 150 ms RTT (Network.emulateNetworkConditions), CPU 4× slower (Emulation.setCPUThrottlingRate)");
        s.AppendLine(inv, $"- App: published Release output (`dotnet publish -c Release`), Production, demo data, signed in as village1 (胜利嘎查) except the login page; medians of {runs} runs");
        s.AppendLine("- First load: a new browser context (empty cache). Repeat: the same tab navigates to the page again. Bytes: over the wire, headers included; requests: those that reached the network.");
        s.AppendLine(inv, $"- Targets: first ≤ {FirstKilobytes} KB and ≤ {FirstSeconds} s to the load event; repeat ≤ {RepeatKilobytes} KB");
        s.AppendLine("- Again: `dotnet run -c Release --project bench/WuHao.Bench -- pages`");
        s.AppendLine();
        s.AppendLine("- × floor: the median over the runs of the first load's time over a first load of the floor measured just before it (the link's round trips and the machine's load at that moment, without the app); the floor's row gives its own runs at the start.");
        s.AppendLine();
        s.AppendLine("| page | path | first KB | first requests | first load (s) | × floor | repeat KB | repeat requests | repeat load (s) | targets |");
        s.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in rows)
        {
            if (r.Name == Floor)
            {
                s.AppendLine(inv, $"| {r.Name} | `{r.Path}` | {r.First.Bytes / 1024:0.0} | {r.First.Requests} | {r.First.Milliseconds / 1000:0.00} | 1 | {r.Repeat.Bytes / 1024:0.0} | {r.Repeat.Requests} | {r.Repeat.Milliseconds / 1000:0.00} | baseline |");
                continue;
            }

            var missed = new[]
            {
                (r.First.Bytes / 1024 > FirstKilobytes, "first KB"),
                (r.First.Milliseconds / 1000 > FirstSeconds, "first time"),
                (r.Repeat.Bytes / 1024 > RepeatKilobytes, "repeat KB"),
            }.Where(m => m.Item1).Select(m => m.Item2).ToList();
            s.AppendLine(inv, $"| {r.Name} | `{r.Path}` | {r.First.Bytes / 1024:0.0} | {r.First.Requests} | {r.First.Milliseconds / 1000:0.00} | {r.OverFloor:0.0} | {r.Repeat.Bytes / 1024:0.0} | {r.Repeat.Requests} | {r.Repeat.Milliseconds / 1000:0.00} | {(missed.Count == 0 ? "met" : "missed: " + string.Join(", ", missed))} |");
        }

        return s.ToString();
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    internal static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {cpu ?? "unknown CPU"}, {Environment.ProcessorCount} cores";
    }

    internal static string Git(string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, WorkingDirectory = Root() };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }

    internal static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WuHao.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    private static string ResultsFile()
    {
        var folder = Path.Combine(Root(), "bench", "results");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, "rural-link.md");
    }

    private sealed class Meter
    {
        public double Bytes { get; set; }
        public int Requests { get; set; }
        public int FromCache { get; set; }

        public void Reset() => (Bytes, Requests, FromCache) = (0, 0, 0);
    }

    private sealed record Load(double Bytes, int Requests, double Milliseconds);

    /// <summary>A page's medians; <paramref name="OverFloor"/>: the median of each run's first load over the floor's first load just before it.</summary>
    private sealed record Row(string Name, string Path, Load First, Load Repeat, double OverFloor);

    /// <summary>
    /// The app as it is deployed: `dotnet publish -c Release` (the publish output holds the Brotli/gzip copies and the
    /// long-cache endpoint manifest; a build does not), run as its own process in Production with the demo data on a fresh
    /// SQLite file, plain HTTP on a local port (no TLS proxy here).
    /// </summary>
    private sealed class PublishedApp : IDisposable
    {
        private readonly Process process;

        private PublishedApp(Process process, Uri address) => (this.process, Address) = (process, address);

        public Uri Address { get; }

        public static async Task<PublishedApp> StartAsync(string db)
        {
            var output = Path.Combine(Path.GetTempPath(), $"wuhao-pages-publish-{Environment.ProcessId}");
            Console.WriteLine($"publishing the app to {output} …");
            await RunAsync("dotnet", ["publish", "-c", "Release", "-v", "q", "-o", output, Path.Combine(Root(), "src", "WuHao.Web")]);
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet", [Path.Combine(output, "WuHao.Web.dll")])
            {
                WorkingDirectory = output, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            start.Environment["Database__Provider"] = "Sqlite";
            start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={db}";
            start.Environment["Database__MigrateOnStart"] = "true";
            start.Environment["Demo__Seed"] = "true";
            start.Environment["Proxy__AllowPlainHttp"] = "true";
            start.Environment["Keys__Directory"] = Path.Combine(output, "keys");
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var address = new Uri($"http://127.0.0.1:{port}/");
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
            for (var i = 0; i < 600; i++)
            {
                try
                {
                    if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                    {
                        return new PublishedApp(process, address);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // not listening yet, or busy migrating and seeding
                }

                if (process.HasExited)
                {
                    throw new InvalidOperationException($"the app stopped ({process.ExitCode})");
                }

                await Task.Delay(500);
            }

            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("the app did not answer /healthz in 5 minutes");
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static async Task RunAsync(string file, string[] arguments)
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments))!;
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode})");
            }
        }
    }
}

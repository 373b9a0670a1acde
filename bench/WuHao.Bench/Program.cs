using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Units;

namespace WuHao.Bench;

// Benchmark of the 五老 roster import (R-7.3): 10,000 rows through the real API (multipart upload, MiniExcel, the
// collection's validator and duplicate rule, the bulk writer with its change log, one transaction), against a
// baseline measured in the same run: the same file read with MiniExcel alone plus a plain batched INSERT of the
// same rows. Each measurement runs in a fresh child process with the same start-up (app host, migrated database),
// so time and peak memory are the operation's own. Run: dotnet run -c Release --project bench/WuHao.Bench [-- ROWS RUNS]
// The page loads on a rural link (issue 14): `-- pages`, see PageLoads.
internal static class Bench
{
    public static async Task<int> Main(string[] args) => args switch
    {
        ["--child", var mode, var file] => await Child.RunAsync(mode, file),
        ["--serve", .. var settings] => Probe.Serve(settings),
        ["probe", .. var rest] => await Probe.RunAsync(rest),
        ["pages", ..] => await PageLoads.RunAsync(args),
        ["scale", .. var rest] => await Scale.RunAsync(rest),
        ["load", .. var rest] => await Load.RunAsync(rest),
        ["all", .. var rest] => await AllAsync(rest),
        _ => await Parent.RunAsync(args),
    };

    /// <summary>
    /// Issue 12's figures in one command: the scale bench with the options given (sizes, engines, runs; the roster import
    /// included), then the load bench on the same engines at its own size. Fails if either does.
    /// </summary>
    private static async Task<int> AllAsync(string[] args)
    {
        var scale = await Scale.RunAsync(args);
        var load = await Load.RunAsync(["--engines", Scale.Option(args, "--engines", "sqlite,postgres")]);
        return Math.Max(scale, load);
    }
}

internal static class Parent
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var file = Path.Combine(Path.GetTempPath(), $"wuhao-bench-{Environment.ProcessId}.xlsx");
        RosterFile.Write(file, rows);
        Console.WriteLine($"{rows:N0} 五老 rows, {new FileInfo(file).Length / 1024.0:0} KB; {runs} runs of each, alternating; medians.");
        var results = new Dictionary<string, List<Measurement>> { ["baseline"] = [], ["import"] = [] };
        try
        {
            for (var run = 0; run < runs; run++)
            {
                foreach (var mode in new[] { "baseline", "import" })
                {
                    var m = await ChildAsync(mode, file);
                    results[mode].Add(m);
                    Console.WriteLine($"  run {run + 1} {mode,-8} {m.Milliseconds,7:0} ms  peak +{m.PeakMegabytes,6:0.0} MB  allocated {m.AllocatedMegabytes,7:0.0} MB  rows {m.Rows}");
                }
            }
        }
        finally
        {
            File.Delete(file);
        }

        var b = Median(results["baseline"]);
        var i = Median(results["import"]);
        Console.WriteLine();
        Console.WriteLine("                 time (ms)   peak memory (MB over start)   allocated (MB)");
        Console.WriteLine($"baseline      {b.Milliseconds,12:0} {b.PeakMegabytes,29:0.0} {b.AllocatedMegabytes,16:0.0}");
        Console.WriteLine($"import        {i.Milliseconds,12:0} {i.PeakMegabytes,29:0.0} {i.AllocatedMegabytes,16:0.0}");
        Console.WriteLine($"ratio         {i.Milliseconds / b.Milliseconds,11:0.00}x {i.PeakMegabytes / b.PeakMegabytes,28:0.00}x {i.AllocatedMegabytes / b.AllocatedMegabytes,15:0.00}x   (target <= 2x)");
        return 0;
    }

    internal static Measurement Median(List<Measurement> list) => new(
        list.Select(m => m.Milliseconds).Order().ElementAt(list.Count / 2),
        list.Select(m => m.PeakMegabytes).Order().ElementAt(list.Count / 2),
        list.Select(m => m.AllocatedMegabytes).Order().ElementAt(list.Count / 2),
        list[0].Rows);

    internal static async Task<Measurement> ChildAsync(string mode, string file)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--child", mode, file })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"{mode} failed ({process.ExitCode}): {output}\n{error}");
        }

        return JsonSerializer.Deserialize<Measurement>(line)!;
    }
}

internal sealed record Measurement(double Milliseconds, double PeakMegabytes, double AllocatedMegabytes, int Rows);

/// <summary>A roster as a township would send it: the template's columns, dates as date cells, a few who left.</summary>
internal static class RosterFile
{
    public static readonly string[] Categories = ["老干部", "老战士", "老专家", "老教师", "老模范", "其他"];

    public static void Write(string path, int rows) => File.WriteAllBytes(path, Bytes(rows));

    public static byte[] Bytes(int rows)
    {
        var random = new Random(2023);
        string[] surnames = ["白", "包", "王", "李", "张", "刘", "韩", "赵", "宝", "吴", "陈", "孟"];
        var data = Enumerable.Range(1, rows).Select(i =>
        {
            var left = i % 10 == 0;
            return new Dictionary<string, object?>
            {
                ["姓名"] = $"{surnames[i % surnames.Length]}老{i}",
                ["性别"] = i % 3 == 0 ? "女" : "男",
                ["民族"] = i % 2 == 0 ? "蒙古族" : "汉族",
                ["出生日期"] = new DateTime(1940, 1, 1).AddDays(random.Next(9000)),
                ["政治面貌"] = i % 4 == 0 ? "群众" : "中共党员",
                ["联系电话"] = $"139{random.Next(10000000, 99999999)}",
                ["类别"] = Categories[i % Categories.Length],
                ["原工作单位"] = "科左中旗某单位",
                ["原职务"] = "干部",
                ["特长"] = "宣讲、调解",
                ["健康状况"] = "良好",
                ["加入日期"] = new DateTime(2015, 1, 1).AddDays(random.Next(3000)),
                ["状态"] = left ? "退出" : "在册",
                ["状态日期"] = left ? new DateTime(2024, 6, 30) : null,
                ["备注"] = null,
            };
        }).ToList();
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, data, sheetName: "五老名册");
        return stream.ToArray();
    }
}

internal static class Child
{
    public static async Task<int> RunAsync(string mode, string file)
    {
        var db = Path.Combine(Path.GetTempPath(), $"wuhao-bench-{Environment.ProcessId}.db");
        try
        {
            await using var app = new BenchApp(db);
            var (unitId, warmUnitId, token) = await app.PrepareAsync();
            var client = app.CreateHttpsClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var bytes = await File.ReadAllBytesAsync(file);

            // Warm up the measured path (JIT, EF model, MiniExcel) on a small file into another unit, as a running
            // server would be after its first import.
            var warm = RosterFile.Bytes(200);
            _ = mode switch
            {
                "import" => await ImportAsync(client, warmUnitId, warm),
                _ => Baseline(db, warmUnitId, warm),
            };

            // Settle: the same warm-up in both modes, then measure from a collected heap.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var sampler = new PeakSampler();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var rows = mode switch
            {
                "import" => await ImportAsync(client, unitId, bytes),
                _ => Baseline(db, unitId, bytes),
            };
            clock.Stop();
            var peak = sampler.Stop();
            var measured = new Measurement(clock.Elapsed.TotalMilliseconds, peak / 1024.0 / 1024.0,
                (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / 1024.0, rows);
            Console.WriteLine(JsonSerializer.Serialize(measured));
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

    private static async Task<int> ImportAsync(HttpClient client, int unitId, byte[] bytes)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(content, "file", "五老名册.xlsx");
        var response = await client.PostAsync($"/api/v1/units/{unitId}/elders/import", form);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"import failed: {(int)response.StatusCode} {body[..Math.Min(2000, body.Length)]}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("imported").GetInt32();
    }

    /// <summary>
    /// MiniExcel alone, and a plain batched INSERT of the same rows into the same table: one prepared statement,
    /// a transaction per 1,000 rows (on SQLite, in process, that beats multi-row statements of many parameters).
    /// </summary>
    private static int Baseline(string db, int unitId, byte[] bytes)
    {
        const int batch = 1000;
        string[] columns = ["UnitId", "Name", "Gender", "Ethnicity", "BirthDate", "PoliticalStatus", "Phone", "Category", "FormerUnit", "FormerPost",
            "Specialties", "Health", "JoinDate", "Note", "Version", "CreatedAt", "UpdatedAt"];
        using var connection = new SqliteConnection($"Data Source={db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO \"Elders\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})";
        var parameters = columns.Select(c => command.Parameters.Add("@" + c, SqliteType.Text)).ToArray();
        var now = DateTimeOffset.UtcNow.UtcTicks;
        var tx = connection.BeginTransaction();
        command.Transaction = tx;
        command.Prepare();
        var count = 0;
        using var stream = new MemoryStream(bytes);
        foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: true))
        {
            object?[] values = [unitId, row["姓名"], row["性别"], row["民族"], Date(row["出生日期"]), row["政治面貌"], row["联系电话"]?.ToString(), row["类别"],
                row["原工作单位"], row["原职务"], row["特长"], row["健康状况"], Date(row["加入日期"]), row["备注"], 1, now, now];
            for (var c = 0; c < values.Length; c++)
            {
                parameters[c].Value = values[c] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
            if (++count % batch == 0)
            {
                tx.Commit();
                tx.Dispose();
                tx = connection.BeginTransaction();
                command.Transaction = tx;
            }
        }

        tx.Commit();
        tx.Dispose();
        return count;
    }

    private static string? Date(object? value) => value is DateTime t ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
}

/// <summary>The real app on a fresh SQLite file: a banner with two villages (one to warm up on) and a banner account; rows limit raised.</summary>
internal sealed class BenchApp(string db, params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
{
    private const string Password = "Bench@2024x";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={db}");
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Excel:MaxRows", "20000");
        builder.UseSetting("Excel:MaxBytes", (20 * 1024 * 1024).ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        Configure?.Invoke(builder);
    }

    /// <summary>More host set-up of a bench's own, after the settings (the load bench's bare endpoint).</summary>
    public Action<IWebHostBuilder>? Configure { get; init; }

    /// <summary>As a browser behind the TLS proxy would call it: outside Development plain HTTP is refused.</summary>
    /// <summary>An HTTPS client of the in-process app; slow answers (a league's dashboard computed cold) are waited for, not cut at 100 s.</summary>
    public HttpClient CreateHttpsClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        client.Timeout = TimeSpan.FromMinutes(15);
        return client;
    }

    public async Task<(int UnitId, int WarmUnitId, string Token)> PrepareAsync()
    {
        int unitId;
        int warmUnitId;
        int bannerId;
        await using (var scope = Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var banner = new OrgUnit { Code = "B", Name = "测试旗", Type = UnitType.Banner };
            await UnitTree.AddAsync(context, banner, null);
            var village = new OrgUnit { Code = "V", Name = "测试嘎查", Type = UnitType.Village };
            await UnitTree.AddAsync(context, village, banner);
            unitId = village.Id;
            var warmVillage = new OrgUnit { Code = "W", Name = "预热嘎查", Type = UnitType.Village };
            await UnitTree.AddAsync(context, warmVillage, banner);
            warmUnitId = warmVillage.Id;
            bannerId = banner.Id;
        }

        return (unitId, warmUnitId, await LoginAsync(bannerId));
    }

    /// <summary>
    /// An account (a banner account unless <paramref name="role"/> says) on <paramref name="unitId"/>, logged in through the
    /// API (through <paramref name="client"/> when given, e.g. on a real server): its bearer token.
    /// </summary>
    public async Task<string> LoginAsync(int unitId, string role = Roles.Banner, string userName = "bench", HttpClient? client = null)
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = userName, DisplayName = userName, UnitId = unitId, CreatedAt = DateTimeOffset.UtcNow };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, role);
        }

        client ??= CreateHttpsClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = Password });
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}

/// <summary>Samples the process's working set every few milliseconds; the peak over the start is the operation's memory.</summary>
internal sealed class PeakSampler : IDisposable
{
    private readonly long start = Environment.WorkingSet;
    private readonly CancellationTokenSource stop = new();
    private readonly Thread thread;
    private long peak;

    public PeakSampler()
    {
        peak = start;
        thread = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, Environment.WorkingSet);
                Thread.Sleep(2);
            }
        }) { IsBackground = true };
        thread.Start();
    }

    /// <summary>Bytes of the peak working set over the working set at start.</summary>
    public long Stop()
    {
        stop.Cancel();
        thread.Join();
        return Math.Max(peak, Environment.WorkingSet) - start;
    }

    public void Dispose() => stop.Dispose();
}

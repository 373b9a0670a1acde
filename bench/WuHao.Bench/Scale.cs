using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Cli.Generator;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;
using WuHao.Web.Features.Indicators;

namespace WuHao.Bench;

/// <summary>
/// The scale bench (issue 12 part 2, R-8.3): for each engine and size, a region made by the generator service, then the
/// app's own code path timed (warm, median of several runs) for one unit's evaluation, the banner's evaluation matrix,
/// the banner dashboard and a township's summary .xlsx; the evaluation and the matrix each against a hand-written SQL
/// query that computes the same numbers on the same database, scored by the rule arithmetic written plainly here, and
/// checked equal (exit 1 if not). Run: dotnet run -c Release --project bench/WuHao.Bench -- scale [--villages 50,500]
/// [--engines sqlite,postgres] [--runs 5].
/// </summary>
internal static class Scale
{
    private const double RatioTarget = 1.5, SlopeTarget = 1.0;

    /// <summary>
    /// The bench's own indicator system: count rules on plain record counts, which the hand-written SQL can compute
    /// without the app's code. Published, owned by nobody, for villages; the app and the bench score the same rules.
    /// </summary>
    private static readonly (string Code, string Measure, decimal Points, int Min, decimal Deduct)[] Rules =
    [
        ("1", "activities", 30, 50, 0.5m),
        ("2", "activityMonths", 20, 12, 2),
        ("3", "partyMeetings", 20, 10, 2),
        ("4", "studySessions", 10, 4, 2.5m),
        ("5", "trainings", 10, 1, 10),
        ("6", "deeds", 10, 1, 10),
    ];

    private const decimal PassScore = 85;

    public static async Task<int> RunAsync(string[] args)
    {
        var villages = Option(args, "--villages", "50,500").Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var engines = Option(args, "--engines", "sqlite,postgres").Split(',');
        var runs = int.Parse(Option(args, "--runs", "5"), CultureInfo.InvariantCulture);
        PerMeasure = args.Contains("--per-measure");
        var results = new List<Row>();
        var failed = false;
        foreach (var engine in engines)
        {
            foreach (var n in villages)
            {
                try
                {
                    results.AddRange(await MeasureAsync(engine, n, runs));
                }
                catch (MismatchException e)
                {
                    Console.Error.WriteLine($"MISMATCH on {engine}, {n} villages: {e.Message}");
                    failed = true;
                }
            }
        }

        if (!args.Contains("--no-import"))
        {
            results.Add(await ImportAsync(10_000, 3));
        }

        var report = Report(results, villages, runs) + ShardReport.Markdown();
        Console.WriteLine();
        Console.WriteLine(report);
        var folder = Path.Combine(PageLoads.Root(), "bench", "results");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "latest.md"), report);
        Console.WriteLine($"written to {Path.Combine(folder, "latest.md")}");
        return failed ? 1 : 0;
    }

    /// <summary>One timed operation at one size on one engine; Hand is null where the bench has no hand-written query for it.</summary>
    private sealed record Row(string Engine, int Villages, string Operation, double AppMs, double? HandMs, string Note);

    private sealed class MismatchException(string message) : Exception(message);

    private static async Task<IReadOnlyList<Row>> MeasureAsync(string engine, int villages, int runs)
    {
        var sqliteFile = Path.Combine(Path.GetTempPath(), $"wuhao-scale-{Environment.ProcessId}-{villages}.db");
        var settings = await SettingsAsync(engine, $"wuhao_scale_{villages}");
        runs = villages >= 5000 ? Math.Min(runs, 3) : runs;
        try
        {
            await using var app = new BenchApp(sqliteFile, settings);
            var region = await GenerateAsync(app, engine, villages);
            var (benchSystemId, templateId, villageId, villageType) = await PrepareAsync(app);
            var root = region.RootId;
            var township = region.TownshipIds[0];
            var client = app.CreateHttpsClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.LoginAsync(root));
            var year = DateTime.Today.Year;
            var postgres = engine == "postgres";

            async Task<(UnitHeader Unit, IndicatorSystemRecord System, Evaluations Evaluations, AsyncServiceScope Scope)> Open(int unitId, int systemId)
            {
                var scope = app.Services.CreateAsyncScope();
                var evaluations = scope.ServiceProvider.GetRequiredService<Evaluations>();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var header = (await evaluations.HeaderAsync(unitId, default))!;
                var system = await db.IndicatorSystems.AsNoTracking().SingleAsync(s => s.Id == systemId);
                return (header, system, evaluations, scope);
            }

            if (PerMeasure)
            {
                await PerMeasureAsync(app, root, templateId, year);
                return [];
            }

            // The app's numbers and the hand-written query's, compared before anything is timed.
            Dictionary<int, decimal[]> appUnit = [], appMatrix = [];
            await Run(async () => appUnit = await AppScoresAsync(Open, villageId, benchSystemId, year, matrix: false));
            await Run(async () => appMatrix = await AppScoresAsync(Open, root, benchSystemId, year, matrix: true));
            var handUnit = await HandScoresAsync(app, postgres, year, villageId, null, villageType);
            var rootPath = await PathAsync(app, root);
            var handMatrix = await HandScoresAsync(app, postgres, year, null, rootPath, villageType);
            Compare("one unit's evaluation", appUnit, handUnit);
            Compare("banner matrix", appMatrix, handMatrix);
            Console.WriteLine($"  checked: {handMatrix.Count} villages, {Rules.Length} indicators each, app = hand-written SQL");

            var rows = new List<Row>
            {
                new(engine, villages, "one unit's evaluation", await TimeAsync(runs, () => AppScoresAsync(Open, villageId, benchSystemId, year, matrix: false), own: true),
                    await TimeAsync(runs, () => HandScoresAsync(app, postgres, year, villageId, null, villageType), own: true), "bench system, 6 count rules"),
                new(engine, villages, "banner evaluation matrix", await TimeAsync(runs, () => AppScoresAsync(Open, root, benchSystemId, year, matrix: true), own: true),
                    await TimeAsync(runs, () => HandScoresAsync(app, postgres, year, null, rootPath, villageType), own: true), $"bench system, {handMatrix.Count} villages"),
                new(engine, villages, "one unit's evaluation (shipped template)", await TimeAsync(runs, () => AppScoresAsync(Open, villageId, templateId, year, matrix: false), own: true), null, "all measures of village.json"),
                new(engine, villages, "banner evaluation matrix (shipped template)", await TimeAsync(runs, () => AppScoresAsync(Open, root, templateId, year, matrix: true), own: true), null, "all measures of village.json"),
                new(engine, villages, "banner dashboard (API)", await TimeAsync(runs, () => GetAsync(client, $"/api/v1/units/{root}/dashboard?year={year}&systemId={templateId}")), null, "shipped template, HTTP in process"),
                new(engine, villages, "township summary .xlsx (API)", await TimeAsync(runs, () => GetAsync(client, $"/api/v1/units/{township}/summary?year={year}&systemId={templateId}")), null, "shipped template, HTTP in process"),
            };
            // The largest export: the banner's summary, one warm run, then one run with the peak working set sampled.
            var bannerSummary = $"/api/v1/units/{root}/summary?year={year}&systemId={templateId}";
            await GetAsync(client, bannerSummary);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using (var sampler = new PeakSampler())
            {
                var clock = Stopwatch.StartNew();
                var bytes = await GetAsync(client, bannerSummary);
                var ms = clock.Elapsed.TotalMilliseconds;
                var peak = sampler.Stop() / 1024.0 / 1024.0;
                rows.Add(new(engine, villages, "banner summary .xlsx (API)", ms, null,
                    string.Create(CultureInfo.InvariantCulture, $"one run; {bytes / 1024:N0} KB; peak working set +{peak:0} MB over the start (in process; target < 300 MB)")));
            }

            await ShardReport.DashboardAsync(app, engine, villages, root, client, year, templateId);

            // Peak memory of the largest export and of the acceptance package in a child process of their own (the in-process
            // app is stopped first, so that its package worker does not take the job).
            await app.DisposeAsync();
            rows.AddRange(await ChildPeaksAsync(engine, villages, sqliteFile, settings, root, township, year, templateId));

            foreach (var r in rows)
            {
                Console.WriteLine($"  {r.Operation,-44} app {r.AppMs,9:0.0} ms" + (r.HandMs is { } h ? $"   hand SQL {h,8:0.0} ms   ratio {r.AppMs / h,5:0.00}x" : ""));
            }

            return rows;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
            {
                File.Delete(f);
            }
        }
    }

    private static async Task Run(Func<Task> action) => await action();

    /// <summary>
    /// The roster import of <paramref name="rows"/> rows through the API against MiniExcel plus a batched INSERT of the same
    /// rows (the default mode of this bench, see <see cref="Parent"/>): each in a fresh child process, alternating, medians.
    /// </summary>
    private static async Task<Row> ImportAsync(int rows, int runs)
    {
        var file = Path.Combine(Path.GetTempPath(), $"wuhao-scale-import-{Environment.ProcessId}.xlsx");
        RosterFile.Write(file, rows);
        try
        {
            List<Measurement> baseline = [], import = [];
            for (var run = 0; run < runs; run++)
            {
                baseline.Add(await Parent.ChildAsync("baseline", file));
                import.Add(await Parent.ChildAsync("import", file));
                Console.WriteLine($"  import run {run + 1}: baseline {baseline[^1].Milliseconds:0} ms, import {import[^1].Milliseconds:0} ms");
            }

            var (b, i) = (Parent.Median(baseline), Parent.Median(import));
            return new("sqlite", 0, string.Create(CultureInfo.InvariantCulture, $"{rows:N0}-row roster import (API)"), i.Milliseconds, b.Milliseconds,
                string.Create(CultureInfo.InvariantCulture,
                    $"hand = MiniExcel read + batched INSERT; median of {runs}, each in a fresh child process; peak +{i.PeakMegabytes:0} MB (baseline +{b.PeakMegabytes:0} MB)"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// The banner summary .xlsx and a township's acceptance package, each through the API of the app started as a child
    /// process on the same database: time, and the child's peak resident set (VmHWM) after each (target &lt; 300 MB).
    /// </summary>
    private static async Task<IReadOnlyList<Row>> ChildPeaksAsync(
        string engine, int villages, string sqliteFile, (string, string)[] settings, int root, int township, int year, int templateId)
    {
        (string, string)[] own = engine == "sqlite"
            ? [("Database:Provider", "Sqlite"), ("ConnectionStrings:Sqlite", $"Data Source={sqliteFile}")]
            : [];
        await using var child = await ChildApp.StartAsync([.. settings, .. own, ("Demo:Seed", "false"), ("Logging:LogLevel:Default", "Warning")]);
        using var client = await child.ClientAsync();
        var started = child.PeakMegabytes();
        var clock = Stopwatch.StartNew();
        var bytes = await GetAsync(client, $"/api/v1/units/{root}/summary?year={year}&systemId={templateId}");
        var summaryMs = clock.Elapsed.TotalMilliseconds;
        var afterSummary = child.PeakMegabytes();
        clock.Restart();
        var package = await PackageAsync(client, township, year);
        var packageMs = clock.Elapsed.TotalMilliseconds;
        var afterPackage = child.PeakMegabytes();
        string Note(double peak) => string.Create(CultureInfo.InvariantCulture,
            $"peak RSS of the app process {peak:0} MB (VmHWM; {started:0} MB after start-up and login){(peak < 300 ? "" : " — over 300 MB")}");
        return
        [
            new(engine, villages, "banner summary .xlsx (child process, cold)", summaryMs, null,
                string.Create(CultureInfo.InvariantCulture, $"first request; {bytes / 1024:N0} KB; ") + Note(afterSummary)),
            new(engine, villages, "township acceptance package (child process)", packageMs, null, package + "; " + Note(afterPackage)),
        ];
    }

    /// <summary>With --per-measure: no report, each measure of the shipped template timed alone for the banner's villages (finds the slow one).</summary>
    private static bool PerMeasure;

    private static async Task PerMeasureAsync(BenchApp app, int root, int templateId, int year)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var evaluations = scope.ServiceProvider.GetRequiredService<Evaluations>();
        var team = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<TeamOptions>>().Value;
        var record = await db.IndicatorSystems.AsNoTracking().SingleAsync(s => s.Id == templateId);
        var prefix = (await evaluations.HeaderAsync(root, default))!.Path;
        var units = db.Units.Where(u => u.Path.StartsWith(prefix) && u.Type == UnitType.Village);
        var headers = await units.Select(u => new UnitHeader(u.Id, u.Name, u.Type, u.Path, u.ParentId, new DateOnly(2000, 1, 1))).ToListAsync();
        foreach (var key in Evaluations.Definition(record).MeasureKeys())
        {
            await MeasureQueries.FetchAsync(db, units.Select(u => u.Id), headers, [key], year, DateOnly.FromDateTime(DateTime.Today), team, default);
            var clock = Stopwatch.StartNew();
            await MeasureQueries.FetchAsync(db, units.Select(u => u.Id), headers, [key], year, DateOnly.FromDateTime(DateTime.Today), team, default);
            Console.WriteLine($"  {clock.Elapsed.TotalMilliseconds,9:0.0} ms  {key.Measure} {key.Aspect} years {key.YearsBack} filter [{string.Join("; ", key.Filter.Fields.Select(f => f.Key + "=" + string.Join(",", f.Value)))}]");
        }
    }

    /// <summary>The app's settings for an engine: SQLite on the bench's file, or a fresh database on the throwaway PostgreSQL cluster.</summary>
    internal static async Task<(string, string)[]> SettingsAsync(string engine, string database)
    {
        // Evaluation:Cache off: the app/hand ratios compare cold evaluations (the per-unit cache would answer from its table).
        (string, string)[] quiet = [("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None"), ("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "None"),
            ("Evaluation:Cache", "false")];
        return engine switch
        {
            "sqlite" => quiet,
            "postgres" => [.. quiet, ("Database:Provider", "PostgreSQL"), ("ConnectionStrings:PostgreSQL", await PostgresCluster.CreateDatabaseAsync(database))],
            _ => throw new ArgumentException($"unknown engine {engine}: sqlite or postgres"),
        };
    }

    /// <summary>Starts the host (migrations, key ring, roles) and makes a region of one year with the generator service.</summary>
    internal static async Task<GenerateSummary> GenerateAsync(BenchApp app, string engine, int villages)
    {
        _ = app.Services;
        var clock = Stopwatch.StartNew();
        await using var scope = app.Services.CreateAsyncScope();
        var generator = ActivatorUtilities.CreateInstance<RegionGenerator>(scope.ServiceProvider);
        var region = await generator.GenerateAsync(new GenerateOptions(villages, 1, 1));

        // Planner statistics, as PostgreSQL's autovacuum gathers them a little after a bulk load (and as a SQLite
        // deployment's maintenance would): without them PostgreSQL plans the freshly COPYed tables blind.
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("ANALYZE");
        Console.WriteLine($"{engine}, {villages} villages: generated {region.Rows.Values.Sum():N0} rows in {clock.Elapsed.TotalSeconds:0.0} s");
        return region;
    }

    /// <summary>
    /// The time of the last evaluation or hand-written query alone: from the call with the unit and the system in hand
    /// (as a request has them after its scope checks) to the scores, not the scope's set-up nor loading the unit's row.
    /// </summary>
    private static double lastMs;

    /// <summary>Warm-up run, then the median of <paramref name="runs"/> timed runs, in milliseconds.</summary>
    private static async Task<double> TimeAsync<T>(int runs, Func<Task<T>> action, bool own = false)
    {
        await action();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await action();
            times.Add(own ? lastMs : clock.Elapsed.TotalMilliseconds);
        }

        return times.Order().ElementAt(times.Count / 2);
    }

    private static async Task<long> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await using var body = await response.Content.ReadAsStreamAsync();
        var counter = new CountingStream();
        await body.CopyToAsync(counter);
        return counter.Length;
    }

    /// <summary>Starts the township's package job and polls it (at most 5 minutes): its end state, units done of all, and the zip's size.</summary>
    private static async Task<string> PackageAsync(HttpClient client, int township, int year)
    {
        var url = $"/api/v1/units/{township}/package?year={year}";
        using (var started = await client.PostAsync(url, null))
        {
            if (!started.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{url}: {(int)started.StatusCode} {await started.Content.ReadAsStringAsync()}");
            }
        }

        for (var wait = Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromMinutes(5); await Task.Delay(1000))
        {
            using var poll = await client.GetAsync(url);
            if (poll.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
            {
                continue; // the API's rate limit: poll again later
            }

            var status = System.Text.Json.JsonDocument.Parse(await poll.Content.ReadAsStringAsync()).RootElement;
            var state = status.GetProperty("state").GetString();
            if (state is "finished" or "failed")
            {
                var size = state == "finished" ? await GetAsync(client, $"/api/v1/units/{township}/package/file?year={year}") : 0;
                return string.Create(CultureInfo.InvariantCulture, $"{state}, {status.GetProperty("done")}/{status.GetProperty("total")} units, {size / 1024:N0} KB zip");
            }
        }

        throw new TimeoutException("the package job did not end within 5 minutes");
    }

    /// <summary>The app's scores per unit per indicator, through Evaluations (the path every page and API takes), in a fresh scope as a request would.</summary>
    private static async Task<Dictionary<int, decimal[]>> AppScoresAsync(
        Func<int, int, Task<(UnitHeader Unit, IndicatorSystemRecord System, Evaluations Evaluations, AsyncServiceScope Scope)>> open,
        int unitId, int systemId, int year, bool matrix)
    {
        var (unit, system, evaluations, scope) = await open(unitId, systemId);
        await using (scope)
        {
            var clock = Stopwatch.StartNew();
            IReadOnlyList<UnitEvaluation> list = matrix
                ? await evaluations.MatrixAsync(unit, system, year, default)
                : [await evaluations.EvaluateAsync(unit, system, year, withRecords: false, default)];
            lastMs = clock.Elapsed.TotalMilliseconds;
            return list.ToDictionary(e => e.Unit.Id,
                e => e.Evaluation.Sections.SelectMany(s => s.Indicators).Select(i => i.Score ?? -1).Append(e.Evaluation.Total).ToArray());
        }
    }

    /// <summary>
    /// The same numbers by hand: one plain SQL query counting each measure per unit for the year (correlated counts on
    /// the unit-and-date indexes), then each count rule's arithmetic written out: full points when the count reaches
    /// the minimum, else points − deduct × shortfall, not below 0, rounded to 0.01; the total is their sum.
    /// </summary>
    private static async Task<Dictionary<int, decimal[]>> HandScoresAsync(BenchApp app, bool postgres, int year, int? unitId, string? pathPrefix, string villageType)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetDbConnection();
        var clock = Stopwatch.StartNew();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var month = postgres ? "date_trunc('month', a.\"Date\")" : "substr(a.\"Date\", 1, 7)";
        string Count(string table) =>
            $"(SELECT COUNT(*) FROM \"{table}\" t WHERE t.\"UnitId\" = u.\"Id\" AND t.\"Date\" >= @from AND t.\"Date\" <= @to)";
        command.CommandText = $"""
            SELECT u."Id",
                   {Count("Activities")},
                   (SELECT COUNT(DISTINCT {month}) FROM "Activities" a WHERE a."UnitId" = u."Id" AND a."Date" >= @from AND a."Date" <= @to),
                   {Count("PartyMeetings")},
                   {Count("StudySessions")},
                   {Count("Trainings")},
                   {Count("Deeds")}
            FROM "Units" u
            WHERE {(unitId is null ? "u.\"Path\" LIKE @prefix AND u.\"Type\" = @type" : "u.\"Id\" = @unit")}
            """;
        Add(command, "@from", new DateOnly(year, 1, 1));
        Add(command, "@to", new DateOnly(year, 12, 31));
        Add(command, "@unit", unitId ?? 0);
        Add(command, "@prefix", pathPrefix + "%");
        Add(command, "@type", villageType);
        var result = new Dictionary<int, decimal[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var scores = new decimal[Rules.Length + 1];
            for (var i = 0; i < Rules.Length; i++)
            {
                var (_, _, points, min, deduct) = Rules[i];
                var count = Convert.ToDecimal(reader.GetValue(i + 1), CultureInfo.InvariantCulture);
                scores[i] = count >= min ? points : Math.Round(Math.Max(0, points - deduct * (min - count)), 2, MidpointRounding.AwayFromZero);
                scores[Rules.Length] += scores[i];
            }

            result[reader.GetInt32(0)] = scores;
        }

        lastMs = clock.Elapsed.TotalMilliseconds;
        return result;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
    }

    private static void Compare(string what, Dictionary<int, decimal[]> app, Dictionary<int, decimal[]> hand)
    {
        if (app.Count != hand.Count || app.Count == 0)
        {
            throw new MismatchException($"{what}: the app scored {app.Count} units, the hand-written SQL {hand.Count}");
        }

        foreach (var (unit, scores) in app)
        {
            if (!hand.TryGetValue(unit, out var other) || !scores.SequenceEqual(other))
            {
                throw new MismatchException($"{what}, unit {unit}: app [{string.Join(", ", scores)}] vs hand-written SQL [{string.Join(", ", other ?? [])}]");
            }
        }
    }

    /// <summary>The bench system (published), the shipped village template, a village and how the database spells its type.</summary>
    private static async Task<(int BenchSystem, int Template, int Village, string VillageType)> PrepareAsync(BenchApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var json = new StringBuilder();
        json.Append("""{"code":"bench-counts","name":"基准测试指标体系","version":"1","appliesTo":["village"],"passScore":""")
            .Append(PassScore.ToString(CultureInfo.InvariantCulture)).Append(""","sections":[{"code":"1","name":"计数","indicators":[""");
        json.AppendJoin(',', Rules.Select(r => string.Create(CultureInfo.InvariantCulture,
            $$$"""{"code":"1.{{{r.Code}}}","name":"{{{r.Measure}}}","points":{{{r.Points}}},"method":"查资料","rule":{"type":"count","measure":"{{{r.Measure}}}","min":{{{r.Min}}},"deduct":{{{r.Deduct}}}}}""")));
        json.Append("]}]}");
        var system = IndicatorJson.Read(json.ToString(), out var error) ?? throw new InvalidOperationException($"bench system: {error?.Message}");
        var record = new IndicatorSystemRecord
        {
            Code = "bench-counts", Name = system.Name, Edition = "1", State = IndicatorSystemStates.Published, AppliesTo = "village",
            PassScore = PassScore, Definition = IndicatorJson.Write(system), PublishedAt = DateTimeOffset.UtcNow, PublishedBy = "bench",
        };
        db.IndicatorSystems.Add(record);
        await db.SaveChangesAsync();
        var template = await db.IndicatorSystems.Where(s => s.IsTemplate && s.AppliesTo.Contains("village")).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        var village = await db.Units.Where(u => u.Type == UnitType.Village).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Type\" FROM \"Units\" WHERE \"Id\" = " + village.ToString(CultureInfo.InvariantCulture);
        var type = (string)(await command.ExecuteScalarAsync())!;
        return (record.Id, template, village, type);
    }

    private static async Task<string> PathAsync(BenchApp app, int unitId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Units.Where(u => u.Id == unitId).Select(u => u.Path).SingleAsync();
    }

    private static string Report(List<Row> rows, int[] villages, int runs)
    {
        var s = new StringBuilder();
        s.AppendLine("# Scale bench (R-8.3, issue 12)").AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"- command: `dotnet run -c Release --project bench/WuHao.Bench -- scale --villages {string.Join(',', villages)} --engines {string.Join(',', rows.Select(r => r.Engine).Distinct())} --runs {runs}`");
        s.AppendLine(CultureInfo.InvariantCulture, $"- machine: {PageLoads.Machine()}, .NET {Environment.Version}");
        s.AppendLine(CultureInfo.InvariantCulture, $"- commit: {PageLoads.Git("rev-parse --short HEAD")}{(PageLoads.Git("status --porcelain").Length > 0 ? " (with uncommitted changes)" : "")}");
        s.AppendLine(CultureInfo.InvariantCulture, $"- load average at the end: {PageLoads.LoadAverage()}");
        s.AppendLine(CultureInfo.InvariantCulture, $"- each figure: median of {runs} warm runs (one warm-up run first); region made by the generator service, 1 year of records.");
        s.AppendLine("- hand SQL: one plain query counting each measure per unit for the year, scored by the same count rules written out in the bench; " +
                     "the bench checks every unit's per-indicator scores and total are equal before timing (exit 1 if not).");
        s.AppendLine("- evaluations are cold: the bench's app runs with `Evaluation:Cache=false`; at 5,000 villages and more, at most 3 runs per figure.");
        s.AppendLine("- child process: the app's own entry point (`--serve`, Production, Kestrel) started by the bench on the same database after the in-process app stopped; " +
                     "its peak resident set is VmHWM of /proc/<pid>/status, the high-water mark since start (the package's figure includes the summary before it).");
        s.AppendLine();
        s.AppendLine("| engine | villages | operation | app (ms) | hand SQL (ms) | app / hand (target ≤ 1.5×) | note |");
        s.AppendLine("| --- | ---: | --- | ---: | ---: | ---: | --- |");
        foreach (var r in rows)
        {
            var ratio = r.HandMs is { } h ? $"{r.AppMs / h:0.00}× {(r.AppMs / h <= RatioTarget ? "met" : "MISSED")}" : "—";
            s.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Engine} | {(r.Villages == 0 ? "—" : r.Villages.ToString("N0", CultureInfo.InvariantCulture))} | {r.Operation} | {r.AppMs:0.0} | {(r.HandMs is { } hm ? hm.ToString("0.0", CultureInfo.InvariantCulture) : "—")} | {ratio} | {r.Note} |"));
        }

        s.AppendLine();
        s.AppendLine("Scaling: exponent of time against the number of villages, log-log slope between successive sizes (target ≤ 1.0).");
        s.AppendLine();
        s.AppendLine("| engine | operation | sizes | exponent (app) | exponent (hand SQL) |");
        s.AppendLine("| --- | --- | --- | ---: | ---: |");
        foreach (var group in rows.GroupBy(r => (r.Engine, r.Operation)))
        {
            var list = group.OrderBy(r => r.Villages).ToList();
            for (var i = 1; i < list.Count; i++)
            {
                var (a, b) = (list[i - 1], list[i]);
                var slope = Slope(a.AppMs, b.AppMs, a.Villages, b.Villages);
                var hand = a.HandMs is { } ha && b.HandMs is { } hb ? Slope(ha, hb, a.Villages, b.Villages).ToString("0.00", CultureInfo.InvariantCulture) : "—";
                s.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {group.Key.Engine} | {group.Key.Operation} | {a.Villages:N0} → {b.Villages:N0} | {slope:0.00} {(slope <= SlopeTarget ? "met" : "MISSED")} | {hand} |"));
            }
        }

        return s.ToString();
    }

    private static double Slope(double t1, double t2, int n1, int n2) => Math.Log(t2 / t1) / Math.Log((double)n2 / n1);

    internal static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>A null stream that counts what is written to it.</summary>
    private sealed class CountingStream : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Position;
        public override long Position { get; set; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Position += count;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Position += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}

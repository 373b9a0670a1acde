using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Indicators;
using WuHao.Web.Infrastructure.Jobs;

namespace WuHao.Web.Features.Documents;

/// <summary>Settings of section "Packages": where finished acceptance packages are kept for a day, and how instances share the work.</summary>
public sealed class PackageOptions
{
    public const string Section = "Packages";

    /// <summary>
    /// Folder of the finished .zip files, relative to the working directory (beside the database and data/keys).
    /// With several app instances it must be one shared folder (a network volume): any instance may build a package
    /// and any other serve it.
    /// </summary>
    public string Directory { get; set; } = "data/packages";

    /// <summary>How often (real time) an instance looks for queued packages and the building one renews its lease.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an instance holds a package it builds without renewing; past it another instance takes the package over.</summary>
    public TimeSpan LeaseLength { get; set; } = TimeSpan.FromMinutes(2);

    public string Folder => Path.GetFullPath(Directory);
}

public enum PackageState
{
    Queued,
    Running,
    Finished,
    Failed,
}

/// <summary>A unit's document that could not be written, and why, in Chinese (listed in 说明.txt and on the page).</summary>
public sealed record PackageFailure(string Unit, string Document, string Reason);

/// <summary>
/// One acceptance package of a township (or banner) and year, as stored: every instance reads and claims it
/// here, so that instance B reports the job instance A builds. One row per (unit, year): a new package replaces a
/// failed or expired one.
/// </summary>
public sealed class PackageJobRecord : IBannerOwned
{
    public Guid Id { get; set; }
    public int UnitId { get; set; }
    public int BannerId { get; set; }
    public string UnitName { get; set; } = "";
    public int Year { get; set; }
    public PackageState State { get; set; }
    public int Done { get; set; }
    public int Total { get; set; }

    /// <summary>The <see cref="PackageFailure"/>s so far, as a JSON array.</summary>
    public string Failures { get; set; } = "[]";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The .zip's file name in the shared <see cref="PackageOptions.Directory"/>.</summary>
    public string File { get; set; } = "";

    /// <summary>The instance building it (<see cref="Infrastructure.Jobs.AppInstance"/>) while running.</summary>
    public string? Holder { get; set; }

    /// <summary>Until when <see cref="Holder"/> holds it; renewed while it builds.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }
}

internal sealed class PackageJobConfiguration : IEntityTypeConfiguration<PackageJobRecord>
{
    public void Configure(EntityTypeBuilder<PackageJobRecord> b)
    {
        b.ToTable("PackageJobs");
        b.HasKey(j => j.Id);
        b.Property(j => j.UnitName).HasMaxLength(200);
        b.Property(j => j.State).HasConversion<string>().HasMaxLength(16);
        b.Property(j => j.File).HasMaxLength(100);
        b.Property(j => j.Holder).HasMaxLength(AppInstance.MaxLength);
        b.HasIndex(j => new { j.UnitId, j.Year }).IsUnique();
        b.HasIndex(j => j.State);
    }
}

/// <summary>One acceptance package as the page and the API show it.</summary>
public sealed class PackageJob
{
    public required Guid Id { get; init; }
    public required int UnitId { get; init; }
    public required string UnitName { get; init; }
    public required int Year { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The .zip's full path in the shared folder.</summary>
    public required string FilePath { get; init; }

    public required PackageState State { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public int Done { get; init; }
    public int Total { get; init; }
    public IReadOnlyList<PackageFailure> Failures { get; init; } = [];

    /// <summary>A package is kept for a day after it finished; a running one does not expire.</summary>
    public DateTimeOffset? ExpiresAt => FinishedAt?.Add(PackageJobs.KeptFor);

    public string FileName => string.Create(CultureInfo.InvariantCulture, $"{UnitName}{Year}年验收材料包.zip");

    public bool Active => State is PackageState.Queued or PackageState.Running;

    public bool ExpiredAt(DateTimeOffset now) => ExpiresAt is { } expires && now >= expires;

    internal static PackageJob From(PackageJobRecord r, string folder) => new()
    {
        Id = r.Id, UnitId = r.UnitId, UnitName = r.UnitName, Year = r.Year, CreatedAt = r.CreatedAt, FilePath = Path.Combine(folder, r.File),
        State = r.State, FinishedAt = r.FinishedAt, Done = r.Done, Total = r.Total, Failures = PackageJobs.ReadFailures(r.Failures),
    };
}

/// <summary>Wakes this instance's builder at once when a package is queued here (other instances find it when they next look).</summary>
public sealed class PackageSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Dispose() => signal.Dispose();

    public void Wake()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    /// <summary>Waits for a wake-up or <paramref name="timeout"/> (real time), whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);
}

/// <summary>
/// The acceptance packages being built or kept (issue 11 item 4, R-7.1– ), in the database: one job per
/// (unit, year), with its .zip in the shared <see cref="PackageOptions.Directory"/>. A second request, on any
/// instance, while one is queued or runs, or within a day of its finishing, gets the same job; exactly one instance
/// builds a queued job (<see cref="ClaimNextAsync"/>: an atomic UPDATE).
/// </summary>
public sealed class PackageJobs(AppDbContext db, TimeProvider time, IOptions<PackageOptions> options, PackageSignal signal)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    public string Folder { get; } = options.Value.Folder;

    private IQueryable<PackageJobRecord> Jobs => db.Set<PackageJobRecord>();

    /// <summary>The queued or running job, or the finished one not yet expired, of this unit and year.</summary>
    public async Task<PackageJob?> FindAsync(int unitId, int year, CancellationToken ct = default) =>
        await RowAsync(unitId, year, ct) is { } row && PackageJob.From(row, Folder) is var job && !job.ExpiredAt(time.GetUtcNow()) ? job : null;

    private Task<PackageJobRecord?> RowAsync(int unitId, int year, CancellationToken ct) =>
        Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.UnitId == unitId && j.Year == year, ct);

    /// <summary>
    /// The job of this unit and year: the one queued, running or kept, else a new one queued (replacing a failed or
    /// expired one). Instances starting the same package at once take turns: a PostgreSQL advisory lock on (unit, year)
    /// for the transaction; SQLite's write transaction (BEGIN IMMEDIATE) is one at a time anyway.
    /// </summary>
    public async Task<PackageJob> StartAsync(UnitHeader unit, int year, CancellationToken ct = default)
    {
        string? oldFile = null;
        PackageJob job;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({unit.Id}, {year})", ct);
            }

            var existing = await RowAsync(unit.Id, year, ct);
            if (existing is not null && PackageJob.From(existing, Folder) is { State: not PackageState.Failed } kept && !kept.ExpiredAt(time.GetUtcNow()))
            {
                return kept;
            }

            if (existing is not null)
            {
                await Jobs.Where(j => j.Id == existing.Id).ExecuteDeleteAsync(ct);
                oldFile = Path.Combine(Folder, existing.File);
            }

            var id = Guid.NewGuid();
            var row = new PackageJobRecord
            {
                Id = id, UnitId = unit.Id, UnitName = unit.Name, Year = year, State = PackageState.Queued, CreatedAt = time.GetUtcNow(), File = id.ToString("N") + ".zip",
            };
            db.Add(row);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            job = PackageJob.From(row, Folder);
        }

        if (oldFile is not null)
        {
            File.Delete(oldFile);
        }

        signal.Wake();
        return job;
    }

    /// <summary>
    /// Takes the oldest queued job, or a running one whose builder's lease expired (its instance stopped or died), for
    /// <paramref name="holder"/>: one UPDATE of its row, which only one instance can win. Null when there is none.
    /// </summary>
    public async Task<PackageJob?> ClaimNextAsync(string holder, TimeSpan lease, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var candidates = await Jobs.Where(j => j.State == PackageState.Queued || (j.State == PackageState.Running && j.LeaseExpiresAt < now))
            .OrderBy(j => j.CreatedAt).Select(j => j.Id).Take(5).ToListAsync(ct);
        foreach (var id in candidates)
        {
            var until = now + lease;
            var claimed = await Jobs
                .Where(j => j.Id == id && (j.State == PackageState.Queued || (j.State == PackageState.Running && j.LeaseExpiresAt < now)))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, PackageState.Running).SetProperty(j => j.Holder, holder)
                    .SetProperty(j => j.LeaseExpiresAt, until).SetProperty(j => j.Done, 0).SetProperty(j => j.Failures, "[]"), ct);
            if (claimed == 1)
            {
                return PackageJob.From(await Jobs.AsNoTracking().SingleAsync(j => j.Id == id, ct), Folder);
            }
        }

        return null;
    }

    /// <summary>Writes the holder's progress and renews its lease; false when it is no longer the holder (taken over).</summary>
    public async Task<bool> RenewAsync(Guid id, string holder, TimeSpan lease, int done, int total, IReadOnlyList<PackageFailure> failures, CancellationToken ct)
    {
        var until = time.GetUtcNow() + lease;
        var json = WriteFailures(failures);
        return await Jobs.Where(j => j.Id == id && j.Holder == holder && j.State == PackageState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseExpiresAt, until).SetProperty(j => j.Done, done)
                .SetProperty(j => j.Total, total).SetProperty(j => j.Failures, json), ct) == 1;
    }

    /// <summary>Ends the holder's job as finished or failed (the expiry counts from now); false when it was taken over.</summary>
    public async Task<bool> EndAsync(Guid id, string holder, PackageState state, int done, int total, IReadOnlyList<PackageFailure> failures, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var json = WriteFailures(failures);
        return await Jobs.Where(j => j.Id == id && j.Holder == holder && j.State == PackageState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, state).SetProperty(j => j.FinishedAt, now).SetProperty(j => j.Holder, (string?)null)
                .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null).SetProperty(j => j.Done, done).SetProperty(j => j.Total, total)
                .SetProperty(j => j.Failures, json), ct) == 1;
    }

    /// <summary>Puts the holder's job back in the queue (its instance is stopping), so that another instance builds it at once.</summary>
    public Task<int> ReturnAsync(Guid id, string holder, CancellationToken ct) =>
        Jobs.Where(j => j.Id == id && j.Holder == holder && j.State == PackageState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, PackageState.Queued).SetProperty(j => j.Holder, (string?)null)
                .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null), ct);

    /// <summary>
    /// Forgets expired jobs and deletes their files, and any file left in the folder over a day ago that no job owns
    /// (an earlier run's, or an abandoned attempt's part file). Safe on several instances at once.
    /// </summary>
    public async Task SweepAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var cutoff = now - KeptFor;
        var expired = await Jobs.Where(j => j.FinishedAt != null && j.FinishedAt <= cutoff).Select(j => new { j.Id, j.File }).ToListAsync(ct);
        if (expired.Count > 0)
        {
            var ids = expired.Select(j => j.Id).ToList();
            await Jobs.Where(j => ids.Contains(j.Id)).ExecuteDeleteAsync(ct);
            foreach (var job in expired)
            {
                File.Delete(Path.Combine(Folder, job.File));
            }
        }

        if (!Directory.Exists(Folder))
        {
            return;
        }

        var kept = (await Jobs.Select(j => j.File).ToListAsync(ct)).Select(f => Path.Combine(Folder, f)).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Folder))
        {
            if (!kept.Contains(file) && File.GetLastWriteTimeUtc(file) < now.UtcDateTime - KeptFor)
            {
                File.Delete(file);
            }
        }
    }

    public static IReadOnlyList<PackageFailure> ReadFailures(string json) =>
        JsonSerializer.Deserialize<List<PackageFailure>>(json, JsonOptions) ?? [];

    private static string WriteFailures(IReadOnlyList<PackageFailure> failures) => JsonSerializer.Serialize(failures, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
}

/// <summary>The holder's progress on the job it builds, in memory; written to the job's row with each lease renewal.</summary>
public sealed class PackageProgress
{
    private readonly ConcurrentQueue<PackageFailure> failures = new();
    private int done;
    private int total;

    public int Done => Volatile.Read(ref done);
    public int Total => Volatile.Read(ref total);
    public IReadOnlyList<PackageFailure> Failures => [.. failures];

    public void SetTotal(int value) => Volatile.Write(ref total, value);

    public void UnitDone() => Interlocked.Increment(ref done);

    public void Fail(PackageFailure failure) => failures.Enqueue(failure);
}

/// <summary>
/// Builds queued packages one at a time, on whichever instance claims them first, and sweeps expired ones at
/// start, before each job and hourly (the hourly sweep on the instance holding the <c>package-sweep</c> lease). While it
/// builds, it renews its lease on the job every <see cref="PackageOptions.PollInterval"/> and writes its progress; if
/// another instance took the job over (the lease had expired), it stops. Every registered <see cref="IPackageDocument"/>
/// is asked for its file: an EachUnit document once per unit below (the evaluation matrix's units), in a folder named
/// after the unit; a Township document once. A document that throws is listed in 说明.txt and the rest go on. The zip is
/// written to a part file of this attempt, moved into place when complete; each document goes first to a temporary
/// file, so that a failure half-way leaves no broken entry.
/// </summary>
public sealed class PackageBuilder(
    IServiceScopeFactory scopes, PackageSignal signal, IOptions<PackageOptions> options, AppInstance instance, JobLeases leases,
    TimeProvider time, ILogger<PackageBuilder> logger) : BackgroundService
{
    public const string ReadMe = "说明.txt";
    public const string SweepLease = "package-sweep";

    private static readonly Action<ILogger, string, string, Exception?> DocumentFailed =
        LoggerMessage.Define<string, string>(LogLevel.Warning, new EventId(1, "PackageDocumentFailed"), "Package: {Document} of {Unit} failed");

    private static readonly Action<ILogger, Guid, Exception?> JobFailed =
        LoggerMessage.Define<Guid>(LogLevel.Error, new EventId(2, "PackageFailed"), "Package {Job} failed");

    private static readonly Action<ILogger, Guid, string, Exception?> JobClaimed =
        LoggerMessage.Define<Guid, string>(LogLevel.Information, new EventId(3, "PackageClaimed"), "Package {Job} claimed by {Instance}");

    private static readonly Action<ILogger, Guid, Exception?> JobLost =
        LoggerMessage.Define<Guid>(LogLevel.Warning, new EventId(4, "PackageTakenOver"), "Package {Job} was taken over by another instance; this one stops building it");

    private PackageOptions Options => options.Value;
    private string Folder => Options.Folder;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken) =>
        await Task.WhenAll(BuildQueuedAsync(stoppingToken), SweepHourlyAsync(stoppingToken));

    private async Task SweepHourlyAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try
            {
                if (await leases.TryTakeAsync(SweepLease, TimeSpan.FromMinutes(50), ct))
                {
                    await SweepQuietlyAsync(ct);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                JobFailed(logger, Guid.Empty, e);
            }
        }
        while (await WaitAsync(timer, ct));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task SweepQuietlyAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PackageJobs>().SweepAsync(ct);
        }
        catch (IOException e)
        {
            JobFailed(logger, Guid.Empty, e);
        }
    }

    /// <summary>Claims and builds jobs until none is left, then waits for a wake-up from this instance or the poll interval.</summary>
    private async Task BuildQueuedAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                PackageJob? job = null;
                try
                {
                    await using (var scope = scopes.CreateAsyncScope())
                    {
                        job = await scope.ServiceProvider.GetRequiredService<PackageJobs>().ClaimNextAsync(instance.Id, Options.LeaseLength, ct);
                    }

                    if (job is not null)
                    {
                        JobClaimed(logger, job.Id, instance.Id, null);
                        await SweepQuietlyAsync(ct);
                        await RunAsync(job, ct);
                        continue;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    JobFailed(logger, job?.Id ?? Guid.Empty, e);
                }

                await signal.WaitAsync(Options.PollInterval, ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The app is stopping.
        }
    }

    /// <summary>Builds one claimed job, renewing the lease beside it; stops when the app stops (the job goes back to the queue) or the job is taken over.</summary>
    private async Task RunAsync(PackageJob job, CancellationToken stopping)
    {
        var progress = new PackageProgress();
        using var building = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(job, progress, building, heartbeatStop.Token);
        var part = Path.Combine(Folder, $"{job.Id:N}.{Guid.NewGuid():N}.part");
        var state = PackageState.Finished;
        try
        {
            await BuildAsync(job, progress, part, building.Token);
        }
        catch (OperationCanceledException) when (building.IsCancellationRequested)
        {
            await heartbeatStop.CancelAsync();
            await heartbeat;
            File.Delete(part);
            if (stopping.IsCancellationRequested)
            {
                await WithJobsAsync(j => j.ReturnAsync(job.Id, instance.Id, CancellationToken.None));
            }
            else
            {
                JobLost(logger, job.Id, null);
            }

            return;
        }
        catch (Exception e)
        {
            JobFailed(logger, job.Id, e);
            progress.Fail(new PackageFailure(job.UnitName, "整个材料包", "生成时出错，请稍后重新生成。"));
            state = PackageState.Failed;
            File.Delete(part);
        }

        await heartbeatStop.CancelAsync();
        await heartbeat;
        if (state == PackageState.Finished)
        {
            File.Move(part, job.FilePath, overwrite: true);
        }

        if (!await WithJobsAsync(j => j.EndAsync(job.Id, instance.Id, state, progress.Done, progress.Total, progress.Failures, CancellationToken.None)))
        {
            JobLost(logger, job.Id, null);
        }
    }

    /// <summary>Every poll interval: the progress into the job's row and the lease renewed; when the job is no longer ours, cancels the build.</summary>
    private async Task HeartbeatAsync(PackageJob job, PackageProgress progress, CancellationTokenSource building, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Options.PollInterval, stop);
                if (!await WithJobsAsync(j => j.RenewAsync(job.Id, instance.Id, Options.LeaseLength, progress.Done, progress.Total, progress.Failures, stop)))
                {
                    await building.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The build ended.
        }
        catch (Exception e)
        {
            // A database hiccup: the build goes on; if the lease lapses meanwhile another instance may take the job over.
            JobFailed(logger, job.Id, e);
        }
    }

    private async Task<T> WithJobsAsync<T>(Func<PackageJobs, Task<T>> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<PackageJobs>());
    }

    private async Task BuildAsync(PackageJob job, PackageProgress progress, string part, CancellationToken ct)
    {
        UnitHeader root;
        List<UnitHeader> units;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var evaluations = scope.ServiceProvider.GetRequiredService<Evaluations>();
            root = await evaluations.HeaderAsync(job.UnitId, ct) ?? throw new InvalidOperationException("unit gone");
            var system = Evaluations.Choose(await evaluations.ChoicesAsync(root, ct), null, UnitType.Village);
            units = system is null ? [] : [.. (await evaluations.MatrixAsync(root, system, job.Year, ct)).Select(r => r.Unit).Where(u => u.Id != root.Id)];
            if (system is null)
            {
                progress.Fail(new PackageFailure(root.Name, "下辖单位文件", "还没有已发布的指标体系，无法列出下辖单位：请旗关工委先发布指标体系。"));
            }
        }

        // The total at once (the page shows N/M from the start); if the job was taken over meanwhile, the heartbeat stops this build.
        progress.SetTotal(units.Count);
        await WithJobsAsync(j => j.RenewAsync(job.Id, instance.Id, Options.LeaseLength, progress.Done, progress.Total, progress.Failures, ct));

        Directory.CreateDirectory(Folder);
        var contents = new List<string>();
        await using (var file = new FileStream(part, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await using var zip = await ZipArchive.CreateAsync(file, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct);
            var folders = new HashSet<string>(StringComparer.Ordinal);
            foreach (var unit in units)
            {
                var folder = FolderName(unit, folders);
                await WriteDocumentsAsync(zip, unit, PackageScope.EachUnit, folder + "/", job, progress, contents, ct);
                progress.UnitDone();
            }

            await WriteDocumentsAsync(zip, root, PackageScope.Township, "", job, progress, contents, ct);
            var readMe = zip.CreateEntry(ReadMe, CompressionLevel.Optimal);
            await using var text = new StreamWriter(await readMe.OpenAsync(ct), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            await text.WriteAsync(ReadMeText(job, progress.Failures, root, units.Count, contents));
        }
    }

    /// <summary>Each registered document of <paramref name="scope"/> for <paramref name="unit"/>, in a scope of its own.</summary>
    private async Task WriteDocumentsAsync(
        ZipArchive zip, UnitHeader unit, PackageScope scope, string folder, PackageJob job, PackageProgress progress, List<string> contents, CancellationToken ct)
    {
        await using var services = scopes.CreateAsyncScope();
        foreach (var document in services.ServiceProvider.GetServices<IPackageDocument>().Where(d => d.Scope == scope))
        {
            var name = document.GetType().Name;
            try
            {
                name = document.FileName(unit, job.Year);
                await using var temp = new FileStream(Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".tmp"), FileMode.CreateNew,
                    FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
                await document.WriteAsync(unit, job.Year, temp, ct);
                temp.Position = 0;
                var entry = zip.CreateEntry(folder + SafeName(name), CompressionLevel.Optimal);
                await using (var target = await entry.OpenAsync(ct))
                {
                    await temp.CopyToAsync(target, ct);
                }

                contents.Add(folder + SafeName(name));
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                DocumentFailed(logger, name, unit.Name, e);
                progress.Fail(new PackageFailure(unit.Name, name, Reason(e)));
            }
        }
    }

    /// <summary>A writer's own Chinese message (it explains what is missing), else a general one; the details go to the log.</summary>
    private static string Reason(Exception e) =>
        e.Message.Any(c => c is >= '\u4e00' and <= '\u9fff') ? e.Message : "生成时出错，详情已记入系统日志，请稍后重新生成或联系管理员。";

    private static string FolderName(UnitHeader unit, HashSet<string> used)
    {
        var name = SafeName(unit.Name);
        return used.Add(name) ? name : Add(used, string.Create(CultureInfo.InvariantCulture, $"{name}（{unit.Id}）"));

        static string Add(HashSet<string> used, string name)
        {
            used.Add(name);
            return name;
        }
    }

    private static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['/', '\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var safe = new string([.. name.Select(c => invalid.Contains(c) ? '_' : c)]).Trim();
        return safe.Length == 0 ? "_" : safe;
    }

    private static string ReadMeText(PackageJob job, IReadOnlyList<PackageFailure> failures, UnitHeader root, int unitCount, List<string> contents)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{root.Name}{job.Year}年验收材料包");
        text.AppendLine(CultureInfo.InvariantCulture, $"生成时间：{job.CreatedAt.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}（北京时间）");
        text.AppendLine(CultureInfo.InvariantCulture, $"下辖单位：{unitCount}个；文件：{contents.Count}个；未能生成：{failures.Count}项");
        text.AppendLine();
        text.AppendLine("一、包内文件");
        foreach (var entry in contents)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {entry}");
        }

        text.AppendLine();
        text.AppendLine("二、未能生成的文件");
        if (failures.Count == 0)
        {
            text.AppendLine("  无");
        }

        foreach (var f in failures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {f.Unit} · {f.Document}：{f.Reason}");
        }

        return text.ToString().Replace("\n", "\r\n", StringComparison.Ordinal).Replace("\r\r\n", "\r\n", StringComparison.Ordinal);
    }
}

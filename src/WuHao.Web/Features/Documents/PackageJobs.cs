using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using WuHao.Web.Domain;
using WuHao.Web.Features.Indicators;

namespace WuHao.Web.Features.Documents;

/// <summary>Settings of section "Packages": where finished acceptance packages are kept for a day.</summary>
public sealed class PackageOptions
{
    public const string Section = "Packages";

    /// <summary>Folder of the finished .zip files, relative to the working directory (beside the database and data/keys).</summary>
    public string Directory { get; set; } = "data/packages";
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

/// <summary>One acceptance package of a township (or banner) and year, being built or built; state in memory only.</summary>
public sealed class PackageJob(Guid id, int unitId, string unitName, int year, DateTimeOffset createdAt, string filePath)
{
    private readonly ConcurrentQueue<PackageFailure> failures = new();
    private int done;
    private int total;

    public Guid Id { get; } = id;
    public int UnitId { get; } = unitId;
    public string UnitName { get; } = unitName;
    public int Year { get; } = year;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public string FilePath { get; } = filePath;
    private volatile PackageState state;

    public PackageState State
    {
        get => state;
        internal set => state = value;
    }

    public DateTimeOffset? FinishedAt { get; set; }
    public int Done => Volatile.Read(ref done);
    public int Total => Volatile.Read(ref total);
    public IReadOnlyList<PackageFailure> Failures => [.. failures];

    /// <summary>A package is kept for a day after it finished; a running one does not expire.</summary>
    public DateTimeOffset? ExpiresAt => FinishedAt?.Add(PackageJobs.KeptFor);

    public string FileName => string.Create(CultureInfo.InvariantCulture, $"{UnitName}{Year}年验收材料包.zip");

    public bool Active => State is PackageState.Queued or PackageState.Running;

    public bool ExpiredAt(DateTimeOffset now) => ExpiresAt is { } expires && now >= expires;

    internal void SetTotal(int value) => Volatile.Write(ref total, value);

    internal void UnitDone() => Interlocked.Increment(ref done);

    internal void Fail(PackageFailure failure) => failures.Enqueue(failure);
}

/// <summary>
/// The acceptance packages being built or kept (issue 11 item 4, R-7.1– ): one job per (unit, year), in memory,
/// with its .zip in <see cref="PackageOptions.Directory"/>. A second request while one runs, or within a day of its
/// finishing, gets the same job. State lives in this process only: sharing jobs across several app instances
/// (a lease in the database) is issue 12's.
/// </summary>
public sealed class PackageJobs(TimeProvider time, IOptions<PackageOptions> options)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);
    private readonly ConcurrentDictionary<(int UnitId, int Year), PackageJob> jobs = new();
    private readonly Channel<PackageJob> queue = Channel.CreateUnbounded<PackageJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock gate = new();

    public string Folder { get; } = Path.GetFullPath(options.Value.Directory);

    internal ChannelReader<PackageJob> Queue => queue.Reader;

    /// <summary>The running job, or the finished one not yet expired, of this unit and year.</summary>
    public PackageJob? Find(int unitId, int year) =>
        jobs.TryGetValue((unitId, year), out var job) && !job.ExpiredAt(time.GetUtcNow()) ? job : null;

    /// <summary>The job of this unit and year: the one running or kept, else a new one queued.</summary>
    public PackageJob Start(UnitHeader unit, int year)
    {
        lock (gate)
        {
            if (Find(unit.Id, year) is { State: not PackageState.Failed } existing)
            {
                return existing;
            }

            var id = Guid.NewGuid();
            var job = new PackageJob(id, unit.Id, unit.Name, year, time.GetUtcNow(), Path.Combine(Folder, id.ToString("N") + ".zip"));
            jobs[(unit.Id, year)] = job;
            queue.Writer.TryWrite(job);
            return job;
        }
    }

    /// <summary>Forgets expired jobs and deletes their files, and any file left in the folder over a day ago (an earlier run's).</summary>
    public void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (key, job) in jobs)
        {
            if (job.ExpiredAt(now) && jobs.TryRemove(new KeyValuePair<(int, int), PackageJob>(key, job)))
            {
                File.Delete(job.FilePath);
            }
        }

        if (!Directory.Exists(Folder))
        {
            return;
        }

        var kept = jobs.Values.Select(j => j.FilePath).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Folder))
        {
            if (!kept.Contains(file) && File.GetLastWriteTimeUtc(file) < now.UtcDateTime - KeptFor)
            {
                File.Delete(file);
            }
        }
    }
}

/// <summary>
/// Builds the queued packages one at a time, and sweeps expired ones at start, before each job and hourly. Every
/// registered <see cref="IPackageDocument"/> is asked for its file: an EachUnit document once per unit below (the
/// evaluation matrix's units), in a folder named after the unit; a Township document once. A document that throws is
/// listed in 说明.txt and the rest go on. The zip is written straight to its file; each document goes first to a
/// temporary file, so that a failure half-way leaves no broken entry.
/// </summary>
public sealed class PackageBuilder(PackageJobs jobs, IServiceScopeFactory scopes, TimeProvider time, ILogger<PackageBuilder> logger) : BackgroundService
{
    public const string ReadMe = "说明.txt";

    private static readonly Action<ILogger, string, string, Exception?> DocumentFailed =
        LoggerMessage.Define<string, string>(LogLevel.Warning, new EventId(1, "PackageDocumentFailed"), "Package: {Document} of {Unit} failed");

    private static readonly Action<ILogger, Guid, Exception?> JobFailed =
        LoggerMessage.Define<Guid>(LogLevel.Error, new EventId(2, "PackageFailed"), "Package {Job} failed");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken) =>
        await Task.WhenAll(BuildQueuedAsync(stoppingToken), SweepHourlyAsync(stoppingToken));

    private async Task SweepHourlyAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            SweepQuietly();
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

    private void SweepQuietly()
    {
        try
        {
            jobs.Sweep();
        }
        catch (IOException e)
        {
            JobFailed(logger, Guid.Empty, e);
        }
    }

    private async Task BuildQueuedAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var job in jobs.Queue.ReadAllAsync(ct))
            {
                SweepQuietly();
                job.State = PackageState.Running;
                var state = PackageState.Finished;
                try
                {
                    await BuildAsync(job, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    JobFailed(logger, job.Id, e);
                    job.Fail(new PackageFailure(job.UnitName, "整个材料包", "生成时出错，请稍后重新生成。"));
                    state = PackageState.Failed;
                }

                // The expiry first: a finished job always has one.
                job.FinishedAt = time.GetUtcNow();
                job.State = state;
            }
        }
        catch (OperationCanceledException)
        {
            // The app is stopping.
        }
    }

    private async Task BuildAsync(PackageJob job, CancellationToken ct)
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
                job.Fail(new PackageFailure(root.Name, "下辖单位文件", "还没有已发布的指标体系，无法列出下辖单位：请旗关工委先发布指标体系。"));
            }
        }

        job.SetTotal(units.Count);
        Directory.CreateDirectory(jobs.Folder);
        var part = job.FilePath + ".part";
        var contents = new List<string>();
        await using (var file = new FileStream(part, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await using var zip = await ZipArchive.CreateAsync(file, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct);
            var folders = new HashSet<string>(StringComparer.Ordinal);
            foreach (var unit in units)
            {
                var folder = FolderName(unit, folders);
                await WriteDocumentsAsync(zip, unit, PackageScope.EachUnit, folder + "/", job, contents, ct);
                job.UnitDone();
            }

            await WriteDocumentsAsync(zip, root, PackageScope.Township, "", job, contents, ct);
            var readMe = zip.CreateEntry(ReadMe, CompressionLevel.Optimal);
            await using var text = new StreamWriter(await readMe.OpenAsync(ct), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            await text.WriteAsync(ReadMeText(job, root, units.Count, contents));
        }

        File.Move(part, job.FilePath, overwrite: true);
    }

    /// <summary>Each registered document of <paramref name="scope"/> for <paramref name="unit"/>, in a scope of its own.</summary>
    private async Task WriteDocumentsAsync(ZipArchive zip, UnitHeader unit, PackageScope scope, string folder, PackageJob job, List<string> contents, CancellationToken ct)
    {
        await using var services = scopes.CreateAsyncScope();
        foreach (var document in services.ServiceProvider.GetServices<IPackageDocument>().Where(d => d.Scope == scope))
        {
            var name = document.GetType().Name;
            try
            {
                name = document.FileName(unit, job.Year);
                await using var temp = new FileStream(Path.Combine(jobs.Folder, Guid.NewGuid().ToString("N") + ".tmp"), FileMode.CreateNew,
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
                job.Fail(new PackageFailure(unit.Name, name, Reason(e)));
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

    private static string ReadMeText(PackageJob job, UnitHeader root, int unitCount, List<string> contents)
    {
        var text = new StringBuilder();
        var failures = job.Failures;
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

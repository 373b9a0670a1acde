using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Jobs;

namespace WuHao.Web.Features.Cases;

/// <summary>Settings of section "Cases".</summary>
public sealed class CaseOptions
{
    public const string Section = "Cases";

    /// <summary>Closed cases are anonymised this many years after closing .</summary>
    public int RetentionYears { get; set; } = 3;
}

/// <summary>Anonymises closed cases past their retention period; they still count in statistics (category, gender, birth year).</summary>
public sealed class CaseRetention(AppDbContext db, IOptions<CaseOptions> options, TimeProvider time)
{
    public async Task<int> AnonymiseExpiredAsync(CancellationToken ct)
    {
        var today = time.Today();
        var cutoff = today.AddYears(-options.Value.RetentionYears);
        var expired = await db.YouthCases
            .Where(c => c.Status == YouthCaseVocabulary.Closed && c.AnonymisedOn == null && c.ClosedOn != null && c.ClosedOn <= cutoff)
            .ToListAsync(ct);
        if (expired.Count == 0)
        {
            return 0;
        }

        var ids = expired.Select(c => c.Id).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var c in expired)
        {
            c.Name = YouthCaseVocabulary.Anonymised;
            c.BirthDate = new DateOnly(c.BirthDate.Year, 1, 1);
            c.IdNumberCipher = null;
            c.IdNumberHash = null;
            c.School = null;
            c.Grade = null;
            c.AddressCipher = null;
            c.GuardianName = null;
            c.GuardianRelation = null;
            c.GuardianPhoneCipher = null;
            c.Situation = null;
            c.Needs = null;
            c.PairedElders = null;
            c.Elders.Clear();
            c.AnonymisedOn = today;
        }

        foreach (var h in await db.HelpActions.Where(h => ids.Contains(h.CaseId)).ToListAsync(ct))
        {
            h.Notes = null;
            h.Helper = YouthCaseVocabulary.Anonymised;
        }

        foreach (var v in await db.CaseVisits.Where(v => ids.Contains(v.CaseId)).ToListAsync(ct))
        {
            v.Notes = null;
            v.Visitor = YouthCaseVocabulary.Anonymised;
        }

        foreach (var consent in await db.CaseConsents.Where(x => ids.Contains(x.CaseId)).ToListAsync(ct))
        {
            consent.ConsentedBy = YouthCaseVocabulary.Anonymised;
            consent.Paper = null;
            await Infrastructure.Files.Evidence.DeleteFilesOfAsync(db, consent, ct);
        }

        db.CaseAccessLog.AddRange(expired.Select(c => new CaseAccessEntry
        {
            At = time.GetUtcNow(), UserName = "system", UnitId = c.UnitId, CaseId = c.Id, Action = "anonymise",
            Detail = $"结案满{options.Value.RetentionYears}年",
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return expired.Count;
    }
}

/// <summary>
/// Runs the retention once a day (and once at start), on one app instance at a time: each instance ticks daily,
/// and the run belongs to the instance that takes the <see cref="LeaseName"/> lease, held for
/// <see cref="LeaseLength"/> (a little less than a day, so that the next day's first tick, on whichever instance, takes
/// it again). The others skip that day's run; if the holder stops, another takes over at its next tick.
/// </summary>
public sealed class CaseRetentionJob(IServiceScopeFactory scopes, JobLeases leases, TimeProvider time, ILogger<CaseRetentionJob> logger) : BackgroundService
{
    public const string LeaseName = "case-retention";
    public static readonly TimeSpan LeaseLength = TimeSpan.FromHours(23);

    private static readonly Action<ILogger, int, Exception?> Anonymised =
        LoggerMessage.Define<int>(LogLevel.Information, new EventId(1, "CasesAnonymised"), "Retention: {Count} closed cases anonymised");

    private static readonly Action<ILogger, Exception?> Failed =
        LoggerMessage.Define(LogLevel.Error, new EventId(2, "RetentionFailed"), "Retention run failed");

    /// <summary>One run if this instance takes the lease: the number of cases anonymised, or null when another instance holds it.</summary>
    public async Task<int?> RunOnceAsync(CancellationToken ct)
    {
        if (!await leases.TryTakeAsync(LeaseName, LeaseLength, ct))
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var count = await scope.ServiceProvider.GetRequiredService<CaseRetention>().AnonymiseExpiredAsync(ct);
        if (count > 0)
        {
            Anonymised(logger, count, null);
        }

        return count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

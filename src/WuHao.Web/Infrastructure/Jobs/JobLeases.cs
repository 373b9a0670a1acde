using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WuHao.Web.Data;

namespace WuHao.Web.Infrastructure.Jobs;

/// <summary>
/// Who runs a background job for now: several app instances on one database each try to take the lease of a
/// job before running it, and only the one holding it does. A lease is held until <see cref="ExpiresAt"/>; its holder
/// renews it, and once it has expired (its holder stopped or died) any instance may take it.
/// </summary>
public sealed class JobLease
{
    /// <summary>The job's fixed name, e.g. <c>case-retention</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The <see cref="AppInstance.Id"/> of the instance holding it; empty when never taken.</summary>
    public string Holder { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> b)
    {
        b.ToTable("JobLeases");
        b.HasKey(l => l.Name);
        b.Property(l => l.Name).HasMaxLength(100);
        b.Property(l => l.Holder).HasMaxLength(AppInstance.MaxLength);
    }
}

/// <summary>This app instance, as a lease holder: the machine, the process and a random part (two apps in one process differ).</summary>
public sealed class AppInstance
{
    public const int MaxLength = 100;

    public string Id { get; } = Make($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    private static string Make(string id) => id.Length > MaxLength ? id[^MaxLength..] : id;
}

/// <summary>
/// Takes and renews leases with one atomic UPDATE on the lease's row (free, expired or already this instance's),
/// which PostgreSQL and SQLite both apply to one row at a time: of several instances trying at once exactly one gets
/// it. The row is created once, with an INSERT that does nothing when it exists. Times are the app's clock
/// (<see cref="TimeProvider"/>): instances' clocks must agree to well within a lease's length (NTP).
/// </summary>
public sealed class JobLeases(IServiceScopeFactory scopes, AppInstance instance, TimeProvider time)
{
    public string Holder => instance.Id;

    /// <summary>True when this instance now holds <paramref name="name"/> until now + <paramref name="length"/>.</summary>
    public async Task<bool> TryTakeAsync(string name, TimeSpan length, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await TakeAsync(db, name, length, ct))
        {
            return true;
        }

        // No row yet (the job's first run on this database), or held by another instance.
        return await CreateAsync(db, name, ct) && await TakeAsync(db, name, length, ct);
    }

    private async Task<bool> TakeAsync(AppDbContext db, string name, TimeSpan length, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var until = now + length;
        var me = instance.Id;
        return await db.Set<JobLease>()
            .Where(l => l.Name == name && (l.ExpiresAt < now || l.Holder == me))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, me).SetProperty(l => l.ExpiresAt, until), ct) == 1;
    }

    // Expired at the epoch, as each engine stores an instant: UTC ticks in SQLite (DateTimeOffsetToTicksConverter), timestamptz in PostgreSQL.
    private const string SqliteInsert =
        "INSERT INTO \"JobLeases\" (\"Name\", \"Holder\", \"ExpiresAt\") VALUES ({0}, '', 621355968000000000) ON CONFLICT (\"Name\") DO NOTHING";

    private const string PostgresInsert =
        "INSERT INTO \"JobLeases\" (\"Name\", \"Holder\", \"ExpiresAt\") VALUES ({0}, '', TIMESTAMPTZ '1970-01-01 00:00:00+00') ON CONFLICT (\"Name\") DO NOTHING";

    /// <summary>Creates the lease's row, expired and held by nobody, unless it exists; true when it was created now.</summary>
    private static async Task<bool> CreateAsync(AppDbContext db, string name, CancellationToken ct) =>
        await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? PostgresInsert : SqliteInsert, [name], ct) == 1;
}

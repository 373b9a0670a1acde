using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Domain;

namespace WuHao.Web.Data;

/// <summary>
/// The one model. Each database engine has its own subclass so that each keeps its own migrations
/// (docs/decisions/ADR-002-two-migration-sets.md); code everywhere asks for <see cref="AppDbContext"/>.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<OrgUnit> Units => Set<OrgUnit>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<TeamChange> TeamChanges => Set<TeamChange>();
    public DbSet<PartyMeeting> PartyMeetings => Set<PartyMeeting>();
    public DbSet<StudySession> StudySessions => Set<StudySession>();
    public DbSet<Elder> Elders => Set<Elder>();
    public DbSet<ElderStatusChange> ElderStatusChanges => Set<ElderStatusChange>();
    public DbSet<Donor> Donors => Set<Donor>();
    public DbSet<Studio> Studios => Set<Studio>();
    public DbSet<Deed> Deeds => Set<Deed>();
    public DbSet<DeedPublicity> DeedPublicity => Set<DeedPublicity>();
    public DbSet<CommendationMeeting> CommendationMeetings => Set<CommendationMeeting>();
    public DbSet<CommendationHonoree> CommendationHonorees => Set<CommendationHonoree>();
    public DbSet<Training> Trainings => Set<Training>();
    public DbSet<TrainingTrainee> TrainingTrainees => Set<TrainingTrainee>();
    public DbSet<ChangeLogEntry> ChangeLog => Set<ChangeLogEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no instant type; ticks keep instants sortable and comparable in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToTicksConverter>();
    }
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);

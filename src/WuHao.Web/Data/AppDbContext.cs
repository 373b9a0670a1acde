using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Protection;

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
    public DbSet<StoredFile> Files => Set<StoredFile>();
    public DbSet<StoredFileContent> FileContents => Set<StoredFileContent>();
    public DbSet<FileLink> FileLinks => Set<FileLink>();
    public DbSet<RuleDocument> RuleDocuments => Set<RuleDocument>();
    public DbSet<WorkCycleEntry> WorkCycle => Set<WorkCycleEntry>();
    public DbSet<ArchiveEntry> ArchiveEntries => Set<ArchiveEntry>();
    public DbSet<FundEntry> Funds => Set<FundEntry>();
    public DbSet<Investigation> Investigations => Set<Investigation>();
    public DbSet<SchoolLink> SchoolLinks => Set<SchoolLink>();
    public DbSet<Experience> Experiences => Set<Experience>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<CivilizationEntry> CivilizationEntries => Set<CivilizationEntry>();
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
    public DbSet<ActivityElder> ActivityElders => Set<ActivityElder>();
    public DbSet<YouthCaseElder> YouthCaseElders => Set<YouthCaseElder>();
    public DbSet<ChangeLogEntry> ChangeLog => Set<ChangeLogEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<ProtectedSecret> ProtectedSecrets => Set<ProtectedSecret>();
    public DbSet<YouthCase> YouthCases => Set<YouthCase>();
    public DbSet<HelpAction> HelpActions => Set<HelpAction>();
    public DbSet<CaseVisit> CaseVisits => Set<CaseVisit>();
    public DbSet<CaseConsent> CaseConsents => Set<CaseConsent>();
    public DbSet<CaseShare> CaseShares => Set<CaseShare>();
    public DbSet<CaseAccessEntry> CaseAccessLog => Set<CaseAccessEntry>();
    public DbSet<IndicatorSystemRecord> IndicatorSystems => Set<IndicatorSystemRecord>();
    public DbSet<GapRecord> Gaps => Set<GapRecord>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<CampaignStage> CampaignStages => Set<CampaignStage>();
    public DbSet<AssessmentRound> AssessmentRounds => Set<AssessmentRound>();
    public DbSet<AssessmentStep> AssessmentSteps => Set<AssessmentStep>();
    public DbSet<CalendarFeedToken> CalendarFeedTokens => Set<CalendarFeedToken>();
    public DbSet<ImplementationPlan> Plans => Set<ImplementationPlan>();
    public DbSet<PlanStep> PlanSteps => Set<PlanStep>();
    public DbSet<PlanPerson> PlanPeople => Set<PlanPerson>();
    public DbSet<PlanVersion> PlanVersions => Set<PlanVersion>();
    public DbSet<Sample> Samples => Set<Sample>();
    public DbSet<SampledUnit> SampledUnits => Set<SampledUnit>();
    public DbSet<Certification> Certifications => Set<Certification>();
    public DbSet<CertificationEvent> CertificationEvents => Set<CertificationEvent>();

    /// <summary>
    /// The banner whose records alone are read while set (ADR-016): a banner's or township's dashboard and matrix set it
    /// (<see cref="BannerColumn.ScopeTo"/>), so that every distributed table in their commands carries
    /// <c>BannerId = @banner</c> and Citus would route each command to one shard. Null (the default): no filter.
    /// </summary>
    public int? BannerScope { get; set; }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        // The banner filter is on the records and on their value rows alike (the same banner), which EF cannot know.
        optionsBuilder.ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        Configurations.FileLinkConfiguration.IndexRecordKeys(builder);

        // The distribution column (ADR-016) comes first in an index of each distributed table, as in the banner's queries,
        // and while a banner's page reads (BannerScope), every distributed table it touches is filtered on it.
        var scope = Expression.Property(Expression.Constant(this), nameof(BannerScope));
        // A row without a unit of its own (IBannerRow only) is indexed by banner and its parent's key, which leads its own key.
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => e.BaseType is null && e.ClrType.IsAssignableTo(typeof(IBannerRow))).ToList())
        {
            var type = entity.ClrType;
            builder.Entity(type).HasIndex(nameof(IBannerRow.BannerId),
                type.IsAssignableTo(typeof(IBannerOwned)) ? nameof(IUnitOwned.UnitId) : entity.FindPrimaryKey()!.Properties[0].Name);
            if (BannerColumn.ReferenceTypes.Contains(type))
            {
                continue;
            }

            var e = Expression.Parameter(type, "e");
            var banner = Expression.Convert(Expression.Property(e, nameof(IBannerRow.BannerId)), typeof(int?));
            builder.Entity(type).HasQueryFilter(BannerColumn.Name, Expression.Lambda(
                Expression.OrElse(Expression.Equal(scope, Expression.Constant(null, typeof(int?))), Expression.Equal(banner, scope)), e));
        }
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

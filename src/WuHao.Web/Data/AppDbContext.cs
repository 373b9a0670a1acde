using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
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

using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WuHao.Web.Domain;

namespace WuHao.Web.Data.Configurations;

internal static class EvidenceConfig
{
    /// <summary>A record with evidence: its links cascade with it (the files themselves are removed by RecordCommands).</summary>
    public static void ConfigureEvidenceRecord<T, TLink>(this EntityTypeBuilder<T> b, Expression<Func<TLink, object?>> foreignKey, string? inverse = null)
        where T : EvidenceRecord<TLink> where TLink : FileLink, new()
    {
        b.ConfigureUnitRecord();
        b.HasMany(r => r.Files).WithOne(inverse).HasForeignKey(foreignKey).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("StoredFiles");
        b.ConfigureUnitRecord();
        b.Property(f => f.FileName).HasMaxLength(200);
        b.Property(f => f.ContentType).HasMaxLength(100);
        b.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(f => f.Category).HasMaxLength(10);
        b.Property(f => f.Retention).HasMaxLength(10);
        b.Ignore(f => f.IsImage);
        b.HasOne(f => f.Content).WithOne().HasForeignKey<StoredFileContent>(c => c.Id).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => new { f.UnitId, f.Year, f.Category });
    }
}

internal sealed class StoredFileContentConfiguration : IEntityTypeConfiguration<StoredFileContent>
{
    public void Configure(EntityTypeBuilder<StoredFileContent> b)
    {
        b.ToTable("StoredFileContents");
        b.Property(c => c.Id).ValueGeneratedNever();
    }
}

internal sealed class FileLinkConfiguration : IEntityTypeConfiguration<FileLink>
{
    public void Configure(EntityTypeBuilder<FileLink> b)
    {
        b.ToTable("FileLinks");
        b.ConfigureUnitRecord();
        b.HasDiscriminator<string>("RecordType")
            .HasValue<RuleDocumentFile>(nameof(RuleDocument))
            .HasValue<WorkCycleFile>(nameof(WorkCycleEntry))
            .HasValue<ArchiveEntryFile>(nameof(ArchiveEntry))
            .HasValue<FundEntryFile>(nameof(FundEntry))
            .HasValue<InvestigationFile>(nameof(Investigation))
            .HasValue<SchoolLinkFile>(nameof(SchoolLink))
            .HasValue<ExperienceFile>(nameof(Experience))
            .HasValue<ActivityFile>(nameof(Activity))
            .HasValue<CivilizationEntryFile>(nameof(CivilizationEntry))
            .HasValue<CaseConsentFile>(nameof(CaseConsent))
            .HasValue<PartyMeetingFile>(nameof(PartyMeeting))
            .HasValue<StudySessionFile>(nameof(StudySession))
            .HasValue<TrainingFile>(nameof(Training))
            .HasValue<CommendationMeetingFile>(nameof(CommendationMeeting))
            .HasValue<DeedFile>(nameof(Deed));
        b.Property<string>("RecordType").HasMaxLength(40);
        b.HasOne(l => l.File).WithMany(f => f.Links).HasForeignKey(l => l.FileId).OnDelete(DeleteBehavior.Cascade);

        // A file is evidence of one record at most: deleting the record deletes the file.
        b.HasIndex(l => l.FileId).IsUnique();
    }

    /// <summary>
    /// The index on each kind of link's record key (InvestigationId, DeedId, …) holds only the links of that kind. FileLinks
    /// keeps every kind in one table, so each key column is NULL on most rows; a full index makes SQLite's statistics (after
    /// ANALYZE) count those NULLs as one value shared by nearly every row, and SQLite then scans the whole table for each
    /// "has evidence" check (3 minutes for the investigations measure of 5,000 villages, issue 12). PostgreSQL knows the
    /// NULL fraction, but there too the partial index is smaller. Called once the derived link types are configured.
    /// </summary>
    public static void IndexRecordKeys(ModelBuilder builder)
    {
        foreach (var link in builder.Model.FindEntityType(typeof(FileLink))!.GetDerivedTypes().ToList())
        {
            foreach (var key in link.GetDeclaredForeignKeys().ToList())
            {
                var column = key.Properties.Single().Name;
                builder.Entity(link.ClrType).HasIndex(column).HasFilter($"\"{column}\" IS NOT NULL");
            }
        }
    }
}

internal sealed class RuleDocumentConfiguration : IEntityTypeConfiguration<RuleDocument>
{
    public void Configure(EntityTypeBuilder<RuleDocument> b)
    {
        b.ConfigureEvidenceRecord<RuleDocument, RuleDocumentFile>(f => f.RuleDocumentId);
        b.Property(r => r.Type).HasMaxLength(20);
        b.Property(r => r.Title).HasMaxLength(200);
        b.Property(r => r.Edition).HasMaxLength(50);
        b.Property(r => r.Text).HasMaxLength(20000);
        b.Property(r => r.Note).HasMaxLength(500);
        b.HasIndex(r => new { r.UnitId, r.AdoptedOn });
    }
}

internal sealed class WorkCycleEntryConfiguration : IEntityTypeConfiguration<WorkCycleEntry>
{
    public void Configure(EntityTypeBuilder<WorkCycleEntry> b)
    {
        b.ToTable("WorkCycleEntries");
        b.ConfigureEvidenceRecord<WorkCycleEntry, WorkCycleFile>(f => f.WorkCycleEntryId);
        b.Property(r => r.Stage).HasMaxLength(10);
        b.Property(r => r.Title).HasMaxLength(200);
        b.Property(r => r.Content).HasMaxLength(20000);
        b.HasIndex(r => new { r.UnitId, r.Year });
    }
}

internal sealed class ArchiveEntryConfiguration : IEntityTypeConfiguration<ArchiveEntry>
{
    public void Configure(EntityTypeBuilder<ArchiveEntry> b)
    {
        b.ToTable("ArchiveEntries");
        b.ConfigureEvidenceRecord<ArchiveEntry, ArchiveEntryFile>(f => f.ArchiveEntryId);
        b.Property(r => r.Title).HasMaxLength(200);
        b.Property(r => r.Category).HasMaxLength(10);
        b.Property(r => r.Retention).HasMaxLength(10);
        b.Property(r => r.DocumentNo).HasMaxLength(50);
        b.Property(r => r.Location).HasMaxLength(100);
        b.Property(r => r.Note).HasMaxLength(500);
        b.HasIndex(r => new { r.UnitId, r.Year });
    }
}

internal sealed class FundEntryConfiguration : IEntityTypeConfiguration<FundEntry>
{
    public void Configure(EntityTypeBuilder<FundEntry> b)
    {
        b.ToTable("FundEntries");
        b.ConfigureEvidenceRecord<FundEntry, FundEntryFile>(f => f.FundEntryId);
        b.Property(r => r.Direction).HasMaxLength(10);
        b.Property(r => r.Amount).HasPrecision(12, 2);
        b.Property(r => r.Source).HasMaxLength(100);
        b.Property(r => r.Purpose).HasMaxLength(200);
        b.Property(r => r.Handler).HasMaxLength(50);
        b.Property(r => r.Note).HasMaxLength(500);
        b.HasIndex(r => new { r.UnitId, r.Date });
    }
}

internal sealed class InvestigationConfiguration : IEntityTypeConfiguration<Investigation>
{
    public void Configure(EntityTypeBuilder<Investigation> b)
    {
        b.ConfigureEvidenceRecord<Investigation, InvestigationFile>(f => f.InvestigationId);
        b.Property(r => r.Topic).HasMaxLength(200);
        b.HasValues(r => r.TargetGroups, v => v.InvestigationId);
        b.Property(r => r.Method).HasMaxLength(20);
        b.Property(r => r.Findings).HasMaxLength(10000);
        b.Property(r => r.Measures).HasMaxLength(10000);
        b.HasIndex(r => new { r.UnitId, r.Date });
    }
}

internal sealed class SchoolLinkConfiguration : IEntityTypeConfiguration<SchoolLink>
{
    public void Configure(EntityTypeBuilder<SchoolLink> b)
    {
        b.ConfigureEvidenceRecord<SchoolLink, SchoolLinkFile>(f => f.SchoolLinkId, nameof(SchoolLinkFile.SchoolLink));
        b.HasOne(l => l.School).WithMany().HasForeignKey(l => l.SchoolUnitId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.Contacts).HasMaxLength(200);
        b.Property(r => r.Content).HasMaxLength(4000);
        b.HasIndex(r => new { r.UnitId, r.SchoolUnitId });
        b.HasIndex(r => r.SchoolUnitId);
    }
}

internal sealed class ExperienceConfiguration : IEntityTypeConfiguration<Experience>
{
    public void Configure(EntityTypeBuilder<Experience> b)
    {
        b.ConfigureEvidenceRecord<Experience, ExperienceFile>(f => f.ExperienceId);
        b.Property(r => r.Title).HasMaxLength(200);
        b.Property(r => r.Summary).HasMaxLength(10000);
        b.Property(r => r.Level).HasMaxLength(10);
        b.Property(r => r.PromotedBy).HasMaxLength(200);
        b.HasIndex(r => new { r.UnitId, r.Date });
    }
}

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> b)
    {
        b.ConfigureEvidenceRecord<Activity, ActivityFile>(f => f.ActivityId, nameof(ActivityFile.Activity));
        b.Property(r => r.Title).HasMaxLength(200);
        b.Property(r => r.Place).HasMaxLength(100);
        b.HasValues(r => r.Types, v => v.ActivityId);
        b.Property(r => r.Mode).HasMaxLength(10);
        b.HasValues(r => r.Partners, v => v.ActivityId);
        b.Property(r => r.ElderNames).HasMaxLength(500);
        b.Navigation(r => r.Elders).AutoInclude();
        b.Property(r => r.Effect).HasMaxLength(4000);
        b.Property(r => r.SubmissionKey).HasMaxLength(40);
        b.HasOne(a => a.SchoolLink).WithMany().HasForeignKey(a => a.SchoolLinkId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(r => new { r.UnitId, r.Date });
        b.HasIndex(r => new { r.UnitId, r.SubmissionKey }).IsUnique();
        b.HasIndex(r => r.SchoolLinkId);
    }
}

internal sealed class CivilizationEntryConfiguration : IEntityTypeConfiguration<CivilizationEntry>
{
    public void Configure(EntityTypeBuilder<CivilizationEntry> b)
    {
        b.ToTable("CivilizationEntries");
        b.ConfigureEvidenceRecord<CivilizationEntry, CivilizationEntryFile>(f => f.CivilizationEntryId);
        b.Property(r => r.Kind).HasMaxLength(20);
        b.Property(r => r.Subject).HasMaxLength(100);
        b.Property(r => r.Result).HasMaxLength(200);
        b.Property(r => r.AwardedBy).HasMaxLength(100);
        b.Property(r => r.Note).HasMaxLength(500);
        b.HasIndex(r => new { r.UnitId, r.Year });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WuHao.Web.Domain;

namespace WuHao.Web.Data.Configurations;

internal sealed class ElderConfiguration : IEntityTypeConfiguration<Elder>
{
    public void Configure(EntityTypeBuilder<Elder> b)
    {
        b.ConfigureUnitRecord();
        b.Property(e => e.Name).HasMaxLength(50);
        b.Property(e => e.Gender).HasMaxLength(2);
        b.Property(e => e.Ethnicity).HasMaxLength(20);
        b.Property(e => e.PoliticalStatus).HasMaxLength(20);
        b.Property(e => e.Phone).HasMaxLength(30);
        b.Property(e => e.Category).HasMaxLength(20);
        b.Property(e => e.FormerUnit).HasMaxLength(100);
        b.Property(e => e.FormerPost).HasMaxLength(50);
        b.Property(e => e.Specialties).HasMaxLength(200);
        b.Property(e => e.Health).HasMaxLength(10);
        b.Property(e => e.Note).HasMaxLength(500);
        b.HasMany(e => e.StatusChanges).WithOne(s => s.Elder).HasForeignKey(s => s.ElderId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.UnitId, e.Name });
    }
}

internal sealed class ElderStatusChangeConfiguration : IEntityTypeConfiguration<ElderStatusChange>
{
    public void Configure(EntityTypeBuilder<ElderStatusChange> b)
    {
        b.ConfigureUnitRecord();
        b.Property(s => s.Status).HasMaxLength(10);
        b.Property(s => s.Note).HasMaxLength(200);
        b.HasIndex(s => new { s.UnitId, s.Date });
        b.HasIndex(s => new { s.ElderId, s.Date });
    }
}

internal sealed class DonorConfiguration : IEntityTypeConfiguration<Donor>
{
    public void Configure(EntityTypeBuilder<Donor> b)
    {
        b.ConfigureUnitRecord();
        b.Property(d => d.Name).HasMaxLength(100);
        b.Property(d => d.Kind).HasMaxLength(20);
        b.Property(d => d.ContactPerson).HasMaxLength(50);
        b.Property(d => d.Phone).HasMaxLength(30);
        b.Property(d => d.Gift).HasMaxLength(500);
        b.Property(d => d.Amount).HasPrecision(12, 2);
        b.Property(d => d.Recipient).HasMaxLength(200);
        b.Property(d => d.Note).HasMaxLength(500);
        b.HasIndex(d => new { d.UnitId, d.Date });
    }
}

internal sealed class StudioConfiguration : IEntityTypeConfiguration<Studio>
{
    public void Configure(EntityTypeBuilder<Studio> b)
    {
        b.ConfigureUnitRecord();
        b.Property(s => s.Name).HasMaxLength(100);
        b.Property(s => s.Place).HasMaxLength(200);
        b.Property(s => s.Facilities).HasMaxLength(1000);
        b.Property(s => s.Members).HasMaxLength(1000);
        b.Property(s => s.Activities).HasMaxLength(4000);
        b.Property(s => s.Note).HasMaxLength(500);
        b.HasIndex(s => new { s.UnitId, s.SetUpDate });
    }
}

internal sealed class DeedConfiguration : IEntityTypeConfiguration<Deed>
{
    public void Configure(EntityTypeBuilder<Deed> b)
    {
        b.ConfigureEvidenceRecord<Deed, DeedFile>(f => f.DeedId);
        b.Property(d => d.Title).HasMaxLength(200);
        b.Property(d => d.Persons).HasMaxLength(500);
        b.Property(d => d.Story).HasMaxLength(10000);
        b.HasMany(d => d.Publicity).WithOne(p => p.Deed).HasForeignKey(p => p.DeedId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => new { d.UnitId, d.Date });
    }
}

internal sealed class DeedPublicityConfiguration : IEntityTypeConfiguration<DeedPublicity>
{
    public void Configure(EntityTypeBuilder<DeedPublicity> b)
    {
        b.ConfigureUnitRecord();
        b.Property(p => p.Outlet).HasMaxLength(200);
        b.Property(p => p.Note).HasMaxLength(500);
    }
}

internal sealed class CommendationMeetingConfiguration : IEntityTypeConfiguration<CommendationMeeting>
{
    public void Configure(EntityTypeBuilder<CommendationMeeting> b)
    {
        b.ConfigureEvidenceRecord<CommendationMeeting, CommendationMeetingFile>(f => f.CommendationMeetingId);
        b.Property(m => m.Title).HasMaxLength(200);
        b.Property(m => m.Level).HasMaxLength(10);
        b.Property(m => m.Place).HasMaxLength(100);
        b.Property(m => m.Note).HasMaxLength(4000);
        b.HasMany(m => m.Honorees).WithOne(h => h.Meeting).HasForeignKey(h => h.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => new { m.UnitId, m.Date });
    }
}

internal sealed class CommendationHonoreeConfiguration : IEntityTypeConfiguration<CommendationHonoree>
{
    public void Configure(EntityTypeBuilder<CommendationHonoree> b)
    {
        b.ConfigureUnitRecord();
        b.Property(h => h.Name).HasMaxLength(100);
        b.Property(h => h.Honour).HasMaxLength(100);
        b.Property(h => h.Reason).HasMaxLength(500);
    }
}

internal sealed class TrainingConfiguration : IEntityTypeConfiguration<Training>
{
    public void Configure(EntityTypeBuilder<Training> b)
    {
        b.ConfigureEvidenceRecord<Training, TrainingFile>(f => f.TrainingId);
        b.Property(t => t.Content).HasMaxLength(500);
        b.Property(t => t.Place).HasMaxLength(100);
        b.Property(t => t.Organiser).HasMaxLength(100);
        b.Property(t => t.OtherTrainees).HasMaxLength(1000);
        b.HasMany(t => t.Trainees).WithOne(x => x.Training).HasForeignKey(x => x.TrainingId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => new { t.UnitId, t.Date });
    }
}

internal sealed class TrainingTraineeConfiguration : IEntityTypeConfiguration<TrainingTrainee>
{
    public void Configure(EntityTypeBuilder<TrainingTrainee> b)
    {
        b.ConfigureUnitRecord();
        b.HasOne(x => x.Elder).WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.TrainingId, x.ElderId }).IsUnique();
    }
}

internal sealed class ActivityElderConfiguration : IEntityTypeConfiguration<ActivityElder>
{
    public void Configure(EntityTypeBuilder<ActivityElder> b)
    {
        b.ToTable("ActivityElders");
        b.ConfigureUnitRecord();
        b.HasOne(x => x.Activity).WithMany(a => a.Elders).HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Elder).WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ActivityId, x.ElderId }).IsUnique();
        b.HasIndex(x => x.ElderId);
    }
}

internal sealed class YouthCaseElderConfiguration : IEntityTypeConfiguration<YouthCaseElder>
{
    public void Configure(EntityTypeBuilder<YouthCaseElder> b)
    {
        b.ToTable("YouthCaseElders");
        b.ConfigureUnitRecord();
        b.HasOne(x => x.Case).WithMany(c => c.Elders).HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Elder).WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CaseId, x.ElderId }).IsUnique();
        b.Navigation(x => x.Elder).AutoInclude();
        b.HasIndex(x => x.ElderId);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WuHao.Web.Domain;

namespace WuHao.Web.Data.Configurations;

/// <summary>What every record shares: the version token and the audit columns.</summary>
internal static class EntityConfig
{
    public static void ConfigureEntity<T>(this EntityTypeBuilder<T> b) where T : Entity
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.CreatedBy).HasMaxLength(100);
        b.Property(e => e.UpdatedBy).HasMaxLength(100);
    }

    /// <summary>A unit's record: the unit comes first in every index, as in every query.</summary>
    public static void ConfigureUnitRecord<T>(this EntityTypeBuilder<T> b) where T : UnitRecord
    {
        b.ConfigureEntity();
        b.HasOne(e => e.Unit).WithMany().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> b)
    {
        b.ToTable("Units");
        b.ConfigureEntity();
        b.Property(u => u.Code).HasMaxLength(40);
        b.Property(u => u.Name).HasMaxLength(100);
        b.Property(u => u.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(u => u.Path).HasMaxLength(400);
        b.HasIndex(u => u.Code).IsUnique();
        b.HasIndex(u => u.Path);
        b.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(50);
        b.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> b)
    {
        b.ConfigureUnitRecord();
        b.Property(m => m.Name).HasMaxLength(50);
        b.Property(m => m.Gender).HasMaxLength(2);
        b.Property(m => m.Ethnicity).HasMaxLength(20);
        b.Property(m => m.PoliticalStatus).HasMaxLength(20);
        b.Property(m => m.Phone).HasMaxLength(30);
        b.Property(m => m.Position).HasMaxLength(20);
        b.Property(m => m.Affiliation).HasMaxLength(20);
        b.Property(m => m.Note).HasMaxLength(500);
        b.HasIndex(m => new { m.UnitId, m.TermEnd });
    }
}

internal sealed class TeamChangeConfiguration : IEntityTypeConfiguration<TeamChange>
{
    public void Configure(EntityTypeBuilder<TeamChange> b)
    {
        b.ConfigureUnitRecord();
        b.Property(c => c.MemberName).HasMaxLength(50);
        b.Property(c => c.Position).HasMaxLength(20);
        b.Property(c => c.Reason).HasMaxLength(500);
        b.Property(c => c.SuccessorName).HasMaxLength(50);
        b.HasOne(c => c.Member).WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(c => c.Successor).WithMany().HasForeignKey(c => c.SuccessorId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(c => new { c.UnitId, c.Date });
    }
}

internal sealed class PartyMeetingConfiguration : IEntityTypeConfiguration<PartyMeeting>
{
    public void Configure(EntityTypeBuilder<PartyMeeting> b)
    {
        b.ConfigureEvidenceRecord<PartyMeeting, PartyMeetingFile>(f => f.PartyMeetingId);
        b.Property(m => m.Topic).HasMaxLength(200);
        b.Property(m => m.Place).HasMaxLength(100);
        b.Property(m => m.Attendees).HasMaxLength(1000);
        b.Property(m => m.Minutes).HasMaxLength(10000);
        b.Property(m => m.Decisions).HasMaxLength(4000);
        b.HasValues(m => m.Organisations, v => v.PartyMeetingId);
        b.HasIndex(m => new { m.UnitId, m.Date });
    }
}

internal sealed class StudySessionConfiguration : IEntityTypeConfiguration<StudySession>
{
    public void Configure(EntityTypeBuilder<StudySession> b)
    {
        b.ConfigureEvidenceRecord<StudySession, StudySessionFile>(f => f.StudySessionId);
        b.Property(s => s.Topic).HasMaxLength(200);
        b.Property(s => s.Kind).HasMaxLength(20);
        b.Property(s => s.Place).HasMaxLength(100);
        b.Property(s => s.Participants).HasMaxLength(1000);
        b.Property(s => s.Notes).HasMaxLength(4000);
        b.HasIndex(s => new { s.UnitId, s.Date });
    }
}

internal sealed class ChangeLogEntryConfiguration : IEntityTypeConfiguration<ChangeLogEntry>
{
    public void Configure(EntityTypeBuilder<ChangeLogEntry> b)
    {
        b.ToTable("ChangeLog");
        b.Property(c => c.EntityType).HasMaxLength(60);
        b.Property(c => c.EntityId).HasMaxLength(60);
        b.Property(c => c.Action).HasMaxLength(10);
        b.Property(c => c.Field).HasMaxLength(60);
        b.Property(c => c.UserId).HasMaxLength(60);
        b.Property(c => c.UserName).HasMaxLength(100);
        b.HasIndex(c => new { c.EntityType, c.EntityId });
    }
}

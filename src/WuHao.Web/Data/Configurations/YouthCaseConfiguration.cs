using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Protection;

namespace WuHao.Web.Data.Configurations;

internal sealed class YouthCaseConfiguration : IEntityTypeConfiguration<YouthCase>
{
    public void Configure(EntityTypeBuilder<YouthCase> b)
    {
        b.ConfigureUnitRecord();
        b.Property(c => c.Name).HasMaxLength(50);
        b.Property(c => c.Gender).HasMaxLength(2);
        b.Property(c => c.IdNumberCipher).HasMaxLength(1000);
        b.Property(c => c.IdNumberHash).HasMaxLength(64);
        b.Property(c => c.School).HasMaxLength(100);
        b.Property(c => c.Grade).HasMaxLength(20);
        b.Property(c => c.AddressCipher).HasMaxLength(2000);
        b.HasValues(c => c.Categories, v => v.YouthCaseId);
        b.Property(c => c.GuardianName).HasMaxLength(50);
        b.Property(c => c.GuardianRelation).HasMaxLength(20);
        b.Property(c => c.GuardianPhoneCipher).HasMaxLength(1000);
        b.Property(c => c.Situation).HasMaxLength(4000);
        b.Property(c => c.Needs).HasMaxLength(4000);
        b.Property(c => c.PairedElders).HasMaxLength(200);
        b.Navigation(c => c.Elders).AutoInclude();
        b.Property(c => c.Status).HasMaxLength(10);
        b.Property(c => c.CloseReason).HasMaxLength(100);
        b.HasIndex(c => new { c.UnitId, c.Status });
        b.HasIndex(c => new { c.UnitId, c.IdNumberHash });
    }
}

internal sealed class HelpActionConfiguration : IEntityTypeConfiguration<HelpAction>
{
    public void Configure(EntityTypeBuilder<HelpAction> b)
    {
        b.ConfigureUnitRecord();
        b.HasOne(h => h.Case).WithMany().HasForeignKey(h => h.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Property(h => h.Kind).HasMaxLength(10);
        b.Property(h => h.Helper).HasMaxLength(100);
        b.Property(h => h.Amount).HasPrecision(12, 2);
        b.Property(h => h.Donor).HasMaxLength(100);
        b.HasOne(h => h.DonorRecord).WithMany().HasForeignKey(h => h.DonorId).OnDelete(DeleteBehavior.SetNull);
        b.Property(h => h.Notes).HasMaxLength(2000);
        b.HasIndex(h => new { h.UnitId, h.Date });
    }
}

internal sealed class CaseVisitConfiguration : IEntityTypeConfiguration<CaseVisit>
{
    public void Configure(EntityTypeBuilder<CaseVisit> b)
    {
        b.ConfigureUnitRecord();
        b.HasOne(v => v.Case).WithMany().HasForeignKey(v => v.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Property(v => v.Visitor).HasMaxLength(100);
        b.Property(v => v.Notes).HasMaxLength(2000);
        b.HasIndex(v => new { v.UnitId, v.Date });
    }
}

internal sealed class CaseConsentConfiguration : IEntityTypeConfiguration<CaseConsent>
{
    public void Configure(EntityTypeBuilder<CaseConsent> b)
    {
        b.ConfigureEvidenceRecord<CaseConsent, CaseConsentFile>(f => f.CaseConsentId);
        b.HasOne(c => c.Case).WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Property(c => c.Purpose).HasMaxLength(20);
        b.Property(c => c.ConsentedBy).HasMaxLength(50);
        b.Property(c => c.Relation).HasMaxLength(20);
        b.Property(c => c.Paper).HasMaxLength(200);
        b.HasIndex(c => c.CaseId);
    }
}

internal sealed class CaseShareConfiguration : IEntityTypeConfiguration<CaseShare>
{
    public void Configure(EntityTypeBuilder<CaseShare> b)
    {
        b.ConfigureUnitRecord();
        b.HasOne(s => s.Case).WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Property(s => s.Recipient).HasMaxLength(10);
        b.Property(s => s.RecipientName).HasMaxLength(100);
        b.Property(s => s.Purpose).HasMaxLength(200);
        b.HasIndex(s => s.CaseId);
    }
}

internal sealed class CaseAccessEntryConfiguration : IEntityTypeConfiguration<CaseAccessEntry>
{
    public void Configure(EntityTypeBuilder<CaseAccessEntry> b)
    {
        b.ToTable("CaseAccessLog");
        b.Property(e => e.UserId).HasMaxLength(60);
        b.Property(e => e.UserName).HasMaxLength(100);
        b.Property(e => e.Action).HasMaxLength(20);
        b.Property(e => e.Detail).HasMaxLength(200);
        b.Property(e => e.Address).HasMaxLength(60);
        b.HasIndex(e => new { e.UnitId, e.At });
        b.HasIndex(e => e.CaseId);
    }
}

internal sealed class ProtectedSecretConfiguration : IEntityTypeConfiguration<ProtectedSecret>
{
    public void Configure(EntityTypeBuilder<ProtectedSecret> b)
    {
        b.HasKey(s => s.Name);
        b.Property(s => s.Name).HasMaxLength(60);
        b.Property(s => s.Value).HasMaxLength(2000);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WuHao.Web.Domain;

namespace WuHao.Web.Data.Configurations;

internal sealed class SampleConfiguration : IEntityTypeConfiguration<Sample>
{
    public void Configure(EntityTypeBuilder<Sample> b)
    {
        b.ToTable("Samples");
        b.ConfigureUnitRecord();
        b.Property(s => s.Rule).HasMaxLength(20);
        b.Property(s => s.DrawnBy).HasMaxLength(100);
        b.HasIndex(s => new { s.UnitId, s.CampaignId, s.Year });
        b.HasOne(s => s.Campaign).WithMany().HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Drawn).WithOne(d => d.Sample).HasForeignKey(d => d.SampleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SampledUnitConfiguration : IEntityTypeConfiguration<SampledUnit>
{
    public void Configure(EntityTypeBuilder<SampledUnit> b)
    {
        b.ToTable("SampledUnits");
        b.ConfigureUnitRecord();
        b.HasIndex(d => new { d.SampleId, d.UnitId }).IsUnique();
        b.HasIndex(d => d.UnitId);
    }
}

internal sealed class CertificationConfiguration : IEntityTypeConfiguration<Certification>
{
    public void Configure(EntityTypeBuilder<Certification> b)
    {
        b.ToTable("Certifications");
        b.ConfigureUnitRecord();
        b.Property(c => c.RevokeReason).HasMaxLength(500);
        b.HasIndex(c => new { c.UnitId, c.AwardedOn });
        b.HasOne(c => c.Campaign).WithMany().HasForeignKey(c => c.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.IssuedBy).WithMany().HasForeignKey(c => c.IssuedById).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Events).WithOne(e => e.Certification).HasForeignKey(e => e.CertificationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CertificationEventConfiguration : IEntityTypeConfiguration<CertificationEvent>
{
    public void Configure(EntityTypeBuilder<CertificationEvent> b)
    {
        b.ToTable("CertificationEvents");
        b.ConfigureUnitRecord();
        b.Property(e => e.Kind).HasMaxLength(20);
        b.Property(e => e.Reason).HasMaxLength(500);
        b.Property(e => e.By).HasMaxLength(100);
        b.HasIndex(e => e.CertificationId);
        b.HasIndex(e => e.UnitId);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WuHao.Web.Domain;

namespace WuHao.Web.Data.Configurations;

internal sealed class IndicatorSystemRecordConfiguration : IEntityTypeConfiguration<IndicatorSystemRecord>
{
    public void Configure(EntityTypeBuilder<IndicatorSystemRecord> b)
    {
        b.ToTable("IndicatorSystems");
        b.ConfigureEntity();
        b.Property(s => s.Code).HasMaxLength(60);
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.Edition).HasMaxLength(40);
        b.Property(s => s.State).HasMaxLength(20);
        b.Property(s => s.AppliesTo).HasMaxLength(200);
        b.Property(s => s.PassScore).HasPrecision(9, 2);
        b.Property(s => s.PublishedBy).HasMaxLength(100);
        b.HasIndex(s => new { s.Code, s.Edition }).IsUnique();
        b.HasIndex(s => s.OwnerUnitId);
        b.HasOne(s => s.OwnerUnit).WithMany().HasForeignKey(s => s.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(s => s.UnitTypes);
    }
}

internal sealed class GapRecordConfiguration : IEntityTypeConfiguration<GapRecord>
{
    public void Configure(EntityTypeBuilder<GapRecord> b)
    {
        b.ToTable("Gaps");
        b.ConfigureUnitRecord();
        b.Property(g => g.IndicatorCode).HasMaxLength(40);
        b.Property(g => g.IndicatorName).HasMaxLength(200);
        b.Property(g => g.Action).HasMaxLength(400);
        b.Property(g => g.State).HasMaxLength(20);
        b.Property(g => g.Owner).HasMaxLength(50);
        b.Property(g => g.Recoverable).HasPrecision(9, 2);
        b.HasIndex(g => new { g.UnitId, g.SystemId, g.Year, g.IndicatorCode }).IsUnique();
        b.HasOne(g => g.System).WithMany().HasForeignKey(g => g.SystemId).OnDelete(DeleteBehavior.Cascade);
    }
}

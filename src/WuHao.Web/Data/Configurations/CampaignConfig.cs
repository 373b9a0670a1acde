using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WuHao.Web.Domain;

namespace WuHao.Web.Data.Configurations;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.ToTable("Campaigns");
        b.ConfigureUnitRecord();
        b.Property(c => c.Name).HasMaxLength(200);
        b.HasIndex(c => c.UnitId);
        b.HasOne(c => c.System).WithMany().HasForeignKey(c => c.SystemId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Stages).WithOne(s => s.Campaign).HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CampaignStageConfiguration : IEntityTypeConfiguration<CampaignStage>
{
    public void Configure(EntityTypeBuilder<CampaignStage> b)
    {
        b.ToTable("CampaignStages");
        b.ConfigureUnitRecord();
        b.Property(s => s.Kind).HasMaxLength(20);
        b.HasIndex(s => new { s.UnitId, s.CampaignId });
    }
}

internal sealed class AssessmentRoundConfiguration : IEntityTypeConfiguration<AssessmentRound>
{
    public void Configure(EntityTypeBuilder<AssessmentRound> b)
    {
        b.ToTable("AssessmentRounds");
        b.ConfigureUnitRecord();
        b.Property(r => r.State).HasMaxLength(20);
        b.Property(r => r.ReturnReason).HasMaxLength(500);
        b.Property(r => r.FinalTotal).HasPrecision(9, 2);
        b.HasIndex(r => new { r.UnitId, r.CampaignId, r.Year }).IsUnique();
        b.HasIndex(r => new { r.CampaignId, r.Year });
        b.HasOne(r => r.Campaign).WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.System).WithMany().HasForeignKey(r => r.SystemId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Steps).WithOne(s => s.Round).HasForeignKey(s => s.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AssessmentStepConfiguration : IEntityTypeConfiguration<AssessmentStep>
{
    public void Configure(EntityTypeBuilder<AssessmentStep> b)
    {
        b.ToTable("AssessmentSteps");
        b.ConfigureUnitRecord();
        b.Property(s => s.Kind).HasMaxLength(20);
        b.Property(s => s.Total).HasPrecision(9, 2);
        b.Property(s => s.Note).HasMaxLength(1000);
        b.Property(s => s.SubmittedBy).HasMaxLength(100);
        b.Property(s => s.ReturnedBy).HasMaxLength(100);
        b.Property(s => s.ReturnReason).HasMaxLength(500);

        // One standing step per kind; returned ones stay beside it. The filter's SQL is the same on both engines.
        b.HasIndex(s => new { s.RoundId, s.Kind }).IsUnique().HasFilter("\"ReturnedAt\" IS NULL");
        b.HasIndex(s => s.UnitId);
    }
}

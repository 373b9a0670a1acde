using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WuHao.Web.Domain;

namespace WuHao.Web.Data.Configurations;

internal sealed class ImplementationPlanConfiguration : IEntityTypeConfiguration<ImplementationPlan>
{
    public void Configure(EntityTypeBuilder<ImplementationPlan> b)
    {
        b.ToTable("Plans");
        b.ConfigureUnitRecord();
        b.Property(p => p.Title).HasMaxLength(200);
        b.Property(p => p.State).HasMaxLength(20);
        b.Property(p => p.Goals).HasMaxLength(4000);
        b.Property(p => p.Requirements).HasMaxLength(4000);
        b.Property(p => p.Notes).HasMaxLength(8000);
        b.Property(p => p.ReviewComment).HasMaxLength(1000);

        // One plan per unit and campaign.
        b.HasIndex(p => new { p.UnitId, p.CampaignId }).IsUnique();
        b.HasIndex(p => p.CampaignId);
        b.HasOne(p => p.Campaign).WithMany().HasForeignKey(p => p.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Steps).WithOne(s => s.Plan).HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.People).WithOne(s => s.Plan).HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Versions).WithOne(v => v.Plan).HasForeignKey(v => v.PlanId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlanStepConfiguration : IEntityTypeConfiguration<PlanStep>
{
    public void Configure(EntityTypeBuilder<PlanStep> b)
    {
        b.ToTable("PlanSteps");
        b.ConfigureUnitRecord();
        b.Property(s => s.What).HasMaxLength(500);
        b.Property(s => s.Responsible).HasMaxLength(100);
        b.HasIndex(s => new { s.UnitId, s.PlanId });
        b.HasIndex(s => s.PlanId);
    }
}

internal sealed class PlanPersonConfiguration : IEntityTypeConfiguration<PlanPerson>
{
    public void Configure(EntityTypeBuilder<PlanPerson> b)
    {
        b.ToTable("PlanPeople");
        b.ConfigureUnitRecord();
        b.Property(p => p.Name).HasMaxLength(50);
        b.Property(p => p.Role).HasMaxLength(50);
        b.Property(p => p.Duty).HasMaxLength(500);
        b.HasIndex(p => new { p.UnitId, p.PlanId });
        b.HasIndex(p => p.PlanId);
    }
}

internal sealed class PlanVersionConfiguration : IEntityTypeConfiguration<PlanVersion>
{
    public void Configure(EntityTypeBuilder<PlanVersion> b)
    {
        b.ToTable("PlanVersions");
        b.ConfigureUnitRecord();
        b.Property(v => v.SubmittedBy).HasMaxLength(100);
        b.Property(v => v.Decision).HasMaxLength(20);
        b.Property(v => v.Comment).HasMaxLength(1000);
        b.Property(v => v.DecidedBy).HasMaxLength(100);
        b.HasIndex(v => new { v.PlanId, v.Number }).IsUnique();
        b.HasIndex(v => v.UnitId);
    }
}

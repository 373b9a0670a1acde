using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WuHao.Web.Domain;

namespace WuHao.Web.Data.Configurations;

/// <summary>Multi-valued fields as child tables (ADR-011): one row per (owner, value), loaded with the owner.</summary>
internal static class ListValueConfig
{
    /// <summary>The owner's values go and come with it: deleted with it, and loaded whenever the owner is.</summary>
    public static void HasValues<TOwner, TValue>(
        this EntityTypeBuilder<TOwner> b, Expression<Func<TOwner, IEnumerable<TValue>?>> values, Expression<Func<TValue, object?>> owner)
        where TOwner : class where TValue : ListValue
    {
        b.HasMany(values).WithOne().HasForeignKey(owner).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(values).AutoInclude();
    }
}

/// <summary>Key (owner, value): a value appears once per record; the index (value, owner) serves "records with this value".</summary>
internal abstract class ListValueConfiguration<TValue>(string ownerKey, int maxLength) : IEntityTypeConfiguration<TValue>
    where TValue : ListValue
{
    public void Configure(EntityTypeBuilder<TValue> b)
    {
        b.ToTable(typeof(TValue).Name);
        b.HasKey(ownerKey, nameof(ListValue.Value));
        b.HasIndex(nameof(ListValue.Value), ownerKey);
        b.Property(v => v.Value).HasMaxLength(maxLength);
    }
}

// The lengths are those of the joined columns they replace, so that no carried-over value is cut.
internal sealed class ActivityTypeValueConfiguration() : ListValueConfiguration<ActivityTypeValue>(nameof(ActivityTypeValue.ActivityId), 400);

internal sealed class ActivityPartnerValueConfiguration() : ListValueConfiguration<ActivityPartnerValue>(nameof(ActivityPartnerValue.ActivityId), 200);

internal sealed class InvestigationTargetGroupValueConfiguration()
    : ListValueConfiguration<InvestigationTargetGroupValue>(nameof(InvestigationTargetGroupValue.InvestigationId), 200);

internal sealed class YouthCaseCategoryValueConfiguration() : ListValueConfiguration<YouthCaseCategoryValue>(nameof(YouthCaseCategoryValue.YouthCaseId), 200);

internal sealed class PartyMeetingOrganisationValueConfiguration()
    : ListValueConfiguration<PartyMeetingOrganisationValue>(nameof(PartyMeetingOrganisationValue.PartyMeetingId), 200);

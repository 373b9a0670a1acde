using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WuHao.Web.Domain;

namespace WuHao.Web.Data.Configurations;

internal sealed class CalendarFeedTokenConfiguration : IEntityTypeConfiguration<CalendarFeedToken>
{
    public void Configure(EntityTypeBuilder<CalendarFeedToken> b)
    {
        b.ToTable("CalendarFeedTokens");
        b.HasKey(t => t.UserId);
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasOne(t => t.User).WithOne().HasForeignKey<CalendarFeedToken>(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

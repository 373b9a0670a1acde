namespace WuHao.Web.Domain;

/// <summary>One changed field of one record, written by the SaveChanges interceptor; never edited.</summary>
public sealed class ChangeLogEntry
{
    public long Id { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public int? UnitId { get; set; }

    /// <summary>The distribution column (ADR-016): the banner of <see cref="UnitId"/>; null with it.</summary>
    public int? BannerId { get; set; }

    /// <summary>created, updated or deleted.</summary>
    public required string Action { get; set; }
    public required string Field { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public DateTimeOffset At { get; set; }
}

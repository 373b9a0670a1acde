namespace WuHao.Web.Domain;

/// <summary>
/// A user's secret calendar feed address: only the SHA-256 of the random token is kept, so the database never
/// holds a working address. One per user; a reset replaces the hash and the old address answers 404 from then on.
/// </summary>
public sealed class CalendarFeedToken : IBannerRow
{
    public required string UserId { get; set; }
    public AppUser? User { get; set; }

    /// <summary>The distribution column (ADR-016): the banner of the user's unit.</summary>
    public int BannerId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token in the address.</summary>
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

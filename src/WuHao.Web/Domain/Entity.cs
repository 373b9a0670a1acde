namespace WuHao.Web.Domain;

/// <summary>A record that belongs to one organisation unit: the scope rule and the future distribution key.</summary>
public interface IUnitOwned
{
    int UnitId { get; }
}

/// <summary>
/// A row of a table distributed by banner (docs/decisions/ADR-016-citus-distribution.md): <see cref="BannerId"/> is the
/// banner (旗) of its unit's path, the unit's own id above banner level (<see cref="OrgUnit.BannerId"/>). Set by the
/// app when the row is written (<see cref="Data.Interceptors.BannerStamp"/>, the bulk writers), never from input.
/// A row without a unit of its own (a multi-valued field's value, a file's bytes, a user's calendar token) has its
/// parent's banner, so that it lies on the parent's shard.
/// </summary>
public interface IBannerRow
{
    int BannerId { get; set; }
}

/// <summary>A record of a table distributed by banner (<see cref="IBannerRow"/>): its banner is its unit's.</summary>
public interface IBannerOwned : IUnitOwned, IBannerRow;

/// <summary>Every record: identity, audit stamps and the optimistic-concurrency version .</summary>
public abstract class Entity
{
    public int Id { get; set; }
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>A record kept by one unit.</summary>
public abstract class UnitRecord : Entity, IBannerOwned
{
    public int UnitId { get; set; }

    /// <summary>The distribution column (ADR-016): the banner of <see cref="UnitId"/>'s path.</summary>
    public int BannerId { get; set; }
    public OrgUnit? Unit { get; set; }
}

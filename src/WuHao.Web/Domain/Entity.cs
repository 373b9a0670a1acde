namespace WuHao.Web.Domain;

/// <summary>A record that belongs to one organisation unit: the scope rule and the future distribution key.</summary>
public interface IUnitOwned
{
    int UnitId { get; }
}

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
public abstract class UnitRecord : Entity, IUnitOwned
{
    public int UnitId { get; set; }
    public OrgUnit? Unit { get; set; }
}

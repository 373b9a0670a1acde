namespace WuHao.Web.Infrastructure.Authorization;

/// <summary>
/// Endpoint metadata naming the record type behind a route's {id}. The access-matrix test reads it to
/// try every such route with another unit's record; a route with {id} but no such metadata fails that test.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ScopedRecordAttribute(Type recordType) : Attribute
{
    public Type RecordType { get; } = recordType;
}

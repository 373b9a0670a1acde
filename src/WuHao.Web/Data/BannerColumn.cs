using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using WuHao.Web.Domain;

namespace WuHao.Web.Data;

/// <summary>
/// The distribution column <c>BannerId</c> (docs/decisions/ADR-016-citus-distribution.md) across the model: which tables
/// carry it, and rewriting it for the records of a subtree whose units changed banner.
/// </summary>
public static class BannerColumn
{
    public const string Name = nameof(IBannerOwned.BannerId);

    /// <summary>
    /// Records that carry the column but are reference tables under ADR-016 (owned by a banner or above, read by every
    /// unit below): never filtered by <see cref="AppDbContext.BannerScope"/>.
    /// </summary>
    public static readonly IReadOnlySet<Type> ReferenceTypes = new HashSet<Type> { typeof(Campaign), typeof(CampaignStage) };

    /// <summary>
    /// Reads only the records of the banner a unit's subtree lies in, until disposed (<see cref="AppDbContext.BannerScope"/>):
    /// for a unit at or below banner level; a region or league spans banners (ADR-016's fan-out case) and is not scoped.
    /// </summary>
    public static async Task<IDisposable> ScopeToAsync(AppDbContext db, int unitId, CancellationToken ct)
    {
        if (db.BannerScope is not null)
        {
            return ScopeTo(db, db.BannerScope); // already scoped by the caller (the dashboard around the matrix)
        }

        var unit = await db.Units.Where(u => u.Id == unitId).Select(u => new { u.Type, u.BannerId }).FirstOrDefaultAsync(ct);
        return ScopeTo(db, unit is null || unit.Type is UnitType.Region or UnitType.League ? null : unit.BannerId);
    }

    /// <summary>Reads only the records of <paramref name="bannerId"/> (none: all) until disposed.</summary>
    public static IDisposable ScopeTo(AppDbContext db, int? bannerId)
    {
        var before = db.BannerScope;
        db.BannerScope = bannerId;
        return new Restore(() => db.BannerScope = before);
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }

    /// <summary>The tables of the model that carry <c>BannerId</c>: those of the <see cref="IBannerRow"/> rows and the change log.</summary>
    public static IReadOnlyList<string> Tables(IModel model) =>
        model.GetEntityTypes()
            .Where(e => e.BaseType is null && (e.ClrType.IsAssignableTo(typeof(IBannerRow)) || e.ClrType == typeof(ChangeLogEntry)))
            .Select(e => e.GetTableName()!)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The tables distributed by banner under ADR-016: <see cref="Tables"/> less the reference tables among them.</summary>
    public static IReadOnlyList<string> DistributedTables(IModel model) =>
        [.. Tables(model).Except(ReferenceTypes.Select(t => model.FindEntityType(t)!.GetTableName()!))];

    /// <summary>
    /// The tables whose rows have no unit of their own but their parent's (a multi-valued field's values, a file's bytes, a
    /// user's calendar token): each with the column pointing to the parent, the parent's table and the parent's key.
    /// </summary>
    public static IReadOnlyList<(string Table, string ParentKey, string ParentTable, string ParentId)> ChildTables(IModel model) =>
        [.. model.GetEntityTypes()
            .Where(e => e.BaseType is null && e.ClrType.IsAssignableTo(typeof(IBannerRow)) && !e.ClrType.IsAssignableTo(typeof(IBannerOwned)))
            .Select(e => e.GetForeignKeys().Single(fk => fk.PrincipalEntityType.FindProperty(nameof(IUnitOwned.UnitId)) is not null))
            .Select(fk => (fk.DeclaringEntityType.GetTableName()!, fk.Properties[0].GetColumnName(),
                fk.PrincipalEntityType.GetTableName()!, fk.PrincipalKey.Properties[0].GetColumnName()))
            .OrderBy(t => t.Item1, StringComparer.Ordinal)];

    /// <summary>
    /// Sets every distributed table's <c>BannerId</c> from <c>Units.BannerId</c> for the units under a path (one UPDATE per
    /// table, in the caller's transaction): run after the units' own banners were saved. A child row takes its parent's
    /// unit's banner.
    /// </summary>
    public static async Task RewriteAsync(AppDbContext db, string path, CancellationToken ct)
    {
        const string subtree = "SELECT \"Id\" FROM \"Units\" WHERE \"Path\" LIKE {0}";
        var children = ChildTables(db.Model);
        foreach (var table in Tables(db.Model).Except(children.Select(c => c.Table)))
        {
            await db.Database.ExecuteSqlRawAsync(FromUnits(table, $"WHERE \"UnitId\" IN ({subtree})"), [path + "%"], ct);
        }

        foreach (var (table, parentKey, parentTable, parentId) in children)
        {
            var sql = $"""
                UPDATE "{table}" SET "BannerId" = (SELECT u."BannerId" FROM "{parentTable}" p JOIN "Units" u ON u."Id" = p."UnitId" WHERE p."{parentId}" = "{table}"."{parentKey}")
                WHERE "{parentKey}" IN (SELECT "{parentId}" FROM "{parentTable}" WHERE "UnitId" IN ({subtree}))
                """;
            await db.Database.ExecuteSqlRawAsync(sql, [path + "%"], ct);
        }
    }

    /// <summary>The UPDATE that sets a table's <c>BannerId</c> from its unit's, for the rows <paramref name="where"/> picks (SQLite and PostgreSQL alike).</summary>
    public static string FromUnits(string table, string where) =>
        $"UPDATE \"{table}\" SET \"BannerId\" = (SELECT u.\"BannerId\" FROM \"Units\" u WHERE u.\"Id\" = \"{table}\".\"UnitId\") {where}";
}

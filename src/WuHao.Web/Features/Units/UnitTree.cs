using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Web.Features.Units;

/// <summary>Keeps the materialised paths of the organisation tree right when units are added or moved.</summary>
public static class UnitTree
{
    /// <summary>Adds a unit under its parent (already loaded, or null for a root) and sets its path; one transaction.</summary>
    public static async Task AddAsync(AppDbContext db, OrgUnit unit, OrgUnit? parent, CancellationToken ct = default)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            unit.ParentId = parent?.Id;
            unit.Path = "/";
            unit.BannerId = OrgUnit.BannerUnder(parent, 0);
            db.Units.Add(unit);
            await db.SaveChangesAsync(ct);
            unit.Path = $"{parent?.Path ?? "/"}{unit.Id}/";
            unit.BannerId = OrgUnit.BannerUnder(parent, unit.Id);
            await db.SaveChangesAsync(ct);
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>Moves a unit (tracked) under a new parent, rewriting the paths of its whole subtree. Saves nothing.</summary>
    public static async Task MoveAsync(AppDbContext db, OrgUnit unit, OrgUnit newParent, CancellationToken ct = default)
    {
        var oldPath = unit.Path;
        var newPath = $"{newParent.Path}{unit.Id}/";
        if (oldPath == newPath)
        {
            return;
        }

        var subtree = await db.Units.Where(u => u.Path.StartsWith(oldPath)).ToListAsync(ct);
        foreach (var u in subtree)
        {
            u.Path = string.Concat(newPath, u.Path.AsSpan(oldPath.Length));
        }

        unit.ParentId = newParent.Id;
    }

    /// <summary>
    /// Sets <see cref="OrgUnit.BannerId"/> again in the subtree of a unit (tracked) that moved or changed type, under its
    /// parent (null for the root); call after <see cref="MoveAsync"/>. Returns whether any changed: then, once the units
    /// are saved, <see cref="BannerColumn.RewriteAsync"/> moves their records in the same transaction (ADR-016). Saves nothing.
    /// </summary>
    public static async Task<bool> RebannerAsync(AppDbContext db, OrgUnit unit, OrgUnit? parent, CancellationToken ct = default)
    {
        var savedPath = db.Entry(unit).Property(u => u.Path).OriginalValue ?? unit.Path;
        var subtree = await db.Units.Where(u => u.Path.StartsWith(savedPath)).ToListAsync(ct);
        var byId = subtree.ToDictionary(u => u.Id);
        var changed = false;
        foreach (var u in subtree.Append(unit).Distinct().OrderBy(u => u.Path.Length))
        {
            var banner = OrgUnit.BannerUnder(u == unit ? parent : byId[u.ParentId!.Value], u.Id);
            changed |= u.BannerId != banner;
            u.BannerId = banner;
        }

        return changed;
    }
}

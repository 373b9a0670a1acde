using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Elders;

/// <summary>
/// Records that name 五老 of the roster (<c>elderIds</c>, R-2.1): trainings, activities and case pairings.
/// One check that the ids are 五老 of the record's unit(s), one sync of the link rows, one list of choices for the form.
/// </summary>
public static class ElderLinks
{
    public const int MaxElders = 100;

    /// <summary>Every id names a 五老 of one of <paramref name="unitIds"/>, else <paramref name="message"/> on <paramref name="field"/>.</summary>
    public static async Task CheckAsync(
        AppDbContext db, ValidationErrors errors, string field, string message, IEnumerable<int> elderIds, IReadOnlyCollection<int> unitIds, CancellationToken ct)
    {
        var ids = elderIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        if (ids.Count > MaxElders)
        {
            errors.Add(field, $"最多选择{MaxElders}名“五老”");
            return;
        }

        if (await db.Elders.CountAsync(e => ids.Contains(e.Id) && unitIds.Contains(e.UnitId), ct) != ids.Count)
        {
            errors.Add(field, message);
        }
    }

    /// <summary>Makes <paramref name="links"/> name exactly <paramref name="elderIds"/>: removes the others, adds the missing ones.</summary>
    public static void Sync<TLink>(List<TLink> links, IEnumerable<int> elderIds, Func<int, TLink> create) where TLink : IElderLink
    {
        var wanted = elderIds.ToHashSet();
        links.RemoveAll(l => !wanted.Contains(l.ElderId));
        foreach (var id in wanted.Where(id => links.All(l => l.ElderId != id)).Order())
        {
            links.Add(create(id));
        }
    }

    /// <summary>The 五老 a form offers: the unit's elders active on <paramref name="day"/>, and any already chosen (who may have left since).</summary>
    public static async Task<IReadOnlyList<ElderChoice>> ChoicesAsync(AppDbContext db, int unitId, IReadOnlyCollection<int> chosen, DateOnly day, CancellationToken ct)
    {
        var active = (await ElderFigures.ActiveEldersAsync(db, unitId, day, ct)).Select(e => e.Id).ToHashSet();
        return (await db.Elders.Where(e => e.UnitId == unitId || chosen.Contains(e.Id)).OrderBy(e => e.UnitId != unitId).ThenBy(e => e.Id)
                .Select(e => new { e.Id, e.Name, e.Category }).ToListAsync(ct))
            .Where(e => active.Contains(e.Id) || chosen.Contains(e.Id))
            .Select(e => new ElderChoice(e.Id, $"{e.Name}（{e.Category}）")).ToList();
    }
}

/// <summary>One checkbox of the 五老 multi-select (Shared/_ElderChecks).</summary>
public sealed record ElderChoice(int Id, string Label);

/// <summary>What Shared/_ElderChecks shows: the field, the choices, the chosen ids, and its legend.</summary>
public sealed record ElderChecks(string Name, IReadOnlyList<ElderChoice> Choices, IReadOnlyCollection<int> Selected, string Legend, string? Hint = null);

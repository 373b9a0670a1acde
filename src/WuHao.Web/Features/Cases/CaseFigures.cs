using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Web.Features.Cases;

/// <summary>Per unit and year: open cases per category, cases helped in the year, visits. Anonymised cases still count.</summary>
public sealed record CaseFigures(int Year, int Open, IReadOnlyList<CategoryCount> OpenByCategory, int Helped, int HelpActions, int Visits, int Closed)
{
    public static async Task<CaseFigures> ComputeAsync(AppDbContext db, int unitId, int year, CancellationToken ct) =>
        (await ComputeManyAsync(db, [unitId], year, ct))[unitId];

    /// <summary>The figures of each of <paramref name="unitIds"/>, as each unit's own page shows them: six commands for all .</summary>
    public static async Task<IReadOnlyDictionary<int, CaseFigures>> ComputeManyAsync(AppDbContext db, IReadOnlyCollection<int> unitIds, int year, CancellationToken ct)
    {
        var ids = unitIds.Distinct().ToList();
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var openCases = db.YouthCases.Where(c => ids.Contains(c.UnitId) && c.Status == YouthCaseVocabulary.Open);
        var open = await openCases.GroupBy(c => c.UnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var counts = (await db.Set<YouthCaseCategoryValue>().Join(openCases, v => v.YouthCaseId, c => c.Id, (v, c) => new { c.UnitId, v.Value })
            .GroupBy(x => new { x.UnitId, x.Value }).Select(g => new { g.Key.UnitId, g.Key.Value, Count = g.Count() }).ToListAsync(ct))
            .ToLookup(x => x.UnitId);
        var help = db.HelpActions.Where(h => ids.Contains(h.UnitId) && h.Date >= from && h.Date <= to);
        var helpActions = await help.GroupBy(h => h.UnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var helped = await help.Select(h => new { h.UnitId, h.CaseId }).Distinct().GroupBy(h => h.UnitId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var visits = await db.CaseVisits.Where(v => ids.Contains(v.UnitId) && v.Date >= from && v.Date <= to)
            .GroupBy(v => v.UnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var closed = await db.YouthCases.Where(c => ids.Contains(c.UnitId) && c.Status == YouthCaseVocabulary.Closed && c.ClosedOn >= from && c.ClosedOn <= to)
            .GroupBy(c => c.UnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return ids.ToDictionary(id => id, id =>
        {
            var ofUnit = counts[id].ToDictionary(x => x.Value, x => x.Count);
            var byCategory = YouthCaseVocabulary.Categories.Select(cat => new CategoryCount(cat, ofUnit.GetValueOrDefault(cat))).ToList();
            return new CaseFigures(year, open.GetValueOrDefault(id), byCategory, helped.GetValueOrDefault(id), helpActions.GetValueOrDefault(id),
                visits.GetValueOrDefault(id), closed.GetValueOrDefault(id));
        });
    }
}

public sealed record CategoryCount(string Category, int Count);

using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Web.Features.Cases;

/// <summary>Per unit and year: open cases per category, cases helped in the year, visits. Anonymised cases still count.</summary>
public sealed record CaseFigures(int Year, int Open, IReadOnlyList<CategoryCount> OpenByCategory, int Helped, int HelpActions, int Visits, int Closed)
{
    public static async Task<CaseFigures> ComputeAsync(AppDbContext db, int unitId, int year, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var openCases = db.YouthCases.Where(c => c.UnitId == unitId && c.Status == YouthCaseVocabulary.Open);
        var open = await openCases.CountAsync(ct);
        var counts = await db.Set<YouthCaseCategoryValue>().Where(v => openCases.Any(c => c.Id == v.YouthCaseId))
            .GroupBy(v => v.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var byCategory = YouthCaseVocabulary.Categories.Select(cat => new CategoryCount(cat, counts.GetValueOrDefault(cat))).ToList();
        var help = db.HelpActions.Where(h => h.UnitId == unitId && h.Date >= from && h.Date <= to);
        var helpActions = await help.CountAsync(ct);
        var helped = await help.Select(h => h.CaseId).Distinct().CountAsync(ct);
        var visits = await db.CaseVisits.CountAsync(v => v.UnitId == unitId && v.Date >= from && v.Date <= to, ct);
        var closed = await db.YouthCases.CountAsync(c => c.UnitId == unitId && c.Status == YouthCaseVocabulary.Closed && c.ClosedOn >= from && c.ClosedOn <= to, ct);
        return new CaseFigures(year, open, byCategory, helped, helpActions, visits, closed);
    }
}

public sealed record CategoryCount(string Category, int Count);

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features.Assessment;

/// <summary>One draw (抽查, R-6.5): its recorded inputs, the candidates in order, the result, and the check that drawing again gives the same.</summary>
[ScopedRecord(typeof(Sample))]
public sealed class SampleModel(AppDbContext db, Samples samples) : PageModel
{
    public Sample? Sample { get; private set; }
    public IReadOnlyList<SampleCandidate> Candidates { get; private set; } = [];
    public IReadOnlyDictionary<int, string> Groups { get; private set; } = new Dictionary<int, string>();
    public IReadOnlyDictionary<int, int> Places { get; private set; } = new Dictionary<int, int>();

    /// <summary>Set when the user asked to draw again (?verify=1).</summary>
    public SampleCheck? Check { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, bool verify, CancellationToken ct)
    {
        Sample = await samples.FindAsync(id, ct);
        if (Sample is null)
        {
            return NotFound();
        }

        Candidates = Samples.CandidatesOf(Sample);
        var groupIds = Candidates.Select(c => c.Group).Distinct().ToList();
        Groups = await db.Units.Where(u => groupIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        Places = Sample.Drawn.ToDictionary(d => d.UnitId, d => d.Position + 1);
        Check = verify ? Samples.Verify(Sample) : null;
        return Page();
    }
}

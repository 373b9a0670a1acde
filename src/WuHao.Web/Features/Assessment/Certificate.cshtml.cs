using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features.Assessment;

/// <summary>The printable certificate of a 五好关工委 title: A4, plain, unit, period, issuing banner and date.</summary>
[ScopedRecord(typeof(Certification))]
public sealed class CertificateModel(Certifications certifications, TimeProvider time) : PageModel
{
    public Certification? Title { get; private set; }
    public bool Held { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Title = await certifications.FindAsync(id, ct);
        if (Title is null)
        {
            return NotFound();
        }

        Held = Title.Holds(time.Today());
        return Page();
    }
}

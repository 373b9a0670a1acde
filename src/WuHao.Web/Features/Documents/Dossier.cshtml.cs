using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WuHao.Web.Features.Indicators;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features.Documents;

/// <summary>
/// The dossier (台账) of a unit and year, laid out for print from the browser: the evaluation's table at the
/// front, then each of the five 好 on its own sheets with the year's records and their photos; the layout's running
/// header names the unit and year and the footer numbers the pages. Youth cases are counts; a holder of the
/// permission who asks (<c>?cases=1</c>) sees the masked list, and that read is written to the case access log
/// (by <see cref="Dossiers.ReadAsync"/>, as for the Word file).
/// </summary>
public sealed class DossierModel(EvaluationPages pages, Dossiers dossiers) : PageModel
{
    public UnitHeader? Unit { get; private set; }
    public int Year { get; private set; }
    public Dossier? Dossier { get; private set; }

    /// <summary>Why there is no dossier to show, in Chinese.</summary>
    public string? Message { get; private set; }

    /// <summary>The cases were asked for by someone without the permission: they see the counts and why.</summary>
    public bool CasesRefused { get; private set; }
    public bool MayAskForCases { get; private set; }

    public async Task<IActionResult> OnGetAsync(int unitId, int? year, int? cases, CancellationToken ct)
    {
        var found = await pages.UnitAsync(unitId, year, null, forMatrix: true, ct);
        if (found.Invalid is not null)
        {
            found = await pages.UnitAsync(unitId, null, null, forMatrix: true, ct);
            Message = "年度不对：请填写2000到2100之间的年份。下面是今年的台账。";
        }

        if (found.Unit is null)
        {
            return NotFound();
        }

        (Unit, Year) = (found.Unit, found.Year);
        if (DocumentKind.Refusal("dossier", found.Unit.Type) is { } refusal)
        {
            Message = refusal;
            return Page();
        }

        if (found.System is null)
        {
            Message = "还没有适用于本单位的已发布指标体系：请旗关工委先发布指标体系。";
            return Page();
        }

        MayAskForCases = User.MayKeepYouthCases();
        Dossier = await dossiers.ReadAsync(found.Unit, found.Year, Dossiers.CasesFor(User, cases == 1), ct);
        CasesRefused = Dossier.CaseView == DossierCases.Refused;
        return Page();
    }
}

using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using WuHao.Web.Infrastructure.Office;

namespace WuHao.Web.Features.Indicators;

/// <summary>
/// 指标体系: the systems a user may see with their state, and for the banner and the admin the upload of a
/// system file (JSON or Excel) as a new draft. A refused file lists every problem; nothing is saved.
/// </summary>
[IgnoreAntiforgeryToken] // the upload is read within the Excel size limit first, then the token is checked by hand
public sealed class IndexModel(IndicatorSystems systems, IOptions<ExcelOptions> excel, IAntiforgery antiforgery) : PageModel
{
    public IReadOnlyList<SystemSummary> Systems { get; private set; } = [];
    public bool MayManage { get; private set; }

    /// <summary>Every problem of a refused upload, in Chinese.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public string? FileName { get; private set; }
    public string? Done { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Done = done;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!IndicatorSystems.MayManage(User))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        FileName = Request.HasFormContentType ? Request.Form.Files.GetFile("file")?.FileName : null;
        var upload = await SystemFile.ReadAsync(Request, excel.Value, ct);
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return BadRequest();
        }

        if (upload.Ok)
        {
            var change = await systems.CreateAsync(upload.System!, ct);
            if (change.Outcome == SystemOutcome.Ok)
            {
                return Redirect($"/Indicators/System/{change.Record!.Id}?done=imported");
            }

            upload = upload with { Problems = change.Problems ?? ["无权导入指标体系"] };
        }

        Problems = upload.Problems;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        MayManage = IndicatorSystems.MayManage(User);
        Systems = await systems.ListAsync(ct);
    }
}

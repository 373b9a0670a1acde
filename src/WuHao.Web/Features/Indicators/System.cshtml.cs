using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Office;

namespace WuHao.Web.Features.Indicators;

/// <summary>
/// One indicator system: its sections and indicators with the rules in plain Chinese, and for the banner and
/// the admin the steps of its life: publish a draft, replace a draft by a new file, copy as a new version, retire,
/// delete a draft.
/// </summary>
[ScopedRecord(typeof(IndicatorSystemRecord))]
[IgnoreAntiforgeryToken] // the replacing upload is read within the Excel size limit first; every handler checks the token by hand
public sealed class SystemModel(IndicatorSystems systems, IOptions<ExcelOptions> excel, IAntiforgery antiforgery) : PageModel
{
    public IndicatorSystemRecord Record { get; private set; } = null!;
    public IndicatorSystem Definition { get; private set; } = new();
    public bool MayManage { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? done, CancellationToken ct)
    {
        Done = done;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostPublishAsync(int id, int version, CancellationToken ct) =>
        ActAsync(id, () => systems.PublishAsync(id, version, ct), r => $"/Indicators/System/{r.Id}?done=published", ct);

    public Task<IActionResult> OnPostNewVersionAsync(int id, CancellationToken ct) =>
        ActAsync(id, () => systems.NewVersionAsync(id, ct), r => $"/Indicators/System/{r.Id}?done=copied", ct);

    public Task<IActionResult> OnPostRetireAsync(int id, CancellationToken ct) =>
        ActAsync(id, () => systems.RetireAsync(id, ct), r => $"/Indicators/System/{r.Id}?done=retired", ct);

    public Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct) =>
        ActAsync(id, () => systems.DeleteDraftAsync(id, ct), _ => "/Indicators?done=deleted", ct);

    public async Task<IActionResult> OnPostReplaceAsync(int id, CancellationToken ct)
    {
        if (await systems.FindAsync(id, ct) is null)
        {
            return NotFound();
        }

        if (!IndicatorSystems.MayManage(User))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var upload = await SystemFile.ReadAsync(Request, excel.Value, ct);
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return BadRequest();
        }

        if (!upload.Ok)
        {
            Problems = upload.Problems;
            await LoadAsync(id, ct);
            return Page();
        }

        var version = int.TryParse(Request.Form["version"], out var v) ? v : (int?)null;
        return await ActAsync(id, () => systems.ReplaceDraftAsync(id, upload.System!, version, ct), r => $"/Indicators/System/{r.Id}?done=replaced", ct, checkedToken: true);
    }

    private async Task<IActionResult> ActAsync(int id, Func<Task<SystemChange>> act, Func<IndicatorSystemRecord, string> next, CancellationToken ct, bool checkedToken = false)
    {
        if (await systems.FindAsync(id, ct) is null)
        {
            return NotFound();
        }

        if (!IndicatorSystems.MayManage(User))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (!checkedToken && !await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return BadRequest();
        }

        var change = await act();
        switch (change.Outcome)
        {
            case SystemOutcome.Ok:
                return Redirect(next(change.Record!));
            case SystemOutcome.NotFound:
                return NotFound();
            case SystemOutcome.Forbidden:
                Problems = ["只有旗关工委和系统管理员可以管理本单位的指标体系；示范模板请先“复制为新版本”。"];
                break;
            case SystemOutcome.Conflict:
                Problems = ["这个指标体系刚被别人改过，您的操作没有执行。请看下面的最新内容后再操作。"];
                break;
            default:
                Problems = change.Problems ?? [];
                break;
        }

        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await systems.FindAsync(id, ct) is not { } record)
        {
            return false;
        }

        Record = record;
        Definition = Evaluations.Definition(record);
        MayManage = IndicatorSystems.MayManage(User);
        return true;
    }
}

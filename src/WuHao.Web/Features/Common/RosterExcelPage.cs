using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Office;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Common;

/// <summary>What the shared view _RosterExcel shows of a roster's Excel page.</summary>
public interface IRosterExcelPage
{
    UnitHeader Unit { get; }
    bool CanEdit { get; }
    int Count { get; }
    string Title { get; }
    string CollectionName { get; }
    string BackUrl { get; }
    string BackLabel { get; }
    ExcelOptions Limits { get; }
    ImportOutcome? Outcome { get; }
    string? FileName { get; }
}

/// <summary>
/// A roster's Excel page: export, template, and an import form that works without JavaScript (a little script
/// adds an upload progress bar). The antiforgery token is checked by hand after the form has been read within the size
/// limit, so that an oversized file gets the page with the limit named instead of an error.
/// </summary>
[IgnoreAntiforgeryToken]
public abstract class RosterExcelPage<TEntity, TInput, TDto>(AppDbContext db, OrgScope orgScope, RosterExcel excel, IAntiforgery antiforgery)
    : RecordPageModel, IRosterExcelPage
    where TEntity : UnitRecord where TInput : class, IRecordInput, new() where TDto : class
{
    public UnitHeader Unit { get; private set; } = UnitHeader.None;
    public bool CanEdit { get; private set; }
    public int Count { get; private set; }
    public ImportOutcome? Outcome { get; private set; }
    public string? FileName { get; private set; }
    public string Title => Roster.Title;
    public string CollectionName => Roster.Collection.Name;
    public ExcelOptions Limits => excel.Options;
    public string BackUrl => ListUrl(Unit.Id, null);
    public abstract string BackLabel { get; }

    protected abstract ExcelRoster<TEntity, TInput, TDto> Roster { get; }

    /// <summary>The roster's list; after an import, with the number imported.</summary>
    protected abstract string ListUrl(int unitId, int? imported);

    public async Task<IActionResult> OnGetAsync(int unitId, CancellationToken ct) => await LoadAsync(unitId, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int unitId, CancellationToken ct)
    {
        if (await LoadAsync(unitId, ct) is { } stop)
        {
            return stop;
        }

        if (!CanEdit)
        {
            return Denied();
        }

        var upload = await RosterUpload.ReadAsync(Request, excel.Options, ct);
        FileName = upload.FileName;
        if (upload.Refusal is { } refused)
        {
            Outcome = refused;
            return Page();
        }

        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return BadRequest();
        }

        var outcome = await excel.ImportAsync(Roster, unitId, upload.File!, upload.FileName, ct);
        switch (outcome.Status)
        {
            case ImportStatus.Ok:
                return Redirect(ListUrl(unitId, outcome.Imported));
            case ImportStatus.NotFound:
                return NotFound();
            case ImportStatus.Forbidden:
                return Denied();
            default:
                Outcome = outcome;
                return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(int unitId, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        if (await UnitHeader.LoadAsync(db, scope, unitId, ct) is not { } unit)
        {
            return NotFound();
        }

        Unit = unit;
        CanEdit = await MayEditAsync(new UnitResource(unitId));
        Count = await db.Set<TEntity>().Where(r => r.UnitId == unitId).CountAsync(ct);
        return null;
    }
}

/// <summary>Errors of an import shown on the page; the rest are counted.</summary>
public static class RosterExcelPageLimits
{
    public const int ErrorsShown = 1000;
}

using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Office;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Shared;

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

    /// <summary>What a checked upload will write, shown before the user confirms; null when there is none.</summary>
    ImportPreview? Preview { get; }

    /// <summary>The kept upload the confirm form names, and the hash of its content.</summary>
    Guid? PendingId { get; }
    string? PendingHash { get; }

    /// <summary>The roster's column headers, for the preview's table.</summary>
    IReadOnlyList<string> Headers { get; }
}

/// <summary>
/// A roster's Excel page: export, template, and an import in two steps that work without JavaScript (a
/// little script adds an upload progress bar). The upload is checked as a dry run and kept on the server
/// (<see cref="PendingImports"/>); the page shows which column goes to which field, the rows to be written and what is
/// ignored; the user's confirmation imports the kept file, checked again, without uploading it again. The antiforgery
/// token is checked by hand after the form has been read within the size limit, so that an oversized file gets the
/// page with the limit named instead of an error.
/// </summary>
[IgnoreAntiforgeryToken]
public abstract class RosterExcelPage<TEntity, TInput, TDto>(AppDbContext db, OrgScope orgScope, RosterExcel excel, PendingImports pending, IAntiforgery antiforgery)
    : RecordPageModel, IRosterExcelPage
    where TEntity : UnitRecord where TInput : class, IRecordInput, new() where TDto : class
{
    public UnitHeader Unit { get; private set; } = UnitHeader.None;
    public bool CanEdit { get; private set; }
    public int Count { get; private set; }
    public ImportOutcome? Outcome { get; private set; }
    public string? FileName { get; private set; }
    public ImportPreview? Preview { get; private set; }
    public Guid? PendingId { get; private set; }
    public string? PendingHash { get; private set; }
    public IReadOnlyList<string> Headers => [.. Roster.Columns.Select(c => c.Header)];
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

        // Step 1: read the upload within the size limit, then check the antiforgery token.
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

        // Step 1: check the whole file as the import would, write nothing, keep the file and show what would be written.
        var outcome = await excel.ImportAsync(Roster, unitId, upload.File!, upload.FileName, dryRun: true, ct);
        if (outcome.Status != ImportStatus.Ok)
        {
            return Show(outcome);
        }

        (PendingId, PendingHash) = await pending.KeepAsync(unitId, Roster.Collection.Name, upload.FileName, ((MemoryStream)upload.File!).ToArray(), ct);
        Preview = outcome.Preview;
        return Page();
    }

    /// <summary>Step 2: the kept upload is imported, checked again (the roster may have changed since the preview).</summary>
    public async Task<IActionResult> OnPostConfirmAsync(int unitId, CancellationToken ct)
    {
        if (await StartAsync(unitId, ct) is { } stop)
        {
            return stop;
        }

        var taken = await pending.TakeAsync(PendingIdOf(Request.Form), Request.Form["hash"], unitId, Roster.Collection.Name, ct);
        FileName = taken.FileName;
        if (taken.Refusal is { } refusal)
        {
            Outcome = ImportOutcome.Refused(ImportStatus.Invalid, refusal);
            return Page();
        }

        var outcome = await excel.ImportAsync(Roster, unitId, taken.File!, taken.FileName, dryRun: false, ct);
        return outcome.Status == ImportStatus.Ok ? Redirect(ListUrl(unitId, outcome.Imported)) : Show(outcome);
    }

    /// <summary>The user does not want the previewed file imported: it is deleted.</summary>
    public async Task<IActionResult> OnPostCancelAsync(int unitId, CancellationToken ct)
    {
        if (await StartAsync(unitId, ct) is { } stop)
        {
            return stop;
        }

        await pending.CancelAsync(PendingIdOf(Request.Form), ct);
        return Redirect(Request.Path);
    }

    /// <summary>The unit, the right to edit it and the antiforgery token of a small (url-encoded) form.</summary>
    private async Task<IActionResult?> StartAsync(int unitId, CancellationToken ct)
    {
        if (await LoadAsync(unitId, ct) is { } stop)
        {
            return stop;
        }

        if (!CanEdit)
        {
            return Denied();
        }

        return await antiforgery.IsRequestValidAsync(HttpContext) ? null : BadRequest();
    }

    private static Guid PendingIdOf(IFormCollection form) => Guid.TryParse(form["pendingId"], out var id) ? id : Guid.Empty;

    private IActionResult Show(ImportOutcome outcome)
    {
        switch (outcome.Status)
        {
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

    /// <summary>The column of an error as the file names it: its letter and header, "L列（加入日期）".</summary>
    public static string ColumnText(ImportError e) => (e.Letter, e.Column) switch
    {
        (null, null) => "—",
        (null, { } header) => header,
        ({ } letter, null) => $"{letter}列",
        ({ } letter, { } header) => header == $"{letter}列" ? header : $"{letter}列（{header}）",
    };
}

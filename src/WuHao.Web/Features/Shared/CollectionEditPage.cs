using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Shared;

/// <summary>
/// The create/edit/delete page of one record of a <see cref="CollectionSpec{TEntity,TInput,TDto}"/>, at
/// "{unitId}/{id?}". The unit must be in scope and the record must belong to it, else 404; read-only roles
/// see the record without the save button and get 403 on POST.
/// </summary>
public abstract class CollectionEditPage<TEntity, TInput, TDto>(AppDbContext db, OrgScope orgScope, RecordCommands commands) : RecordPageModel
    where TEntity : UnitRecord
    where TInput : class, IRecordInput, new()
    where TDto : class
{
    [BindProperty]
    public TInput Input { get; set; } = new();

    public UnitHeader Unit { get; private set; } = UnitHeader.None;
    public int? Id { get; private set; }
    public bool CanEdit { get; private set; }

    /// <summary>The record's evidence files as saved (collections with <see cref="CollectionSpec{TEntity,TInput,TDto}.Filing"/>).</summary>
    public IReadOnlyList<FileRef> Files { get; private set; } = [];

    /// <summary>Whether the form takes evidence files (multipart, with the upload control).</summary>
    public bool TakesEvidence => Collection.Filing is not null;

    /// <summary>The upload size limit as shown on the form.</summary>
    public string MaxText => HttpContext.RequestServices.GetRequiredService<FileIntake>().Options.MaxText;

    /// <summary>How many files the user chose in a post that was then refused (they must choose them again).</summary>
    public int UploadsNotSaved { get; private set; }

    /// <summary>The record as saved, when editing.</summary>
    protected TEntity? Record { get; private set; }

    protected AppDbContext Db => db;

    protected abstract CollectionSpec<TEntity, TInput, TDto> Collection { get; }

    protected abstract TInput ToInput(TEntity record);

    /// <summary>The defaults of a new record's form.</summary>
    protected virtual TInput NewInput() => new();

    /// <summary>Where to go after a save or a delete.</summary>
    protected abstract string ListUrl(int unitId, TEntity? saved);

    /// <summary>After the unit (and the record, when editing) are loaded: what else the page shows, e.g. a record's child rows.</summary>
    protected virtual Task OnLoadedAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task<IActionResult> OnGetAsync(int unitId, int? id, CancellationToken ct)
    {
        if (await LoadAsync(unitId, id, ct) is { } stop)
        {
            return stop;
        }

        Input = Record is null ? NewInput() : ToInput(Record);
        if (Input is IEvidenceInput evidence)
        {
            evidence.FileIds = [.. Files.Select(f => f.Id)];
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int unitId, int? id, CancellationToken ct)
    {
        if (await LoadAsync(unitId, id, ct) is { } stop)
        {
            return stop;
        }

        if (!CanEdit)
        {
            return Denied();
        }

        if (id is null && await BeforeCreateAsync(unitId, ct) is { } done)
        {
            return done;
        }

        var uploads = await ReadUploadsAsync(ct);
        if (!ModelState.IsValid)
        {
            // Binding already found mistakes; add the validator's too, so all are shown at once.
            (await commands.ValidateAsync(Collection, Input, unitId, id, ct)).CopyTo(ModelState);
            UploadsNotSaved = Request.HasFormContentType ? Request.Form.Files.Count : 0;
            return Page();
        }

        var result = id is null
            ? await commands.CreateAsync(Collection, unitId, Input, uploads, ct)
            : await commands.UpdateAsync(Collection, id.Value, Input, uploads, ct);
        if (result.Status != CommandStatus.Ok)
        {
            UploadsNotSaved = uploads.Count;
        }

        return await AfterSaveAsync(result, Input, CurrentAsync, saved: r => Redirect(ListUrl(unitId, r)));
    }

    /// <summary>A chance to answer a new record's POST before it is saved (e.g. a retried submission already saved).</summary>
    protected virtual Task<IActionResult?> BeforeCreateAsync(int unitId, CancellationToken ct) => Task.FromResult<IActionResult?>(null);

    /// <summary>The form's new files ("Uploads"), checked; a refused file is a model error, and nothing is saved.</summary>
    private async Task<IReadOnlyList<Upload>> ReadUploadsAsync(CancellationToken ct)
    {
        if (!TakesEvidence || !Request.HasFormContentType)
        {
            return [];
        }

        var intake = HttpContext.RequestServices.GetRequiredService<FileIntake>();
        var uploads = new List<Upload>();
        foreach (var file in Request.Form.Files.GetFiles("Uploads").Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)))
        {
            var (upload, refusal) = await intake.ReadAsync(file, scalePhotos: true, ct);
            if (refusal is not null)
            {
                ModelState.AddModelError("Uploads", refusal.Message);
            }
            else
            {
                uploads.Add(upload!);
            }
        }

        return uploads;
    }

    public async Task<IActionResult> OnPostDeleteAsync(int unitId, int? id, CancellationToken ct)
    {
        if (id is null || await LoadAsync(unitId, id, ct) is { } stop)
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Denied();
        }

        var result = await commands.DeleteAsync<TEntity>(id.Value, Input.Version, ct);
        return await AfterSaveAsync(result, Input, CurrentAsync, saved: _ => Redirect(ListUrl(unitId, null)));
    }

    private async Task<TInput> CurrentAsync() =>
        ToInput(await db.Set<TEntity>().AsNoTracking().FirstAsync(r => r.Id == Id));

    /// <summary>The unit and, when editing, the record: both in scope and belonging together, else 404.</summary>
    private async Task<IActionResult?> LoadAsync(int unitId, int? id, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        if (await UnitHeader.LoadAsync(db, scope, unitId, ct) is not { } unit)
        {
            return NotFound();
        }

        Unit = unit;
        Id = id;
        CanEdit = await MayEditAsync(new UnitResource(unitId));
        if (id is null)
        {
            if (!CanEdit)
            {
                return Denied();
            }

            await OnLoadedAsync(ct);
            return null;
        }

        Record = await db.Set<TEntity>().VisibleTo(scope).Where(Collection.BelongsTo(unitId)).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (Record is null)
        {
            return NotFound();
        }

        // A record shared with this unit is read here, but changed only by its own unit.
        CanEdit = CanEdit && await MayEditAsync(Record);
        if (TakesEvidence)
        {
            var dto = await db.Set<TEntity>().AsNoTracking().Where(r => r.Id == id).Select(Collection.Project).FirstAsync(ct);
            Files = dto is IHasFiles withFiles ? withFiles.Files : [];
        }

        await OnLoadedAsync(ct);
        return null;
    }
}

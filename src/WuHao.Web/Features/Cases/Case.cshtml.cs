using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Features.Elders;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Cases;

/// <summary>
/// One case: the form (create or edit), the masked sensitive fields with "显示" (one field, one record,
/// logged), and the help actions, visits, consents and shares kept under it.
/// </summary>
[ScopedRecord(typeof(YouthCase))]
public sealed class CaseModel(AppDbContext db, OrgScope orgScope, CaseCommands commands, RecordCommands records, CaseAccessLog log, TimeProvider time)
    : RecordPageModel
{
    [BindProperty]
    public YouthCaseInput Input { get; set; } = new();

    public HelpActionInput Help { get; private set; } = new();
    public CaseVisitInput Visit { get; private set; } = new();
    public CaseConsentInput Consent { get; private set; } = new();
    public CaseShareInput Share { get; private set; } = new();

    public UnitHeader Unit { get; private set; } = UnitHeader.None;
    public int? Id { get; private set; }
    public bool CanEdit { get; private set; }
    public YouthCaseDto? Shown { get; private set; }
    public IReadOnlyList<HelpActionDto> HelpActions { get; private set; } = [];
    public IReadOnlyList<CaseVisitDto> Visits { get; private set; } = [];
    public IReadOnlyList<CaseConsentDto> Consents { get; private set; } = [];
    public IReadOnlyList<CaseShareDto> Shares { get; private set; } = [];
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    /// <summary>The unit's 五老 to pair with the child: the active ones and those already paired.</summary>
    public IReadOnlyList<ElderChoice> ElderChoices { get; private set; } = [];

    /// <summary>The donor list (爱心人士) a help action may name.</summary>
    public IReadOnlyList<(int Id, string Name)> Donors { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(int unitId, int? id, CancellationToken ct)
    {
        if (await LoadAsync(unitId, id, [], ct) is { } stop)
        {
            return stop;
        }

        if (Id is null && !CanEdit)
        {
            return Denied();
        }

        return Page();
    }

    /// <summary>Shows one sensitive field of this case in plaintext; logged as a reveal.</summary>
    public async Task<IActionResult> OnPostRevealAsync(int unitId, int id, string? field, CancellationToken ct)
    {
        ModelState.Clear();
        var known = CaseCommands.SensitiveFields.Contains(field ?? "");
        if (await LoadAsync(unitId, id, known ? [field!] : [], ct) is { } stop)
        {
            return stop;
        }

        return known ? Page() : BadRequest();
    }

    public async Task<IActionResult> OnPostAsync(int unitId, int? id, CancellationToken ct)
    {
        var posted = Input;
        if (await LoadAsync(unitId, id, [], ct) is { } stop)
        {
            return stop;
        }

        Input = posted;
        if (!CanEdit)
        {
            return Denied();
        }

        if (!ModelState.IsValid)
        {
            // Binding already found mistakes (e.g. an impossible date); add the validator's, save nothing.
            var check = await commands.ValidateAsync(Input, unitId, id is null ? null : await db.YouthCases.AsNoTracking().FirstAsync(c => c.Id == id, ct), ct);
            check.Errors.CopyTo(ModelState);
            return Page();
        }

        var (result, warnings) = id is null
            ? await commands.CreateAsync(unitId, Input, ct)
            : await commands.UpdateAsync(id.Value, Input, ct);
        Warnings = warnings;
        if (result.Status == CommandStatus.Ok)
        {
            Notice = string.Join(" ", ["已保存。", .. warnings]);
        }

        return await AfterSaveAsync(result, Input,
            async () => commands.ToInput(await db.YouthCases.AsNoTracking().FirstAsync(c => c.Id == id, ct)),
            saved: c => Redirect($"/Cases/Case/{unitId}/{c.Id}"));
    }

    public Task<IActionResult> OnPostHelpAsync(int unitId, int id, [Bind(Prefix = "Help")] HelpActionInput help, CancellationToken ct) =>
        AddChildAsync(unitId, id, CaseChildRecords.HelpActions, help, "Help", h => Help = h, ct);

    public Task<IActionResult> OnPostVisitAsync(int unitId, int id, [Bind(Prefix = "Visit")] CaseVisitInput visit, CancellationToken ct) =>
        AddChildAsync(unitId, id, CaseChildRecords.Visits, visit, "Visit", v => Visit = v, ct);

    public Task<IActionResult> OnPostConsentAsync(int unitId, int id, [Bind(Prefix = "Consent")] CaseConsentInput consent, CancellationToken ct) =>
        AddChildAsync(unitId, id, CaseChildRecords.Consents, consent, "Consent", c => Consent = c, ct);

    public Task<IActionResult> OnPostShareAsync(int unitId, int id, [Bind(Prefix = "Share")] CaseShareInput share, CancellationToken ct) =>
        AddChildAsync(unitId, id, CaseChildRecords.Shares, share, "Share", s => Share = s, ct);

    private async Task<IActionResult> AddChildAsync<TEntity, TInput, TDto>(
        int unitId, int id, CollectionSpec<TEntity, TInput, TDto> spec, TInput input, string prefix, Action<TInput> keep, CancellationToken ct)
        where TEntity : UnitRecord where TInput : class, ICaseChildInput where TDto : class
    {
        // Only this form's fields count; the case form above is not being submitted.
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(prefix + ".", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        if (await LoadAsync(unitId, id, [], ct) is { } stop)
        {
            return stop;
        }

        keep(input);
        if (!CanEdit)
        {
            return Denied();
        }

        input.CaseId = id;
        var uploads = await ReadUploadsAsync(prefix, ct);
        var errors = await records.ValidateAsync(spec, input, unitId, null, ct);
        if (!ModelState.IsValid || !errors.IsValid)
        {
            errors.CopyTo(ModelState, prefix);
            return Page();
        }

        var result = await log.ChangeAsync(() => records.CreateAsync(spec, unitId, input, uploads, ct),
            r => r.Status == CommandStatus.Ok ? new LogEntry(spec.Name == "shares" ? "share" : "create", unitId, id, spec.Name) : null, ct);
        if (result.Status != CommandStatus.Ok)
        {
            return result.Status == CommandStatus.Forbidden ? Denied() : NotFound();
        }

        Notice = $"已添加{spec.Title}。";
        return Redirect($"/Cases/Case/{unitId}/{id}");
    }

    /// <summary>The scan of a signed consent ("{prefix}.Uploads"), checked by the file intake; a refused file is a model error.</summary>
    private async Task<IReadOnlyList<Upload>> ReadUploadsAsync(string prefix, CancellationToken ct)
    {
        if (!Request.HasFormContentType)
        {
            return [];
        }

        var intake = HttpContext.RequestServices.GetRequiredService<FileIntake>();
        var uploads = new List<Upload>();
        foreach (var file in Request.Form.Files.GetFiles(prefix + ".Uploads").Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)))
        {
            var (upload, refusal) = await intake.ReadAsync(file, scalePhotos: true, ct);
            if (refusal is not null)
            {
                ModelState.AddModelError(prefix, refusal.Message);
            }
            else
            {
                uploads.Add(upload!);
            }
        }

        return uploads;
    }

    /// <summary>The unit and, for an existing case, the case with its records (logged as a view), else 404.</summary>
    private async Task<IActionResult?> LoadAsync(int unitId, int? id, IReadOnlyList<string> reveal, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        if (await UnitHeader.LoadAsync(db, scope, unitId, ct) is not { } unit)
        {
            return NotFound();
        }

        Unit = unit;
        Id = id;
        CanEdit = await MayEditAsync(new UnitResource(unitId));
        var today = time.Today();
        Help = new HelpActionInput { Date = today, Kind = "学业" };
        Visit = new CaseVisitInput { Date = today };
        Consent = new CaseConsentInput { Date = today, Purpose = YouthCaseVocabulary.ConsentRecord };
        Share = new CaseShareInput { Date = today, Recipient = "学校" };
        if (id is null)
        {
            Input = new YouthCaseInput { Status = YouthCaseVocabulary.Open };
            ElderChoices = await ElderLinks.ChoicesAsync(db, unitId, [], today, ct);
            return null;
        }

        var record = await db.YouthCases.VisibleTo(scope).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.UnitId == unitId, ct);
        if (record is null)
        {
            return NotFound();
        }

        Shown = await commands.ReadAsync(record.Id, reveal, ct);
        Input = commands.ToInput(record);
        ElderChoices = await ElderLinks.ChoicesAsync(db, unitId, Input.ElderIds, today, ct);
        HelpActions = await db.HelpActions.Where(h => h.CaseId == id).OrderByDescending(h => h.Date).Select(CaseChildRecords.HelpActions.Project).ToListAsync(ct);
        Visits = await db.CaseVisits.Where(v => v.CaseId == id).OrderByDescending(v => v.Date).Select(CaseChildRecords.Visits.Project).ToListAsync(ct);
        Consents = await db.CaseConsents.Where(c => c.CaseId == id).OrderByDescending(c => c.Date).Select(CaseChildRecords.Consents.Project).ToListAsync(ct);
        Shares = await db.CaseShares.Where(s => s.CaseId == id).OrderByDescending(s => s.Date).Select(CaseChildRecords.Shares.Project).ToListAsync(ct);
        Donors = (await CaseChildRecords.DonorsFor(db, unitId).OrderBy(d => d.Name).Select(d => new { d.Id, d.Name }).Take(300).ToListAsync(ct))
            .Select(d => (d.Id, d.Name)).ToList();
        return null;
    }
}

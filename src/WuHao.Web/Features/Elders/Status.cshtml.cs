using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Elders;

/// <summary>A new entry of a 五老's status history: from this date on, this status (R-2.1).</summary>
public sealed record ElderStatusInput
{
    [Display(Name = "日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? Date { get; set; }

    [Display(Name = "状态"), Required(ErrorMessage = Msg.Choose)]
    public string? Status { get; set; }

    [Display(Name = "说明"), StringLength(200, ErrorMessage = Msg.Length)]
    public string? Note { get; set; }
}

/// <summary>An entry of the status history; the first, joining, comes from the join date and has no id of its own.</summary>
public sealed record ElderStatusDto(int? Id, int ElderId, int UnitId, DateOnly Date, string Status, string? Note, DateTimeOffset? CreatedAt);

public static class ElderLabels
{
    public static string StatusBadge(string status) => status switch
    {
        ElderStatuses.Active => "text-bg-success",
        ElderStatuses.Paused => "text-bg-warning",
        ElderStatuses.Deceased => "text-bg-dark",
        _ => "text-bg-secondary",
    };
}

/// <summary>Adding to and undoing the status history, for the page and the API alike, with scope and edit rights.</summary>
public sealed class ElderStatusCommands(AppDbContext db, RecordCommands commands, TimeProvider time)
{
    public async Task<CommandResult<ElderStatusChange>> AddAsync(int elderId, ElderStatusInput input, CancellationToken ct)
    {
        var found = await commands.FindForEditAsync<Elder>(elderId, ct, q => q.Include(e => e.StatusChanges));
        if (found.Status != CommandStatus.Ok)
        {
            return new(found.Status);
        }

        var elder = found.Record!;
        var errors = ValidationErrors.FromAnnotations(input);
        var today = time.Today();
        var latest = ElderRecords.Latest(elder.StatusChanges);
        var current = latest?.Status ?? ElderStatuses.Active;
        if (input.Status is { } status && !ElderStatuses.All.Contains(status))
        {
            errors.Add(nameof(input.Status), $"状态“{status}”不在可选范围内，可选：{string.Join("、", ElderStatuses.All)}（{string.Join("、", ElderStatuses.Labels)}）");
        }
        else if (input.Status is not null && current == input.Status)
        {
            errors.Add(nameof(input.Status), $"{elder.Name}现在已是“{ElderStatuses.Label(input.Status)}”");
        }

        Check.NotAfter(errors, nameof(input.Date), "日期", input.Date, today);
        if (input.Date is { } date && date < elder.JoinDate)
        {
            errors.Add(nameof(input.Date), $"日期不能早于加入日期（{elder.JoinDate.Zh()}）");
        }
        else if (input.Date is { } d && latest is not null && d < latest.Date)
        {
            errors.Add(nameof(input.Date), $"日期不能早于上一次状态变动（{latest.Date.Zh()}）");
        }

        if (!errors.IsValid)
        {
            return new(CommandStatus.Invalid, Errors: errors);
        }

        var change = new ElderStatusChange
        {
            UnitId = elder.UnitId, ElderId = elder.Id, Date = input.Date!.Value, Status = input.Status!, Note = input.Note?.Trim(),
        };
        db.ElderStatusChanges.Add(change);
        await db.SaveChangesAsync(ct);
        return new(CommandStatus.Ok, change);
    }

    /// <summary>Removes the latest change (a mistaken one); joining, which is the join date, stays.</summary>
    public async Task<CommandResult<ElderStatusChange>> UndoLatestAsync(int elderId, CancellationToken ct)
    {
        var found = await commands.FindForEditAsync<Elder>(elderId, ct, q => q.Include(e => e.StatusChanges));
        if (found.Status != CommandStatus.Ok)
        {
            return new(found.Status);
        }

        var elder = found.Record!;
        if (elder.StatusChanges.Count == 0)
        {
            var errors = new ValidationErrors();
            errors.Add("", "只有加入时的记录，没有可撤销的状态变动");
            return new(CommandStatus.Invalid, Errors: errors);
        }

        var latest = ElderRecords.Latest(elder.StatusChanges)!;
        db.ElderStatusChanges.Remove(latest);
        await db.SaveChangesAsync(ct);
        return new(CommandStatus.Ok, latest);
    }
}

[ScopedRecord(typeof(Elder))]
public sealed class StatusModel(AppDbContext db, OrgScope orgScope, ElderStatusCommands statusCommands) : RecordPageModel
{
    [BindProperty]
    public ElderStatusInput Input { get; set; } = new();

    public UnitHeader Unit { get; private set; } = UnitHeader.None;
    public ElderHeader Elder { get; private set; } = new(0, "", "", "", null);

    public sealed record ElderHeader(int Id, string Name, string Category, string Status, DateOnly? Since);

    public async Task<IActionResult> OnGetAsync(int unitId, int id, CancellationToken ct)
    {
        if (await LoadAsync(unitId, id, ct) is { } stop)
        {
            return stop;
        }

        Input = new ElderStatusInput { Date = Today, Status = Elder.Status == ElderStatuses.Active ? ElderStatuses.Left : ElderStatuses.Active };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int unitId, int id, CancellationToken ct)
    {
        if (await LoadAsync(unitId, id, ct) is { } stop)
        {
            return stop;
        }

        var result = await statusCommands.AddAsync(id, Input, ct);
        return AfterSave(result, unitId, id);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int unitId, int id, CancellationToken ct)
    {
        if (await LoadAsync(unitId, id, ct) is { } stop)
        {
            return stop;
        }

        var result = await statusCommands.UndoLatestAsync(id, ct);
        return AfterSave(result, unitId, id);
    }

    private IActionResult AfterSave(CommandResult<ElderStatusChange> result, int unitId, int id)
    {
        switch (result.Status)
        {
            case CommandStatus.Ok:
                return Redirect($"/Elders/Elder/{unitId}/{id}");
            case CommandStatus.Invalid:
                result.Errors!.CopyTo(ModelState);
                return Page();
            case CommandStatus.Forbidden:
                return Denied();
            default:
                return NotFound();
        }
    }

    /// <summary>The unit and the elder, both in scope and belonging together (else 404); edit rights (else 403).</summary>
    private async Task<IActionResult?> LoadAsync(int unitId, int id, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        if (await UnitHeader.LoadAsync(db, scope, unitId, ct) is not { } unit)
        {
            return NotFound();
        }

        Unit = unit;
        var elder = await db.Elders.VisibleTo(scope).Where(e => e.Id == id && e.UnitId == unitId)
            .Select(e => new { e.Id, e.Name, e.Category, e.JoinDate }).FirstOrDefaultAsync(ct);
        if (elder is null)
        {
            return NotFound();
        }

        var latest = await db.ElderStatusChanges.Where(s => s.ElderId == id).OrderByDescending(s => s.Date).ThenByDescending(s => s.Id)
            .Select(s => new { s.Status, s.Date }).FirstOrDefaultAsync(ct);
        Elder = new ElderHeader(elder.Id, elder.Name, elder.Category, latest?.Status ?? ElderStatuses.Active, latest?.Date ?? elder.JoinDate);
        return await MayEditAsync(new UnitResource(unitId)) ? null : Denied();
    }
}

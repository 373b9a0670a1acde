using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Team;

/// <summary>A team change (R-1.2): a member leaves, with the date, the reason and an optional successor.</summary>
public sealed record TeamChangeInput : IRecordInput
{
    [Display(Name = "离任日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? Date { get; set; }

    [Display(Name = "离任成员"), Required(ErrorMessage = Msg.Choose)]
    public int? MemberId { get; set; }

    [Display(Name = "离任原因"), Required(ErrorMessage = Msg.Required), StringLength(500, ErrorMessage = Msg.Length)]
    public string? Reason { get; set; }

    /// <summary>A serving member of the same unit who takes over the post.</summary>
    [Display(Name = "接任成员")]
    public int? SuccessorId { get; set; }

    public int Version { get; set; }
}

public sealed record TeamChangeDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateOnly Date, int? MemberId, string MemberName, string Position, string Reason, int? SuccessorId, string? SuccessorName);

public static class TeamChangeRecords
{
    public static readonly CollectionSpec<TeamChange, TeamChangeInput, TeamChangeDto> Collection = new()
    {
        Name = "team-changes",
        Title = "班子变动",
        Project = c => new TeamChangeDto(c.Id, c.UnitId, c.Version, c.CreatedAt, c.UpdatedAt, c.Date, c.MemberId, c.MemberName,
            c.Position, c.Reason, c.SuccessorId, c.SuccessorName),
        DateOf = c => c.Date,
        Order = q => q.OrderByDescending(c => c.Date).ThenByDescending(c => c.Id),
        Create = (input, unitId) => new TeamChange
        {
            UnitId = unitId, Date = input.Date!.Value, MemberId = input.MemberId, MemberName = "", Position = "",
            Reason = input.Reason!.Trim(), SuccessorId = input.SuccessorId,
        },
        Apply = (input, c) =>
        {
            c.Date = input.Date!.Value;
            c.Reason = input.Reason!.Trim();
        },
        Validate = ValidateAsync,
        OnCreated = EndTermAsync,
    };

    /// <summary>
    /// The leaving member's term ends on the change's date; the successor, if any, takes the post.
    /// Both are saved with the change, so the roster and the change log never disagree.
    /// </summary>
    private static async Task EndTermAsync(TeamChange change, AppDbContext db, CancellationToken ct)
    {
        var member = await db.TeamMembers.FirstAsync(m => m.Id == change.MemberId, ct);
        change.MemberName = member.Name;
        change.Position = member.Position;
        member.TermEnd = change.Date;
        if (change.SuccessorId is { } sid)
        {
            var successor = await db.TeamMembers.FirstAsync(m => m.Id == sid, ct);
            change.SuccessorName = successor.Name;
            successor.Position = member.Position;
        }
    }

    private static async Task ValidateAsync(ValidationScope<TeamChangeInput> v)
    {
        var (input, errors) = (v.Input, v.Errors);
        Check.NotAfter(errors, nameof(input.Date), "离任日期", input.Date, v.Today);
        if (v.RecordId is not null || input.MemberId is null)
        {
            return; // an existing change: only its date and reason can be corrected; no member: the annotation says so
        }

        var member = await v.Db.TeamMembers.Where(m => m.Id == input.MemberId && m.UnitId == v.UnitId)
            .Select(m => new { m.TermStart, m.TermEnd, m.Name }).FirstOrDefaultAsync();
        if (member is null)
        {
            errors.Add(nameof(input.MemberId), "离任成员不是本单位的班子成员");
        }
        else if (member.TermEnd is not null)
        {
            errors.Add(nameof(input.MemberId), $"{member.Name}已经离任");
        }
        else if (input.Date < member.TermStart)
        {
            errors.Add(nameof(input.Date), $"离任日期不能早于{member.Name}的任职开始（{member.TermStart.Zh()}）");
        }

        if (input.SuccessorId is { } sid)
        {
            var ok = sid != input.MemberId && await v.Db.TeamMembers.AnyAsync(m => m.Id == sid && m.UnitId == v.UnitId && m.TermEnd == null);
            if (!ok)
            {
                errors.Add(nameof(input.SuccessorId), "接任成员须是本单位在任的其他班子成员");
            }
        }
    }
}

[ScopedRecord(typeof(TeamMember))]
public sealed class LeaveModel(AppDbContext db, OrgScope orgScope, RecordCommands commands) : RecordPageModel
{
    [BindProperty]
    public TeamChangeInput Input { get; set; } = new();

    public UnitHeader Unit { get; private set; } = UnitHeader.None;
    public LeavingMember Member { get; private set; } = new(0, "", "", default);
    public IReadOnlyList<(int Id, string Label)> Successors { get; private set; } = [];

    public sealed record LeavingMember(int Id, string Name, string Position, DateOnly TermStart);

    public async Task<IActionResult> OnGetAsync(int unitId, int id, CancellationToken ct)
    {
        if (await LoadAsync(unitId, id, ct) is { } stop)
        {
            return stop;
        }

        Input = new TeamChangeInput { Date = Today, MemberId = id };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int unitId, int id, CancellationToken ct)
    {
        if (await LoadAsync(unitId, id, ct) is { } stop)
        {
            return stop;
        }

        Input.MemberId = id;
        if (!ModelState.IsValid)
        {
            (await commands.ValidateAsync(TeamChangeRecords.Collection, Input, unitId, null, ct)).CopyTo(ModelState);
            return Page();
        }

        var result = await commands.CreateAsync(TeamChangeRecords.Collection, unitId, Input, ct);
        return await AfterSaveAsync(result, Input, () => Task.FromResult(Input),
            saved: c => Redirect($"/Team/{unitId}?saved={Uri.EscapeDataString(c.MemberName + "离任")}"));
    }

    private async Task<IActionResult?> LoadAsync(int unitId, int id, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        if (await UnitHeader.LoadAsync(db, scope, unitId, ct) is not { } unit)
        {
            return NotFound();
        }

        Unit = unit;
        var member = await db.TeamMembers.VisibleTo(scope).Where(m => m.Id == id && m.UnitId == unitId && m.TermEnd == null)
            .Select(m => new LeavingMember(m.Id, m.Name, m.Position, m.TermStart)).FirstOrDefaultAsync(ct);
        if (member is null)
        {
            return NotFound();
        }

        Member = member;
        if (!await MayEditAsync(new UnitResource(unitId)))
        {
            return Denied();
        }

        Successors = (await db.TeamMembers.Where(m => m.UnitId == unitId && m.TermEnd == null && m.Id != id)
                .OrderBy(m => m.Name).Select(m => new { m.Id, m.Name, m.Position }).ToListAsync(ct))
            .Select(m => (m.Id, $"{m.Name}（现任{m.Position}）")).ToList();
        return null;
    }
}

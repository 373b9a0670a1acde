using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features.Team;

/// <summary>The team page of one unit: roster, structure figures, vacancies, meeting counts .</summary>
public sealed class IndexModel(AppDbContext db, OrgScope orgScope, IOptions<TeamOptions> options, TimeProvider time) : PageModel
{
    public UnitHeader Unit { get; private set; } = UnitHeader.None;
    public IReadOnlyList<UnitChoice> Units { get; private set; } = [];
    public IReadOnlyList<MemberRow> Serving { get; private set; } = [];
    public IReadOnlyList<MemberRow> Former { get; private set; } = [];
    public TeamStructure Structure { get; private set; } = TeamRules.Structure([], default);
    public TeamFlags Flags { get; private set; } = new(0, "", UnitType.Village, [], 0);
    public IReadOnlyList<YearCounts> Years { get; private set; } = [];
    public IReadOnlyList<ChangeRow> Changes { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public DateOnly Today { get; private set; }
    public string? Saved { get; private set; }

    /// <summary>The units under the unit, each with its figures as its own page shows them.</summary>
    public IReadOnlyList<UnitBelow> Below { get; private set; } = [];
    public IReadOnlyDictionary<int, TeamRow> BelowFigures { get; private set; } = new Dictionary<int, TeamRow>();

    /// <summary>Whether the unit's own team is shown: always for a unit without units under it, else only if it keeps any records.</summary>
    public bool ShowsOwn => Below.Count == 0 || Serving.Count > 0 || Former.Count > 0 || Changes.Count > 0 || Years.Any(y => y.PartyMeetings + y.StudySessions > 0);

    public sealed record MemberRow(int Id, string Name, string Gender, string? Ethnicity, int? Age, string? PoliticalStatus, string? Phone,
        bool IsElder, string Position, string Affiliation, DateOnly TermStart, DateOnly? TermEnd);

    public sealed record ChangeRow(DateOnly Date, string MemberName, string Position, string Reason, string? SuccessorName);

    public async Task<IActionResult> OnGetAsync(int? unitId, string? saved, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var id = unitId ?? scope.RootUnitId;
        if (await UnitHeader.LoadAsync(db, scope, id, ct) is not { } unit)
        {
            return NotFound();
        }

        Unit = unit;
        Saved = saved;
        Today = time.Today();
        CanEdit = await HttpContext.RequestServices.GetRequiredService<Microsoft.AspNetCore.Authorization.IAuthorizationService>()
            .AuthorizeAsync(User, new UnitResource(id), RecordOperations.Edit) is { Succeeded: true };
        Units = await UnitChoice.ListAsync(db, scope, ct);

        var members = await db.TeamMembers.Where(m => m.UnitId == id).OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.Name, m.Gender, m.Ethnicity, m.BirthDate, m.PoliticalStatus, m.Phone, m.IsElder, m.Position, m.Affiliation, m.TermStart, m.TermEnd })
            .ToListAsync(ct);
        var rows = members
            .Select(m => new MemberRow(m.Id, m.Name, m.Gender, m.Ethnicity, TeamRules.Age(m.BirthDate, Today), m.PoliticalStatus, m.Phone, m.IsElder,
                m.Position, m.Affiliation, m.TermStart, m.TermEnd))
            .ToList();
        var order = Domain.Vocabulary.TeamPositions;
        Serving = rows.Where(r => r.TermStart <= Today && (r.TermEnd is null || r.TermEnd > Today))
            .OrderBy(r => order.Contains(r.Position) ? order.ToList().IndexOf(r.Position) : 99).ThenBy(r => r.Id).ToList();
        Former = rows.Where(r => r.TermEnd is not null && r.TermEnd <= Today).OrderByDescending(r => r.TermEnd).ToList();
        Structure = TeamRules.Structure(
            members.Select(m => new MemberFacts(m.Position, m.Affiliation, m.Gender, m.Ethnicity, m.PoliticalStatus, m.IsElder, m.BirthDate, m.TermStart, m.TermEnd)),
            Today);
        Below = await UnitsBelow.ListAsync(db, scope, id, ct);
        BelowFigures = await TeamFigures.RowsAsync(db, [id, .. Below.Select(b => b.Id)], options.Value, Today, ct);
        Flags = BelowFigures[id].Flags;
        Years = await TeamFigures.YearCountsAsync(db, id, Today.Year - 2, Today.Year, ct);
        Changes = await db.TeamChanges.Where(c => c.UnitId == id).OrderByDescending(c => c.Date).ThenByDescending(c => c.Id).Take(5)
            .Select(c => new ChangeRow(c.Date, c.MemberName, c.Position, c.Reason, c.SuccessorName)).ToListAsync(ct);
        return Page();
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features.Elders;

/// <summary>
/// "二、五老作用发挥好" of one unit: the roster on any day, growth by year end for the unit and, rolled up,
/// for the units under it, the training share and the commendation cycle, and the way to every list of R-2.
/// </summary>
public sealed class IndexModel(AppDbContext db, OrgScope orgScope, IAuthorizationService authorization, TimeProvider time) : PageModel
{
    public const int YearsShown = 5;

    public UnitHeader Unit { get; private set; } = UnitHeader.None;
    public IReadOnlyList<UnitChoice> Units { get; private set; } = [];
    public IReadOnlyList<RosterRow> Roster { get; private set; } = [];
    public IReadOnlyList<ElderYear> Years { get; private set; } = [];
    public IReadOnlyList<ElderYear> RollupYears { get; private set; } = [];
    public IReadOnlyList<ElderUnitFigures> Children { get; private set; } = [];
    public ElderUnitFigures? Own { get; private set; }
    public ElderUnitFigures? Rollup { get; private set; }

    /// <summary>For a unit with units under it: those whose 表彰会 is overdue, as the home page counts them.</summary>
    public IReadOnlyList<ElderUnitFigures> CommendationsOverdue { get; private set; } = [];

    /// <summary>The year of 参与率 (?year=, this year by default).</summary>
    public int Year { get; private set; }

    /// <summary>参与率 of <see cref="Year"/> by group: the unit itself, each unit under it (rolled up), and the whole subtree.</summary>
    public IReadOnlyDictionary<int, Participation> ParticipationByGroup { get; private set; } = new Dictionary<int, Participation>();
    public Participation? OwnParticipation { get; private set; }
    public Participation? RollupParticipation { get; private set; }
    public bool CanEdit { get; private set; }
    public DateOnly Today { get; private set; }

    /// <summary>The day the roster is shown for (today unless ?on= asks for a past day).</summary>
    public DateOnly On { get; private set; }
    public bool AllStatuses { get; private set; }
    public string? Saved { get; private set; }
    public int? Imported { get; private set; }

    public sealed record RosterRow(int Id, string Name, string Gender, int? Age, string Category, string? Former, string? Specialties,
        string? Health, DateOnly JoinDate, string Status);

    public async Task<IActionResult> OnGetAsync(int? unitId, DateOnly? on, bool all, string? saved, int? imported, int? year, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var id = unitId ?? scope.RootUnitId;
        if (await UnitHeader.LoadAsync(db, scope, id, ct) is not { } unit)
        {
            return NotFound();
        }

        Unit = unit;
        Today = time.Today();
        On = on is { } day && day <= Today && day.Year >= 1950 ? day : Today;
        Year = year is { } y && y <= Today.Year && y >= Today.Year - 20 ? y : Today.Year;
        AllStatuses = all;
        Saved = saved;
        Imported = imported;
        CanEdit = (await authorization.AuthorizeAsync(User, new UnitResource(id), RecordOperations.Edit)).Succeeded;
        Units = await UnitChoice.ListAsync(db, scope, ct);

        var history = await ElderFigures.HistoryAsync(db, [id], ct);
        var statuses = ElderRules.StatusOn(history, On);
        Roster = (await db.Elders.Where(e => e.UnitId == id).OrderBy(e => e.Id)
                .Select(e => new { e.Id, e.Name, e.Gender, e.BirthDate, e.Category, e.FormerUnit, e.FormerPost, e.Specialties, e.Health, e.JoinDate })
                .ToListAsync(ct))
            .Where(e => statuses.ContainsKey(e.Id) && (all || statuses[e.Id] == ElderStatuses.Active))
            .Select(e => new RosterRow(e.Id, e.Name, e.Gender, TeamRules.Age(e.BirthDate, On), e.Category,
                string.Join(" ", new[] { e.FormerUnit, e.FormerPost }.Where(s => !string.IsNullOrEmpty(s))), e.Specialties, e.Health, e.JoinDate,
                statuses[e.Id]))
            .ToList();
        Years = await ElderFigures.GrowthAsync(db, [id], Today.Year - YearsShown + 1, Today.Year, Today, ct);

        // The unit's own figures, and for a unit with units under it: each child rolled up, and the whole subtree.
        // One query for the whole subtree; each child's group is the units on its path.
        var path = await db.Units.Where(u => u.Id == id).Select(u => u.Path).FirstAsync(ct);
        var below = await db.Units.Where(u => u.Path.StartsWith(path) && u.Id != id).OrderBy(u => u.Path)
            .Select(u => new { u.Id, u.ParentId, u.Path }).ToListAsync(ct);
        var children = below.Where(u => u.ParentId == id).ToList();
        var groups = new Dictionary<int, IReadOnlyCollection<int>> { [id] = [id] };
        foreach (var child in children)
        {
            groups[child.Id] = below.Where(u => u.Path.StartsWith(child.Path, StringComparison.Ordinal)).Select(u => u.Id).ToList();
        }

        var figures = await ElderFigures.ForGroupsAsync(db, groups, Today.Year, Today, ct);
        ParticipationByGroup = await ElderFigures.ParticipationAsync(db, groups, Year, ct);
        OwnParticipation = ParticipationByGroup.GetValueOrDefault(id);

        // The groups split the subtree (the unit alone, each child with everything under it): their sum is the whole.
        RollupParticipation = children.Count > 0 ? ParticipationByGroup.Values.Aggregate(Participation.None, (sum, p) => sum + p) : null;
        Own = figures.FirstOrDefault(f => f.UnitId == id);
        Children = figures.Where(f => f.UnitId != id).OrderBy(f => children.FindIndex(c => c.Id == f.UnitId)).ToList();
        if (children.Count > 0)
        {
            var subtree = groups.Values.SelectMany(g => g).Distinct().ToList();
            Rollup = (await ElderFigures.ForGroupsAsync(db, new Dictionary<int, IReadOnlyCollection<int>> { [id] = subtree }, Today.Year, Today, ct))[0];
            RollupYears = await ElderFigures.GrowthAsync(db, subtree, Today.Year - YearsShown + 1, Today.Year, Today, ct);
            CommendationsOverdue = await ElderFigures.OverdueCommendationsAsync(db, subtree, Today, ct);
        }

        return Page();
    }
}

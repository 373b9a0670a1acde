using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Elders;
using WuHao.Web.Features.Indicators;
using WuHao.Web.Features.Reminders;
using WuHao.Web.Features.Shared;
using WuHao.Web.Features.Team;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features;

/// <summary>The home page per role: the user's unit and, for the units in scope, what needs attention now.</summary>
public sealed class IndexModel(AppDbContext db, OrgScope orgScope, RequestFigures counted, EvaluationPages evaluations, Deadlines deadlines, TimeProvider time) : PageModel
{
    public string UnitName { get; private set; } = "";
    public int UnitId { get; private set; }
    public string RoleName { get; private set; } = "";
    public IReadOnlyList<TeamFlags> Flags { get; private set; } = [];
    public int UnitCount { get; private set; }
    public DateOnly Today { get; private set; }

    /// <summary>Village and school users keep their own unit's records: their home page offers "登记活动" first.</summary>
    public bool KeepsRecords => User.IsInRole(Roles.Village) || User.IsInRole(Roles.School);
    /// <summary>五老 of every unit in scope, taken together .</summary>
    public ElderUnitFigures? Elders { get; private set; }

    /// <summary>Units in scope whose commendation meeting is overdue .</summary>
    public IReadOnlyList<ElderUnitFigures> CommendationsOverdue { get; private set; } = [];

    /// <summary>A village's or school's evaluation this year, the same as its evaluation page shows.</summary>
    public UnitEvaluation? Own { get; private set; }

    /// <summary>The top open gaps of <see cref="Own"/> (R-6.6).</summary>
    public IReadOnlyList<GapRecord> TopGaps { get; private set; } = [];

    /// <summary>For a township or the banner: the units below evaluated this year, and how many of them pass.</summary>
    public (int Passed, int Evaluated, int SystemId)? Matrix { get; private set; }

    /// <summary>The warning lights: the unit's own and per indicator, or one per unit below.</summary>
    public LightBoard? Lights { get; private set; }

    /// <summary>The user's deadlines, upcoming and missed: the same list as the API and the calendar feed.</summary>
    public IReadOnlyList<Deadline> Deadlines { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        Today = time.Today();
        UnitId = scope.RootUnitId;
        UnitName = await db.Units.Where(u => u.Id == scope.RootUnitId).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "";
        RoleName = Roles.DisplayName(Roles.All.FirstOrDefault(User.IsInRole) ?? "");
        var ids = await db.Units.VisibleTo(scope).Select(u => u.Id).ToListAsync(ct);
        UnitCount = ids.Count;
        // The cards, the overdue list and the deadlines below read the same counts, counted once (RequestFigures, R-8.1).
        Flags = await counted.TeamFlagsAsync(ids, Today, ct);
        if (ids.Count > 0)
        {
            (Elders, CommendationsOverdue) = await counted.EldersWithOverdueAsync(UnitId, ids, Today, ct);
            await EvaluateAsync(ct);
        }

        Deadlines = await deadlines.ForUserAsync(User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", ct);
    }

    /// <summary>The evaluation figures of the home page, from <see cref="Evaluations"/> like the evaluation pages.</summary>
    private async Task EvaluateAsync(CancellationToken ct)
    {
        var hasUnits = User.IsInRole(Roles.Township) || User.IsInRole(Roles.Banner) || User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Assessor);
        var found = await evaluations.UnitAsync(UnitId, null, null, forMatrix: hasUnits, ct);
        if (found.Unit is null || found.System is null)
        {
            return;
        }

        if (found.Unit.Type is UnitType.Banner or UnitType.Township)
        {
            var rows = await evaluations.Evaluations.MatrixAsync(found.Unit, found.System, found.Year, ct);
            Matrix = (rows.Count(r => r.Evaluation.Passed), rows.Count, found.System.Id);
            Lights = LightBoard.OfMatrix(rows, found.Year, found.System.Id, Today);
            return;
        }

        Own = await evaluations.Evaluations.EvaluateAsync(found.Unit, found.System, found.Year, withRecords: false, ct);
        Lights = LightBoard.OfUnit(Own, Today);
        TopGaps = [.. (await evaluations.Evaluations.SyncGapsAsync(Own, ct)).Where(g => g.State == GapStates.Open).Take(3)];
    }
}

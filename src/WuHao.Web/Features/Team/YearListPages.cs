using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Common;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Team;

/// <summary>A year's list of one unit's dated records, read through the collection's own projection.</summary>
public abstract class YearListPage<TEntity, TInput, TDto>(AppDbContext db, OrgScope orgScope, TimeProvider time) : PageModel
    where TEntity : UnitRecord where TInput : class, IRecordInput where TDto : class
{
    public UnitHeader Unit { get; private set; } = UnitHeader.None;
    public int Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<TDto> Items { get; private set; } = [];
    public bool CanEdit { get; private set; }

    protected abstract CollectionSpec<TEntity, TInput, TDto> Collection { get; }

    public async Task<IActionResult> OnGetAsync(int unitId, int? year, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        if (await UnitHeader.LoadAsync(db, scope, unitId, ct) is not { } unit)
        {
            return NotFound();
        }

        Unit = unit;
        var thisYear = time.Today().Year;
        Year = year is >= 2000 and <= 2100 ? year.Value : thisYear;
        Years = Enumerable.Range(Math.Min(Year, thisYear - 4), Math.Max(Year, thisYear) - Math.Min(Year, thisYear - 4) + 1).Reverse().ToList();
        var query = Collection.InYear(db.Set<TEntity>().VisibleTo(scope).Where(Collection.BelongsTo(unitId)), Year);
        Items = await Collection.Order(query).Select(Collection.Project).ToListAsync(ct);
        CanEdit = (await HttpContext.RequestServices.GetRequiredService<Microsoft.AspNetCore.Authorization.IAuthorizationService>()
            .AuthorizeAsync(User, new UnitResource(unitId), RecordOperations.Edit)).Succeeded;
        await OnLoadedAsync(ct);
        return Page();
    }

    /// <summary>After the list is loaded: the figures a page shows above it.</summary>
    protected virtual Task OnLoadedAsync(CancellationToken ct) => Task.CompletedTask;

    protected AppDbContext Db => db;

    protected DateOnly Today => time.Today();
}

public sealed class MeetingsModel(AppDbContext db, OrgScope orgScope, TimeProvider time)
    : YearListPage<PartyMeeting, PartyMeetingInput, PartyMeetingDto>(db, orgScope, time)
{
    protected override CollectionSpec<PartyMeeting, PartyMeetingInput, PartyMeetingDto> Collection => PartyMeetings.Collection;
}

public sealed class StudiesModel(AppDbContext db, OrgScope orgScope, TimeProvider time)
    : YearListPage<StudySession, StudySessionInput, StudySessionDto>(db, orgScope, time)
{
    protected override CollectionSpec<StudySession, StudySessionInput, StudySessionDto> Collection => StudySessions.Collection;
}

public sealed class ChangesModel(AppDbContext db, OrgScope orgScope, TimeProvider time)
    : YearListPage<TeamChange, TeamChangeInput, TeamChangeDto>(db, orgScope, time)
{
    protected override CollectionSpec<TeamChange, TeamChangeInput, TeamChangeDto> Collection => TeamChanges.Collection;
}

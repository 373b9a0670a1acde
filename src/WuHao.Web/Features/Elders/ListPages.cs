using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Elders;

/// <summary>A year's gifts of 爱心人士; the list shows no phone numbers.</summary>
public sealed class DonorsModel(AppDbContext db, OrgScope orgScope, TimeProvider time)
    : YearListPage<Donor, DonorInput, DonorDto>(db, orgScope, time)
{
    public decimal Total => Items.Sum(d => d.Amount ?? 0);

    protected override CollectionSpec<Donor, DonorInput, DonorDto> Collection => DonorRecords.Collection;
}

public sealed class DeedsModel(AppDbContext db, OrgScope orgScope, TimeProvider time)
    : YearListPage<Deed, DeedInput, DeedDto>(db, orgScope, time)
{
    protected override CollectionSpec<Deed, DeedInput, DeedDto> Collection => DeedRecords.Collection;
}

public sealed class CommendationsModel(AppDbContext db, OrgScope orgScope, TimeProvider time)
    : YearListPage<CommendationMeeting, CommendationInput, CommendationDto>(db, orgScope, time)
{
    public ElderUnitFigures? Figures { get; private set; }

    protected override CollectionSpec<CommendationMeeting, CommendationInput, CommendationDto> Collection => CommendationRecords.Collection;

    protected override async Task OnLoadedAsync(CancellationToken ct) =>
        Figures = (await ElderFigures.ForGroupsAsync(Db, new Dictionary<int, IReadOnlyCollection<int>> { [Unit.Id] = [Unit.Id] }, Year, Today, ct))[0];
}

public sealed class TrainingsModel(AppDbContext db, OrgScope orgScope, TimeProvider time)
    : YearListPage<Training, TrainingInput, TrainingDto>(db, orgScope, time)
{
    public ElderUnitFigures? Figures { get; private set; }

    protected override CollectionSpec<Training, TrainingInput, TrainingDto> Collection => TrainingRecords.Collection;

    protected override async Task OnLoadedAsync(CancellationToken ct) =>
        Figures = (await ElderFigures.ForGroupsAsync(Db, new Dictionary<int, IReadOnlyCollection<int>> { [Unit.Id] = [Unit.Id] }, Year, Today, ct))[0];
}

/// <summary>A unit's 五老工作室, all of them (they are not records of a year).</summary>
public sealed class StudiosModel(AppDbContext db, OrgScope orgScope, RecordCommands commands) : PageModel
{
    public UnitHeader Unit { get; private set; } = UnitHeader.None;
    public IReadOnlyList<StudioDto> Items { get; private set; } = [];
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(int unitId, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        if (await UnitHeader.LoadAsync(db, scope, unitId, ct) is not { } unit)
        {
            return NotFound();
        }

        Unit = unit;
        Items = await StudioRecords.Collection.Order(db.Studios.VisibleTo(scope).Where(s => s.UnitId == unitId)).Select(StudioRecords.Collection.Project).ToListAsync(ct);
        CanEdit = await commands.MayEditAsync(new UnitResource(unitId));
        return Page();
    }
}

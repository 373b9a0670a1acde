using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Rules;

public sealed class WorkCycleModel(AppDbContext db, OrgScope orgScope, TimeProvider time)
    : YearListPage<WorkCycleEntry, WorkCycleInput, WorkCycleDto>(db, orgScope, time)
{
    protected override CollectionSpec<WorkCycleEntry, WorkCycleInput, WorkCycleDto> Collection => WorkCycleRecords.Collection;

    public IReadOnlyList<string> Missing => RecordRules.MissingStages(Items.Select(i => i.Stage));
}

public sealed class FundsModel(AppDbContext db, OrgScope orgScope, TimeProvider time)
    : YearListPage<FundEntry, FundEntryInput, FundEntryDto>(db, orgScope, time)
{
    protected override CollectionSpec<FundEntry, FundEntryInput, FundEntryDto> Collection => FundRecords.Collection;

    public (decimal Income, decimal Spending, decimal Balance) Totals => RecordRules.FundTotals(Items.Select(i => (i.Direction, i.Amount)));
}

/// <summary>Every rule document of a unit, by type, with the required types that are missing .</summary>
public sealed class DocumentsModel(AppDbContext db, OrgScope orgScope, IAuthorizationService authorization, TimeProvider time) : PageModel
{
    public UnitHeader Unit { get; private set; } = UnitHeader.None;
    public IReadOnlyList<RuleDocumentDto> Items { get; private set; } = [];
    public IReadOnlyList<string> Missing { get; private set; } = [];
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(int unitId, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        if (await UnitHeader.LoadAsync(db, scope, unitId, ct) is not { } unit)
        {
            return NotFound();
        }

        Unit = unit;
        Items = await RuleDocumentRecords.Collection.Order(db.RuleDocuments.VisibleTo(scope).Where(r => r.UnitId == unitId))
            .Select(RuleDocumentRecords.Collection.Project).ToListAsync(ct);
        Missing = RecordRules.MissingRuleTypes(Items.Select(i => (i.Type, i.AdoptedOn)), time.Today().Year, Vocabulary.RequiredRuleTypes);
        CanEdit = (await authorization.AuthorizeAsync(User, new UnitResource(unitId), RecordOperations.Edit)).Succeeded;
        return Page();
    }
}

/// <summary>The archive catalogue (档案目录) of a unit and year, generated from what is filed .</summary>
public sealed class ArchiveModel(AppDbContext db, OrgScope orgScope, IAuthorizationService authorization, TimeProvider time) : PageModel
{
    public UnitHeader Unit { get; private set; } = UnitHeader.None;
    public int Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<CatalogueRow> Rows { get; private set; } = [];
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(int unitId, int? year, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        if (await UnitHeader.LoadAsync(db, scope, unitId, ct) is not { } unit)
        {
            return NotFound();
        }

        Unit = unit;
        (Year, Years) = YearChoice.Of(year, time.Today().Year);
        Rows = await Catalogue.ForAsync(db, unitId, Year, ct);
        CanEdit = (await authorization.AuthorizeAsync(User, new UnitResource(unitId), RecordOperations.Edit)).Succeeded;
        return Page();
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Shared;

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
        (Year, Years) = YearChoice.Of(year, time.Today().Year);
        var query = Collection.InYear(db.Set<TEntity>().VisibleTo(scope).Where(Collection.BelongsTo(unitId)), Year);
        Items = await Collection.Order(query).Select(Collection.Project).ToListAsync(ct);
        CanEdit = (await HttpContext.RequestServices.GetRequiredService<IAuthorizationService>()
            .AuthorizeAsync(User, new UnitResource(unitId), RecordOperations.Edit)).Succeeded;
        await OnLoadedAsync(ct);
        return Page();
    }

    /// <summary>After the list is loaded: the figures a page shows above it.</summary>
    protected virtual Task OnLoadedAsync(CancellationToken ct) => Task.CompletedTask;

    protected AppDbContext Db => db;

    protected DateOnly Today => time.Today();
}

/// <summary>The year a page shows (?year=, this year by default) and the years its picker (_YearPicker) offers: the last five and the one shown.</summary>
public static class YearChoice
{
    public static (int Year, IReadOnlyList<int> Years) Of(int? year, int thisYear)
    {
        var y = year is >= 2000 and <= 2100 ? year.Value : thisYear;
        var from = Math.Min(y, thisYear - 4);
        var to = Math.Max(y, thisYear);
        return (y, Enumerable.Range(from, to - from + 1).Reverse().ToList());
    }
}

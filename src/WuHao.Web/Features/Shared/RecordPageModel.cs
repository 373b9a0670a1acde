using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Shared;

/// <summary>What the edit pages share: today, edit rights, and turning a command's outcome into a page.</summary>
public abstract class RecordPageModel : PageModel
{
    /// <summary>Set when a save was refused because someone else saved first: both versions, field by field.</summary>
    public IReadOnlyList<ConflictRow>? Conflict { get; private set; }

    protected DateOnly Today => HttpContext.RequestServices.GetRequiredService<TimeProvider>().Today();

    protected async Task<bool> MayEditAsync(IUnitOwned resource) =>
        (await HttpContext.RequestServices.GetRequiredService<IAuthorizationService>()
            .AuthorizeAsync(User, resource, RecordOperations.Edit)).Succeeded;

    /// <summary>A real 403 with the Chinese status page (not a redirect).</summary>
    protected IActionResult Denied() => StatusCode(StatusCodes.Status403Forbidden);

    protected async Task<IActionResult> AfterSaveAsync<TEntity, TInput>(
        CommandResult<TEntity> result, TInput mine, Func<Task<TInput>> current, Func<TEntity, IActionResult> saved)
        where TEntity : class where TInput : IRecordInput
    {
        switch (result.Status)
        {
            case CommandStatus.Ok:
                return saved(result.Record!);
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Forbidden:
                return Denied();
            case CommandStatus.Invalid:
                result.Errors!.CopyTo(ModelState);
                return Page();
            default:
                var theirs = await current();
                Conflict = ConflictRow.Compare(mine, theirs);
                mine.Version = theirs.Version;
                ModelState.Remove("Input.Version");
                return Page();
        }
    }
}

/// <summary>One field of a stale save: what the user typed beside what is saved now.</summary>
public sealed record ConflictRow(string Label, string Mine, string Theirs)
{
    public static IReadOnlyList<ConflictRow> Compare(object mine, object theirs)
    {
        var rows = new List<ConflictRow>();
        foreach (var p in mine.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.Name == nameof(IRecordInput.Version) || p.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var a = Show(p.GetValue(mine));
            var b = Show(p.GetValue(theirs));
            if (a != b)
            {
                rows.Add(new ConflictRow(p.GetCustomAttribute<DisplayAttribute>()?.Name ?? p.Name, a, b));
            }
        }

        return rows;
    }

    public static string Show(object? value) => value switch
    {
        null => "",
        DateOnly d => d.Zh(),
        bool b => b ? "是" : "否",
        string s => s.Trim(),
        IEnumerable<string> list => string.Join("、", list),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}

/// <summary>The unit a page is about, for its heading and breadcrumbs.</summary>
public sealed record UnitHeader(int Id, string Name, UnitType Type, string? ParentName, DateTimeOffset CreatedAt)
{
    public static readonly UnitHeader None = new(0, "", UnitType.Village, null, default);

    public string TypeName => OrgUnit.TypeName(Type);

    /// <summary>The unit if the user may see it, else null (the page answers 404).</summary>
    public static Task<UnitHeader?> LoadAsync(AppDbContext db, UnitScope scope, int unitId, CancellationToken ct) =>
        db.Units.VisibleTo(scope).Where(u => u.Id == unitId)
            .Select(u => new UnitHeader(u.Id, u.Name, u.Type, u.Parent != null ? u.Parent.Name : null, u.CreatedAt))
            .FirstOrDefaultAsync(ct)!;
}

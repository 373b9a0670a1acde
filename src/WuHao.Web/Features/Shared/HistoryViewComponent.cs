using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;

namespace WuHao.Web.Features.Shared;

/// <summary>A record's change history, newest first, as the change-log interceptor wrote it.</summary>
public sealed class HistoryViewComponent(AppDbContext db) : ViewComponent
{
    public sealed record Row(DateTimeOffset At, string? UserName, string Action, string Field, string? OldValue, string? NewValue);

    /// <param name="entityType">The entity's CLR type name, e.g. "TeamMember".</param>
    /// <param name="id">The record's id (an int, or a string for accounts).</param>
    /// <param name="labels">Field labels, usually from the input record's [Display] names.</param>
    public async Task<IViewComponentResult> InvokeAsync(string entityType, object id, IReadOnlyDictionary<string, string> labels)
    {
        var key = Convert.ToString(id, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        var rows = await db.ChangeLog.Where(c => c.EntityType == entityType && c.EntityId == key)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(200)
            .Select(c => new Row(c.At, c.UserName, c.Action, c.Field, c.OldValue, c.NewValue)).ToListAsync();
        ViewData["Labels"] = labels;
        return View(rows);
    }
}

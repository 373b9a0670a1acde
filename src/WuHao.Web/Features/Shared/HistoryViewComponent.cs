using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Shared;

/// <summary>
/// A record's change history, newest first, as the change-log interceptor wrote it; masked as the record
/// itself is for a user who may not edit its unit (<see cref="Masking.Field"/>, R-0.3).
/// </summary>
public sealed class HistoryViewComponent(AppDbContext db, RecordCommands commands) : ViewComponent
{
    public sealed record Row(DateTimeOffset At, string? UserName, string Action, string Field, string? OldValue, string? NewValue);

    /// <param name="entityType">The entity's CLR type name, e.g. "TeamMember".</param>
    /// <param name="id">The record's id (an int, or a string for accounts).</param>
    /// <param name="labels">Field labels, usually from the input record's [Display] names.</param>
    public async Task<IViewComponentResult> InvokeAsync(string entityType, object id, IReadOnlyDictionary<string, string> labels)
    {
        var key = Convert.ToString(id, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        var logged = await db.ChangeLog.Where(c => c.EntityType == entityType && c.EntityId == key)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(200)
            .Select(c => new { c.UnitId, Row = new Row(c.At, c.UserName, c.Action, c.Field, c.OldValue, c.NewValue) }).ToListAsync();
        var editable = new HashSet<int>();
        foreach (var unitId in logged.Select(l => l.UnitId).OfType<int>().Distinct())
        {
            if (await commands.MayEditAsync(new UnitResource(unitId)))
            {
                editable.Add(unitId);
            }
        }

        var rows = logged.Select(l => l.UnitId is { } u && editable.Contains(u)
            ? l.Row
            : l.Row with { OldValue = Masking.Field(l.Row.Field, l.Row.OldValue), NewValue = Masking.Field(l.Row.Field, l.Row.NewValue) }).ToList();
        ViewData["Labels"] = labels;
        return View(rows);
    }
}

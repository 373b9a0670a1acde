using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace WuHao.Web.Features.Reminders;

/// <summary>
/// 我的日历订阅: the user makes, resets or stops the secret address of their iCalendar feed. The address is shown
/// once, right after it is made (only its hash is kept); a reset makes the old address answer 404.
/// </summary>
public sealed class CalendarModel(CalendarFeeds feeds, Deadlines deadlines) : PageModel
{
    public bool HasFeed { get; private set; }

    /// <summary>The new address, only in the answer to a reset.</summary>
    public string? FeedUrl { get; private set; }

    public int DeadlineCount { get; private set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostResetAsync(CancellationToken ct)
    {
        var token = await feeds.ResetAsync(UserId, ct);
        FeedUrl = $"{Request.Scheme}://{Request.Host}/api/v1{CalendarFeeds.RoutePrefix}{token}.ics";
        await LoadAsync(ct);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostStopAsync(CancellationToken ct)
    {
        await feeds.StopAsync(UserId, ct);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        HasFeed = await feeds.HasAsync(UserId, ct);
        DeadlineCount = (await deadlines.ForUserAsync(UserId, ct)).Count;
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WuHao.Web.Features.Indicators;

namespace WuHao.Web.Features.Documents;

/// <summary>
/// The one-click acceptance package of a township or the banner (issue 11 item 4, R-7.1– ): 生成验收材料包 queues
/// the job; the page shows the running or finished job whenever the user comes back (package.js refreshes the progress;
/// without script the user reloads), the download link and every unit or document that failed.
/// </summary>
public sealed class PackageModel(EvaluationPages pages, PackageJobs jobs, TimeProvider time) : PageModel
{
    public UnitHeader? Unit { get; private set; }
    public int Year { get; private set; }
    public PackageJob? Job { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(int unitId, int? year, CancellationToken ct)
    {
        if (!await LoadAsync(unitId, year, ct))
        {
            return NotFound();
        }

        Job = Unit is not null && Message is null ? await jobs.FindAsync(Unit.Id, Year, ct) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int unitId, int? year, CancellationToken ct)
    {
        if (!await LoadAsync(unitId, year, ct))
        {
            return NotFound();
        }

        if (Message is not null)
        {
            return Page();
        }

        await jobs.StartAsync(Unit!, Year, ct);
        return RedirectToPage(new { unitId, year = Year });
    }

    /// <summary>The unit in the user's scope (false: 404); a message when it cannot have a package.</summary>
    private async Task<bool> LoadAsync(int unitId, int? year, CancellationToken ct)
    {
        var found = await pages.UnitAsync(unitId, year, null, forMatrix: true, ct);
        if (found.Invalid is not null)
        {
            found = await pages.UnitAsync(unitId, null, null, forMatrix: true, ct);
        }

        if (found.Unit is null)
        {
            return false;
        }

        Unit = found.Unit;
        Year = found.Year == 0 ? time.GetUtcNow().Year : found.Year;
        if (!PackageApi.HasUnitsBelow(Unit.Type))
        {
            Message = PackageApi.NoUnitsBelow;
        }
        else if (found.System is null)
        {
            Message = "还没有已发布的指标体系：请旗关工委先发布指标体系。";
        }

        return true;
    }

    /// <summary>A time as Beijing time, as the rest of the app shows it.</summary>
    public static string Beijing(DateTimeOffset at) =>
        at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string StateText(PackageState state) => state switch
    {
        PackageState.Queued => "排队中",
        PackageState.Running => "生成中",
        PackageState.Finished => "已生成",
        _ => "生成失败",
    };
}

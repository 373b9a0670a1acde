using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features.Dashboards;

/// <summary>The unit a dashboard is about, named for the printout's running header (<see cref="PrintHeading"/>).</summary>
public sealed record DashboardHeading(int Id, string Name);

/// <summary>
/// The township's and the banner's dashboard: each chart's numbers as a table first (screen readers, paper,
/// phones), the charts drawn over them by dashboard.js from a JSON data island once the tables are on screen. The
/// numbers are those of <c>GET /api/v1/units/{unitId}/dashboard</c>: one read model, <see cref="DashboardReader"/>.
/// </summary>
public sealed class IndexModel(DashboardReader reader, OrgScope orgScope, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider time) : PageModel
{
    public Dashboard? Data { get; private set; }
    public DashboardHeading? Unit { get; private set; }
    public int Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public string? Message { get; private set; }

    /// <summary>The data island dashboard.js draws from: the API's JSON (its encoder escapes &lt; and &gt;, so it cannot close the element).</summary>
    public string Json { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(int? unitId, int? year, int? systemId, CancellationToken ct)
    {
        var id = unitId ?? (await orgScope.CurrentAsync(ct)).RootUnitId;
        var outcome = await reader.ReadAsync(id, year, systemId, ct);
        if (outcome.Status == 400)
        {
            Message = outcome.Message + "：下面是今年的看板。";
            outcome = await reader.ReadAsync(id, null, null, ct);
        }

        if (outcome.Dashboard is not { } data)
        {
            return NotFound();
        }

        Data = data;
        Unit = new DashboardHeading(data.UnitId, data.UnitName);
        (Year, Years) = YearChoice.Of(data.Year, time.Today().Year);
        Json = JsonSerializer.Serialize(data, json.Value.SerializerOptions);
        return Page();
    }

    /// <summary>A heat-map cell's colour, as the evaluation matrix colours it: the status, or the share of the points.</summary>
    public static string CellCss(string status, decimal? share) => status switch
    {
        IndicatorStatus.Pending => "cell-pending",
        IndicatorStatus.Met => "cell-met",
        IndicatorStatus.Unmet => "cell-unmet",
        _ => share >= 0.5m ? "cell-partial-high" : "cell-partial",
    };
}

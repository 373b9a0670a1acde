using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Assessment;

public sealed class SampleForm
{
    public int? Year { get; set; }
    public string? Rule { get; set; }
    public int? Size { get; set; }
    public long? Seed { get; set; }
}

/// <summary>抽查: the draws a township or the banner made, and the form to draw (township and banner staff).</summary>
public sealed class SamplesModel(AppDbContext db, OrgScope orgScope, Samples samples, TimeProvider time) : PageModel
{
    public int UnitId { get; private set; }
    public string UnitName { get; private set; } = "";
    public UnitType UnitType { get; private set; }
    public IReadOnlyList<Sample> Draws { get; private set; } = [];
    public IReadOnlyDictionary<int, string> Names { get; private set; } = new Dictionary<int, string>();
    public bool CanDraw { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];

    [BindProperty]
    public SampleForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int unitId, CancellationToken ct)
    {
        if (!await LoadAsync(unitId, ct))
        {
            return NotFound();
        }

        Input = new SampleForm { Year = time.Today().Month >= 8 ? time.Today().Year : time.Today().Year - 1, Rule = SampleRules.Uniform, Size = 1 };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int unitId, CancellationToken ct)
    {
        var posted = Input;
        if (!await LoadAsync(unitId, ct))
        {
            return NotFound();
        }

        if (!CanDraw)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (!ModelState.IsValid)
        {
            Errors = ["请填写正确的年度、数量和随机种子（整数）。"];
            Input = posted;
            return Page();
        }

        var result = await samples.DrawAsync(unitId, new SampleInput(posted.Year, null, posted.Rule, posted.Size, posted.Seed), ct);
        switch (result.Status)
        {
            case CommandStatus.Ok:
                return Redirect($"/Assessment/Sample/{result.Record!.Id}");
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Forbidden:
                return StatusCode(StatusCodes.Status403Forbidden);
            default:
                Errors = [.. result.Errors!.All.Select(e => e.Message)];
                Input = posted;
                return Page();
        }
    }

    private async Task<bool> LoadAsync(int unitId, CancellationToken ct)
    {
        if (!await orgScope.IncludesAsync(unitId, ct))
        {
            return false;
        }

        var unit = await db.Units.Where(u => u.Id == unitId).Select(u => new { u.Name, u.Type }).FirstAsync(ct);
        (UnitId, UnitName, UnitType) = (unitId, unit.Name, unit.Type);
        CanDraw = Samples.MayDraw(User) && OrgUnit.IsAdministrative(unit.Type);
        Draws = await samples.ListAsync(unitId, ct);
        var ids = Draws.SelectMany(d => d.Drawn.Select(x => x.UnitId)).Distinct().ToList();
        Names = await db.Units.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return true;
    }
}

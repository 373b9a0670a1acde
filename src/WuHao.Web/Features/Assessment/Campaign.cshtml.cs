using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WuHao.Web.Domain;
using WuHao.Web.Features.Indicators;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Assessment;

/// <summary>A campaign's page: its stages and dates; banner staff and the admin create and change it here.</summary>
[ScopedRecord(typeof(Campaign))]
public sealed class CampaignModel(Campaigns campaigns, Evaluations evaluations, OrgScope orgScope, TimeProvider time) : PageModel
{
    public sealed class StageRow
    {
        public string Kind { get; set; } = "";
        public int? Year { get; set; }
        public DateOnly? Start { get; set; }
        public DateOnly? Due { get; set; }
    }

    public sealed class Form
    {
        public string? Name { get; set; }
        public DateOnly? TargetDate { get; set; }
        public int? SystemId { get; set; }
        public int Version { get; set; }
        public List<StageRow> Stages { get; set; } = [];

        /// <summary>Add the next year's 自查, 乡初审 and 验收.</summary>
        public bool AddYear { get; set; }
    }

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [nameof(Campaign.Name)] = "名称", [nameof(Campaign.TargetDate)] = "目标日期", [nameof(Campaign.SystemId)] = "指标体系",
    };

    [BindProperty]
    public Form Input { get; set; } = new();

    public Campaign? Existing { get; private set; }
    public bool CanManage { get; private set; }
    public IReadOnlyList<IndicatorSystemRecord> Systems { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Existing is { } c)
        {
            Input = new Form
            {
                Name = c.Name, TargetDate = c.TargetDate, SystemId = c.SystemId, Version = c.Version,
                Stages = [.. Campaigns.Dates(c).Select(s => new StageRow { Kind = s.Kind, Year = s.Year, Start = s.Start, Due = s.Due })],
            };
        }
        else
        {
            Input = new Form
            {
                Name = "创建“五好”基层关工委工作", TargetDate = new DateOnly(2023, 12, 31),
                Stages = [.. CampaignCalendar.Seed(time.Today().Year).Select(s => new StageRow { Kind = s.Kind, Year = s.Year, Start = s.Start, Due = s.Due })],
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        var posted = Input;
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!CanManage)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Input = posted;
        var stages = Input.Stages.Where(s => s.Start is not null || s.Due is not null).ToList();
        if (stages.Any(s => s.Start is null || s.Due is null))
        {
            Errors = ["每个阶段都要填写开始日期和截止日期（不要的阶段把两个日期都清空）"];
            return Page();
        }

        var list = stages.Select(s => new StageInput(s.Kind, s.Year, s.Start!.Value, s.Due!.Value)).ToList();
        if (Input.AddYear)
        {
            var next = (list.Where(s => s.Year is not null).Select(s => s.Year!.Value).DefaultIfEmpty(time.Today().Year - 1).Max()) + 1;
            list.AddRange(CampaignCalendar.Yearly(next).Select(s => new StageInput(s.Kind, s.Year, s.Start, s.Due)));
        }

        var input = new CampaignInput(Input.Name, Input.TargetDate, Input.SystemId, list, Input.Version);
        var result = Existing is null ? await campaigns.CreateAsync(input, ct) : await campaigns.UpdateAsync(Existing.Id, input, ct);
        switch (result.Status)
        {
            case CommandStatus.Ok:
                return Redirect($"/Assessment/Campaign/{result.Record!.Id}");
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Forbidden:
                return StatusCode(StatusCodes.Status403Forbidden);
            case CommandStatus.Conflict:
                Errors = ["这项创建工作刚被别人修改过，您的修改没有保存。请刷新页面看最新内容后重新修改。"];
                return Page();
            default:
                Errors = [.. result.Errors!.All.Select(e => e.Message)];
                return Page();
        }
    }

    private async Task<bool> LoadAsync(int? id, CancellationToken ct)
    {
        CanManage = Campaigns.MayManage(User);
        if (id is { } cid)
        {
            Existing = await campaigns.FindAsync(cid, ct);
            if (Existing is null)
            {
                return false;
            }

            // Read-only above one's own unit: only the owner's subtree may change it.
            CanManage = CanManage && await orgScope.IncludesAsync(Existing.UnitId, ct);
        }

        var scope = await orgScope.CurrentAsync(ct);
        if (await evaluations.HeaderAsync(Existing?.UnitId ?? scope.RootUnitId, ct) is { } owner)
        {
            Systems = await evaluations.ChoicesAsync(owner, ct);
        }

        return true;
    }
}

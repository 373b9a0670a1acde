using Microsoft.AspNetCore.Mvc.RazorPages;
using WuHao.Web.Domain;

namespace WuHao.Web.Features.Assessment;

/// <summary>The campaigns (创建工作, R-6.1) the user may read, with their stages and today's stage.</summary>
public sealed class CampaignsModel(Campaigns campaigns, TimeProvider time) : PageModel
{
    public IReadOnlyList<Campaign> List { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool CanManage { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        List = await campaigns.ListAsync(ct);
        Today = time.Today();
        CanManage = Campaigns.MayManage(User);
    }
}

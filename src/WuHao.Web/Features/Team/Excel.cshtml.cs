using Microsoft.AspNetCore.Antiforgery;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Office;

namespace WuHao.Web.Features.Team;

public sealed class ExcelModel(AppDbContext db, OrgScope orgScope, RosterExcel excel, PendingImports pending, IAntiforgery antiforgery)
    : RosterExcelPage<TeamMember, TeamMemberInput, TeamMemberDto>(db, orgScope, excel, pending, antiforgery)
{
    public override string BackLabel => "领导班子";

    protected override ExcelRoster<TeamMember, TeamMemberInput, TeamMemberDto> Roster => TeamExcel.Roster;

    protected override string ListUrl(int unitId, int? imported) =>
        $"/Team/{unitId}" + (imported is { } n ? $"?saved={Uri.EscapeDataString($"从Excel导入{n}名班子成员")}" : "");
}

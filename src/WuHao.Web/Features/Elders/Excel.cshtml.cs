using Microsoft.AspNetCore.Antiforgery;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Office;

namespace WuHao.Web.Features.Elders;

public sealed class ExcelModel(AppDbContext db, OrgScope orgScope, RosterExcel excel, PendingImports pending, IAntiforgery antiforgery)
    : RosterExcelPage<Elder, ElderInput, ElderDto>(db, orgScope, excel, pending, antiforgery)
{
    public override string BackLabel => "五老名册";

    protected override ExcelRoster<Elder, ElderInput, ElderDto> Roster => ElderExcel.Roster;

    protected override string ListUrl(int unitId, int? imported) => $"/Elders/{unitId}" + (imported is { } n ? $"?imported={n}" : "");
}

public sealed class DonorsExcelModel(AppDbContext db, OrgScope orgScope, RosterExcel excel, PendingImports pending, IAntiforgery antiforgery)
    : RosterExcelPage<Donor, DonorInput, DonorDto>(db, orgScope, excel, pending, antiforgery)
{
    public override string BackLabel => "爱心人士";

    protected override ExcelRoster<Donor, DonorInput, DonorDto> Roster => ElderExcel.DonorRoster;

    protected override string ListUrl(int unitId, int? imported) => $"/Elders/Donors/{unitId}" + (imported is { } n ? $"?imported={n}" : "");
}

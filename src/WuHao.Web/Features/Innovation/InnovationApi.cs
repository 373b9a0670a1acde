using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Innovation;

/// <summary>API.md's collections of 积极探索创新好 .</summary>
public static class InnovationApi
{
    public static void MapInnovationApi(this RouteGroupBuilder api)
    {
        const string tag = "积极探索创新好";
        api.MapCollection(InvestigationRecords.Collection, tag);
        api.MapCollection(SchoolLinkRecords.Collection, tag);
        api.MapCollection(ExperienceRecords.Collection, tag);
    }
}

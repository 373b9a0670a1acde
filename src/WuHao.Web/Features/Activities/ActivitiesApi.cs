using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Activities;

/// <summary>API.md's collections of 活动经常效果好 .</summary>
public static class ActivitiesApi
{
    public static void MapActivitiesApi(this RouteGroupBuilder api)
    {
        const string tag = "活动经常效果好";
        api.MapCollection(ActivityRecords.Collection, tag);
        api.MapCollection(CivilizationRecords.Collection, tag);
    }
}

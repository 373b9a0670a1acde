using WuHao.Web.Infrastructure.Office;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Team;

/// <summary>API.md's collections of 领导班子建设好 .</summary>
public static class TeamApi
{
    public static void MapTeamApi(this RouteGroupBuilder api)
    {
        const string tag = "领导班子建设好";
        api.MapCollection(TeamMembers.Collection, tag);
        api.MapRoster(TeamExcel.Roster, tag);
        api.MapCollection(TeamChanges.Collection, tag);
        api.MapCollection(PartyMeetings.Collection, tag);
        api.MapCollection(StudySessions.Collection, tag);
    }
}

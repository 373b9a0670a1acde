using WuHao.Web.Infrastructure.Office;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Team;

/// <summary>API.md's collections of 领导班子建设好 .</summary>
public static class TeamApi
{
    public static void MapTeamApi(this RouteGroupBuilder api)
    {
        const string tag = "领导班子建设好";
        api.MapCollection(TeamMemberRecords.Collection, tag);
        api.MapRoster(TeamExcel.Roster, tag);
        api.MapCollection(TeamChangeRecords.Collection, tag);
        api.MapCollection(PartyMeetingRecords.Collection, tag);
        api.MapCollection(StudySessionRecords.Collection, tag);
    }
}

using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Team;

public sealed class MeetingsModel(AppDbContext db, OrgScope orgScope, TimeProvider time)
    : YearListPage<PartyMeeting, PartyMeetingInput, PartyMeetingDto>(db, orgScope, time)
{
    protected override CollectionSpec<PartyMeeting, PartyMeetingInput, PartyMeetingDto> Collection => PartyMeetingRecords.Collection;
}

public sealed class StudiesModel(AppDbContext db, OrgScope orgScope, TimeProvider time)
    : YearListPage<StudySession, StudySessionInput, StudySessionDto>(db, orgScope, time)
{
    protected override CollectionSpec<StudySession, StudySessionInput, StudySessionDto> Collection => StudySessionRecords.Collection;
}

public sealed class ChangesModel(AppDbContext db, OrgScope orgScope, TimeProvider time)
    : YearListPage<TeamChange, TeamChangeInput, TeamChangeDto>(db, orgScope, time)
{
    protected override CollectionSpec<TeamChange, TeamChangeInput, TeamChangeDto> Collection => TeamChangeRecords.Collection;
}

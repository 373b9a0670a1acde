using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Office;

namespace WuHao.Web.Features.Team;

/// <summary>The 班子成员名册 spreadsheet .</summary>
public static class TeamExcel
{
    public static readonly ExcelRoster<TeamMember, TeamMemberInput, TeamMemberDto> Roster = new()
    {
        Collection = TeamMemberRecords.Collection,
        Title = "班子成员名册",
        ExportOrder = q => q.OrderBy(m => m.Id),
        Columns = Columns(),
        Notes = ["在任成员中姓名和出生日期都相同的视为同一人，不能重复导入；已离任的成员请填任职结束日期。"],
    };

    private static List<ExcelColumn<TeamMemberInput, TeamMemberDto>> Columns()
    {
        var c = new ExcelColumns<TeamMemberInput, TeamMemberDto>();
        return
        [
            c.Text("姓名", nameof(TeamMemberInput.Name), (i, v) => i.Name = v, d => d.Name, "白音仓", "必填，不超过50字", required: true),
            c.Choice("性别", nameof(TeamMemberInput.Gender), (i, v) => i.Gender = v, d => d.Gender, Vocabulary.Genders, "男", required: true, width: 7),
            c.Text("民族", nameof(TeamMemberInput.Ethnicity), (i, v) => i.Ethnicity = v, d => d.Ethnicity, "蒙古族", "如：蒙古族、汉族", width: 9),
            c.Date("出生日期", nameof(TeamMemberInput.BirthDate), (i, v) => i.BirthDate = v, d => d.BirthDate, new DateOnly(1972, 8, 15)),
            c.Choice("政治面貌", nameof(TeamMemberInput.PoliticalStatus), (i, v) => i.PoliticalStatus = v, d => d.PoliticalStatus, Vocabulary.PoliticalStatuses, "中共党员"),
            c.Phone("联系电话", nameof(TeamMemberInput.Phone), (i, v) => i.Phone = v, d => d.Phone, "13912345678"),
            c.Bool("是否五老", nameof(TeamMemberInput.IsElder), (i, v) => i.IsElder = v, d => d.IsElder, "否"),
            c.Choice("职务", nameof(TeamMemberInput.Position), (i, v) => i.Position = v, d => d.Position, Vocabulary.TeamPositions, "主任", required: true),
            c.Choice("来源", nameof(TeamMemberInput.Affiliation), (i, v) => i.Affiliation = v, d => d.Affiliation, Vocabulary.Affiliations, "党支部", required: true),
            c.Date("任职开始", nameof(TeamMemberInput.TermStart), (i, v) => i.TermStart = v, d => d.TermStart, new DateOnly(2021, 3, 1), required: true),
            c.Date("任职结束", nameof(TeamMemberInput.TermEnd), (i, v) => i.TermEnd = v, d => d.TermEnd),
            c.Text("备注", nameof(TeamMemberInput.Note), (i, v) => i.Note = v, d => d.Note, null, "不超过500字", width: 20),
        ];
    }
}

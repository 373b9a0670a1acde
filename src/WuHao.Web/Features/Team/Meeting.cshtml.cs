using System.ComponentModel.DataAnnotations;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Team;

/// <summary>A party-branch meeting on 关工委 work .</summary>
public sealed record PartyMeetingInput : IEvidenceInput
{
    [Display(Name = "会议日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? Date { get; set; }

    [Display(Name = "议题"), Required(ErrorMessage = Msg.Required), StringLength(200, ErrorMessage = Msg.Length)]
    public string? Topic { get; set; }

    [Display(Name = "地点"), StringLength(100, ErrorMessage = Msg.Length)]
    public string? Place { get; set; }

    [Display(Name = "参会人员"), Required(ErrorMessage = Msg.Required), StringLength(1000, ErrorMessage = Msg.Length)]
    public string? Attendees { get; set; }

    [Display(Name = "参会人数"), Required(ErrorMessage = Msg.Required), Range(1, 500, ErrorMessage = Msg.Range)]
    public int? AttendeeCount { get; set; }

    [Display(Name = "会议记录"), StringLength(10000, ErrorMessage = Msg.Length)]
    public string? Minutes { get; set; }

    [Display(Name = "会议决定"), StringLength(4000, ErrorMessage = Msg.Length)]
    public string? Decisions { get; set; }

    [Display(Name = "参与组织")]
    public List<string> Organisations { get; set; } = [];

    [Display(Name = "照片和材料")]
    public List<int> FileIds { get; set; } = [];

    public int Version { get; set; }
}

public sealed record PartyMeetingDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateOnly Date, string Topic, string? Place, string Attendees, int AttendeeCount, string? Minutes, string? Decisions,
    IReadOnlyList<string> Organisations, IReadOnlyList<FileRef> Files) : IHasFiles
{
    public IReadOnlyList<int> FileIds => [.. Files.Select(f => f.Id)];
}

public static class PartyMeetingRecords
{
    /// <summary>Organisations a meeting may name: the four the plan asks to pull together, and others.</summary>
    public static readonly IReadOnlyList<string> OrganisationChoices = [.. Vocabulary.CoveredOrganisations, "学校", "派出所", "司法所", "其他"];

    public static readonly CollectionSpec<PartyMeeting, PartyMeetingInput, PartyMeetingDto> Collection = new()
    {
        Name = "party-meetings",
        Title = "党支部专题会议",
        Project = m => new PartyMeetingDto(m.Id, m.UnitId, m.Version, m.CreatedAt, m.UpdatedAt, m.Date, m.Topic, m.Place, m.Attendees,
            m.AttendeeCount, m.Minutes, m.Decisions, m.Organisations.OrderBy(v => v.Position).Select(v => v.Value).ToList(),
            m.Files.Select(f => new FileRef(f.FileId, f.File!.FileName, f.File.ContentType, f.File.Size)).ToList()),
        DateOf = m => m.Date,
        Order = q => q.OrderByDescending(m => m.Date).ThenByDescending(m => m.Id),
        Create = (input, unitId) =>
        {
            var m = new PartyMeeting { UnitId = unitId, Topic = "", Attendees = "" };
            Apply(input, m);
            return m;
        },
        Apply = Apply,
        Filing = (r, image) => Filing.Of(image ? "照片" : "会议", r.Date.Year),
        Validate = v =>
        {
            Check.NotAfter(v.Errors, nameof(v.Input.Date), "会议日期", v.Input.Date, v.Today);
            Check.AllOf(v.Errors, nameof(v.Input.Organisations), "参与组织", v.Input.Organisations, OrganisationChoices);
            return Task.CompletedTask;
        },
    };

    public static PartyMeetingInput ToInput(PartyMeeting m) => new()
    {
        Date = m.Date, Topic = m.Topic, Place = m.Place, Attendees = m.Attendees, AttendeeCount = m.AttendeeCount,
        Minutes = m.Minutes, Decisions = m.Decisions, Organisations = [.. Lists.Of(m.Organisations)], Version = m.Version,
    };

    private static void Apply(PartyMeetingInput input, PartyMeeting m)
    {
        m.Date = input.Date!.Value;
        m.Topic = input.Topic!.Trim();
        m.Place = input.Place?.Trim();
        m.Attendees = input.Attendees!.Trim();
        m.AttendeeCount = input.AttendeeCount!.Value;
        m.Minutes = input.Minutes?.Trim();
        m.Decisions = input.Decisions?.Trim();
        Lists.Set(m.Organisations, input.Organisations);
    }
}

[ScopedRecord(typeof(PartyMeeting))]
public sealed class MeetingModel(AppDbContext db, OrgScope orgScope, RecordCommands commands)
    : CollectionEditPage<PartyMeeting, PartyMeetingInput, PartyMeetingDto>(db, orgScope, commands)
{
    protected override CollectionSpec<PartyMeeting, PartyMeetingInput, PartyMeetingDto> Collection => PartyMeetingRecords.Collection;

    protected override PartyMeetingInput ToInput(PartyMeeting record) => PartyMeetingRecords.ToInput(record);

    protected override PartyMeetingInput NewInput() => new() { Date = Today };

    protected override string ListUrl(int unitId, PartyMeeting? saved) =>
        $"/Team/Meetings/{unitId}" + (saved is null ? "" : $"?year={saved.Date.Year}");
}

using System.ComponentModel.DataAnnotations;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Team;

/// <summary>A study session: 政治理论、形势政策、业务知识 .</summary>
public sealed record StudySessionInput : IEvidenceInput
{
    [Display(Name = "学习日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? Date { get; set; }

    [Display(Name = "学习内容"), Required(ErrorMessage = Msg.Required), StringLength(200, ErrorMessage = Msg.Length)]
    public string? Topic { get; set; }

    [Display(Name = "类别"), Required(ErrorMessage = Msg.Choose)]
    public string? Kind { get; set; }

    [Display(Name = "地点"), StringLength(100, ErrorMessage = Msg.Length)]
    public string? Place { get; set; }

    [Display(Name = "参加人员"), Required(ErrorMessage = Msg.Required), StringLength(1000, ErrorMessage = Msg.Length)]
    public string? Participants { get; set; }

    [Display(Name = "参加人数"), Required(ErrorMessage = Msg.Required), Range(1, 500, ErrorMessage = Msg.Range)]
    public int? ParticipantCount { get; set; }

    [Display(Name = "学时"), Required(ErrorMessage = Msg.Required), Range(0.5, 24, ErrorMessage = Msg.Range)]
    public double? Hours { get; set; }

    [Display(Name = "备注"), StringLength(4000, ErrorMessage = Msg.Length)]
    public string? Notes { get; set; }

    [Display(Name = "照片和材料")]
    public List<int> FileIds { get; set; } = [];

    public int Version { get; set; }
}

public sealed record StudySessionDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateOnly Date, string Topic, string Kind, string? Place, string Participants, int ParticipantCount, double Hours, string? Notes, IReadOnlyList<FileRef> Files) : IHasFiles
{
    public IReadOnlyList<int> FileIds => [.. Files.Select(f => f.Id)];
}

public static class StudySessionRecords
{
    public static readonly CollectionSpec<StudySession, StudySessionInput, StudySessionDto> Collection = new()
    {
        Name = "study-sessions",
        Title = "学习活动",
        Project = s => new StudySessionDto(s.Id, s.UnitId, s.Version, s.CreatedAt, s.UpdatedAt, s.Date, s.Topic, s.Kind, s.Place,
            s.Participants, s.ParticipantCount, s.Hours, s.Notes, s.Files.Select(f => new FileRef(f.FileId, f.File!.FileName, f.File.ContentType, f.File.Size)).ToList()),
        DateOf = s => s.Date,
        Order = q => q.OrderByDescending(s => s.Date).ThenByDescending(s => s.Id),
        Create = (input, unitId) =>
        {
            var s = new StudySession { UnitId = unitId, Topic = "", Kind = "", Participants = "" };
            Apply(input, s);
            return s;
        },
        Apply = Apply,
        Filing = (r, image) => Filing.Of(image ? "照片" : "会议", r.Date.Year),
        Validate = v =>
        {
            Check.NotAfter(v.Errors, nameof(v.Input.Date), "学习日期", v.Input.Date, v.Today);
            Check.OneOf(v.Errors, nameof(v.Input.Kind), "类别", v.Input.Kind, Vocabulary.StudyKinds);
            return Task.CompletedTask;
        },
    };

    public static StudySessionInput ToInput(StudySession s) => new()
    {
        Date = s.Date, Topic = s.Topic, Kind = s.Kind, Place = s.Place, Participants = s.Participants,
        ParticipantCount = s.ParticipantCount, Hours = s.Hours, Notes = s.Notes, Version = s.Version,
    };

    private static void Apply(StudySessionInput input, StudySession s)
    {
        s.Date = input.Date!.Value;
        s.Topic = input.Topic!.Trim();
        s.Kind = input.Kind!;
        s.Place = input.Place?.Trim();
        s.Participants = input.Participants!.Trim();
        s.ParticipantCount = input.ParticipantCount!.Value;
        s.Hours = input.Hours!.Value;
        s.Notes = input.Notes?.Trim();
    }
}

[ScopedRecord(typeof(StudySession))]
public sealed class StudyModel(AppDbContext db, OrgScope orgScope, RecordCommands commands)
    : CollectionEditPage<StudySession, StudySessionInput, StudySessionDto>(db, orgScope, commands)
{
    protected override CollectionSpec<StudySession, StudySessionInput, StudySessionDto> Collection => StudySessionRecords.Collection;

    protected override StudySessionInput ToInput(StudySession record) => StudySessionRecords.ToInput(record);

    protected override StudySessionInput NewInput() => new() { Date = Today, Kind = "政治理论", Hours = 2, Participants = "关工委全体成员" };

    protected override string ListUrl(int unitId, StudySession? saved) =>
        $"/Team/Studies/{unitId}" + (saved is null ? "" : $"?year={saved.Date.Year}");
}

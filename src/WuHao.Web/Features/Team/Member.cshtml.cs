using System.ComponentModel.DataAnnotations;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Team;

/// <summary>A team member as a form or a JSON body carries it .</summary>
public sealed record TeamMemberInput : IRecordInput
{
    [Display(Name = "姓名"), Required(ErrorMessage = Msg.Required), StringLength(50, ErrorMessage = Msg.Length)]
    public string? Name { get; set; }

    [Display(Name = "性别"), Required(ErrorMessage = Msg.Choose)]
    public string? Gender { get; set; }

    [Display(Name = "民族"), StringLength(20, ErrorMessage = Msg.Length)]
    public string? Ethnicity { get; set; }

    [Display(Name = "出生日期")]
    public DateOnly? BirthDate { get; set; }

    [Display(Name = "政治面貌")]
    public string? PoliticalStatus { get; set; }

    [Display(Name = "联系电话"), RegularExpression(Msg.PhonePattern, ErrorMessage = Msg.Phone)]
    public string? Phone { get; set; }

    [Display(Name = "是否五老")]
    public bool IsElder { get; set; }

    [Display(Name = "职务"), Required(ErrorMessage = Msg.Choose)]
    public string? Position { get; set; }

    [Display(Name = "来源"), Required(ErrorMessage = Msg.Choose)]
    public string? Affiliation { get; set; }

    [Display(Name = "任职开始"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? TermStart { get; set; }

    [Display(Name = "任职结束")]
    public DateOnly? TermEnd { get; set; }

    [Display(Name = "备注"), StringLength(500, ErrorMessage = Msg.Length)]
    public string? Note { get; set; }

    public int Version { get; set; }
}

/// <summary>The read model of a team member: the API's shape.</summary>
public sealed record TeamMemberDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string Name, string Gender, string? Ethnicity, DateOnly? BirthDate, string? PoliticalStatus, string? Phone,
    bool IsElder, string Position, string Affiliation, DateOnly TermStart, DateOnly? TermEnd, string? Note);

public static class TeamMemberRecords
{
    public static readonly CollectionSpec<TeamMember, TeamMemberInput, TeamMemberDto> Collection = new()
    {
        Name = "team-members",
        Title = "班子成员",
        Project = m => new TeamMemberDto(m.Id, m.UnitId, m.Version, m.CreatedAt, m.UpdatedAt, m.Name, m.Gender, m.Ethnicity,
            m.BirthDate, m.PoliticalStatus, m.Phone, m.IsElder, m.Position, m.Affiliation, m.TermStart, m.TermEnd, m.Note),
        DateOf = m => m.TermStart,
        Order = q => q.OrderBy(m => m.TermEnd != null).ThenBy(m => m.Position).ThenBy(m => m.Id),
        Create = (input, unitId) =>
        {
            var m = new TeamMember { UnitId = unitId, Name = "", Gender = "", Position = "", Affiliation = "" };
            Apply(input, m);
            return m;
        },
        Apply = Apply,
        Validate = Validate,
        Duplicates = new()
        {
            Field = nameof(TeamMemberInput.Name),
            Counts = m => m.TermEnd == null,
            Key = m => new DuplicateKey { Name = m.Name, Date = m.BirthDate },
            Message = k => $"{k.Name}已在本单位班子中，不能重复添加",
            Describe = k => k.Date is { } d ? $"{k.Name}（{d.Zh()}出生）" : k.Name,
        },
        ForReaders = m => m with { Phone = Masking.Phone(m.Phone) },
    };

    public static TeamMemberInput ToInput(TeamMember m) => new()
    {
        Name = m.Name, Gender = m.Gender, Ethnicity = m.Ethnicity, BirthDate = m.BirthDate, PoliticalStatus = m.PoliticalStatus,
        Phone = m.Phone, IsElder = m.IsElder, Position = m.Position, Affiliation = m.Affiliation, TermStart = m.TermStart,
        TermEnd = m.TermEnd, Note = m.Note, Version = m.Version,
    };

    private static void Apply(TeamMemberInput input, TeamMember m)
    {
        m.Name = input.Name!.Trim();
        m.Gender = input.Gender!;
        m.Ethnicity = input.Ethnicity?.Trim();
        m.BirthDate = input.BirthDate;
        m.PoliticalStatus = input.PoliticalStatus;
        m.Phone = input.Phone?.Trim();
        m.IsElder = input.IsElder || input.Affiliation == "五老";
        m.Position = input.Position!;
        m.Affiliation = input.Affiliation!;
        m.TermStart = input.TermStart!.Value;
        m.TermEnd = input.TermEnd;
        m.Note = input.Note?.Trim();
    }

    /// <summary>The checks of one member; that the same person is not serving twice is the <see cref="DuplicateRule{TEntity}"/>.</summary>
    private static Task Validate(ValidationScope<TeamMemberInput> v)
    {
        var (input, errors) = (v.Input, v.Errors);
        Check.OneOf(errors, nameof(input.Gender), "性别", input.Gender, Vocabulary.Genders);
        Check.OneOf(errors, nameof(input.Position), "职务", input.Position, Vocabulary.TeamPositions);
        Check.OneOf(errors, nameof(input.Affiliation), "来源", input.Affiliation, Vocabulary.Affiliations);
        if (!string.IsNullOrEmpty(input.PoliticalStatus))
        {
            Check.OneOf(errors, nameof(input.PoliticalStatus), "政治面貌", input.PoliticalStatus, Vocabulary.PoliticalStatuses);
        }

        Check.BirthDate(errors, nameof(input.BirthDate), input.BirthDate, v.Today, minAge: 16);
        Check.NotAfter(errors, nameof(input.TermStart), "任职开始", input.TermStart, v.Today);
        if (input.TermEnd is { } end && input.TermStart is { } start && end < start)
        {
            errors.Add(nameof(input.TermEnd), "任职结束不能早于任职开始");
        }

        Check.NotAfter(errors, nameof(input.TermEnd), "任职结束", input.TermEnd, v.Today);
        return Task.CompletedTask;
    }
}

[ScopedRecord(typeof(TeamMember))]
public sealed class MemberModel(AppDbContext db, OrgScope orgScope, RecordCommands commands)
    : CollectionEditPage<TeamMember, TeamMemberInput, TeamMemberDto>(db, orgScope, commands)
{
    public bool Serving => Record is { TermEnd: null };

    protected override CollectionSpec<TeamMember, TeamMemberInput, TeamMemberDto> Collection => TeamMemberRecords.Collection;

    /// <summary>Read-only roles see the phone number masked.</summary>
    protected override TeamMemberInput ToInput(TeamMember record) =>
        CanEdit ? TeamMemberRecords.ToInput(record) : TeamMemberRecords.ToInput(record) with { Phone = Masking.Phone(record.Phone) };

    protected override TeamMemberInput NewInput() => new() { TermStart = Today, Ethnicity = "蒙古族" };

    protected override string ListUrl(int unitId, TeamMember? saved) =>
        saved is null ? $"/Team/{unitId}" : $"/Team/{unitId}?saved={Uri.EscapeDataString(saved.Name)}";
}

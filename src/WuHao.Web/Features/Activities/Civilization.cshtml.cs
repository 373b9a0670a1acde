using System.ComponentModel.DataAnnotations;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Activities;

/// <summary>A civilisation creation entry: 文明嘎查村, 文明家庭 …, with the family or unit, year and result.</summary>
public sealed record CivilizationInput : IEvidenceInput
{
    [Display(Name = "年度"), Required(ErrorMessage = Msg.Required), Range(2000, 2100, ErrorMessage = Msg.Range)]
    public int? Year { get; set; }

    [Display(Name = "创建类别"), Required(ErrorMessage = Msg.Choose)]
    public string? Kind { get; set; }

    [Display(Name = "家庭或单位"), Required(ErrorMessage = Msg.Required), StringLength(100, ErrorMessage = Msg.Length)]
    public string? Subject { get; set; }

    [Display(Name = "结果"), Required(ErrorMessage = Msg.Required), StringLength(200, ErrorMessage = Msg.Length)]
    public string? Result { get; set; }

    [Display(Name = "命名或表彰单位"), StringLength(100, ErrorMessage = Msg.Length)]
    public string? AwardedBy { get; set; }

    [Display(Name = "日期")]
    public DateOnly? Date { get; set; }

    [Display(Name = "备注"), StringLength(500, ErrorMessage = Msg.Length)]
    public string? Note { get; set; }

    [Display(Name = "证明材料")]
    public List<int> FileIds { get; set; } = [];

    public int Version { get; set; }
}

public sealed record CivilizationDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    int Year, string Kind, string Subject, string Result, string? AwardedBy, DateOnly? Date, string? Note, IReadOnlyList<FileRef> Files) : IHasFiles
{
    public IReadOnlyList<int> FileIds => [.. Files.Select(f => f.Id)];
}

public static class CivilizationRecords
{
    public static readonly CollectionSpec<CivilizationEntry, CivilizationInput, CivilizationDto> Collection = new()
    {
        Name = "civilization-entries",
        Title = "文明创建",
        Project = r => new CivilizationDto(r.Id, r.UnitId, r.Version, r.CreatedAt, r.UpdatedAt, r.Year, r.Kind, r.Subject, r.Result, r.AwardedBy,
            r.Date, r.Note, r.Files.Select(f => new FileRef(f.FileId, f.File!.FileName, f.File.ContentType, f.File.Size)).ToList()),
        YearOf = r => r.Year,
        Order = q => q.OrderByDescending(r => r.Year).ThenBy(r => r.Kind).ThenBy(r => r.Id),
        Create = (input, unitId) =>
        {
            var r = new CivilizationEntry { UnitId = unitId, Kind = "", Subject = "", Result = "" };
            Apply(input, r);
            return r;
        },
        Apply = Apply,
        Validate = v =>
        {
            Check.OneOf(v.Errors, nameof(v.Input.Kind), "创建类别", v.Input.Kind, Vocabulary.CivilizationKinds);
            Check.NotAfter(v.Errors, nameof(v.Input.Date), "日期", v.Input.Date, v.Today);
            if (v.Input.Year > v.Today.Year)
            {
                v.Errors.Add(nameof(v.Input.Year), "年度不能晚于今年");
            }

            if (v.Input is { Date: { } d, Year: { } y } && d.Year != y)
            {
                v.Errors.Add(nameof(v.Input.Date), $"日期应在{y}年内");
            }

            return Task.CompletedTask;
        },
        Filing = (r, image) => Filing.Of(image ? "照片" : "表彰", r.Year),
    };

    public static CivilizationInput ToInput(CivilizationEntry r) => new()
    {
        Year = r.Year, Kind = r.Kind, Subject = r.Subject, Result = r.Result, AwardedBy = r.AwardedBy, Date = r.Date, Note = r.Note, Version = r.Version,
    };

    private static void Apply(CivilizationInput input, CivilizationEntry r)
    {
        r.Year = input.Year!.Value;
        r.Kind = input.Kind!;
        r.Subject = input.Subject!.Trim();
        r.Result = input.Result!.Trim();
        r.AwardedBy = input.AwardedBy?.Trim();
        r.Date = input.Date;
        r.Note = input.Note?.Trim();
    }
}

[ScopedRecord(typeof(CivilizationEntry))]
public sealed class CivilizationModel(AppDbContext db, OrgScope orgScope, RecordCommands commands)
    : CollectionEditPage<CivilizationEntry, CivilizationInput, CivilizationDto>(db, orgScope, commands)
{
    protected override CollectionSpec<CivilizationEntry, CivilizationInput, CivilizationDto> Collection => CivilizationRecords.Collection;

    protected override CivilizationInput ToInput(CivilizationEntry record) => CivilizationRecords.ToInput(record);

    protected override CivilizationInput NewInput() => new() { Year = Today.Year, Kind = "文明家庭" };

    protected override string ListUrl(int unitId, CivilizationEntry? saved) =>
        $"/Activities/Civilizations/{unitId}" + (saved is null ? "" : $"?year={saved.Year}");
}

public sealed class CivilizationsModel(AppDbContext db, OrgScope orgScope, TimeProvider time)
    : YearListPage<CivilizationEntry, CivilizationInput, CivilizationDto>(db, orgScope, time)
{
    protected override CollectionSpec<CivilizationEntry, CivilizationInput, CivilizationDto> Collection => CivilizationRecords.Collection;
}

using System.ComponentModel.DataAnnotations;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Innovation;

/// <summary>A typical experience and the level at which it was promoted .</summary>
public sealed record ExperienceInput : IEvidenceInput
{
    [Display(Name = "日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? Date { get; set; }

    [Display(Name = "标题"), Required(ErrorMessage = Msg.Required), StringLength(200, ErrorMessage = Msg.Length)]
    public string? Title { get; set; }

    [Display(Name = "经验摘要"), Required(ErrorMessage = Msg.Required), StringLength(10000, ErrorMessage = Msg.Length)]
    public string? Summary { get; set; }

    /// <summary>乡, 旗, 市, 区 or 国家; empty: not promoted.</summary>
    [Display(Name = "推广层级")]
    public string? Level { get; set; }

    [Display(Name = "推广单位或载体"), StringLength(200, ErrorMessage = Msg.Length)]
    public string? PromotedBy { get; set; }

    [Display(Name = "材料")]
    public List<int> FileIds { get; set; } = [];

    public int Version { get; set; }
}

public sealed record ExperienceDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateOnly Date, string Title, string Summary, string? Level, string? PromotedBy, IReadOnlyList<FileRef> Files) : IHasFiles
{
    public IReadOnlyList<int> FileIds => [.. Files.Select(f => f.Id)];
}

public static class ExperienceRecords
{
    public static readonly CollectionSpec<Experience, ExperienceInput, ExperienceDto> Collection = new()
    {
        Name = "experiences",
        Title = "典型经验",
        Project = r => new ExperienceDto(r.Id, r.UnitId, r.Version, r.CreatedAt, r.UpdatedAt, r.Date, r.Title, r.Summary, r.Level, r.PromotedBy,
            r.Files.Select(f => new FileRef(f.FileId, f.File!.FileName, f.File.ContentType, f.File.Size)).ToList()),
        DateOf = r => r.Date,
        Order = q => q.OrderByDescending(r => r.Date).ThenByDescending(r => r.Id),
        Create = (input, unitId) =>
        {
            var r = new Experience { UnitId = unitId, Title = "", Summary = "" };
            Apply(input, r);
            return r;
        },
        Apply = Apply,
        Validate = v =>
        {
            Check.NotAfter(v.Errors, nameof(v.Input.Date), "日期", v.Input.Date, v.Today);
            if (!string.IsNullOrEmpty(v.Input.Level))
            {
                Check.OneOf(v.Errors, nameof(v.Input.Level), "推广层级", v.Input.Level, Vocabulary.PromotionLevels);
            }

            return Task.CompletedTask;
        },
        Filing = (r, image) => Filing.Of(image ? "照片" : "文书", r.Date.Year),
    };

    public static ExperienceInput ToInput(Experience r) => new()
    {
        Date = r.Date, Title = r.Title, Summary = r.Summary, Level = r.Level, PromotedBy = r.PromotedBy, Version = r.Version,
    };

    private static void Apply(ExperienceInput input, Experience r)
    {
        r.Date = input.Date!.Value;
        r.Title = input.Title!.Trim();
        r.Summary = input.Summary!.Trim();
        r.Level = string.IsNullOrEmpty(input.Level) ? null : input.Level;
        r.PromotedBy = input.PromotedBy?.Trim();
    }
}

[ScopedRecord(typeof(Experience))]
public sealed class ExperienceModel(AppDbContext db, OrgScope orgScope, RecordCommands commands)
    : CollectionEditPage<Experience, ExperienceInput, ExperienceDto>(db, orgScope, commands)
{
    protected override CollectionSpec<Experience, ExperienceInput, ExperienceDto> Collection => ExperienceRecords.Collection;

    protected override ExperienceInput ToInput(Experience record) => ExperienceRecords.ToInput(record);

    protected override ExperienceInput NewInput() => new() { Date = Today };

    protected override string ListUrl(int unitId, Experience? saved) =>
        $"/Innovation/Experiences/{unitId}" + (saved is null ? "" : $"?year={saved.Date.Year}");
}

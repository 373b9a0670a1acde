using System.ComponentModel.DataAnnotations;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Rules;

/// <summary>A step of the annual work cycle: 计划, 布置, 检查 or 总结 of a work year, dated, with its document.</summary>
public sealed record WorkCycleInput : IEvidenceInput
{
    [Display(Name = "年度"), Required(ErrorMessage = Msg.Required), Range(2000, 2100, ErrorMessage = Msg.Range)]
    public int? Year { get; set; }

    [Display(Name = "环节"), Required(ErrorMessage = Msg.Choose)]
    public string? Stage { get; set; }

    [Display(Name = "日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? Date { get; set; }

    [Display(Name = "标题"), Required(ErrorMessage = Msg.Required), StringLength(200, ErrorMessage = Msg.Length)]
    public string? Title { get; set; }

    [Display(Name = "内容"), StringLength(20000, ErrorMessage = Msg.Length)]
    public string? Content { get; set; }

    [Display(Name = "证明材料")]
    public List<int> FileIds { get; set; } = [];

    public int Version { get; set; }
}

public sealed record WorkCycleDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    int Year, string Stage, DateOnly Date, string Title, string? Content, IReadOnlyList<FileRef> Files) : IHasFiles
{
    public IReadOnlyList<int> FileIds => [.. Files.Select(f => f.Id)];
}

public static class WorkCycleRecords
{
    public static readonly CollectionSpec<WorkCycleEntry, WorkCycleInput, WorkCycleDto> Collection = new()
    {
        Name = "work-cycle",
        Title = "年度工作环节",
        Project = r => new WorkCycleDto(r.Id, r.UnitId, r.Version, r.CreatedAt, r.UpdatedAt, r.Year, r.Stage, r.Date, r.Title, r.Content,
            r.Files.Select(f => new FileRef(f.FileId, f.File!.FileName, f.File.ContentType, f.File.Size)).ToList()),
        DateOf = r => r.Date,
        YearOf = r => r.Year,
        Order = q => q.OrderByDescending(r => r.Year).ThenBy(r => r.Date).ThenBy(r => r.Id),
        Create = (input, unitId) =>
        {
            var r = new WorkCycleEntry { UnitId = unitId, Stage = "", Title = "" };
            Apply(input, r);
            return r;
        },
        Apply = Apply,
        Validate = v =>
        {
            var (input, errors) = (v.Input, v.Errors);
            Check.OneOf(errors, nameof(input.Stage), "环节", input.Stage, Vocabulary.WorkCycleStages);
            Check.NotAfter(errors, nameof(input.Date), "日期", input.Date, v.Today);

            // A plan may be made in the December before its year, a summary written in the first months after it.
            if (input is { Date: { } d, Year: { } y } && (d.Year < y - 1 || d.Year > y + 1 || (d.Year == y - 1 && d.Month < 10) || (d.Year == y + 1 && d.Month > 3)))
            {
                errors.Add(nameof(input.Date), $"日期应在{y}年度内（计划可提前到上一年10月，总结可延后到下一年3月）");
            }

            return Task.CompletedTask;
        },
        Filing = (r, image) => Filing.Of(image ? "照片" : "文书", r.Year),
    };

    public static WorkCycleInput ToInput(WorkCycleEntry r) => new()
    {
        Year = r.Year, Stage = r.Stage, Date = r.Date, Title = r.Title, Content = r.Content, Version = r.Version,
    };

    private static void Apply(WorkCycleInput input, WorkCycleEntry r)
    {
        r.Year = input.Year!.Value;
        r.Stage = input.Stage!;
        r.Date = input.Date!.Value;
        r.Title = input.Title!.Trim();
        r.Content = input.Content?.Trim();
    }
}

[ScopedRecord(typeof(WorkCycleEntry))]
public sealed class WorkStepModel(AppDbContext db, OrgScope orgScope, RecordCommands commands)
    : CollectionEditPage<WorkCycleEntry, WorkCycleInput, WorkCycleDto>(db, orgScope, commands)
{
    protected override CollectionSpec<WorkCycleEntry, WorkCycleInput, WorkCycleDto> Collection => WorkCycleRecords.Collection;

    protected override WorkCycleInput ToInput(WorkCycleEntry record) => WorkCycleRecords.ToInput(record);

    protected override WorkCycleInput NewInput()
    {
        var year = int.TryParse(Request.Query["year"], out var y) && y is >= 2000 and <= 2100 ? y : Today.Year;
        var stage = Request.Query["stage"].FirstOrDefault();
        var title = stage is null ? null : $"{year}年度关工委工作{StageTitle(stage)}";
        return new() { Year = year, Stage = stage, Date = Today, Title = title };
    }

    protected override string ListUrl(int unitId, WorkCycleEntry? saved) =>
        $"/Rules/WorkCycle/{unitId}" + (saved is null ? "" : $"?year={saved.Year}");

    public static string StageTitle(string stage) => stage switch
    {
        "计划" => "计划",
        "布置" => "部署安排",
        "检查" => "检查情况",
        "总结" => "总结",
        _ => stage,
    };
}

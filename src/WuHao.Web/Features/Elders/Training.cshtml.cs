using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Elders;

/// <summary>A training (学习培训) of 五老 and committee leaders .</summary>
public sealed record TrainingInput : IEvidenceInput
{
    [Display(Name = "培训日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? Date { get; set; }

    [Display(Name = "培训内容"), Required(ErrorMessage = Msg.Required), StringLength(500, ErrorMessage = Msg.Length)]
    public string? Content { get; set; }

    [Display(Name = "地点"), StringLength(100, ErrorMessage = Msg.Length)]
    public string? Place { get; set; }

    [Display(Name = "组织单位"), StringLength(100, ErrorMessage = Msg.Length)]
    public string? Organiser { get; set; }

    [Display(Name = "学时"), Required(ErrorMessage = Msg.Required), Range(0.5, 200, ErrorMessage = Msg.Range)]
    public double? Hours { get; set; }

    [Display(Name = "纳入党支部培训计划")]
    public bool InPartyPlan { get; set; }

    /// <summary>Trainees of the unit's 五老 roster.</summary>
    [Display(Name = "参训五老")]
    public List<int> ElderIds { get; set; } = [];

    [Display(Name = "其他参训人员"), StringLength(1000, ErrorMessage = Msg.Length)]
    public string? OtherTrainees { get; set; }

    [Display(Name = "照片和材料")]
    public List<int> FileIds { get; set; } = [];

    public int Version { get; set; }
}

public sealed record TrainingDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateOnly Date, string Content, string? Place, string? Organiser, double Hours, bool InPartyPlan,
    IReadOnlyList<int> ElderIds, IReadOnlyList<string> ElderNames, string? OtherTrainees, IReadOnlyList<FileRef> Files) : IHasFiles
{
    public IReadOnlyList<int> FileIds => [.. Files.Select(f => f.Id)];
}

public static class TrainingRecords
{
    public static readonly CollectionSpec<Training, TrainingInput, TrainingDto> Collection = new()
    {
        Name = "trainings",
        Title = "学习培训",
        Project = t => new TrainingDto(t.Id, t.UnitId, t.Version, t.CreatedAt, t.UpdatedAt, t.Date, t.Content, t.Place, t.Organiser, t.Hours,
            t.InPartyPlan, t.Trainees.OrderBy(x => x.ElderId).Select(x => x.ElderId).ToList(),
            t.Trainees.OrderBy(x => x.ElderId).Select(x => x.Elder!.Name).ToList(), t.OtherTrainees, t.Files.Select(f => new FileRef(f.FileId, f.File!.FileName, f.File.ContentType, f.File.Size)).ToList()),
        DateOf = t => t.Date,
        Order = q => q.OrderByDescending(t => t.Date).ThenByDescending(t => t.Id),
        Create = (input, unitId) =>
        {
            var t = new Training { UnitId = unitId, Content = "" };
            Apply(input, t);
            return t;
        },
        Apply = Apply,
        Include = q => q.Include(t => t.Trainees),
        Filing = (r, image) => Filing.Of(image ? "照片" : "文书", r.Date.Year),
        Validate = ValidateAsync,
    };

    public static TrainingInput ToInput(Training t) => new()
    {
        Date = t.Date, Content = t.Content, Place = t.Place, Organiser = t.Organiser, Hours = t.Hours, InPartyPlan = t.InPartyPlan,
        ElderIds = [.. t.Trainees.Select(x => x.ElderId).Order()], OtherTrainees = t.OtherTrainees, Version = t.Version,
    };

    /// <summary>Other trainees' count: names separated by "、", "，" or spaces.</summary>
    public static int CountOthers(string? others) =>
        string.IsNullOrWhiteSpace(others) ? 0 : others.Split(['、', '，', ',', ' ', '；', ';'], StringSplitOptions.RemoveEmptyEntries).Length;

    private static void Apply(TrainingInput input, Training t)
    {
        t.Date = input.Date!.Value;
        t.Content = input.Content!.Trim();
        t.Place = Text.Clean(input.Place);
        t.Organiser = Text.Clean(input.Organiser);
        t.Hours = input.Hours!.Value;
        t.InPartyPlan = input.InPartyPlan;
        t.OtherTrainees = Text.Clean(input.OtherTrainees);
        ElderLinks.Sync(t.Trainees, input.ElderIds, id => new TrainingTrainee { UnitId = t.UnitId, ElderId = id });
    }

    private static async Task ValidateAsync(ValidationScope<TrainingInput> v)
    {
        var (input, errors) = (v.Input, v.Errors);
        Check.NotAfter(errors, nameof(input.Date), "培训日期", input.Date, v.Today);
        if (input.ElderIds.Count == 0 && string.IsNullOrWhiteSpace(input.OtherTrainees))
        {
            errors.Add(nameof(input.ElderIds), "请选择参训五老或填写其他参训人员");
        }

        await ElderLinks.CheckAsync(v.Db, errors, nameof(input.ElderIds), "参训五老须是本单位五老名册中的人员", input.ElderIds, [v.UnitId], default);
    }
}

[ScopedRecord(typeof(Training))]
public sealed class TrainingModel(AppDbContext db, OrgScope orgScope, RecordCommands commands)
    : CollectionEditPage<Training, TrainingInput, TrainingDto>(db, orgScope, commands)
{
    /// <summary>The unit's elders to choose from: active ones, and any already on this training.</summary>
    public IReadOnlyList<ElderChoice> ElderChoices { get; private set; } = [];

    protected override CollectionSpec<Training, TrainingInput, TrainingDto> Collection => TrainingRecords.Collection;

    protected override async Task OnLoadedAsync(CancellationToken ct)
    {
        var chosen = new List<int>();
        if (Record is { } training)
        {
            training.Trainees = await Db.TrainingTrainees.AsNoTracking().Where(x => x.TrainingId == training.Id).ToListAsync(ct);
            chosen = training.Trainees.Select(x => x.ElderId).ToList();
        }

        ElderChoices = await ElderLinks.ChoicesAsync(Db, Unit.Id, chosen, Today, ct);
    }

    protected override TrainingInput ToInput(Training record) => TrainingRecords.ToInput(record);

    protected override TrainingInput NewInput() => new() { Date = Today, Hours = 2, InPartyPlan = true };

    protected override string ListUrl(int unitId, Training? saved) =>
        $"/Elders/Trainings/{unitId}" + (saved is null ? "" : $"?year={saved.Date.Year}");
}

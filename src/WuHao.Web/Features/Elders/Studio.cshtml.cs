using System.ComponentModel.DataAnnotations;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Elders;

/// <summary>A 五老工作室 / 五老之家 .</summary>
public sealed record StudioInput : IRecordInput
{
    [Display(Name = "名称"), Required(ErrorMessage = Msg.Required), StringLength(100, ErrorMessage = Msg.Length)]
    public string? Name { get; set; }

    [Display(Name = "地点"), Required(ErrorMessage = Msg.Required), StringLength(200, ErrorMessage = Msg.Length)]
    public string? Place { get; set; }

    [Display(Name = "成立日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? SetUpDate { get; set; }

    [Display(Name = "设施"), StringLength(1000, ErrorMessage = Msg.Length)]
    public string? Facilities { get; set; }

    /// <summary>Member names; an item may hold several names separated by "、".</summary>
    [Display(Name = "成员")]
    public List<string> Members { get; set; } = [];

    [Display(Name = "开展的活动"), StringLength(4000, ErrorMessage = Msg.Length)]
    public string? Activities { get; set; }

    [Display(Name = "备注"), StringLength(500, ErrorMessage = Msg.Length)]
    public string? Note { get; set; }

    public int Version { get; set; }
}

public sealed record StudioDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string Name, string Place, DateOnly SetUpDate, string? Facilities, IReadOnlyList<string> Members, string? Activities, string? Note);

public static class StudioRecords
{
    public static readonly CollectionSpec<Studio, StudioInput, StudioDto> Collection = new()
    {
        Name = "studios",
        Title = "五老工作室",
        Project = s => new StudioDto(s.Id, s.UnitId, s.Version, s.CreatedAt, s.UpdatedAt, s.Name, s.Place, s.SetUpDate, s.Facilities,
            Lists.Split(s.Members), s.Activities, s.Note),
        Order = q => q.OrderBy(s => s.SetUpDate).ThenBy(s => s.Id),
        Create = (input, unitId) =>
        {
            var s = new Studio { UnitId = unitId, Name = "", Place = "" };
            Apply(input, s);
            return s;
        },
        Apply = Apply,
        Validate = v =>
        {
            Check.NotAfter(v.Errors, nameof(v.Input.SetUpDate), "成立日期", v.Input.SetUpDate, v.Today);
            if (Lists.Join(v.Input.Members.SelectMany(Lists.Split))?.Length > 1000)
            {
                v.Errors.Add(nameof(v.Input.Members), "成员名单不能超过1000个字");
            }

            return Task.CompletedTask;
        },
    };

    public static StudioInput ToInput(Studio s) => new()
    {
        Name = s.Name, Place = s.Place, SetUpDate = s.SetUpDate, Facilities = s.Facilities, Members = [.. Lists.Split(s.Members)],
        Activities = s.Activities, Note = s.Note, Version = s.Version,
    };

    private static void Apply(StudioInput input, Studio s)
    {
        s.Name = input.Name!.Trim();
        s.Place = input.Place!.Trim();
        s.SetUpDate = input.SetUpDate!.Value;
        s.Facilities = Text.Clean(input.Facilities);
        s.Members = Lists.Join(input.Members.SelectMany(Lists.Split));
        s.Activities = Text.Clean(input.Activities);
        s.Note = Text.Clean(input.Note);
    }
}

[ScopedRecord(typeof(Studio))]
public sealed class StudioModel(AppDbContext db, OrgScope orgScope, RecordCommands commands)
    : CollectionEditPage<Studio, StudioInput, StudioDto>(db, orgScope, commands)
{
    /// <summary>The unit's elders now active, offered as members.</summary>
    public IReadOnlyList<string> ElderNames { get; private set; } = [];

    protected override CollectionSpec<Studio, StudioInput, StudioDto> Collection => StudioRecords.Collection;

    protected override StudioInput ToInput(Studio record) => StudioRecords.ToInput(record);

    protected override StudioInput NewInput() => new() { SetUpDate = Today };

    protected override async Task OnLoadedAsync(CancellationToken ct) =>
        ElderNames = (await ElderFigures.ActiveEldersAsync(Db, Unit.Id, Today, ct)).Select(e => e.Name).Distinct().ToList();

    protected override string ListUrl(int unitId, Studio? saved) => $"/Elders/Studios/{unitId}";
}

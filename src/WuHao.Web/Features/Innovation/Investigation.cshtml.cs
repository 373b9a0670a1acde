using System.ComponentModel.DataAnnotations;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Innovation;

/// <summary>An investigation of new problems among young people .</summary>
public sealed record InvestigationInput : IEvidenceInput
{
    [Display(Name = "日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? Date { get; set; }

    [Display(Name = "调研题目"), Required(ErrorMessage = Msg.Required), StringLength(200, ErrorMessage = Msg.Length)]
    public string? Topic { get; set; }

    [Display(Name = "调研对象")]
    public List<string> TargetGroups { get; set; } = [];

    [Display(Name = "调研方式"), Required(ErrorMessage = Msg.Choose)]
    public string? Method { get; set; }

    [Display(Name = "发现的问题"), StringLength(10000, ErrorMessage = Msg.Length)]
    public string? Findings { get; set; }

    [Display(Name = "采取的措施"), StringLength(10000, ErrorMessage = Msg.Length)]
    public string? Measures { get; set; }

    [Display(Name = "调研报告")]
    public List<int> FileIds { get; set; } = [];

    public int Version { get; set; }
}

public sealed record InvestigationDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateOnly Date, string Topic, IReadOnlyList<string> TargetGroups, string Method, string? Findings, string? Measures,
    IReadOnlyList<FileRef> Files) : IHasFiles
{
    public IReadOnlyList<int> FileIds => [.. Files.Select(f => f.Id)];
}

public static class InvestigationRecords
{
    public static readonly CollectionSpec<Investigation, InvestigationInput, InvestigationDto> Collection = new()
    {
        Name = "investigations",
        Title = "调查研究",
        Project = r => new InvestigationDto(r.Id, r.UnitId, r.Version, r.CreatedAt, r.UpdatedAt, r.Date, r.Topic,
            r.TargetGroups.OrderBy(v => v.Position).Select(v => v.Value).ToList(), r.Method,
            r.Findings, r.Measures, r.Files.Select(f => new FileRef(f.FileId, f.File!.FileName, f.File.ContentType, f.File.Size)).ToList()),
        DateOf = r => r.Date,
        Order = q => q.OrderByDescending(r => r.Date).ThenByDescending(r => r.Id),
        Create = (input, unitId) =>
        {
            var r = new Investigation { UnitId = unitId, Topic = "", Method = "" };
            Apply(input, r);
            return r;
        },
        Apply = Apply,
        Validate = v =>
        {
            Check.NotAfter(v.Errors, nameof(v.Input.Date), "日期", v.Input.Date, v.Today);
            Check.OneOf(v.Errors, nameof(v.Input.Method), "调研方式", v.Input.Method, Vocabulary.InvestigationMethods);
            Check.AllOf(v.Errors, nameof(v.Input.TargetGroups), "调研对象", v.Input.TargetGroups, Vocabulary.TargetGroups);
            if (v.Input.TargetGroups.Count == 0)
            {
                v.Errors.Add(nameof(v.Input.TargetGroups), "请至少选择一类调研对象");
            }

            return Task.CompletedTask;
        },
        Filing = (r, _) => Filing.Of("文书", r.Date.Year),
    };

    public static InvestigationInput ToInput(Investigation r) => new()
    {
        Date = r.Date, Topic = r.Topic, TargetGroups = [.. Lists.Of(r.TargetGroups)], Method = r.Method, Findings = r.Findings,
        Measures = r.Measures, Version = r.Version,
    };

    private static void Apply(InvestigationInput input, Investigation r)
    {
        r.Date = input.Date!.Value;
        r.Topic = input.Topic!.Trim();
        Lists.Set(r.TargetGroups, input.TargetGroups);
        r.Method = input.Method!;
        r.Findings = input.Findings?.Trim();
        r.Measures = input.Measures?.Trim();
    }
}

[ScopedRecord(typeof(Investigation))]
public sealed class InvestigationModel(AppDbContext db, OrgScope orgScope, RecordCommands commands)
    : CollectionEditPage<Investigation, InvestigationInput, InvestigationDto>(db, orgScope, commands)
{
    protected override CollectionSpec<Investigation, InvestigationInput, InvestigationDto> Collection => InvestigationRecords.Collection;

    protected override InvestigationInput ToInput(Investigation record) => InvestigationRecords.ToInput(record);

    protected override InvestigationInput NewInput() => new() { Date = Today, Method = "走访" };

    protected override string ListUrl(int unitId, Investigation? saved) =>
        $"/Innovation/Investigations/{unitId}" + (saved is null ? "" : $"?year={saved.Date.Year}");
}

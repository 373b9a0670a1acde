using System.ComponentModel.DataAnnotations;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Rules;

/// <summary>A rule document as a form or JSON body carries it.</summary>
public sealed record RuleDocumentInput : IEvidenceInput
{
    [Display(Name = "制度类型"), Required(ErrorMessage = Msg.Choose)]
    public string? Type { get; set; }

    [Display(Name = "制度名称"), Required(ErrorMessage = Msg.Required), StringLength(200, ErrorMessage = Msg.Length)]
    public string? Title { get; set; }

    /// <summary>The document's own version (版本), e.g. "2024年修订".</summary>
    [Display(Name = "版本"), StringLength(50, ErrorMessage = Msg.Length)]
    public string? Edition { get; set; }

    [Display(Name = "制定日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? AdoptedOn { get; set; }

    [Display(Name = "制度全文"), StringLength(20000, ErrorMessage = Msg.Length)]
    public string? Text { get; set; }

    [Display(Name = "已上墙")]
    public bool IsPosted { get; set; }

    [Display(Name = "备注"), StringLength(500, ErrorMessage = Msg.Length)]
    public string? Note { get; set; }

    [Display(Name = "证明材料")]
    public List<int> FileIds { get; set; } = [];

    public int Version { get; set; }
}

public sealed record RuleDocumentDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string Type, string Title, string? Edition, DateOnly AdoptedOn, string? Text, bool IsPosted, string? Note,
    IReadOnlyList<FileRef> Files) : IHasFiles
{
    public IReadOnlyList<int> FileIds => [.. Files.Select(f => f.Id)];
}

public static class RuleDocumentRecords
{
    public static readonly CollectionSpec<RuleDocument, RuleDocumentInput, RuleDocumentDto> Collection = new()
    {
        Name = "rule-documents",
        Title = "制度",
        Project = r => new RuleDocumentDto(r.Id, r.UnitId, r.Version, r.CreatedAt, r.UpdatedAt, r.Type, r.Title, r.Edition, r.AdoptedOn,
            r.Text, r.IsPosted, r.Note, r.Files.Select(f => new FileRef(f.FileId, f.File!.FileName, f.File.ContentType, f.File.Size)).ToList()),
        DateOf = r => r.AdoptedOn,
        Order = q => q.OrderBy(r => r.Type).ThenByDescending(r => r.AdoptedOn).ThenByDescending(r => r.Id),
        Create = (input, unitId) =>
        {
            var r = new RuleDocument { UnitId = unitId, Type = "", Title = "" };
            Apply(input, r);
            return r;
        },
        Apply = Apply,
        Validate = v =>
        {
            Check.OneOf(v.Errors, nameof(v.Input.Type), "制度类型", v.Input.Type, Vocabulary.RuleTypes);
            Check.NotAfter(v.Errors, nameof(v.Input.AdoptedOn), "制定日期", v.Input.AdoptedOn, v.Today);
            return Task.CompletedTask;
        },
        Filing = (r, _) => Filing.Of("制度", r.AdoptedOn.Year),
    };

    public static RuleDocumentInput ToInput(RuleDocument r) => new()
    {
        Type = r.Type, Title = r.Title, Edition = r.Edition, AdoptedOn = r.AdoptedOn, Text = r.Text, IsPosted = r.IsPosted,
        Note = r.Note, Version = r.Version,
    };

    private static void Apply(RuleDocumentInput input, RuleDocument r)
    {
        r.Type = input.Type!;
        r.Title = input.Title!.Trim();
        r.Edition = input.Edition?.Trim();
        r.AdoptedOn = input.AdoptedOn!.Value;
        r.Text = input.Text?.Trim();
        r.IsPosted = input.IsPosted;
        r.Note = input.Note?.Trim();
    }
}

[ScopedRecord(typeof(RuleDocument))]
public sealed class RuleDocumentModel(AppDbContext db, OrgScope orgScope, RecordCommands commands)
    : CollectionEditPage<RuleDocument, RuleDocumentInput, RuleDocumentDto>(db, orgScope, commands)
{
    protected override CollectionSpec<RuleDocument, RuleDocumentInput, RuleDocumentDto> Collection => RuleDocumentRecords.Collection;

    protected override RuleDocumentInput ToInput(RuleDocument record) => RuleDocumentRecords.ToInput(record);

    protected override RuleDocumentInput NewInput() => new() { AdoptedOn = Today, Type = Request.Query["type"].FirstOrDefault() };

    protected override string ListUrl(int unitId, RuleDocument? saved) => $"/Rules/Documents/{unitId}";
}

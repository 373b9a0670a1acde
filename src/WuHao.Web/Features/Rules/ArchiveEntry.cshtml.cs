using System.ComponentModel.DataAnnotations;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Rules;

/// <summary>A document filed in the archive: category, year, retention; on paper, as files, or both.</summary>
public sealed record ArchiveEntryInput : IEvidenceInput
{
    [Display(Name = "题名"), Required(ErrorMessage = Msg.Required), StringLength(200, ErrorMessage = Msg.Length)]
    public string? Title { get; set; }

    [Display(Name = "类别"), Required(ErrorMessage = Msg.Choose)]
    public string? Category { get; set; }

    [Display(Name = "归档年度"), Required(ErrorMessage = Msg.Required), Range(2000, 2100, ErrorMessage = Msg.Range)]
    public int? Year { get; set; }

    [Display(Name = "文件日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? Date { get; set; }

    [Display(Name = "保管期限"), Required(ErrorMessage = Msg.Choose)]
    public string? Retention { get; set; }

    [Display(Name = "文号"), StringLength(50, ErrorMessage = Msg.Length)]
    public string? DocumentNo { get; set; }

    [Display(Name = "存放位置"), StringLength(100, ErrorMessage = Msg.Length)]
    public string? Location { get; set; }

    [Display(Name = "页数"), Range(1, 10000, ErrorMessage = Msg.Range)]
    public int? Pages { get; set; }

    [Display(Name = "备注"), StringLength(500, ErrorMessage = Msg.Length)]
    public string? Note { get; set; }

    [Display(Name = "电子文件")]
    public List<int> FileIds { get; set; } = [];

    public int Version { get; set; }
}

public sealed record ArchiveEntryDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string Title, string Category, int Year, DateOnly Date, string Retention, string? DocumentNo, string? Location, int? Pages, string? Note,
    IReadOnlyList<FileRef> Files) : IHasFiles
{
    public IReadOnlyList<int> FileIds => [.. Files.Select(f => f.Id)];
}

public static class ArchiveEntryRecords
{
    public static readonly CollectionSpec<ArchiveEntry, ArchiveEntryInput, ArchiveEntryDto> Collection = new()
    {
        Name = "archive",
        Title = "档案",
        Project = r => new ArchiveEntryDto(r.Id, r.UnitId, r.Version, r.CreatedAt, r.UpdatedAt, r.Title, r.Category, r.Year, r.Date, r.Retention,
            r.DocumentNo, r.Location, r.Pages, r.Note, r.Files.Select(f => new FileRef(f.FileId, f.File!.FileName, f.File.ContentType, f.File.Size)).ToList()),
        DateOf = r => r.Date,
        YearOf = r => r.Year,
        Order = q => q.OrderByDescending(r => r.Year).ThenBy(r => r.Category).ThenBy(r => r.Date).ThenBy(r => r.Id),
        Create = (input, unitId) =>
        {
            var r = new ArchiveEntry { UnitId = unitId, Title = "", Category = "", Retention = "" };
            Apply(input, r);
            return r;
        },
        Apply = Apply,
        Validate = v =>
        {
            Check.OneOf(v.Errors, nameof(v.Input.Category), "类别", v.Input.Category, Vocabulary.ArchiveCategories);
            Check.OneOf(v.Errors, nameof(v.Input.Retention), "保管期限", v.Input.Retention, Vocabulary.Retentions);
            Check.NotAfter(v.Errors, nameof(v.Input.Date), "文件日期", v.Input.Date, v.Today);
            return Task.CompletedTask;
        },

        // The entry's files are filed exactly where the entry is.
        Filing = (r, _) => new Filing(r.Category, r.Year, r.Retention),
    };

    public static ArchiveEntryInput ToInput(ArchiveEntry r) => new()
    {
        Title = r.Title, Category = r.Category, Year = r.Year, Date = r.Date, Retention = r.Retention, DocumentNo = r.DocumentNo,
        Location = r.Location, Pages = r.Pages, Note = r.Note, Version = r.Version,
    };

    private static void Apply(ArchiveEntryInput input, ArchiveEntry r)
    {
        r.Title = input.Title!.Trim();
        r.Category = input.Category!;
        r.Year = input.Year!.Value;
        r.Date = input.Date!.Value;
        r.Retention = input.Retention!;
        r.DocumentNo = input.DocumentNo?.Trim();
        r.Location = input.Location?.Trim();
        r.Pages = input.Pages;
        r.Note = input.Note?.Trim();
    }
}

[ScopedRecord(typeof(ArchiveEntry))]
public sealed class ArchiveEntryModel(AppDbContext db, OrgScope orgScope, RecordCommands commands)
    : CollectionEditPage<ArchiveEntry, ArchiveEntryInput, ArchiveEntryDto>(db, orgScope, commands)
{
    protected override CollectionSpec<ArchiveEntry, ArchiveEntryInput, ArchiveEntryDto> Collection => ArchiveEntryRecords.Collection;

    protected override ArchiveEntryInput ToInput(ArchiveEntry record) => ArchiveEntryRecords.ToInput(record);

    protected override ArchiveEntryInput NewInput() => new() { Year = Today.Year, Date = Today, Category = "文书", Retention = "永久" };

    protected override string ListUrl(int unitId, ArchiveEntry? saved) =>
        $"/Rules/Archive/{unitId}" + (saved is null ? "" : $"?year={saved.Year}");
}

using System.ComponentModel.DataAnnotations;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Rules;

/// <summary>An income or spending entry of the activity funds .</summary>
public sealed record FundEntryInput : IEvidenceInput
{
    [Display(Name = "日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? Date { get; set; }

    /// <summary>"income" (收入) or "spending" (支出).</summary>
    [Display(Name = "收支"), Required(ErrorMessage = Msg.Choose), ValueWords("income", "收入", "spending", "支出")]
    public string? Direction { get; set; }

    [Display(Name = "金额（元）"), Required(ErrorMessage = Msg.Required), Range(typeof(decimal), "0.01", "99999999.99", ErrorMessage = Msg.Range)]
    public decimal? Amount { get; set; }

    [Display(Name = "来源"), StringLength(100, ErrorMessage = Msg.Length)]
    public string? Source { get; set; }

    [Display(Name = "用途"), Required(ErrorMessage = Msg.Required), StringLength(200, ErrorMessage = Msg.Length)]
    public string? Purpose { get; set; }

    [Display(Name = "经手人"), StringLength(50, ErrorMessage = Msg.Length)]
    public string? Handler { get; set; }

    [Display(Name = "备注"), StringLength(500, ErrorMessage = Msg.Length)]
    public string? Note { get; set; }

    [Display(Name = "票据")]
    public List<int> FileIds { get; set; } = [];

    public int Version { get; set; }
}

public sealed record FundEntryDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateOnly Date, string Direction, decimal Amount, string? Source, string Purpose, string? Handler, string? Note,
    IReadOnlyList<FileRef> Files) : IHasFiles
{
    public IReadOnlyList<int> FileIds => [.. Files.Select(f => f.Id)];
}

public static class FundRecords
{
    public static readonly CollectionSpec<FundEntry, FundEntryInput, FundEntryDto> Collection = new()
    {
        Name = "funds",
        Title = "活动经费收支",
        Project = r => new FundEntryDto(r.Id, r.UnitId, r.Version, r.CreatedAt, r.UpdatedAt, r.Date, r.Direction, r.Amount, r.Source, r.Purpose,
            r.Handler, r.Note, r.Files.Select(f => new FileRef(f.FileId, f.File!.FileName, f.File.ContentType, f.File.Size)).ToList()),
        DateOf = r => r.Date,
        Order = q => q.OrderByDescending(r => r.Date).ThenByDescending(r => r.Id),
        Create = (input, unitId) =>
        {
            var r = new FundEntry { UnitId = unitId, Direction = "", Purpose = "" };
            Apply(input, r);
            return r;
        },
        Apply = Apply,
        Validate = v =>
        {
            var (input, errors) = (v.Input, v.Errors);
            Check.OneOf(errors, nameof(input.Direction), "收支", input.Direction, Vocabulary.FundDirections);
            Check.NotAfter(errors, nameof(input.Date), "日期", input.Date, v.Today);
            if (input.Amount is { } a && decimal.Round(a, 2) != a)
            {
                errors.Add(nameof(input.Amount), "金额最多两位小数（精确到分）");
            }

            if (input.Direction == "income" && string.IsNullOrWhiteSpace(input.Source))
            {
                errors.Add(nameof(input.Source), "收入请填写来源");
            }

            return Task.CompletedTask;
        },
        Filing = (r, _) => Filing.Of("财务", r.Date.Year),
    };

    public static FundEntryInput ToInput(FundEntry r) => new()
    {
        Date = r.Date, Direction = r.Direction, Amount = r.Amount, Source = r.Source, Purpose = r.Purpose, Handler = r.Handler,
        Note = r.Note, Version = r.Version,
    };

    private static void Apply(FundEntryInput input, FundEntry r)
    {
        r.Date = input.Date!.Value;
        r.Direction = input.Direction!;
        r.Amount = input.Amount!.Value;
        r.Source = input.Source?.Trim();
        r.Purpose = input.Purpose!.Trim();
        r.Handler = input.Handler?.Trim();
        r.Note = input.Note?.Trim();
    }
}

[ScopedRecord(typeof(FundEntry))]
public sealed class FundModel(AppDbContext db, OrgScope orgScope, RecordCommands commands)
    : CollectionEditPage<FundEntry, FundEntryInput, FundEntryDto>(db, orgScope, commands)
{
    protected override CollectionSpec<FundEntry, FundEntryInput, FundEntryDto> Collection => FundRecords.Collection;

    protected override FundEntryInput ToInput(FundEntry record) => FundRecords.ToInput(record);

    protected override FundEntryInput NewInput() => new() { Date = Today, Direction = Request.Query["direction"] == "income" ? "income" : "spending" };

    protected override string ListUrl(int unitId, FundEntry? saved) =>
        $"/Rules/Funds/{unitId}" + (saved is null ? "" : $"?year={saved.Date.Year}");
}

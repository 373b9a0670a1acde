using System.ComponentModel.DataAnnotations;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Elders;

/// <summary>A 爱心人士 (person or organisation) and one gift: what, when, to whom .</summary>
public sealed record DonorInput : IRecordInput
{
    [Display(Name = "姓名或单位"), Required(ErrorMessage = Msg.Required), StringLength(100, ErrorMessage = Msg.Length)]
    public string? Name { get; set; }

    [Display(Name = "类型"), Required(ErrorMessage = Msg.Choose)]
    public string? Kind { get; set; }

    [Display(Name = "联系人"), StringLength(50, ErrorMessage = Msg.Length)]
    public string? ContactPerson { get; set; }

    [Display(Name = "联系电话"), RegularExpression(Msg.PhonePattern, ErrorMessage = Msg.Phone)]
    public string? Phone { get; set; }

    [Display(Name = "捐赠日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? Date { get; set; }

    [Display(Name = "捐赠内容"), Required(ErrorMessage = Msg.Required), StringLength(500, ErrorMessage = Msg.Length)]
    public string? Gift { get; set; }

    [Display(Name = "折合金额（元）"), Range(typeof(decimal), "0", "100000000", ErrorMessage = Msg.Range)]
    public decimal? Amount { get; set; }

    [Display(Name = "受赠对象"), StringLength(200, ErrorMessage = Msg.Length)]
    public string? Recipient { get; set; }

    [Display(Name = "备注"), StringLength(500, ErrorMessage = Msg.Length)]
    public string? Note { get; set; }

    public int Version { get; set; }
}

public sealed record DonorDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string Name, string Kind, string? ContactPerson, string? Phone, DateOnly Date, string Gift, decimal? Amount, string? Recipient, string? Note);

public static class DonorRecords
{
    public static readonly CollectionSpec<Donor, DonorInput, DonorDto> Collection = new()
    {
        Name = "donors",
        Title = "爱心人士",
        Project = d => new DonorDto(d.Id, d.UnitId, d.Version, d.CreatedAt, d.UpdatedAt, d.Name, d.Kind, d.ContactPerson, d.Phone, d.Date,
            d.Gift, d.Amount, d.Recipient, d.Note),
        DateOf = d => d.Date,
        Order = q => q.OrderByDescending(d => d.Date).ThenByDescending(d => d.Id),
        Create = (input, unitId) =>
        {
            var d = new Donor { UnitId = unitId, Name = "", Kind = "", Gift = "" };
            Apply(input, d);
            return d;
        },
        Apply = Apply,
        Validate = v =>
        {
            Check.OneOf(v.Errors, nameof(v.Input.Kind), "类型", v.Input.Kind, Vocabulary.DonorKinds);
            Check.NotAfter(v.Errors, nameof(v.Input.Date), "捐赠日期", v.Input.Date, v.Today);
            return Task.CompletedTask;
        },
        Duplicates = new()
        {
            Field = nameof(DonorInput.Name),
            Counts = d => true,
            Key = d => new DuplicateKey { Name = d.Name, Date = d.Date },
            Message = k => $"{Describe(k)}的捐赠已登记，不能重复添加",
            Describe = Describe,
        },
        ForReaders = d => d with { Phone = Masking.Phone(d.Phone) },
    };

    public static DonorInput ToInput(Donor d) => new()
    {
        Name = d.Name, Kind = d.Kind, ContactPerson = d.ContactPerson, Phone = d.Phone, Date = d.Date, Gift = d.Gift, Amount = d.Amount,
        Recipient = d.Recipient, Note = d.Note, Version = d.Version,
    };

    private static string Describe(DuplicateKey k) => $"{k.Name}（{k.Date.Zh()}）";

    private static void Apply(DonorInput input, Donor d)
    {
        d.Name = input.Name!.Trim();
        d.Kind = input.Kind!;
        d.ContactPerson = Text.Clean(input.ContactPerson);
        d.Phone = Text.Clean(input.Phone);
        d.Date = input.Date!.Value;
        d.Gift = input.Gift!.Trim();
        d.Amount = input.Amount;
        d.Recipient = Text.Clean(input.Recipient);
        d.Note = Text.Clean(input.Note);
    }
}

[ScopedRecord(typeof(Donor))]
public sealed class DonorModel(AppDbContext db, OrgScope orgScope, RecordCommands commands)
    : CollectionEditPage<Donor, DonorInput, DonorDto>(db, orgScope, commands)
{
    protected override CollectionSpec<Donor, DonorInput, DonorDto> Collection => DonorRecords.Collection;

    protected override DonorInput ToInput(Donor record) =>
        CanEdit ? DonorRecords.ToInput(record) : DonorRecords.ToInput(record) with { Phone = Masking.Phone(record.Phone) };

    protected override DonorInput NewInput() => new() { Date = Today, Kind = "个人" };

    protected override string ListUrl(int unitId, Donor? saved) =>
        $"/Elders/Donors/{unitId}" + (saved is null ? "" : $"?year={saved.Date.Year}");
}

using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Elders;

/// <summary>One publication of a deed; a row left empty on the form is ignored.</summary>
public sealed record PublicityInput
{
    [Display(Name = "宣传日期")]
    public DateOnly? Date { get; set; }

    [Display(Name = "宣传渠道")]
    public string? Outlet { get; set; }

    [Display(Name = "说明")]
    public string? Note { get; set; }

    public bool IsEmpty => Date is null && string.IsNullOrWhiteSpace(Outlet) && string.IsNullOrWhiteSpace(Note);
}

/// <summary>A 先进事迹 with its publicity .</summary>
public sealed record DeedInput : IEvidenceInput
{
    [Display(Name = "标题"), Required(ErrorMessage = Msg.Required), StringLength(200, ErrorMessage = Msg.Length)]
    public string? Title { get; set; }

    [Display(Name = "人物"), Required(ErrorMessage = Msg.Required), StringLength(500, ErrorMessage = Msg.Length)]
    public string? Persons { get; set; }

    [Display(Name = "事迹日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? Date { get; set; }

    [Display(Name = "事迹内容"), Required(ErrorMessage = Msg.Required), StringLength(10000, ErrorMessage = Msg.Length)]
    public string? Story { get; set; }

    [Display(Name = "宣传情况")]
    public List<PublicityInput> Publicity { get; set; } = [];

    [Display(Name = "照片和材料")]
    public List<int> FileIds { get; set; } = [];

    public int Version { get; set; }
}

public sealed record PublicityDto(DateOnly Date, string Outlet, string? Note);

public sealed record DeedDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string Title, string Persons, DateOnly Date, string Story, IReadOnlyList<PublicityDto> Publicity, IReadOnlyList<FileRef> Files) : IHasFiles
{
    public IReadOnlyList<int> FileIds => [.. Files.Select(f => f.Id)];
}

public static class DeedRecords
{
    public static readonly CollectionSpec<Deed, DeedInput, DeedDto> Collection = new()
    {
        Name = "deeds",
        Title = "先进事迹",
        Project = d => new DeedDto(d.Id, d.UnitId, d.Version, d.CreatedAt, d.UpdatedAt, d.Title, d.Persons, d.Date, d.Story,
            d.Publicity.OrderBy(p => p.Date).ThenBy(p => p.Id).Select(p => new PublicityDto(p.Date, p.Outlet, p.Note)).ToList(), d.Files.Select(f => new FileRef(f.FileId, f.File!.FileName, f.File.ContentType, f.File.Size)).ToList()),
        DateOf = d => d.Date,
        Order = q => q.OrderByDescending(d => d.Date).ThenByDescending(d => d.Id),
        Create = (input, unitId) =>
        {
            var d = new Deed { UnitId = unitId, Title = "", Persons = "", Story = "" };
            Apply(input, d);
            return d;
        },
        Apply = Apply,
        Include = q => q.Include(d => d.Publicity),
        Filing = (r, image) => Filing.Of(image ? "照片" : "表彰", r.Date.Year),
        Validate = v =>
        {
            Check.NotAfter(v.Errors, nameof(v.Input.Date), "事迹日期", v.Input.Date, v.Today);
            for (var i = 0; i < v.Input.Publicity.Count; i++)
            {
                var p = v.Input.Publicity[i];
                if (p.IsEmpty)
                {
                    continue;
                }

                var at = $"{nameof(DeedInput.Publicity)}[{i}]";
                if (string.IsNullOrWhiteSpace(p.Outlet))
                {
                    v.Errors.Add($"{at}.{nameof(p.Outlet)}", $"第{i + 1}条宣传：请填写宣传渠道");
                }
                else if (p.Outlet.Trim().Length > 200)
                {
                    v.Errors.Add($"{at}.{nameof(p.Outlet)}", $"第{i + 1}条宣传：宣传渠道不能超过200个字");
                }

                if (p.Date is null)
                {
                    v.Errors.Add($"{at}.{nameof(p.Date)}", $"第{i + 1}条宣传：请填写宣传日期");
                }

                Check.NotAfter(v.Errors, $"{at}.{nameof(p.Date)}", $"第{i + 1}条宣传的日期", p.Date, v.Today);
                if (p.Note?.Trim().Length > 500)
                {
                    v.Errors.Add($"{at}.{nameof(p.Note)}", $"第{i + 1}条宣传：说明不能超过500个字");
                }
            }

            return Task.CompletedTask;
        },
    };

    public static DeedInput ToInput(Deed d) => new()
    {
        Title = d.Title, Persons = d.Persons, Date = d.Date, Story = d.Story, Version = d.Version,
        Publicity = [.. d.Publicity.OrderBy(p => p.Date).ThenBy(p => p.Id).Select(p => new PublicityInput { Date = p.Date, Outlet = p.Outlet, Note = p.Note })],
    };

    private static void Apply(DeedInput input, Deed d)
    {
        d.Title = input.Title!.Trim();
        d.Persons = input.Persons!.Trim();
        d.Date = input.Date!.Value;
        d.Story = input.Story!.Trim();
        ChildRows.Sync(d.Publicity, [.. d.Publicity.OrderBy(p => p.Date).ThenBy(p => p.Id)], [.. input.Publicity.Where(p => !p.IsEmpty)],
            () => new DeedPublicity { UnitId = d.UnitId, Outlet = "" },
            (w, row) =>
            {
                row.Date = w.Date!.Value;
                row.Outlet = w.Outlet!.Trim();
                row.Note = Text.Clean(w.Note);
            });
    }
}

[ScopedRecord(typeof(Deed))]
public sealed class DeedModel(AppDbContext db, OrgScope orgScope, RecordCommands commands)
    : CollectionEditPage<Deed, DeedInput, DeedDto>(db, orgScope, commands)
{
    protected override CollectionSpec<Deed, DeedInput, DeedDto> Collection => DeedRecords.Collection;

    protected override async Task OnLoadedAsync(CancellationToken ct)
    {
        if (Record is { } deed)
        {
            deed.Publicity = await Db.DeedPublicity.AsNoTracking().Where(p => p.DeedId == deed.Id).ToListAsync(ct);
        }
    }

    protected override DeedInput ToInput(Deed record) => DeedRecords.ToInput(record);

    protected override DeedInput NewInput() => new() { Date = Today };

    protected override string ListUrl(int unitId, Deed? saved) =>
        $"/Elders/Deeds/{unitId}" + (saved is null ? "" : $"?year={saved.Date.Year}");
}

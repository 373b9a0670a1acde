using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Innovation;

/// <summary>A village's link with a school committee, kept by the village, shared with the school.</summary>
public sealed record SchoolLinkInput : IEvidenceInput
{
    [Display(Name = "学校"), Required(ErrorMessage = Msg.Choose)]
    public int? SchoolUnitId { get; set; }

    [Display(Name = "建立联系日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? Since { get; set; }

    [Display(Name = "结束日期")]
    public DateOnly? Until { get; set; }

    [Display(Name = "联系人"), StringLength(200, ErrorMessage = Msg.Length)]
    public string? Contacts { get; set; }

    [Display(Name = "衔接内容"), StringLength(4000, ErrorMessage = Msg.Length)]
    public string? Content { get; set; }

    [Display(Name = "材料")]
    public List<int> FileIds { get; set; } = [];

    public int Version { get; set; }
}

public sealed record SchoolLinkDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string VillageName, int SchoolUnitId, string SchoolName, DateOnly Since, DateOnly? Until, string? Contacts, string? Content,
    IReadOnlyList<FileRef> Files) : IHasFiles
{
    public IReadOnlyList<int> FileIds => [.. Files.Select(f => f.Id)];
}

public static class SchoolLinkRecords
{
    public static readonly CollectionSpec<SchoolLink, SchoolLinkInput, SchoolLinkDto> Collection = new()
    {
        Name = "school-links",
        Title = "村校联系",
        Project = r => new SchoolLinkDto(r.Id, r.UnitId, r.Version, r.CreatedAt, r.UpdatedAt, r.Unit!.Name, r.SchoolUnitId, r.School!.Name,
            r.Since, r.Until, r.Contacts, r.Content, r.Files.Select(f => new FileRef(f.FileId, f.File!.FileName, f.File.ContentType, f.File.Size)).ToList()),
        Order = q => q.OrderBy(r => r.Until != null).ThenBy(r => r.Since).ThenBy(r => r.Id),

        // The village's links, and for a school the links that name it: recorded once, seen by both.
        OfUnit = unitId => r => r.UnitId == unitId || r.SchoolUnitId == unitId,
        Create = (input, unitId) =>
        {
            var r = new SchoolLink { UnitId = unitId };
            Apply(input, r);
            return r;
        },
        Apply = Apply,
        Validate = ValidateAsync,
        Filing = (r, image) => Filing.Of(image ? "照片" : "文书", r.Since.Year),
    };

    public static SchoolLinkInput ToInput(SchoolLink r) => new()
    {
        SchoolUnitId = r.SchoolUnitId, Since = r.Since, Until = r.Until, Contacts = r.Contacts, Content = r.Content, Version = r.Version,
    };

    /// <summary>The schools a village may link with: every school of its banner (children may study outside the township).</summary>
    public static async Task<IReadOnlyList<(int Id, string Name)>> SchoolChoicesAsync(AppDbContext db, int villageId, CancellationToken ct)
    {
        var path = await db.Units.Where(u => u.Id == villageId).Select(u => u.Path).FirstOrDefaultAsync(ct) ?? "/";
        // A village sits under its township under its banner: the banner is two levels up (or the root, in a smaller tree).
        var ids = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var root = ids.Length >= 3 ? $"/{string.Join('/', ids[..^2])}/" : ids.Length == 2 ? $"/{ids[0]}/" : path;
        return (await db.Units.Where(u => u.Type == UnitType.School && u.Path.StartsWith(root)).OrderBy(u => u.Path)
                .Select(u => new { u.Id, u.Name }).ToListAsync(ct))
            .Select(u => (u.Id, u.Name)).ToList();
    }

    private static void Apply(SchoolLinkInput input, SchoolLink r)
    {
        r.SchoolUnitId = input.SchoolUnitId!.Value;
        r.Since = input.Since!.Value;
        r.Until = input.Until;
        r.Contacts = input.Contacts?.Trim();
        r.Content = input.Content?.Trim();
    }

    private static async Task ValidateAsync(ValidationScope<SchoolLinkInput> v)
    {
        var (input, errors) = (v.Input, v.Errors);
        Check.NotAfter(errors, nameof(input.Since), "建立联系日期", input.Since, v.Today);
        if (input is { Since: { } s, Until: { } u } && u < s)
        {
            errors.Add(nameof(input.Until), "结束日期不能早于建立联系日期");
        }

        var unitType = await v.Db.Units.Where(x => x.Id == v.UnitId).Select(x => x.Type).FirstOrDefaultAsync();
        if (unitType is not (UnitType.Village or UnitType.Community or UnitType.Farm))
        {
            errors.Add("", "村校联系由嘎查村（社区、分场）登记，学校可以查看");
            return;
        }

        if (input.SchoolUnitId is { } school && !(await SchoolChoicesAsync(v.Db, v.UnitId, CancellationToken.None)).Any(c => c.Id == school))
        {
            errors.Add(nameof(input.SchoolUnitId), "请选择本旗的学校");
        }
        else if (input.SchoolUnitId is { } sid && await v.Db.SchoolLinks.AnyAsync(l => l.UnitId == v.UnitId && l.SchoolUnitId == sid && l.Id != v.RecordId && l.Until == null))
        {
            errors.Add(nameof(input.SchoolUnitId), "已与这所学校建立联系，不能重复登记");
        }
    }
}

[ScopedRecord(typeof(SchoolLink))]
public sealed class SchoolLinkModel(AppDbContext db, OrgScope orgScope, RecordCommands commands)
    : CollectionEditPage<SchoolLink, SchoolLinkInput, SchoolLinkDto>(db, orgScope, commands)
{
    public IReadOnlyList<(int Id, string Name)> Schools { get; private set; } = [];

    /// <summary>The link's village and school, for the heading.</summary>
    public string Names { get; private set; } = "";

    protected override CollectionSpec<SchoolLink, SchoolLinkInput, SchoolLinkDto> Collection => SchoolLinkRecords.Collection;

    protected override SchoolLinkInput ToInput(SchoolLink record) => SchoolLinkRecords.ToInput(record);

    protected override SchoolLinkInput NewInput() => new() { Since = Today };

    protected override string ListUrl(int unitId, SchoolLink? saved) => $"/Innovation/SchoolLinks/{unitId}";

    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (Unit.Id != 0 && executed.Result is Microsoft.AspNetCore.Mvc.RazorPages.PageResult)
        {
            var owner = Record?.UnitId ?? Unit.Id;
            Schools = await SchoolLinkRecords.SchoolChoicesAsync(Db, owner, HttpContext.RequestAborted);
            if (Record is not null)
            {
                Names = await Db.SchoolLinks.Where(l => l.Id == Record.Id).Select(l => l.Unit!.Name + " — " + l.School!.Name).FirstAsync(HttpContext.RequestAborted);
            }
        }
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Elders;

/// <summary>Who was commended, with what honour, for what; a row left empty on the form is ignored.</summary>
public sealed record HonoreeInput
{
    [Display(Name = "姓名")]
    public string? Name { get; set; }

    [Display(Name = "荣誉称号")]
    public string? Honour { get; set; }

    [Display(Name = "表彰事由")]
    public string? Reason { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Honour) && string.IsNullOrWhiteSpace(Reason);
}

/// <summary>A commendation meeting (表彰会, every three years, R-2.5).</summary>
public sealed record CommendationInput : IEvidenceInput
{
    [Display(Name = "会议日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? Date { get; set; }

    [Display(Name = "会议名称"), Required(ErrorMessage = Msg.Required), StringLength(200, ErrorMessage = Msg.Length)]
    public string? Title { get; set; }

    [Display(Name = "级别"), Required(ErrorMessage = Msg.Choose)]
    public string? Level { get; set; }

    [Display(Name = "地点"), StringLength(100, ErrorMessage = Msg.Length)]
    public string? Place { get; set; }

    [Display(Name = "备注"), StringLength(4000, ErrorMessage = Msg.Length)]
    public string? Note { get; set; }

    [Display(Name = "受表彰对象")]
    public List<HonoreeInput> Honorees { get; set; } = [];

    [Display(Name = "照片和材料")]
    public List<int> FileIds { get; set; } = [];

    public int Version { get; set; }
}

public sealed record HonoreeDto(string Name, string Honour, string? Reason);

public sealed record CommendationDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateOnly Date, string Title, string Level, string? Place, string? Note, IReadOnlyList<HonoreeDto> Honorees, IReadOnlyList<FileRef> Files) : IHasFiles
{
    public IReadOnlyList<int> FileIds => [.. Files.Select(f => f.Id)];
}

public static class CommendationRecords
{
    public static readonly CollectionSpec<CommendationMeeting, CommendationInput, CommendationDto> Collection = new()
    {
        Name = "commendations",
        Title = "表彰会",
        Project = m => new CommendationDto(m.Id, m.UnitId, m.Version, m.CreatedAt, m.UpdatedAt, m.Date, m.Title, m.Level, m.Place, m.Note,
            m.Honorees.OrderBy(h => h.Id).Select(h => new HonoreeDto(h.Name, h.Honour, h.Reason)).ToList(), m.Files.Select(f => new FileRef(f.FileId, f.File!.FileName, f.File.ContentType, f.File.Size)).ToList()),
        DateOf = m => m.Date,
        Order = q => q.OrderByDescending(m => m.Date).ThenByDescending(m => m.Id),
        Create = (input, unitId) =>
        {
            var m = new CommendationMeeting { UnitId = unitId, Title = "", Level = "" };
            Apply(input, m);
            return m;
        },
        Apply = Apply,
        Include = q => q.Include(m => m.Honorees),
        Filing = (r, image) => Filing.Of(image ? "照片" : "表彰", r.Date.Year),
        Validate = v =>
        {
            Check.NotAfter(v.Errors, nameof(v.Input.Date), "会议日期", v.Input.Date, v.Today);
            Check.OneOf(v.Errors, nameof(v.Input.Level), "级别", v.Input.Level, Vocabulary.Levels);
            if (v.Input.Honorees.All(h => h.IsEmpty))
            {
                v.Errors.Add(nameof(v.Input.Honorees), "请至少填写一名受表彰对象");
            }

            for (var i = 0; i < v.Input.Honorees.Count; i++)
            {
                var h = v.Input.Honorees[i];
                if (h.IsEmpty)
                {
                    continue;
                }

                var at = $"{nameof(CommendationInput.Honorees)}[{i}]";
                Need(v.Errors, $"{at}.{nameof(h.Name)}", $"第{i + 1}位受表彰对象", "姓名", h.Name, 100);
                Need(v.Errors, $"{at}.{nameof(h.Honour)}", $"第{i + 1}位受表彰对象", "荣誉称号", h.Honour, 100);
                if (h.Reason?.Trim().Length > 500)
                {
                    v.Errors.Add($"{at}.{nameof(h.Reason)}", $"第{i + 1}位受表彰对象：表彰事由不能超过500个字");
                }
            }

            return Task.CompletedTask;
        },
    };

    public static CommendationInput ToInput(CommendationMeeting m) => new()
    {
        Date = m.Date, Title = m.Title, Level = m.Level, Place = m.Place, Note = m.Note, Version = m.Version,
        Honorees = [.. m.Honorees.OrderBy(h => h.Id).Select(h => new HonoreeInput { Name = h.Name, Honour = h.Honour, Reason = h.Reason })],
    };

    private static void Need(ValidationErrors errors, string field, string who, string label, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"{who}：请填写{label}");
        }
        else if (value.Trim().Length > max)
        {
            errors.Add(field, $"{who}：{label}不能超过{max}个字");
        }
    }

    private static void Apply(CommendationInput input, CommendationMeeting m)
    {
        m.Date = input.Date!.Value;
        m.Title = input.Title!.Trim();
        m.Level = input.Level!;
        m.Place = Text.Clean(input.Place);
        m.Note = Text.Clean(input.Note);
        ChildRows.Sync(m.Honorees, [.. m.Honorees.OrderBy(h => h.Id)], [.. input.Honorees.Where(h => !h.IsEmpty)],
            () => new CommendationHonoree { UnitId = m.UnitId, Name = "", Honour = "" },
            (w, row) =>
            {
                row.Name = w.Name!.Trim();
                row.Honour = w.Honour!.Trim();
                row.Reason = Text.Clean(w.Reason);
            });
    }
}

[ScopedRecord(typeof(CommendationMeeting))]
public sealed class CommendationModel(AppDbContext db, OrgScope orgScope, RecordCommands commands)
    : CollectionEditPage<CommendationMeeting, CommendationInput, CommendationDto>(db, orgScope, commands)
{
    protected override CollectionSpec<CommendationMeeting, CommendationInput, CommendationDto> Collection => CommendationRecords.Collection;

    protected override async Task OnLoadedAsync(CancellationToken ct)
    {
        if (Record is { } meeting)
        {
            meeting.Honorees = await Db.CommendationHonorees.AsNoTracking().Where(h => h.MeetingId == meeting.Id).ToListAsync(ct);
        }
    }

    protected override CommendationInput ToInput(CommendationMeeting record) => CommendationRecords.ToInput(record);

    protected override CommendationInput NewInput() => new() { Date = Today, Level = "村", Title = $"{Today.Year}年度关心下一代工作表彰会" };

    protected override string ListUrl(int unitId, CommendationMeeting? saved) =>
        $"/Elders/Commendations/{unitId}" + (saved is null ? "" : $"?year={saved.Date.Year}");
}

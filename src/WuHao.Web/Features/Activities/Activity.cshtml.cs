using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Features.Elders;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Activities;

/// <summary>An activity as the phone form or a JSON body carries it.</summary>
public sealed record ActivityInput : IEvidenceInput
{
    [Display(Name = "活动日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? Date { get; set; }

    [Display(Name = "活动名称"), Required(ErrorMessage = Msg.Required), StringLength(200, ErrorMessage = Msg.Length)]
    public string? Title { get; set; }

    [Display(Name = "地点"), StringLength(100, ErrorMessage = Msg.Length)]
    public string? Place { get; set; }

    [Display(Name = "活动类型")]
    public List<string> Types { get; set; } = [];

    [Display(Name = "方式"), Required(ErrorMessage = Msg.Choose)]
    public string? Mode { get; set; }

    [Display(Name = "合作单位")]
    public List<string> Partners { get; set; } = [];

    [Display(Name = "参加青少年人数"), Range(0, 100000, ErrorMessage = Msg.Range)]
    public int? YouthCount { get; set; }

    [Display(Name = "参加“五老”人数"), Range(0, 10000, ErrorMessage = Msg.Range)]
    public int? ElderCount { get; set; }

    /// <summary>The 五老 of the roster who took part: of the unit, or of either unit of a joint activity.</summary>
    [Display(Name = "参加的“五老”")]
    public List<int> ElderIds { get; set; } = [];

    /// <summary>Participants outside the 五老 roster, by name.</summary>
    [Display(Name = "名册外参加人员")]
    public List<string> ElderNames { get; set; } = [];

    [Display(Name = "活动效果"), StringLength(4000, ErrorMessage = Msg.Length)]
    public string? Effect { get; set; }

    /// <summary>A village–school link: the activity is a joint activity (联谊活动) of both .</summary>
    [Display(Name = "村校联谊")]
    public int? SchoolLinkId { get; set; }

    /// <summary>Optional idempotency key: a second create with the same key is refused, so a retried upload saves nothing twice.</summary>
    [StringLength(40, ErrorMessage = Msg.Length)]
    public string? SubmissionKey { get; set; }

    [Display(Name = "照片和材料")]
    public List<int> FileIds { get; set; } = [];

    public int Version { get; set; }
}

public sealed record ActivityDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateOnly Date, string Title, string? Place, IReadOnlyList<string> Types, string Mode, IReadOnlyList<string> Partners,
    int YouthCount, int ElderCount, IReadOnlyList<string> ElderNames, string? Effect, int? SchoolLinkId, string? SchoolName, string UnitName,
    IReadOnlyList<FileRef> Files,
    IReadOnlyList<int> ElderIds) : IHasFiles
{
    public IReadOnlyList<int> FileIds => [.. Files.Select(f => f.Id)];
}

public static class ActivityRecords
{
    public static readonly CollectionSpec<Activity, ActivityInput, ActivityDto> Collection = new()
    {
        Name = "activities",
        Title = "活动",
        Project = a => new ActivityDto(a.Id, a.UnitId, a.Version, a.CreatedAt, a.UpdatedAt, a.Date, a.Title, a.Place,
            a.Types.OrderBy(v => v.Position).Select(v => v.Value).ToList(), a.Mode,
            a.Partners.OrderBy(v => v.Position).Select(v => v.Value).ToList(), a.YouthCount, a.ElderCount, Lists.Split(a.ElderNames), a.Effect, a.SchoolLinkId,
            a.SchoolLink != null ? a.SchoolLink.School!.Name : null, a.Unit!.Name,
            a.Files.Select(f => new FileRef(f.FileId, f.File!.FileName, f.File.ContentType, f.File.Size)).ToList(),
            a.Elders.OrderBy(x => x.ElderId).Select(x => x.ElderId).ToList()),
        DateOf = a => a.Date,
        Order = q => q.OrderByDescending(a => a.Date).ThenByDescending(a => a.Id),

        OfUnit = ActivityCounts.OfUnit,
        Create = (input, unitId) =>
        {
            var a = new Activity { UnitId = unitId, Title = "", Mode = "", SubmissionKey = input.SubmissionKey };
            Apply(input, a);
            return a;
        },
        Apply = Apply,
        Validate = ValidateAsync,
        Filing = (a, image) => Filing.Of(image ? "照片" : "活动", a.Date.Year),
    };

    public static ActivityInput ToInput(Activity a) => new()
    {
        Date = a.Date, Title = a.Title, Place = a.Place, Types = [.. Lists.Of(a.Types)], Mode = a.Mode, Partners = [.. Lists.Of(a.Partners)],
        YouthCount = a.YouthCount, ElderCount = a.ElderCount, ElderNames = [.. Lists.Split(a.ElderNames)], Effect = a.Effect,
        SchoolLinkId = a.SchoolLinkId, Version = a.Version,
        ElderIds = [.. a.Elders.Select(x => x.ElderId).Order()],
    };

    /// <summary>The village–school links a unit's joint activity can name: its own, or those naming it as the school.</summary>
    public static async Task<IReadOnlyList<(int Id, string Name)>> LinkChoicesAsync(AppDbContext db, int unitId, CancellationToken ct) =>
        (await db.SchoolLinks.Where(l => (l.UnitId == unitId || l.SchoolUnitId == unitId) && l.Until == null)
            .OrderBy(l => l.Id).Select(l => new { l.Id, Village = l.Unit!.Name, School = l.School!.Name }).ToListAsync(ct))
        .Select(l => (l.Id, $"{l.Village} — {l.School}")).ToList();

    /// <summary>Names typed in one box ("张三、李四" or "张三 李四") or sent as a list: one list, trimmed, without repeats.</summary>
    public static List<string> Names(IEnumerable<string?> values) =>
        [.. values.SelectMany(v => (v ?? "").Split(['、', ',', '，', ';', '；', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct()];

    private static void Apply(ActivityInput input, Activity a)
    {
        a.Date = input.Date!.Value;
        a.Title = input.Title!.Trim();
        a.Place = input.Place?.Trim();
        Lists.Set(a.Types, input.Types);
        a.Mode = input.Mode!;
        Lists.Set(a.Partners, Names(input.Partners));
        a.YouthCount = input.YouthCount ?? 0;
        a.ElderCount = input.ElderCount ?? 0;
        a.ElderNames = Lists.Join(Names(input.ElderNames));
        a.Effect = input.Effect?.Trim();
        a.SchoolLinkId = input.SchoolLinkId;
        ElderLinks.Sync(a.Elders, input.ElderIds, id => new ActivityElder { UnitId = a.UnitId, ElderId = id });
    }

    private static async Task ValidateAsync(ValidationScope<ActivityInput> v)
    {
        var (input, errors) = (v.Input, v.Errors);
        if (input.Date is { } d && d > v.Today)
        {
            errors.Add(nameof(input.Date), $"活动日期不能晚于今天（{v.Today.Zh()}）：这里登记已经举行的活动，还没举行的请举行后再登记");
        }

        Check.NotAfter(errors, nameof(input.Date), "活动日期", input.Date is { } past && past <= v.Today ? past : null, v.Today);
        if (input.Types.Count == 0)
        {
            errors.Add(nameof(input.Types), "请至少选择一种活动类型");
        }

        Check.AllOf(errors, nameof(input.Types), "活动类型", input.Types, Vocabulary.ActivityTypes);
        Check.OneOf(errors, nameof(input.Mode), "方式", input.Mode, Vocabulary.ActivityModes);
        var partners = Names(input.Partners);
        var elders = Names(input.ElderNames);
        if (partners.Count > 10 || partners.Any(p => p.Length > 20))
        {
            errors.Add(nameof(input.Partners), "合作单位最多10个，每个不超过20个字");
        }

        if (elders.Count > 50 || elders.Any(p => p.Length > 20))
        {
            errors.Add(nameof(input.ElderNames), "参加的“五老”最多50人，每个姓名不超过20个字");
        }

        if (input.ElderCount is { } count && elders.Count + input.ElderIds.Distinct().Count() > count)
        {
            errors.Add(nameof(input.ElderCount), "参加“五老”人数少于选择和填写的人数");
        }

        // A joint activity's 五老 may come from either side: the village and the school of the link.
        var link = input.SchoolLinkId is { } linkId
            ? await v.Db.SchoolLinks.Where(l => l.Id == linkId && (l.UnitId == v.UnitId || l.SchoolUnitId == v.UnitId))
                .Select(l => new { l.UnitId, l.SchoolUnitId }).FirstOrDefaultAsync()
            : null;
        if (input.SchoolLinkId is not null && link is null)
        {
            errors.Add(nameof(input.SchoolLinkId), "村校联谊须选择本单位的村校联系");
        }

        await ElderLinks.CheckAsync(v.Db, errors, nameof(input.ElderIds),
            link is null ? "参加的“五老”须是本单位“五老”名册中的人员" : "参加的“五老”须是联谊双方（村和学校）“五老”名册中的人员",
            input.ElderIds, link is null ? [v.UnitId] : [link.UnitId, link.SchoolUnitId], default);

        if (v.RecordId is null && !string.IsNullOrEmpty(input.SubmissionKey)
            && await v.Db.Activities.AnyAsync(a => a.UnitId == v.UnitId && a.SubmissionKey == input.SubmissionKey))
        {
            errors.Add(nameof(input.SubmissionKey), "这次提交已经保存过了（submissionKey 重复）");
        }
    }
}

/// <summary>
/// The phone-first activity page (R-5.1, issue item 8): one page, today and the user's last types filled in,
/// the camera from the file input, photos scaled in the browser, and a retry after a dropped connection that
/// saves nothing twice (the form's submission key).
/// </summary>
[ScopedRecord(typeof(Activity))]
public sealed class ActivityModel(AppDbContext db, OrgScope orgScope, RecordCommands commands)
    : CollectionEditPage<Activity, ActivityInput, ActivityDto>(db, orgScope, commands)
{
    public IReadOnlyList<(int Id, string Name)> Links { get; private set; } = [];

    /// <summary>The 五老 to tick: the recording unit's active ones, and those already chosen.</summary>
    public IReadOnlyList<ElderChoice> ElderChoices { get; private set; } = [];

    public DateOnly TodayDate => Today;

    /// <summary>The types ticked on a new form because the last activity had them (shown as 沿用上次, one tap clears them).</summary>
    public IReadOnlyList<string> CarriedTypes { get; private set; } = [];

    /// <summary>The unit that recorded the activity, when it is not this page's unit (a joint activity seen by the other side).</summary>
    public string? RecordedBy { get; private set; }

    protected override CollectionSpec<Activity, ActivityInput, ActivityDto> Collection => ActivityRecords.Collection;

    protected override ActivityInput ToInput(Activity record) => ActivityRecords.ToInput(record);

    /// <summary>Today, and the types, mode and place of the user's last activity in this unit (else the unit's last).</summary>
    protected override ActivityInput NewInput()
    {
        var unitId = Unit.Id;
        var user = User.Identity?.Name;
        var last = Db.Activities.Where(a => a.UnitId == unitId).OrderByDescending(a => a.CreatedBy == user).ThenByDescending(a => a.CreatedAt)
            .Select(a => new { Types = a.Types.OrderBy(v => v.Position).Select(v => v.Value).ToList(), a.Mode, a.Place }).FirstOrDefault();
        int? link = int.TryParse(Request.Query["link"], out var l) ? l : null;
        CarriedTypes = last?.Types ?? [];
        return new ActivityInput
        {
            Date = Today,
            Types = last?.Types ?? [],
            Mode = last?.Mode ?? "本地",
            Place = last?.Place,
            SchoolLinkId = link,
            Partners = link is null ? [] : ["学校"],
            SubmissionKey = Guid.NewGuid().ToString("N"),
        };
    }

    protected override string ListUrl(int unitId, Activity? saved) =>
        $"/Activities/{unitId}" + (saved is null ? "" : $"?year={saved.Date.Year}&saved={Uri.EscapeDataString(saved.Title)}#m{saved.Date.Month}");

    /// <summary>A retry of a submission that was saved (the answer was lost on the way back): show the list as if it had just been saved.</summary>
    protected override async Task<IActionResult?> BeforeCreateAsync(int unitId, CancellationToken ct)
    {
        var key = Input.SubmissionKey;
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        var saved = await Db.Activities.Where(a => a.UnitId == unitId && a.SubmissionKey == key).FirstOrDefaultAsync(ct);
        return saved is null ? null : Redirect(ListUrl(unitId, saved));
    }

    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (Unit.Id != 0 && executed.Result is Microsoft.AspNetCore.Mvc.RazorPages.PageResult)
        {
            var owner = Record?.UnitId ?? Unit.Id;
            Links = await ActivityRecords.LinkChoicesAsync(Db, owner, HttpContext.RequestAborted);
            ElderChoices = await ElderLinks.ChoicesAsync(Db, owner, Input.ElderIds, Today, HttpContext.RequestAborted);
            if (Record is not null && Record.UnitId != Unit.Id)
            {
                RecordedBy = await Db.Units.Where(u => u.Id == Record.UnitId).Select(u => u.Name).FirstAsync(HttpContext.RequestAborted);
            }
        }
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Shared;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Elders;

/// <summary>A 五老 as a form, a JSON body or a spreadsheet row carries it (R-2.1).</summary>
public sealed record ElderInput : IRecordInput
{
    [Display(Name = "姓名"), Required(ErrorMessage = Msg.Required), StringLength(50, ErrorMessage = Msg.Length)]
    public string? Name { get; set; }

    [Display(Name = "性别"), Required(ErrorMessage = Msg.Choose)]
    public string? Gender { get; set; }

    [Display(Name = "民族"), StringLength(20, ErrorMessage = Msg.Length)]
    public string? Ethnicity { get; set; }

    [Display(Name = "出生日期")]
    public DateOnly? BirthDate { get; set; }

    [Display(Name = "政治面貌")]
    public string? PoliticalStatus { get; set; }

    [Display(Name = "联系电话"), RegularExpression(Msg.PhonePattern, ErrorMessage = Msg.Phone)]
    public string? Phone { get; set; }

    [Display(Name = "类别"), Required(ErrorMessage = Msg.Choose)]
    public string? Category { get; set; }

    [Display(Name = "原工作单位"), StringLength(100, ErrorMessage = Msg.Length)]
    public string? FormerUnit { get; set; }

    [Display(Name = "原职务"), StringLength(50, ErrorMessage = Msg.Length)]
    public string? FormerPost { get; set; }

    [Display(Name = "特长"), StringLength(200, ErrorMessage = Msg.Length)]
    public string? Specialties { get; set; }

    [Display(Name = "健康状况")]
    public string? Health { get; set; }

    [Display(Name = "加入日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? JoinDate { get; set; }

    /// <summary>
    /// The status (active, paused, left, deceased). A new elder is active from the join date and, when this says
    /// otherwise, has this status from <see cref="StatusDate"/>; on an update a different status is a new entry of
    /// the history. Empty: active (new) or unchanged.
    /// </summary>
    [Display(Name = "状态")]
    public string? Status { get; set; }

    [Display(Name = "状态日期")]
    public DateOnly? StatusDate { get; set; }

    [Display(Name = "备注"), StringLength(500, ErrorMessage = Msg.Length)]
    public string? Note { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// The read model of a 五老: the API's shape. <c>status</c> and <c>statusDate</c> come from the status history: the
/// latest change, or active since the join date when there was none.
/// </summary>
public sealed record ElderDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string Name, string Gender, string? Ethnicity, DateOnly? BirthDate, string? PoliticalStatus, string? Phone,
    string Category, string? FormerUnit, string? FormerPost, string? Specialties, string? Health, DateOnly JoinDate,
    string Status, DateOnly StatusDate, string? Note);

public static class ElderRecords
{
    public static readonly CollectionSpec<Elder, ElderInput, ElderDto> Collection = new()
    {
        Name = "elders",
        Title = "五老",
        Project = e => new ElderDto(e.Id, e.UnitId, e.Version, e.CreatedAt, e.UpdatedAt, e.Name, e.Gender, e.Ethnicity, e.BirthDate,
            e.PoliticalStatus, e.Phone, e.Category, e.FormerUnit, e.FormerPost, e.Specialties, e.Health, e.JoinDate,
            e.StatusChanges.OrderByDescending(s => s.Date).ThenByDescending(s => s.Id).Select(s => s.Status).FirstOrDefault() ?? ElderStatuses.Active,
            e.StatusChanges.OrderByDescending(s => s.Date).ThenByDescending(s => s.Id).Select(s => (DateOnly?)s.Date).FirstOrDefault() ?? e.JoinDate,
            e.Note),
        Order = q => q.OrderBy(e => e.Id),
        Create = Create,
        Apply = Apply,
        Include = q => q.Include(e => e.StatusChanges),
        Validate = ValidateAsync,
        Duplicates = new()
        {
            Field = nameof(ElderInput.Name),
            Counts = e => true,
            Key = e => new DuplicateKey { Name = e.Name, Date = e.BirthDate },
            Message = k => $"{Describe(k)}已在本单位五老名册中，不能重复添加",
            Describe = Describe,
        },
        ForReaders = e => e with { Phone = Masking.Phone(e.Phone) },
    };

    public static ElderInput ToInput(Elder e, ElderStatusChange? latest) => new()
    {
        Name = e.Name, Gender = e.Gender, Ethnicity = e.Ethnicity, BirthDate = e.BirthDate, PoliticalStatus = e.PoliticalStatus,
        Phone = e.Phone, Category = e.Category, FormerUnit = e.FormerUnit, FormerPost = e.FormerPost, Specialties = e.Specialties,
        Health = e.Health, JoinDate = e.JoinDate, Status = latest?.Status ?? ElderStatuses.Active, StatusDate = latest?.Date ?? e.JoinDate,
        Note = e.Note, Version = e.Version,
    };

    private static string Describe(DuplicateKey k) => k.Date is { } d ? $"{k.Name}（{d.Zh()}出生）" : k.Name;

    /// <summary>
    /// A new elder is active from the join date (the start of the history, not an entry of it); a different status
    /// given with the input, or the same from a later date, is an entry from its date.
    /// </summary>
    private static Elder Create(ElderInput input, int unitId)
    {
        var e = new Elder { UnitId = unitId, Name = "", Gender = "", Category = "" };
        Apply(input, e);
        var status = input.Status ?? ElderStatuses.Active;
        if (status != ElderStatuses.Active || (input.StatusDate is { } since && since != e.JoinDate))
        {
            e.StatusChanges.Add(new ElderStatusChange { UnitId = unitId, Date = input.StatusDate ?? e.JoinDate, Status = status });
        }

        return e;
    }

    private static void Apply(ElderInput input, Elder e)
    {
        e.Name = input.Name!.Trim();
        e.Gender = input.Gender!;
        e.Ethnicity = Text.Clean(input.Ethnicity);
        e.BirthDate = input.BirthDate;
        e.PoliticalStatus = Text.Clean(input.PoliticalStatus);
        e.Phone = Text.Clean(input.Phone);
        e.Category = input.Category!;
        e.FormerUnit = Text.Clean(input.FormerUnit);
        e.FormerPost = Text.Clean(input.FormerPost);
        e.Specialties = Text.Clean(input.Specialties);
        e.Health = Text.Clean(input.Health);
        e.JoinDate = input.JoinDate!.Value;
        e.Note = Text.Clean(input.Note);

        // On an update (history loaded): a different status is a new entry, dated as the input says.
        if (e.Id != 0 && input.Status is { } status && input.StatusDate is { } date
            && (Latest(e.StatusChanges)?.Status ?? ElderStatuses.Active) != status)
        {
            e.StatusChanges.Add(new ElderStatusChange { UnitId = e.UnitId, Date = date, Status = status });
        }
    }

    /// <summary>The latest change of a history; null when there was none (active since joining).</summary>
    public static ElderStatusChange? Latest(IEnumerable<ElderStatusChange> history) =>
        history.OrderByDescending(s => s.Date).ThenByDescending(s => s.Id).FirstOrDefault();

    private static async Task ValidateAsync(ValidationScope<ElderInput> v)
    {
        var (input, errors) = (v.Input, v.Errors);
        Check.OneOf(errors, nameof(input.Gender), "性别", input.Gender, Vocabulary.Genders);
        Check.OneOf(errors, nameof(input.Category), "类别", input.Category, Vocabulary.ElderCategories);
        if (!string.IsNullOrEmpty(input.PoliticalStatus))
        {
            Check.OneOf(errors, nameof(input.PoliticalStatus), "政治面貌", input.PoliticalStatus, Vocabulary.PoliticalStatuses);
        }

        if (!string.IsNullOrEmpty(input.Health))
        {
            Check.OneOf(errors, nameof(input.Health), "健康状况", input.Health, Vocabulary.HealthStates);
        }

        Check.BirthDate(errors, nameof(input.BirthDate), input.BirthDate, v.Today, minAge: 18);
        Check.NotAfter(errors, nameof(input.JoinDate), "加入日期", input.JoinDate, v.Today);
        if (input.BirthDate is { } born && input.JoinDate is { } joined && joined < born)
        {
            errors.Add(nameof(input.JoinDate), "加入日期不能早于出生日期");
        }

        if (string.IsNullOrEmpty(input.Status))
        {
            return;
        }

        if (!ElderStatuses.All.Contains(input.Status))
        {
            errors.Add(nameof(input.Status), $"状态“{input.Status}”不在可选范围内，可选：{string.Join("、", ElderStatuses.All)}（{string.Join("、", ElderStatuses.Labels)}）");
            return;
        }

        Check.NotAfter(errors, nameof(input.StatusDate), "状态日期", input.StatusDate, v.Today);
        if (v.RecordId is not { } id)
        {
            if (input.Status != ElderStatuses.Active && input.StatusDate is null)
            {
                errors.Add(nameof(input.StatusDate), $"状态为“{ElderStatuses.Label(input.Status)}”时请填写状态日期（从哪一天起）");
            }
            else if (input.StatusDate is { } since && input.JoinDate is { } join && since < join)
            {
                errors.Add(nameof(input.StatusDate), "状态日期不能早于加入日期");
            }

            return;
        }

        var changes = await v.Db.ElderStatusChanges.Where(s => s.ElderId == id).OrderByDescending(s => s.Date).ThenByDescending(s => s.Id)
            .Select(s => new { s.Status, s.Date }).ToListAsync();
        if (changes.Count > 0 && input.JoinDate is { } joinDate && joinDate > changes[^1].Date)
        {
            errors.Add(nameof(input.JoinDate), $"加入日期不能晚于第一次状态变动（{changes[^1].Date.Zh()}）");
        }

        var latestStatus = changes.Count > 0 ? changes[0].Status : ElderStatuses.Active;
        var latestDate = changes.Count > 0 ? changes[0].Date : input.JoinDate;
        if (latestStatus != input.Status)
        {
            if (input.StatusDate is not { } date)
            {
                errors.Add(nameof(input.StatusDate), "状态改变时请填写状态日期（从哪一天起）");
            }
            else if (date < latestDate)
            {
                errors.Add(nameof(input.StatusDate), $"状态日期不能早于{(changes.Count > 0 ? "上一次状态变动" : "加入日期")}（{latestDate.Zh()}）");
            }
        }
    }
}

[ScopedRecord(typeof(Elder))]
public sealed class ElderModel(AppDbContext db, OrgScope orgScope, RecordCommands commands)
    : CollectionEditPage<Elder, ElderInput, ElderDto>(db, orgScope, commands)
{
    public sealed record HistoryRow(int Id, DateOnly Date, string Status, string? Note);

    public IReadOnlyList<HistoryRow> StatusHistory { get; private set; } = [];

    public sealed record ActivityRow(int Id, DateOnly Date, string Title);

    public sealed record PairingRow(int Id, int UnitId, string Name, string Status);

    /// <summary>The activities the elder took part in (R-2.1, R-5.1), newest first.</summary>
    public IReadOnlyList<ActivityRow> Activities { get; private set; } = [];

    /// <summary>The children paired with the elder (R-5.4); null for users without the 困境青少年档案 permission, who see nothing of them.</summary>
    public IReadOnlyList<PairingRow>? Pairings { get; private set; }

    protected override CollectionSpec<Elder, ElderInput, ElderDto> Collection => ElderRecords.Collection;

    private List<ElderStatusChange> history = [];

    protected override async Task OnLoadedAsync(CancellationToken ct)
    {
        if (Record is { } elder)
        {
            history = await Db.ElderStatusChanges.AsNoTracking().Where(s => s.ElderId == elder.Id).ToListAsync(ct);
            StatusHistory = history.OrderByDescending(s => s.Date).ThenByDescending(s => s.Id)
                .Select(s => new HistoryRow(s.Id, s.Date, s.Status, s.Note))
                .Append(new HistoryRow(0, elder.JoinDate, ElderStatuses.Active, "加入")).ToList();
            var scope = await HttpContext.RequestServices.GetRequiredService<OrgScope>().CurrentAsync(ct);
            Activities = await Db.Activities.VisibleTo(scope).Where(a => a.Elders.Any(x => x.ElderId == elder.Id))
                .OrderByDescending(a => a.Date).ThenByDescending(a => a.Id).Select(a => new ActivityRow(a.Id, a.Date, a.Title)).ToListAsync(ct);
            if (User.MayKeepYouthCases())
            {
                Pairings = await Db.YouthCases.VisibleTo(scope).Where(c => c.Elders.Any(x => x.ElderId == elder.Id))
                    .OrderBy(c => c.Status).ThenBy(c => c.Id).Select(c => new PairingRow(c.Id, c.UnitId, c.Name, c.Status)).ToListAsync(ct);
                if (Pairings.Count > 0)
                {
                    await HttpContext.RequestServices.GetRequiredService<Cases.CaseAccessLog>().WriteAsync("list", elder.UnitId, null, "五老结对", ct);
                }
            }
        }
    }

    /// <summary>Read-only roles see the phone number masked.</summary>
    protected override ElderInput ToInput(Elder record)
    {
        var input = ElderRecords.ToInput(record, ElderRecords.Latest(history));
        return CanEdit ? input : input with { Phone = Masking.Phone(input.Phone) };
    }

    protected override ElderInput NewInput() => new() { JoinDate = Today, Ethnicity = "蒙古族", Status = ElderStatuses.Active };

    protected override string ListUrl(int unitId, Elder? saved) =>
        saved is null ? $"/Elders/{unitId}" : $"/Elders/{unitId}?saved={Uri.EscapeDataString(saved.Name)}";
}

using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Cases;

/// <summary>A record kept under a case (帮扶, 回访, 同意, 共享): the case comes from the route.</summary>
public interface ICaseChildInput : IRecordInput
{
    int CaseId { get; set; }
}

public sealed record HelpActionInput : ICaseChildInput
{
    public int CaseId { get; set; }

    [Display(Name = "帮扶日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? Date { get; set; }

    [Display(Name = "帮扶类型"), Required(ErrorMessage = Msg.Choose)]
    public string? Kind { get; set; }

    [Display(Name = "帮扶人"), Required(ErrorMessage = Msg.Required), StringLength(100, ErrorMessage = Msg.Length)]
    public string? Helper { get; set; }

    [Display(Name = "金额（元）"), Range(0, 1_000_000, ErrorMessage = Msg.Range)]
    public decimal? Amount { get; set; }

    /// <summary>A donor from the donor list (爱心人士) of the case's unit or a unit above it.</summary>
    [Display(Name = "爱心人士")]
    public int? DonorId { get; set; }

    [Display(Name = "其他捐助人"), StringLength(100, ErrorMessage = Msg.Length)]
    public string? Donor { get; set; }

    [Display(Name = "帮扶内容"), StringLength(2000, ErrorMessage = Msg.Length)]
    public string? Notes { get; set; }

    public int Version { get; set; }
}

/// <summary>A help action; <c>donor</c> is the listed donor's name when <c>donorId</c> is set.</summary>
public sealed record HelpActionDto(int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    int CaseId, DateOnly Date, string Kind, string Helper, decimal? Amount, int? DonorId, string? Donor, string? Notes);

public sealed record CaseVisitInput : ICaseChildInput
{
    public int CaseId { get; set; }

    [Display(Name = "回访日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? Date { get; set; }

    [Display(Name = "回访人"), Required(ErrorMessage = Msg.Required), StringLength(100, ErrorMessage = Msg.Length)]
    public string? Visitor { get; set; }

    [Display(Name = "回访情况"), StringLength(2000, ErrorMessage = Msg.Length)]
    public string? Notes { get; set; }

    public int Version { get; set; }
}

public sealed record CaseVisitDto(int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    int CaseId, DateOnly Date, string Visitor, string? Notes);

public sealed record CaseConsentInput : ICaseChildInput, IEvidenceInput
{
    public int CaseId { get; set; }

    [Display(Name = "同意事项"), Required(ErrorMessage = Msg.Choose)]
    public string? Purpose { get; set; }

    [Display(Name = "同意人"), Required(ErrorMessage = Msg.Required), StringLength(50, ErrorMessage = Msg.Length)]
    public string? ConsentedBy { get; set; }

    [Display(Name = "与本人关系"), Required(ErrorMessage = Msg.Choose)]
    public string? Relation { get; set; }

    [Display(Name = "同意日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? Date { get; set; }

    [Display(Name = "书面材料"), StringLength(200, ErrorMessage = Msg.Length)]
    public string? Paper { get; set; }

    [Display(Name = "撤回日期")]
    public DateOnly? WithdrawnOn { get; set; }

    /// <summary>The scan of the signed paper, from POST /api/v1/files or uploaded with the form.</summary>
    public List<int> FileIds { get; set; } = [];

    public int Version { get; set; }
}

public sealed record CaseConsentDto(int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    int CaseId, string Purpose, string ConsentedBy, string Relation, DateOnly Date, string? Paper, DateOnly? WithdrawnOn,
    IReadOnlyList<FileRef> Files) : IHasFiles
{
    public IReadOnlyList<int> FileIds => [.. Files.Select(f => f.Id)];
}

public sealed record CaseShareInput : ICaseChildInput
{
    public int CaseId { get; set; }

    [Display(Name = "共享日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? Date { get; set; }

    [Display(Name = "共享对象"), Required(ErrorMessage = Msg.Choose)]
    public string? Recipient { get; set; }

    [Display(Name = "接收单位"), Required(ErrorMessage = Msg.Required), StringLength(100, ErrorMessage = Msg.Length)]
    public string? RecipientName { get; set; }

    [Display(Name = "用途"), StringLength(200, ErrorMessage = Msg.Length)]
    public string? Purpose { get; set; }

    public int Version { get; set; }
}

public sealed record CaseShareDto(int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    int CaseId, DateOnly Date, string Recipient, string RecipientName, string? Purpose);

public static class CaseChildRecords
{
    public static readonly CollectionSpec<HelpAction, HelpActionInput, HelpActionDto> HelpActions = new()
    {
        Name = "help-actions",
        Title = "帮扶记录",
        Project = h => new HelpActionDto(h.Id, h.UnitId, h.Version, h.CreatedAt, h.UpdatedAt, h.CaseId, h.Date, h.Kind, h.Helper, h.Amount,
            h.DonorId, h.DonorRecord != null ? h.DonorRecord.Name : h.Donor, h.Notes),
        DateOf = h => h.Date,
        Order = q => q.OrderByDescending(h => h.Date).ThenByDescending(h => h.Id),
        Create = (input, unitId) => new HelpAction
        {
            UnitId = unitId, CaseId = input.CaseId, Date = input.Date!.Value, Kind = input.Kind!, Helper = input.Helper!.Trim(),
            Amount = input.Amount, DonorId = input.DonorId, Donor = input.DonorId is null ? input.Donor?.Trim() : null, Notes = input.Notes?.Trim(),
        },
        Apply = (input, h) =>
        {
            h.Date = input.Date!.Value;
            h.Kind = input.Kind!;
            h.Helper = input.Helper!.Trim();
            h.Amount = input.Amount;
            h.DonorId = input.DonorId;
            h.Donor = input.DonorId is null ? input.Donor?.Trim() : null;
            h.Notes = input.Notes?.Trim();
        },
        Validate = async v =>
        {
            await CaseOpenAsync(v);
            Check.NotAfter(v.Errors, nameof(v.Input.Date), "帮扶日期", v.Input.Date, v.Today);
            Check.OneOf(v.Errors, nameof(v.Input.Kind), "帮扶类型", v.Input.Kind, YouthCaseVocabulary.HelpKinds);
            if (v.Input.Kind == "资助" && v.Input.Amount is null or 0)
            {
                v.Errors.Add(nameof(v.Input.Amount), "资助须填写金额");
            }

            if (v.Input.DonorId is { } donorId && !await DonorsFor(v.Db, v.UnitId).AnyAsync(d => d.Id == donorId))
            {
                v.Errors.Add(nameof(v.Input.DonorId), "爱心人士不在本单位或上级单位的名单中");
            }
        },
    };

    public static readonly CollectionSpec<CaseVisit, CaseVisitInput, CaseVisitDto> Visits = new()
    {
        Name = "visits",
        Title = "回访记录",
        Project = x => new CaseVisitDto(x.Id, x.UnitId, x.Version, x.CreatedAt, x.UpdatedAt, x.CaseId, x.Date, x.Visitor, x.Notes),
        DateOf = x => x.Date,
        Order = q => q.OrderByDescending(x => x.Date).ThenByDescending(x => x.Id),
        Create = (input, unitId) => new CaseVisit { UnitId = unitId, CaseId = input.CaseId, Date = input.Date!.Value, Visitor = input.Visitor!.Trim(), Notes = input.Notes?.Trim() },
        Apply = (input, x) =>
        {
            x.Date = input.Date!.Value;
            x.Visitor = input.Visitor!.Trim();
            x.Notes = input.Notes?.Trim();
        },
        Validate = async v =>
        {
            await CaseOpenAsync(v);
            Check.NotAfter(v.Errors, nameof(v.Input.Date), "回访日期", v.Input.Date, v.Today);
        },
    };

    public static readonly CollectionSpec<CaseConsent, CaseConsentInput, CaseConsentDto> Consents = new()
    {
        Name = "consents",
        Title = "同意书",
        Project = x => new CaseConsentDto(x.Id, x.UnitId, x.Version, x.CreatedAt, x.UpdatedAt, x.CaseId, x.Purpose, x.ConsentedBy, x.Relation, x.Date, x.Paper, x.WithdrawnOn,
            x.Files.Select(f => new FileRef(f.FileId, f.File!.FileName, f.File.ContentType, f.File.Size)).ToList()),
        Filing = (x, _) => Filing.Of("文书", x.Date.Year),
        DateOf = x => x.Date,
        Order = q => q.OrderByDescending(x => x.Date).ThenByDescending(x => x.Id),
        Create = (input, unitId) => new CaseConsent
        {
            UnitId = unitId, CaseId = input.CaseId, Purpose = input.Purpose!, ConsentedBy = input.ConsentedBy!.Trim(), Relation = input.Relation!,
            Date = input.Date!.Value, Paper = input.Paper?.Trim(), WithdrawnOn = input.WithdrawnOn,
        },
        Apply = (input, x) =>
        {
            x.Purpose = input.Purpose!;
            x.ConsentedBy = input.ConsentedBy!.Trim();
            x.Relation = input.Relation!;
            x.Date = input.Date!.Value;
            x.Paper = input.Paper?.Trim();
            x.WithdrawnOn = input.WithdrawnOn;
        },
        Validate = async v =>
        {
            var birth = await CaseOpenAsync(v);
            Check.NotAfter(v.Errors, nameof(v.Input.Date), "同意日期", v.Input.Date, v.Today);
            Check.NotAfter(v.Errors, nameof(v.Input.WithdrawnOn), "撤回日期", v.Input.WithdrawnOn, v.Today);
            Check.OneOf(v.Errors, nameof(v.Input.Purpose), "同意事项", v.Input.Purpose, YouthCaseVocabulary.ConsentPurposes);
            Check.OneOf(v.Errors, nameof(v.Input.Relation), "与本人关系", v.Input.Relation, YouthCaseVocabulary.GuardianRelations);
            if (birth is { } b && v.Input.Relation == "本人" && TeamRules.Age(b, v.Input.Date ?? v.Today) < 14)
            {
                v.Errors.Add(nameof(v.Input.Relation), "不满14周岁的，须由监护人同意");
            }
        },
    };

    public static readonly CollectionSpec<CaseShare, CaseShareInput, CaseShareDto> Shares = new()
    {
        Name = "shares",
        Title = "共享记录",
        Project = x => new CaseShareDto(x.Id, x.UnitId, x.Version, x.CreatedAt, x.UpdatedAt, x.CaseId, x.Date, x.Recipient, x.RecipientName, x.Purpose),
        DateOf = x => x.Date,
        Order = q => q.OrderByDescending(x => x.Date).ThenByDescending(x => x.Id),
        Create = (input, unitId) => new CaseShare
        {
            UnitId = unitId, CaseId = input.CaseId, Date = input.Date!.Value, Recipient = input.Recipient!, RecipientName = input.RecipientName!.Trim(), Purpose = input.Purpose?.Trim(),
        },
        Apply = (input, x) =>
        {
            x.Date = input.Date!.Value;
            x.Recipient = input.Recipient!;
            x.RecipientName = input.RecipientName!.Trim();
            x.Purpose = input.Purpose?.Trim();
        },
        Validate = async v =>
        {
            await CaseOpenAsync(v);
            Check.NotAfter(v.Errors, nameof(v.Input.Date), "共享日期", v.Input.Date, v.Today);
            Check.OneOf(v.Errors, nameof(v.Input.Recipient), "共享对象", v.Input.Recipient, YouthCaseVocabulary.Recipients);
            if (v.Errors.IsValid && !await HasConsentAsync(v.Db, v.Input.CaseId, YouthCaseVocabulary.ConsentShare, v.Input.Date ?? v.Today))
            {
                v.Errors.Add("", "未取得监护人“共享给学校/民政”的书面同意，不能共享此档案。请先登记同意书。");
            }
        },
    };

    /// <summary>The donors a unit's help actions may name: its own list and those of the units above it.</summary>
    public static IQueryable<Donor> DonorsFor(Data.AppDbContext db, int unitId)
    {
        var path = db.Units.Where(u => u.Id == unitId).Select(u => u.Path);
        return db.Donors.Where(d => path.Any(p => p.StartsWith(d.Unit!.Path)));
    }

    /// <summary>A consent for the purpose, given on or before the day and not withdrawn by then.</summary>
    public static Task<bool> HasConsentAsync(Data.AppDbContext db, int caseId, string purpose, DateOnly day) =>
        db.CaseConsents.AnyAsync(c => c.CaseId == caseId && c.Purpose == purpose && c.Date <= day && (c.WithdrawnOn == null || c.WithdrawnOn > day));

    /// <summary>The case must be in the unit and not anonymised; returns its birth date.</summary>
    private static async Task<DateOnly?> CaseOpenAsync<TInput>(ValidationScope<TInput> v) where TInput : class, ICaseChildInput
    {
        var c = await v.Db.YouthCases.Where(x => x.Id == v.Input.CaseId && x.UnitId == v.UnitId)
            .Select(x => new { x.BirthDate, x.AnonymisedOn }).FirstOrDefaultAsync();
        if (c is null)
        {
            v.Errors.Add("", "档案不存在");
            return null;
        }

        if (c.AnonymisedOn is not null)
        {
            v.Errors.Add("", "此档案已按保存期限匿名化，不能再添加记录");
        }

        return c.BirthDate;
    }
}

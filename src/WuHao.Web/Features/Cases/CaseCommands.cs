using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Elders;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Protection;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Cases;

/// <summary>A case as a form or a JSON body carries it. Masked values sent back unchanged keep what is stored.</summary>
public sealed record YouthCaseInput : IRecordInput
{
    [Display(Name = "姓名"), Required(ErrorMessage = Msg.Required), StringLength(50, ErrorMessage = Msg.Length)]
    public string? Name { get; set; }

    [Display(Name = "性别"), Required(ErrorMessage = Msg.Choose)]
    public string? Gender { get; set; }

    [Display(Name = "出生日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? BirthDate { get; set; }

    [Display(Name = "身份证号"), StringLength(30, ErrorMessage = Msg.Length)]
    public string? IdNumber { get; set; }

    [Display(Name = "学校"), StringLength(100, ErrorMessage = Msg.Length)]
    public string? School { get; set; }

    [Display(Name = "年级"), StringLength(20, ErrorMessage = Msg.Length)]
    public string? Grade { get; set; }

    [Display(Name = "家庭住址"), StringLength(200, ErrorMessage = Msg.Length)]
    public string? Address { get; set; }

    [Display(Name = "困境类别")]
    public List<string> Categories { get; set; } = [];

    [Display(Name = "监护人"), Required(ErrorMessage = Msg.Required), StringLength(50, ErrorMessage = Msg.Length)]
    public string? Guardian { get; set; }

    [Display(Name = "与监护人关系")]
    public string? GuardianRelation { get; set; }

    [Display(Name = "监护人电话"), StringLength(20, ErrorMessage = Msg.Length)]
    public string? GuardianPhone { get; set; }

    [Display(Name = "基本情况"), StringLength(4000, ErrorMessage = Msg.Length)]
    public string? Situation { get; set; }

    [Display(Name = "主要需求"), StringLength(4000, ErrorMessage = Msg.Length)]
    public string? Needs { get; set; }

    /// <summary>The 五老 of the unit's roster paired with the child .</summary>
    [Display(Name = "结对“五老”")]
    public List<int> ElderIds { get; set; } = [];

    /// <summary>Paired people outside the roster, by name.</summary>
    [Display(Name = "名册外结对人员"), StringLength(200, ErrorMessage = Msg.Length)]
    public string? PairedElders { get; set; }

    /// <summary>open or closed.</summary>
    [Display(Name = "状态")]
    public string? Status { get; set; }

    [Display(Name = "结案日期")]
    public DateOnly? ClosedOn { get; set; }

    [Display(Name = "结案原因"), StringLength(100, ErrorMessage = Msg.Length)]
    public string? CloseReason { get; set; }

    public int Version { get; set; }
}

/// <summary>The API's read model of a case: sensitive fields masked unless listed in <c>revealed</c>.</summary>
public sealed record YouthCaseDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string Name, string Gender, DateOnly BirthDate, string IdNumber, string? School, string? Grade, string Address,
    IReadOnlyList<string> Categories, string? Guardian, string? GuardianRelation, string GuardianPhone,
    string? Situation, string? Needs, string? PairedElders, string Status, DateOnly? ClosedOn, string? CloseReason,
    bool Anonymised, IReadOnlyList<string> Revealed,
    IReadOnlyList<int> ElderIds, IReadOnlyList<string> ElderNames)
{
    /// <summary>Everyone paired with the child: the 五老 of the roster, then the others by name (pages and export; not in the API).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? PairedText => string.Join("、", ElderNames.Append(PairedElders ?? "").Where(n => n.Length > 0)) is { Length: > 0 } t ? t : null;
}

/// <summary>Validation outcome: errors refuse the save; warnings (an 18-year-old) are shown but do not.</summary>
public sealed record CaseValidation(ValidationErrors Errors, IReadOnlyList<string> Warnings);

/// <summary>Reads and changes cases: scope and edit rights, validation, encryption, versions and the access log.</summary>
public sealed class CaseCommands(
    AppDbContext db, OrgScope orgScope, RecordCommands records, FieldProtector protector, CaseAccessLog accessLog, TimeProvider time)
{
    public static readonly IReadOnlyList<string> SensitiveFields = ["idNumber", "address", "guardianPhone"];

    public async Task<CaseValidation> ValidateAsync(YouthCaseInput input, int unitId, YouthCase? existing, CancellationToken ct)
    {
        var errors = ValidationErrors.FromAnnotations(input);
        var warnings = new List<string>();
        var today = time.Today();
        Check.OneOf(errors, nameof(input.Gender), "性别", input.Gender, Vocabulary.Genders);
        Check.AllOf(errors, nameof(input.Categories), "困境类别", input.Categories, YouthCaseVocabulary.Categories);
        if (input.Categories.Count == 0)
        {
            errors.Add(nameof(input.Categories), "请至少选择一个困境类别");
        }

        if (!string.IsNullOrEmpty(input.GuardianRelation))
        {
            Check.OneOf(errors, nameof(input.GuardianRelation), "与监护人关系", input.GuardianRelation, YouthCaseVocabulary.GuardianRelations);
        }

        if (!string.IsNullOrEmpty(input.GuardianPhone) && !SentBackMasked(input.GuardianPhone, existing?.GuardianPhoneCipher, Masking.Phone)
            && !System.Text.RegularExpressions.Regex.IsMatch(input.GuardianPhone, Msg.PhonePattern))
        {
            errors.Add(nameof(input.GuardianPhone), "监护人电话格式不正确，只能包含数字、空格、加号和横线，7到20位");
        }

        if (input.BirthDate is { } birth)
        {
            if (birth > today)
            {
                errors.Add(nameof(input.BirthDate), "出生日期不能晚于今天");
            }
            else if (TeamRules.Age(birth, today) >= 18)
            {
                warnings.Add($"按出生日期已满18周岁（{TeamRules.Age(birth, today)}岁），请确认是否仍需建档");
            }
        }

        var status = input.Status ?? YouthCaseVocabulary.Open;
        if (status is not (YouthCaseVocabulary.Open or YouthCaseVocabulary.Closed))
        {
            errors.Add(nameof(input.Status), "状态只能是 open（在档）或 closed（结案）");
        }
        else if (status == YouthCaseVocabulary.Closed)
        {
            if (input.ClosedOn is null)
            {
                errors.Add(nameof(input.ClosedOn), "结案须填写结案日期");
            }

            if (string.IsNullOrWhiteSpace(input.CloseReason))
            {
                errors.Add(nameof(input.CloseReason), "结案须填写结案原因");
            }
        }

        Check.NotAfter(errors, nameof(input.ClosedOn), "结案日期", input.ClosedOn, today);
        await ElderLinks.CheckAsync(db, errors, nameof(input.ElderIds), "结对“五老”须是本单位“五老”名册中的人员", input.ElderIds, [unitId], ct);

        var idNumber = NewIdNumber(input, existing);
        if (idNumber is not null)
        {
            if (ChineseIdNumber.Problem(idNumber) is { } problem)
            {
                errors.Add(nameof(input.IdNumber), problem);
            }
            else
            {
                if (input.BirthDate is { } b && ChineseIdNumber.BirthDate(idNumber) != b)
                {
                    errors.Add(nameof(input.IdNumber), "身份证号中的出生日期与填写的出生日期不一致");
                }

                if (input.Gender is { } g && ChineseIdNumber.Gender(idNumber) != g)
                {
                    errors.Add(nameof(input.IdNumber), "身份证号中的性别与填写的性别不一致");
                }

                var hash = await protector.HashAsync(idNumber, ct);
                var existingId = existing?.Id ?? 0;
                if (await db.YouthCases.AnyAsync(c => c.UnitId == unitId && c.IdNumberHash == hash && c.Id != existingId, ct))
                {
                    errors.Add(nameof(input.IdNumber), "本单位已有此身份证号的档案，不能重复建档");
                }
            }
        }

        return new CaseValidation(errors, warnings);
    }

    public async Task<(CommandResult<YouthCase> Result, IReadOnlyList<string> Warnings)> CreateAsync(int unitId, YouthCaseInput input, CancellationToken ct)
    {
        if (!await orgScope.IncludesAsync(unitId, ct))
        {
            return (new(CommandStatus.NotFound), []);
        }

        if (!await records.MayEditAsync(new UnitResource(unitId)))
        {
            return (new(CommandStatus.Forbidden), []);
        }

        var check = await ValidateAsync(input, unitId, null, ct);
        if (!check.Errors.IsValid)
        {
            return (new(CommandStatus.Invalid, Errors: check.Errors), check.Warnings);
        }

        var record = new YouthCase { UnitId = unitId, Name = "", Gender = "" };
        await ApplyAsync(input, record, ct);
        db.YouthCases.Add(record);
        await accessLog.ChangeAsync(() => db.SaveChangesAsync(ct), _ => new LogEntry("create", unitId, record.Id, null), ct);
        return (new(CommandStatus.Ok, record), check.Warnings);
    }

    public async Task<(CommandResult<YouthCase> Result, IReadOnlyList<string> Warnings)> UpdateAsync(int id, YouthCaseInput input, CancellationToken ct)
    {
        var found = await records.FindForEditAsync<YouthCase>(id, ct);
        if (found.Status != CommandStatus.Ok)
        {
            return (found, []);
        }

        var record = found.Record!;
        if (record.AnonymisedOn is not null)
        {
            var closed = new ValidationErrors();
            closed.Add("", "此档案已按保存期限匿名化，不能再修改");
            return (new(CommandStatus.Invalid, Errors: closed), []);
        }

        var check = await ValidateAsync(input, record.UnitId, record, ct);
        if (!check.Errors.IsValid)
        {
            return (new(CommandStatus.Invalid, Errors: check.Errors), check.Warnings);
        }

        if (record.Version != input.Version)
        {
            return (new(CommandStatus.Conflict, record), []);
        }

        await ApplyAsync(input, record, ct);
        var saved = await accessLog.ChangeAsync(
            () => db.TrySaveVersionAsync(record, input.Version, ct),
            ok => ok ? new LogEntry("update", record.UnitId, record.Id, null) : null, ct);
        return saved ? (new(CommandStatus.Ok, record), check.Warnings) : (new(CommandStatus.Conflict, record), []);
    }

    public async Task<CommandResult<YouthCase>> DeleteAsync(int id, int? version, CancellationToken ct)
    {
        var found = await records.FindForEditAsync<YouthCase>(id, ct);
        if (found.Status != CommandStatus.Ok)
        {
            return found;
        }

        var unitId = found.Record!.UnitId;
        return await accessLog.ChangeAsync(
            async () =>
            {
                if (version is null || version == found.Record.Version)
                {
                    // The consent scans go with the case (their links would cascade, the files would not).
                    foreach (var consent in await db.CaseConsents.Where(c => c.CaseId == id).ToListAsync(ct))
                    {
                        await Infrastructure.Files.Evidence.DeleteFilesOfAsync(db, consent, ct);
                    }
                }

                return await records.DeleteAsync<YouthCase>(id, version, ct);
            },
            r => r.Status == CommandStatus.Ok ? new LogEntry("delete", unitId, id, null) : null, ct);
    }

    /// <summary>The case as the API shows it, logged as a view (and a reveal per revealed field), or null outside the scope.</summary>
    public async Task<YouthCaseDto?> ReadAsync(int id, IReadOnlyCollection<string> reveal, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var record = await db.YouthCases.VisibleTo(scope).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (record is null)
        {
            return null;
        }

        var revealed = reveal.Where(SensitiveFields.Contains).Distinct().ToList();
        await accessLog.WriteAsync("view", record.UnitId, id, null, ct);
        foreach (var field in revealed)
        {
            await accessLog.WriteAsync("reveal", record.UnitId, id, field, ct);
        }

        return ToDto(record, revealed);
    }

    public YouthCaseDto ToDto(YouthCase c, IReadOnlyList<string> revealed)
    {
        var idNumber = protector.Unprotect(c.IdNumberCipher);
        var address = protector.Unprotect(c.AddressCipher);
        var phone = protector.Unprotect(c.GuardianPhoneCipher);
        return new YouthCaseDto(c.Id, c.UnitId, c.Version, c.CreatedAt, c.UpdatedAt, c.Name, c.Gender, c.BirthDate,
            revealed.Contains("idNumber") ? idNumber ?? "" : ChineseIdNumber.Mask(idNumber),
            c.School, c.Grade,
            revealed.Contains("address") ? address ?? "" : Masking.Address(address),
            Lists.Of(c.Categories), c.GuardianName, c.GuardianRelation,
            revealed.Contains("guardianPhone") ? phone ?? "" : Masking.Phone(phone) ?? "",
            c.Situation, c.Needs, c.PairedElders, c.Status, c.ClosedOn, c.CloseReason, c.AnonymisedOn is not null, revealed,
            [.. c.Elders.OrderBy(x => x.ElderId).Select(x => x.ElderId)], [.. c.Elders.OrderBy(x => x.ElderId).Select(x => x.Elder?.Name ?? "")]);
    }

    /// <summary>The input of an edit form: sensitive fields masked, so that an unchanged form keeps them.</summary>
    public YouthCaseInput ToInput(YouthCase c) => new()
    {
        Name = c.Name, Gender = c.Gender, BirthDate = c.BirthDate, IdNumber = ChineseIdNumber.Mask(protector.Unprotect(c.IdNumberCipher)),
        School = c.School, Grade = c.Grade, Address = Masking.Address(protector.Unprotect(c.AddressCipher)), Categories = [.. Lists.Of(c.Categories)],
        Guardian = c.GuardianName, GuardianRelation = c.GuardianRelation, GuardianPhone = Masking.Phone(protector.Unprotect(c.GuardianPhoneCipher)) ?? "",
        Situation = c.Situation, Needs = c.Needs, PairedElders = c.PairedElders, Status = c.Status, ClosedOn = c.ClosedOn,
        CloseReason = c.CloseReason, Version = c.Version, ElderIds = [.. c.Elders.Select(x => x.ElderId).Order()],
    };

    /// <summary>The ID number the input sets: null when none is given or the masked stored one was sent back.</summary>
    private string? NewIdNumber(YouthCaseInput input, YouthCase? existing) =>
        string.IsNullOrWhiteSpace(input.IdNumber) || SentBackMasked(input.IdNumber, existing?.IdNumberCipher, ChineseIdNumber.Mask)
            ? null
            : ChineseIdNumber.Normalise(input.IdNumber);

    /// <summary>
    /// A form or PUT that sends a protected value back exactly as it was shown masked means "unchanged". Only the
    /// exact masked rendering of the stored value counts: "3号楼*单元" is an address typed with a star in it.
    /// </summary>
    private bool SentBackMasked(string? sent, string? storedCipher, Func<string?, string?> mask) =>
        !string.IsNullOrEmpty(sent) && storedCipher is not null
        && string.Equals(sent.Trim(), mask(protector.Unprotect(storedCipher)), StringComparison.Ordinal);

    private async Task ApplyAsync(YouthCaseInput input, YouthCase c, CancellationToken ct)
    {
        c.Name = input.Name!.Trim();
        c.Gender = input.Gender!;
        c.BirthDate = input.BirthDate!.Value;
        if (string.IsNullOrWhiteSpace(input.IdNumber))
        {
            c.IdNumberCipher = null;
            c.IdNumberHash = null;
        }
        else if (NewIdNumber(input, c.Id == 0 ? null : c) is { } number)
        {
            c.IdNumberCipher = protector.Protect(number);
            c.IdNumberHash = await protector.HashAsync(number, ct);
        }

        c.School = input.School?.Trim();
        c.Grade = input.Grade?.Trim();
        if (!SentBackMasked(input.Address, c.AddressCipher, Masking.Address))
        {
            c.AddressCipher = protector.Protect(input.Address?.Trim());
        }

        Lists.Set(c.Categories, input.Categories);
        c.GuardianName = input.Guardian?.Trim();
        c.GuardianRelation = input.GuardianRelation;
        if (!SentBackMasked(input.GuardianPhone, c.GuardianPhoneCipher, Masking.Phone))
        {
            c.GuardianPhoneCipher = protector.Protect(input.GuardianPhone?.Trim());
        }

        c.Situation = input.Situation?.Trim();
        c.Needs = input.Needs?.Trim();
        c.PairedElders = input.PairedElders?.Trim();
        ElderLinks.Sync(c.Elders, input.ElderIds, id => new YouthCaseElder { UnitId = c.UnitId, ElderId = id });
        c.Status = input.Status ?? YouthCaseVocabulary.Open;
        c.ClosedOn = c.Status == YouthCaseVocabulary.Closed ? input.ClosedOn : null;
        c.CloseReason = c.Status == YouthCaseVocabulary.Closed ? input.CloseReason?.Trim() : null;
    }

    /// <summary>Search by ID number through its keyed hash: the number itself is never compared or logged.</summary>
    public async Task<int?> FindByIdNumberAsync(int unitId, string idNumber, CancellationToken ct)
    {
        var hash = await protector.HashAsync(ChineseIdNumber.Normalise(idNumber), ct);
        var scope = await orgScope.CurrentAsync(ct);
        var id = await db.YouthCases.VisibleTo(scope).Where(c => c.UnitId == unitId && c.IdNumberHash == hash).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        await accessLog.WriteAsync("search", unitId, id, id is null ? "未找到" : "找到", ct);
        return id;
    }
}

/// <summary>Settings of section "Cases".</summary>
public sealed class CaseOptions
{
    public const string Section = "Cases";

    /// <summary>Closed cases are anonymised this many years after closing .</summary>
    public int RetentionYears { get; set; } = 3;
}

/// <summary>Anonymises closed cases past their retention period; they still count in statistics (category, gender, birth year).</summary>
public sealed class CaseRetention(AppDbContext db, IOptions<CaseOptions> options, TimeProvider time)
{
    public async Task<int> AnonymiseExpiredAsync(CancellationToken ct)
    {
        var today = time.Today();
        var cutoff = today.AddYears(-options.Value.RetentionYears);
        var expired = await db.YouthCases
            .Where(c => c.Status == YouthCaseVocabulary.Closed && c.AnonymisedOn == null && c.ClosedOn != null && c.ClosedOn <= cutoff)
            .ToListAsync(ct);
        if (expired.Count == 0)
        {
            return 0;
        }

        var ids = expired.Select(c => c.Id).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var c in expired)
        {
            c.Name = YouthCaseVocabulary.Anonymised;
            c.BirthDate = new DateOnly(c.BirthDate.Year, 1, 1);
            c.IdNumberCipher = null;
            c.IdNumberHash = null;
            c.School = null;
            c.Grade = null;
            c.AddressCipher = null;
            c.GuardianName = null;
            c.GuardianRelation = null;
            c.GuardianPhoneCipher = null;
            c.Situation = null;
            c.Needs = null;
            c.PairedElders = null;
            c.Elders.Clear();
            c.AnonymisedOn = today;
        }

        foreach (var h in await db.HelpActions.Where(h => ids.Contains(h.CaseId)).ToListAsync(ct))
        {
            h.Notes = null;
            h.Helper = YouthCaseVocabulary.Anonymised;
        }

        foreach (var v in await db.CaseVisits.Where(v => ids.Contains(v.CaseId)).ToListAsync(ct))
        {
            v.Notes = null;
            v.Visitor = YouthCaseVocabulary.Anonymised;
        }

        foreach (var consent in await db.CaseConsents.Where(x => ids.Contains(x.CaseId)).ToListAsync(ct))
        {
            consent.ConsentedBy = YouthCaseVocabulary.Anonymised;
            consent.Paper = null;
            await Infrastructure.Files.Evidence.DeleteFilesOfAsync(db, consent, ct);
        }

        db.CaseAccessLog.AddRange(expired.Select(c => new CaseAccessEntry
        {
            At = time.GetUtcNow(), UserName = "system", UnitId = c.UnitId, CaseId = c.Id, Action = "anonymise",
            Detail = $"结案满{options.Value.RetentionYears}年",
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return expired.Count;
    }
}

/// <summary>Runs the retention once a day (and once at start).</summary>
public sealed class CaseRetentionJob(IServiceScopeFactory scopes, TimeProvider time, ILogger<CaseRetentionJob> logger) : BackgroundService
{
    private static readonly Action<ILogger, int, Exception?> Anonymised =
        LoggerMessage.Define<int>(LogLevel.Information, new EventId(1, "CasesAnonymised"), "Retention: {Count} closed cases anonymised");

    private static readonly Action<ILogger, Exception?> Failed =
        LoggerMessage.Define(LogLevel.Error, new EventId(2, "RetentionFailed"), "Retention run failed");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var count = await scope.ServiceProvider.GetRequiredService<CaseRetention>().AnonymiseExpiredAsync(stoppingToken);
                if (count > 0)
                {
                    Anonymised(logger, count, null);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

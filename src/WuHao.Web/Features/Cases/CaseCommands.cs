using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Elders;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Protection;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Cases;

/// <summary>
/// Reads and changes cases: scope and edit rights, validation, encryption, versions and the access log. This part
/// creates, changes and deletes; the validation is in CaseCommands.Validation.cs; reading, revealing and searching in CaseCommands.Reading.cs.
/// </summary>
public sealed partial class CaseCommands(
    AppDbContext db, OrgScope orgScope, RecordCommands records, FieldProtector protector, CaseAccessLog accessLog, TimeProvider time)
{
    // Fields, so that the other parts of the class (validation, reading) see the services too.
    private readonly AppDbContext db = db;
    private readonly OrgScope orgScope = orgScope;
    private readonly RecordCommands records = records;
    private readonly FieldProtector protector = protector;
    private readonly CaseAccessLog accessLog = accessLog;
    private readonly TimeProvider time = time;

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


}

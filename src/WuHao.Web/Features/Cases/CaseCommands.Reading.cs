using Microsoft.EntityFrameworkCore;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Cases;

/// <summary>Reading a case: the API's view with reveals, the edit form's input, and the search by ID number .</summary>
public sealed partial class CaseCommands
{
    /// <summary>The fields shown masked unless revealed (each reveal is logged).</summary>
    public static readonly IReadOnlyList<string> SensitiveFields = ["idNumber", "address", "guardianPhone"];

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

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Cases;

public sealed record CaseExportFile(byte[] Bytes, string FileName, int Exported, int Omitted);

/// <summary>
/// The case roster as .xlsx (R-7.3): masked unless the user asks for plaintext (logged). A user outside the
/// cases' own unit (a township exporting its villages) gets only the cases whose guardians consented to
/// sharing (R-5.6); the others are left out and counted.
/// </summary>
public sealed class CaseExport(AppDbContext db, OrgScope orgScope, CaseCommands commands, CaseAccessLog log, TimeProvider time)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<CaseExportFile?> ExportAsync(int unitId, bool unmasked, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var unit = await db.Units.VisibleTo(scope).Where(u => u.Id == unitId).Select(u => new { u.Id, u.Name }).FirstOrDefaultAsync(ct);
        if (unit is null)
        {
            return null;
        }

        var today = time.Today();
        var cases = await db.YouthCases.VisibleTo(scope).Where(c => c.UnitId == unitId).OrderBy(c => c.Status).ThenBy(c => c.Name).AsNoTracking().ToListAsync(ct);
        var omitted = 0;
        if (scope.RootUnitId != unitId)
        {
            var consented = await db.CaseConsents
                .Where(c => c.UnitId == unitId && c.Purpose == YouthCaseVocabulary.ConsentShare && c.Date <= today && (c.WithdrawnOn == null || c.WithdrawnOn > today))
                .Select(c => c.CaseId).Distinct().ToListAsync(ct);
            omitted = cases.Count(c => !consented.Contains(c.Id));
            cases = [.. cases.Where(c => consented.Contains(c.Id))];
        }

        var reveal = unmasked ? CaseCommands.SensitiveFields : [];
        var rows = cases.Select(c => commands.ToDto(c, reveal)).Select(d => new Dictionary<string, object?>
        {
            ["姓名"] = d.Name,
            ["性别"] = d.Gender,
            ["出生日期"] = d.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["身份证号"] = d.IdNumber,
            ["学校"] = d.School,
            ["年级"] = d.Grade,
            ["家庭住址"] = d.Address,
            ["困境类别"] = string.Join(Lists.Separator, d.Categories),
            ["监护人"] = d.Guardian,
            ["与监护人关系"] = d.GuardianRelation,
            ["监护人电话"] = d.GuardianPhone,
            ["结对五老"] = d.PairedText,
            ["状态"] = d.Status == YouthCaseVocabulary.Open ? "在档" : "结案",
            ["结案原因"] = d.CloseReason,
        }).ToList();

        await log.WriteAsync(unmasked ? "export-unmasked" : "export", unitId, null,
            string.Create(CultureInfo.InvariantCulture, $"导出{rows.Count}条，未导出{omitted}条"), ct);
        using var stream = new MemoryStream();
        if (rows.Count == 0)
        {
            rows.Add(new Dictionary<string, object?> { ["姓名"] = "（无可导出的档案）" });
        }

        await stream.SaveAsAsync(rows, sheetName: "困境青少年档案", cancellationToken: ct);
        var name = $"{unit.Name}困境青少年档案{(unmasked ? "（明文）" : "")}{today:yyyyMMdd}.xlsx";
        return new CaseExportFile(stream.ToArray(), name, cases.Count, omitted);
    }
}

using Microsoft.EntityFrameworkCore;
using WuHao.Web.Domain;
using WuHao.Web.Features.Elders;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Cases;

/// <summary>Validation outcome: errors refuse the save; warnings (an 18-year-old) are shown but do not.</summary>
public sealed record CaseValidation(ValidationErrors Errors, IReadOnlyList<string> Warnings);

/// <summary>Validation of a case input, and how masked values sent back are recognised.</summary>
public sealed partial class CaseCommands
{
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
}

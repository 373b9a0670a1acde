namespace WuHao.Web.Infrastructure.Web;

/// <summary>The checks that several validators share, with their Chinese messages.</summary>
public static class Check
{
    public static void OneOf(ValidationErrors errors, string field, string label, string? value, IReadOnlyList<string> allowed)
    {
        if (value is not null && !allowed.Contains(value))
        {
            errors.Add(field, $"{label}“{value}”不在可选范围内，可选：{string.Join("、", allowed)}");
        }
    }

    public static void AllOf(ValidationErrors errors, string field, string label, IEnumerable<string> values, IReadOnlyList<string> allowed)
    {
        foreach (var value in values.Where(v => !allowed.Contains(v)))
        {
            errors.Add(field, $"{label}“{value}”不在可选范围内，可选：{string.Join("、", allowed)}");
        }
    }

    /// <summary>Something that already happened (a meeting held, a term begun) cannot be dated after today.</summary>
    public static void NotAfter(ValidationErrors errors, string field, string label, DateOnly? date, DateOnly today)
    {
        if (date is { } d && d > today)
        {
            errors.Add(field, $"{label}不能晚于今天（{today.Zh()}）");
        }

        if (date is { } old && old.Year < 1950)
        {
            errors.Add(field, $"{label}不能早于1950年");
        }
    }

    public static void BirthDate(ValidationErrors errors, string field, DateOnly? birthDate, DateOnly today, int minAge)
    {
        if (birthDate is not { } b)
        {
            return;
        }

        if (b > today)
        {
            errors.Add(field, "出生日期不能晚于今天");
        }
        else if (b < today.AddYears(-120))
        {
            errors.Add(field, "出生日期早于120年前，请核对");
        }
        else if (b > today.AddYears(-minAge))
        {
            errors.Add(field, $"按出生日期不满{minAge}岁，请核对");
        }
    }
}

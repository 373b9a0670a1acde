namespace WuHao.Web.Domain;

/// <summary>Resident ID numbers (GB 11643-1999): 18 characters, a birth date, a gender digit and a check character.</summary>
public static class ChineseIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCodes = "10X98765432";

    /// <summary>Upper-case, no spaces: the form in which numbers are compared, hashed and stored.</summary>
    public static string Normalise(string value) => value.Trim().Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCodes[sum % 11];
    }

    /// <summary>Null when the number is well-formed with a valid checksum and date; else the Chinese reason.</summary>
    public static string? Problem(string normalised)
    {
        if (normalised.Length != 18 || !normalised[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(normalised[17]) || normalised[17] == 'X'))
        {
            return "身份证号应为18位，前17位是数字，最后一位是数字或X";
        }

        if (BirthDate(normalised) is null)
        {
            return "身份证号中的出生日期不存在";
        }

        return CheckCharacter(normalised) == normalised[17] ? null : "身份证号校验位不正确，请核对";
    }

    public static DateOnly? BirthDate(string normalised) =>
        DateOnly.TryParseExact(normalised.Substring(6, 8), "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var d) ? d : null;

    /// <summary>男 for an odd 17th digit, 女 for an even one.</summary>
    public static string Gender(string normalised) => (normalised[16] - '0') % 2 == 1 ? "男" : "女";

    /// <summary>150521********1234: the region code and the last four, never the birth date.</summary>
    public static string Mask(string? number) =>
        string.IsNullOrEmpty(number) ? "" : number.Length < 10 ? new string('*', number.Length) : $"{number[..6]}********{number[^4..]}";
}

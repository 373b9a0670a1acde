using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace WuHao.Web.Infrastructure.Office;

/// <summary>
/// Cell values as MiniExcel reads them (string, double, DateTime, bool) turned into what an input record holds,
/// accepting what Chinese users actually type; each failure is a Chinese message for the error report.
/// </summary>
public static partial class ExcelCells
{
    /// <summary>Excel's serial day numbers that are real dates: 1900-01-01 to 9999-12-31.</summary>
    private const double FirstSerial = 1;
    private const double LastSerial = 2958465;

    public const string DateFormats = "2023-06-01、2023/6/1、2023.6.1、2023年6月1日，或Excel的日期格式";

    public static bool IsEmpty(object? value) => value is null || (value is string s && string.IsNullOrWhiteSpace(s));

    /// <summary>Text as the user sees it: numbers without ".0" and exponents, dates as 2023-06-01, booleans as 是/否.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        double d when Math.Abs(d) < 1e15 && d == Math.Floor(d) => ((long)d).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("G15", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()?.Trim(),
    };

    /// <summary>A date from a date cell, a serial number, or text in any of <see cref="DateFormats"/>; null with an error otherwise.</summary>
    public static DateOnly? Date(object? value, out string? error)
    {
        error = null;
        switch (value)
        {
            case null:
                return null;
            case DateTime t:
                return DateOnly.FromDateTime(t);
            case double serial:
                if (serial < FirstSerial || serial > LastSerial)
                {
                    error = $"“{Text(serial)}”不是有效的日期，请写成{DateFormats}";
                    return null;
                }

                return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        }

        var raw = Text(value);
        if (raw is null)
        {
            return null;
        }

        var text = Narrow(raw);
        var match = DatePattern().Match(text);
        if (!match.Success)
        {
            error = $"“{raw}”不是有效的日期，请写成{DateFormats}";
            return null;
        }

        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
        if (year < 1900 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = month is >= 1 and <= 12 && year >= 1900
                ? $"“{raw}”这一天不存在（{year}年{month}月只有{DateTime.DaysInMonth(year, month)}天）"
                : $"“{raw}”不是有效的日期，请写成{DateFormats}";
            return null;
        }

        return new DateOnly(year, month, day);
    }

    /// <summary>是/否 (also Y/N, TRUE/FALSE, 1/0, √/×); empty is no.</summary>
    public static bool Bool(object? value, out string? error)
    {
        error = null;
        switch (value)
        {
            case null:
                return false;
            case bool b:
                return b;
            case double d when d is 0 or 1:
                return d == 1;
        }

        var text = Text(value);
        switch (text?.ToUpperInvariant())
        {
            case null or "否" or "N" or "NO" or "FALSE" or "0" or "×" or "不是":
                return false;
            case "是" or "Y" or "YES" or "TRUE" or "1" or "√" or "✓":
                return true;
            default:
                error = $"“{text}”应填“是”或“否”";
                return false;
        }
    }

    /// <summary>An amount such as 2000, 2,000.50 or 2000元; null with an error when it is not a number.</summary>
    public static decimal? Amount(object? value, out string? error)
    {
        error = null;
        if (value is double d)
        {
            return (decimal)d;
        }

        var text = Text(value);
        if (text is null)
        {
            return null;
        }

        var cleaned = Narrow(text).Replace(",", "", StringComparison.Ordinal).Replace("元", "", StringComparison.Ordinal).Trim();
        if (decimal.TryParse(cleaned, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            return amount;
        }

        error = $"“{text}”不是数字";
        return null;
    }

    /// <summary>A whole number such as 20, 20.0 or ２０; null with an error when it is not one.</summary>
    public static int? Whole(object? value, out string? error)
    {
        error = null;
        if (value is double d && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
        {
            return (int)d;
        }

        var text = Text(value);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(Narrow(text), NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
        {
            return whole;
        }

        error = $"“{text}”应填整数";
        return null;
    }

    /// <summary>Full-width digits and punctuation (２０２３－６－１) as their ASCII forms, and no spaces.</summary>
    private static string Narrow(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                sb.Append((char)(c - 0xFEE0));
            }
            else if (!char.IsWhiteSpace(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>2023-06-01, 2023/6/1, 2023.6.1, 2023年6月1日, 20230601, and any of these followed by a time of day.</summary>
    [GeneratedRegex(@"^(?<y>\d{4})(?:[-/.](?<m>\d{1,2})[-/.](?<d>\d{1,2})|年(?<m>\d{1,2})月(?<d>\d{1,2})日?|(?<m>\d{2})(?<d>\d{2}))(?:\d{1,2}:\d{2}(?::\d{2})?)?$")]
    private static partial Regex DatePattern();
}

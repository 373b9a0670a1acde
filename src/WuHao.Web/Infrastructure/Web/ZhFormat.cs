using System.Globalization;
using WuHao.Web.Domain;

namespace WuHao.Web.Infrastructure.Web;

/// <summary>Dates as Chinese offices write them: 2023年6月20日.</summary>
public static class ZhFormat
{
    public static string Zh(this DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

    public static string Zh(this DateOnly? date) => date is { } d ? d.Zh() : "";

    public static string Zh(this DateTimeOffset instant)
    {
        var local = instant.ToChinaTime();
        return string.Create(CultureInfo.InvariantCulture, $"{local.Year}年{local.Month}月{local.Day}日 {local:HH:mm}");
    }

    /// <summary>A span of full months as people say it: "2年3个月", "11个月", "3年", "不到1个月".</summary>
    public static string YearsMonths(int months) => (months / 12, months % 12) switch
    {
        (0, 0) => "不到1个月",
        (0, var m) => $"{m}个月",
        (var y, 0) => $"{y}年",
        var (y, m) => $"{y}年{m}个月",
    };

    public static string Percent(double share) => share.ToString("0%", CultureInfo.InvariantCulture);

    /// <summary>A share that has no value (nothing to divide by) is shown as “—”.</summary>
    public static string Percent(double? share) => share is { } s ? Percent(s) : "—";

    /// <summary>An ISO date for the value of an &lt;input type="date"&gt;.</summary>
    public static string Iso(this DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}

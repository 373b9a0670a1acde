namespace WuHao.Web.Domain;

/// <summary>Work years and "today" are in China Standard Time, whatever the server's zone.</summary>
public static class Clock
{
    public static readonly TimeZoneInfo ChinaZone = FindChinaZone();

    public static DateOnly Today(this TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), ChinaZone).DateTime);

    public static DateTimeOffset ToChinaTime(this DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, ChinaZone);

    private static TimeZoneInfo FindChinaZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }
}

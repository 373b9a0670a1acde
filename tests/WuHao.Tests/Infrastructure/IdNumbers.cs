using System.Globalization;
using WuHao.Web.Domain;

namespace WuHao.Tests.Infrastructure;

/// <summary>Made-up, checksum-valid ID numbers (region 150521) for tests.</summary>
public static class IdNumbers
{
    private static int sequence;

    public static string Make(DateOnly birth, string gender, int salt = 0)
    {
        var n = (Interlocked.Increment(ref sequence) * 2 + salt * 2) % 998;
        if ((n % 2 == 1) != (gender == "男"))
        {
            n++;
        }

        var first17 = string.Create(CultureInfo.InvariantCulture, $"150521{birth:yyyyMMdd}{n:000}");
        return first17 + ChineseIdNumber.CheckCharacter(first17);
    }
}

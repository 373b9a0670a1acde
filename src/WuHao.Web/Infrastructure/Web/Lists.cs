namespace WuHao.Web.Infrastructure.Web;

/// <summary>Short lists of terms kept in one column, joined by the Chinese enumeration comma.</summary>
public static class Lists
{
    public const string Separator = "、";

    public static IReadOnlyList<string> Split(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string? Join(IEnumerable<string>? values)
    {
        var list = values?.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct().ToList();
        return list is null || list.Count == 0 ? null : string.Join(Separator, list);
    }
}

using WuHao.Web.Domain;

namespace WuHao.Web.Infrastructure.Web;

/// <summary>
/// Short lists of terms: names kept in one column, joined by the Chinese enumeration comma, and the
/// multi-valued fields kept as child rows (<see cref="ListValue"/>, ADR-011).
/// </summary>
public static class Lists
{
    public const string Separator = "、";

    public static IReadOnlyList<string> Split(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string? Join(IEnumerable<string>? values)
    {
        var list = Clean(values);
        return list.Count == 0 ? null : string.Join(Separator, list);
    }

    /// <summary>The values of a record's child rows, in the order they were entered.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<ListValue> rows) => [.. rows.OrderBy(r => r.Position).Select(r => r.Value)];

    /// <summary>
    /// Brings a record's child rows in line with <paramref name="values"/> (trimmed, blanks and repeats left out):
    /// rows of values that stay are kept (only their position may change), others removed, new ones added.
    /// </summary>
    public static void Set<T>(List<T> rows, IEnumerable<string>? values) where T : ListValue, new()
    {
        var wanted = Clean(values);
        rows.RemoveAll(r => !wanted.Contains(r.Value, StringComparer.Ordinal));
        for (var i = 0; i < wanted.Count; i++)
        {
            var row = rows.Find(r => r.Value == wanted[i]);
            if (row is null)
            {
                rows.Add(new T { Value = wanted[i], Position = i });
            }
            else if (row.Position != i)
            {
                row.Position = i;
            }
        }
    }

    /// <summary>New child rows for a new record (seed data, tests).</summary>
    public static List<T> New<T>(params IEnumerable<string> values) where T : ListValue, new()
    {
        var rows = new List<T>();
        Set(rows, values);
        return rows;
    }

    private static List<string> Clean(IEnumerable<string>? values) =>
        values?.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToList() ?? [];
}

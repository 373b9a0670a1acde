using System.Text.RegularExpressions;

namespace WuHao.Tests.Infrastructure;

/// <summary>
/// Whether a SQL command would run on one Citus shard under ADR-016 (R-8.3): every distributed table it reads
/// (FROM or JOIN) is filtered by <c>BannerId</c> equality with one value. Read from the command text, as EF wrote it
/// for SQLite or PostgreSQL (aliases quoted or not). Used by the tests and by the scale bench's report.
/// </summary>
public static partial class ShardCheck
{
    /// <summary>The distributed tables the command reads without a <c>BannerId = value</c> filter (none: single-shard).</summary>
    public static IReadOnlyList<string> Unfiltered(string sql, IReadOnlyCollection<string> distributed)
    {
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match m in TableReference().Matches(sql))
        {
            var table = m.Groups["table"].Value;
            if (!distributed.Contains(table))
            {
                continue;
            }

            var alias = m.Groups["alias"].Success ? m.Groups["alias"].Value.Trim('"') : null;
            var column = alias is null ? $"\"{table}\".\"BannerId\"" : $"(?:\"{Regex.Escape(alias)}\"|\\b{Regex.Escape(alias)})\\.\"BannerId\"";
            var value = @"(?:[@:$]\w+|\d+)";
            if (!Regex.IsMatch(sql, $@"{column}\s*=\s*{value}|{value}\s*=\s*{column}"))
            {
                missing.Add(table);
            }
        }

        return [.. missing];
    }

    /// <summary>Every table the command reads (FROM or JOIN).</summary>
    public static IEnumerable<string> Tables(string sql) => TableReference().Matches(sql).Select(m => m.Groups["table"].Value);

    /// <summary>The SQL of an EF "Executed DbCommand" log line (the text after the command's parameters header).</summary>
    public static string CommandText(string logLine)
    {
        var start = logLine.IndexOf(']', logLine.IndexOf("CommandTimeout", StringComparison.Ordinal) is var t and >= 0 ? t : 0);
        return start < 0 ? logLine : logLine[(start + 1)..].Trim();
    }

    [GeneratedRegex("""\b(?:FROM|JOIN)\s+"(?<table>\w+)"(?:\s+AS)?(?:\s+(?<alias>"\w+"|(?!(?:WHERE|ON|INNER|LEFT|CROSS|JOIN|GROUP|ORDER|LIMIT|UNION|AS|SET)\b)[a-z_]\w*))?""", RegexOptions.IgnoreCase)]
    private static partial Regex TableReference();
}

namespace WuHao.Web.Domain.Indicators;

/// <summary>The readable Chinese form of filters and lists, shared by the reasons and the Excel form.</summary>
public static class IndicatorText
{
    /// <summary>Separates the values of a list: 法治教育、关爱服务.</summary>
    public const string ListSeparator = "、";

    /// <summary>Separates the fields of a filter: 活动类型=法治教育；方式=请进来.</summary>
    public const string FieldSeparator = "；";

    /// <summary>A filter as people read it, fields in the measure's order: 活动类型=法治教育、关爱服务；方式=请进来.</summary>
    public static string Filter(MeasureDefinition? measure, IReadOnlyDictionary<string, IReadOnlyList<string>>? filter)
    {
        if (filter is null || filter.Count == 0)
        {
            return "";
        }

        var order = measure?.Fields.Select(f => f.Name).ToList() ?? [];
        return string.Join(FieldSeparator, filter
            .OrderBy(f => order.IndexOf(f.Key) is var i && i < 0 ? int.MaxValue : i).ThenBy(f => f.Key, StringComparer.Ordinal)
            .Select(f =>
            {
                var field = measure?.Field(f.Key);
                return (field?.Label ?? f.Key) + "=" + string.Join(ListSeparator, f.Value.Select(v => field?.Display(v) ?? v));
            }));
    }

    /// <summary>
    /// Reads a filter written as <see cref="Filter"/> writes it (labels or field codes, value labels or codes; “;”, “；”
    /// or a line break between fields; “、”, “,” or “，” between values). Errors name what was not understood.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>>? ParseFilter(MeasureDefinition? measure, string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var part in text.Split([';', '；', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOfAny(['=', '＝']);
            if (eq <= 0)
            {
                errors.Add($"筛选条件“{part}”应写成“字段=值1、值2”");
                continue;
            }

            var name = part[..eq].Trim();
            var field = measure?.Fields.FirstOrDefault(f => f.Label == name || f.Name == name);
            var values = SplitList(part[(eq + 1)..]).Select(v => field?.Parse(v) ?? v).ToList();
            result[field?.Name ?? name] = values;
        }

        return result.Count == 0 ? null : result;
    }

    /// <summary>Splits a list cell: 法治教育、关爱服务 (also “,” “，” “;” “；”).</summary>
    public static List<string> SplitList(string? text) =>
        text is null ? [] : [.. text.Split(['、', ',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

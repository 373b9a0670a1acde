using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WuHao.Web.Domain.Indicators;

/// <summary>A problem of a system: the code of the indicator (or section, or the system's own), the field path, a Chinese message.</summary>
public sealed record IndicatorError(string Code, string Path, string Message);

/// <summary>
/// The JSON form of an indicator system, exactly API.md's template: camelCase, every option left at its default
/// omitted. <see cref="Read"/> normalises (trims text, drops <c>yearsBack: 1</c> and empty lists, 5.0 → 5), so that
/// read → write → read → write gives the same bytes.
/// </summary>
public static class IndicatorJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        IndentSize = 2,
    };

    public static string Write(IndicatorSystem system) => JsonSerializer.Serialize(Normalise(system), Options) + "\n";

    /// <summary>The system in the JSON, normalised; or null with the reason in Chinese (where in the text, and what).</summary>
    public static IndicatorSystem? Read(string json, out IndicatorError? error)
    {
        error = null;
        try
        {
            if (JsonSerializer.Deserialize<IndicatorSystem>(json, Options) is { } system)
            {
                return Normalise(system);
            }

            error = new IndicatorError("", "$", "JSON内容为空");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"第{line + 1}行第{e.BytePositionInLine + 1}个字节附近" : "";
            var what = e.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "有模板格式中没有的字段"
                : e.Message.Contains("could not be converted", StringComparison.Ordinal) ? "字段的值类型不对（数值、文字、是/否或列表）"
                : "不是有效的JSON";
            error = new IndicatorError("", e.Path ?? "$", $"指标体系JSON{where}{what}（{e.Path}）");
        }

        return null;
    }

    /// <summary>The canonical form: trimmed text, empty optional text and lists as null, <c>yearsBack: 1</c> as null, decimals without trailing zeros.</summary>
    public static IndicatorSystem Normalise(IndicatorSystem system) => system with
    {
        Code = system.Code?.Trim() ?? "",
        Name = system.Name?.Trim() ?? "",
        Version = system.Version?.Trim() ?? "",
        Description = Text(system.Description),
        AppliesTo = List(system.AppliesTo),
        MaxTotal = D(system.MaxTotal),
        PassScore = D(system.PassScore),
        Sections = [.. (system.Sections ?? []).Select(s => s with
        {
            Code = s.Code?.Trim() ?? "",
            Name = s.Name?.Trim() ?? "",
            Indicators = [.. (s.Indicators ?? []).Select(Normalise)],
        })],
    };

    private static Indicator Normalise(Indicator i) => i with
    {
        Code = i.Code?.Trim() ?? "",
        Name = i.Name?.Trim() ?? "",
        Points = D(i.Points),
        Method = Text(i.Method),
        Evidence = Text(i.Evidence),
        Rule = i.Rule is null ? new IndicatorRule() : i.Rule with
        {
            Type = i.Rule.Type?.Trim() ?? "",
            Measure = Text(i.Rule.Measure),
            Filter = Filter(MeasureCatalogue.Find(i.Rule.Measure?.Trim()), i.Rule.Filter),
            Required = List(i.Rule.Required),
            Min = D(i.Rule.Min),
            Deduct = D(i.Rule.Deduct),
            MaxDeduct = D(i.Rule.MaxDeduct),
            PerItem = D(i.Rule.PerItem),
            YearsBack = i.Rule.YearsBack == 1 ? null : i.Rule.YearsBack,
        },
    };

    /// <summary>Trimmed, with the fields in the measure's order (then unknown ones by name), values in the order given.</summary>
    private static Dictionary<string, IReadOnlyList<string>>? Filter(MeasureDefinition? measure, IReadOnlyDictionary<string, IReadOnlyList<string>>? filter)
    {
        if (filter is not { Count: > 0 })
        {
            return null;
        }

        var order = measure?.Fields.Select(f => f.Name).ToList() ?? [];
        return filter
            .Select(p => (Key: p.Key.Trim(), Values: (IReadOnlyList<string>)[.. (p.Value ?? []).Select(v => v?.Trim() ?? "")]))
            .OrderBy(p => order.IndexOf(p.Key) is var n && n < 0 ? int.MaxValue : n).ThenBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => p.Values, StringComparer.Ordinal);
    }

    private static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static IReadOnlyList<string>? List(IReadOnlyList<string>? list) =>
        list is { Count: > 0 } ? [.. list.Select(v => v?.Trim() ?? "")] : null;

    private static decimal D(decimal d) => d / 1.000000000000000000000000000000000m;

    private static decimal? D(decimal? d) => d is { } v ? D(v) : null;
}

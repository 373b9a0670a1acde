namespace WuHao.Web.Domain.Indicators;

/// <summary>
/// The indicator systems that ship with the product: built from the seed plan's “一、创建内容及标准”, marked in
/// their names and descriptions as templates for the banner to replace with its official system. They are JSON files
/// in the template format (Domain/Indicators/Defaults), embedded in the assembly.
/// </summary>
public static class DefaultSystems
{
    /// <summary>For 嘎查村, 社区 and 分场.</summary>
    public static IndicatorSystem Village => Load("village");

    /// <summary>For schools' committees: the clauses that apply to a school.</summary>
    public static IndicatorSystem School => Load("school");

    public static IReadOnlyList<IndicatorSystem> All => [Village, School];

    /// <summary>The JSON text of a shipped template, as it is in the repository.</summary>
    public static string Json(string name)
    {
        using var stream = typeof(DefaultSystems).Assembly.GetManifestResourceStream($"WuHao.Indicators.{name}.json")
            ?? throw new InvalidOperationException($"No shipped indicator system named '{name}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static IndicatorSystem Load(string name) =>
        IndicatorJson.Read(Json(name), out var error) ?? throw new InvalidOperationException($"Shipped indicator system '{name}' does not read: {error?.Message}");
}

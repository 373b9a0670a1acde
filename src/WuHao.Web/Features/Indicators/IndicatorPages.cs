using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;
using static WuHao.Web.Domain.Indicators.IndicatorRules;

namespace WuHao.Web.Features.Indicators;

/// <summary>A scoring rule as a person reads it (R-6.3): "党支部专题会议每年至少2次，每少1次扣2.5分".</summary>
public static class RuleText
{
    public static string Describe(Indicator indicator)
    {
        var rule = indicator.Rule;
        if (rule.IsManual)
        {
            return indicator.Veto
                ? $"验收组{indicator.Method ?? "检查"}后认定是否触及否决项"
                : $"验收组{indicator.Method ?? "检查"}后人工评分（0—{N(indicator.FullPoints)}分）";
        }

        var measure = MeasureCatalogue.Find(rule.Measure);
        if (measure is null)
        {
            return rule.Measure ?? "";
        }

        var filter = MeasureFilter.From(rule.Filter).IsEmpty ? "" : $"（{IndicatorText.Filter(measure, rule.Filter)}）";
        var noun = measure.Name + filter + (rule.RequireEvidence ? "（只计有佐证材料的）" : "");
        var unit = measure.Unit;
        var span = rule.Window == 1 ? "每年" : $"近{rule.Window}年累计";
        string Amount(decimal x) => rule.Type == RuleTypes.Sum ? Money(x) + unit : N(x) + unit;
        var text = rule.Type switch
        {
            RuleTypes.Count or RuleTypes.Sum when rule.PerItem is { } each =>
                $"{noun}{span}每{unit}得{N(each)}分，最高{N(indicator.FullPoints)}分",
            RuleTypes.Count or RuleTypes.Sum => $"{noun}{span}至少{Amount(rule.Min ?? 0)}" + Shortfall($"每少1{unit}", rule),
            RuleTypes.Present => $"{noun}须齐全：{string.Join("、", rule.Required ?? [])}" + Shortfall("每缺1项", rule),
            RuleTypes.Ratio => $"{noun}的比例每年至少{Percent(rule.Min ?? 0)}" + (rule.Proportional ? "，不足按比例计分" : "，不足不得分"),
            RuleTypes.Growth => $"{noun}年末人数不少于上一年末，减少不得分",
            RuleTypes.Within => (rule.Years ?? 1) == 1 ? $"{noun}每年至少1{unit}" : $"{noun}每{rule.Years}年至少1{unit}",
            RuleTypes.None => $"不得有{noun}" + Shortfall($"每有1{unit}", rule),
            _ => RuleTypes.Label(rule.Type),
        };
        return indicator.Veto ? text.Split('，')[0] + "，达不到即为未达标" : text;
    }

    private static string Shortfall(string each, IndicatorRule rule)
    {
        if (rule.Proportional)
        {
            return "，不足按比例计分";
        }

        if (rule.Deduct is not { } d)
        {
            return "，达不到不得分";
        }

        return $"，{each}扣{N(d)}分" + (rule.MaxDeduct is { } cap ? $"，最多扣{N(cap)}分" : "");
    }
}

/// <summary>Where a record of an API collection is kept in the pages: its form (new or one record) and its list.</summary>
public sealed record RecordPage(string Form, string List)
{
    private static readonly Dictionary<string, RecordPage> ByCollection = new(StringComparer.Ordinal)
    {
        ["party-meetings"] = new("/Team/Meeting", "/Team/Meetings"),
        ["study-sessions"] = new("/Team/Study", "/Team/Studies"),
        ["team-members"] = new("/Team/Member", "/Team"),
        ["elders"] = new("/Elders/Elder", "/Elders"),
        ["trainings"] = new("/Elders/Training", "/Elders/Trainings"),
        ["commendations"] = new("/Elders/Commendation", "/Elders/Commendations"),
        ["deeds"] = new("/Elders/Deed", "/Elders/Deeds"),
        ["studios"] = new("/Elders/Studio", "/Elders/Studios"),
        ["donors"] = new("/Elders/Donor", "/Elders/Donors"),
        ["rule-documents"] = new("/Rules/RuleDocument", "/Rules/Documents"),
        ["work-cycle"] = new("/Rules/WorkStep", "/Rules/WorkCycle"),
        ["activities"] = new("/Activities/Activity", "/Activities"),
        ["investigations"] = new("/Innovation/Investigation", "/Innovation/Investigations"),
        ["experiences"] = new("/Innovation/Experience", "/Innovation/Experiences"),
        ["civilization-entries"] = new("/Activities/Civilization", "/Activities/Civilizations"),
        ["youth-cases"] = new("/Cases/Case", "/Cases"),
        ["funds"] = new("/Rules/Fund", "/Rules/Funds"),
        ["archive"] = new("/Rules/ArchiveEntry", "/Rules/Archive"),
    };

    public static RecordPage? Of(string? collection) => collection is not null ? ByCollection.GetValueOrDefault(collection) : null;

    /// <summary>The page of one record of a unit.</summary>
    public static string? RecordUrl(string collection, int unitId, int id) => Of(collection) is { } p ? $"{p.Form}/{unitId}/{id}" : null;

    /// <summary>
    /// Where to close a gap of an indicator: the form that records what is missing (for a user who may edit), else
    /// the list; null for a manual indicator.
    /// </summary>
    public static (string Url, string Label)? FixLink(Indicator? indicator, int unitId, bool canEdit)
    {
        var measure = MeasureCatalogue.Find(indicator?.Rule.Measure);
        if (measure is null || Of(measure.Collection) is not { } page)
        {
            return null;
        }

        // Vacancies and covered organisations are fixed on the team page, people on the roster, sets on their lists.
        var listOnly = !canEdit || measure.Kind is MeasureKind.Set or MeasureKind.Level
            || measure.Code is "teamVacancies" or "eldersActive" or "youthCasesHelped";
        return listOnly
            ? ($"{page.List}/{unitId}", "去查看" + measure.Name)
            : ($"{page.Form}/{unitId}", "去登记" + measure.Name);
    }
}

/// <summary>The colours and words of an indicator's status on the pages.</summary>
public static class StatusView
{
    public static string Label(string status) => status switch
    {
        IndicatorStatus.Met => "达标",
        IndicatorStatus.Partial => "部分得分",
        IndicatorStatus.Unmet => "未达标",
        _ => "待评分",
    };

    /// <summary>The CSS class of a status: green, yellow, red, grey.</summary>
    public static string Css(string status) => "status-" + status;

    /// <summary>The badge of a status: green, yellow, red, grey.</summary>
    public static string Badge(string status) => status switch
    {
        IndicatorStatus.Met => "text-bg-success",
        IndicatorStatus.Partial => "text-bg-warning",
        IndicatorStatus.Unmet => "text-bg-danger",
        _ => "text-bg-secondary",
    };

    public static string Score(decimal? score) => score is { } s ? N(s) : "—";

    public static string StateBadge(string state) => state switch
    {
        IndicatorSystemStates.Published => "text-bg-success",
        IndicatorSystemStates.Draft => "text-bg-secondary",
        _ => "text-bg-light",
    };

    public static string Units(IEnumerable<string> apiNames) => string.Join("、", apiNames.Select(IndicatorTerms.UnitTypeName));
}

/// <summary>Reads a system file posted by a page's upload form (field <c>file</c>): .json in the template format, else the Excel form.</summary>
public static class SystemFile
{
    private const int MaxJsonBytes = 2 * 1024 * 1024;

    public static async Task<SystemUpload> ReadAsync(HttpRequest request, Infrastructure.Office.ExcelOptions excel, CancellationToken ct)
    {
        var upload = await Infrastructure.Office.RosterUpload.ReadAsync(request, excel, ct);
        if (upload.Refusal is { } refusal)
        {
            return new SystemUpload(null, refusal.Status == Infrastructure.Office.ImportStatus.Invalid
                ? ["请选择要导入的指标体系文件（.json 或 .xlsx）"]
                : [.. refusal.ErrorList.Select(e => e.Message)]);
        }

        if (!upload.FileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return IndicatorSystems.FromExcel(upload.File!, excel);
        }

        if (upload.File!.Length > MaxJsonBytes)
        {
            return new SystemUpload(null, ["JSON文件超过2MB的上限"]);
        }

        using var reader = new StreamReader(upload.File);
        return IndicatorSystems.FromJson(await reader.ReadToEndAsync(ct));
    }
}

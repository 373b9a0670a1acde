namespace WuHao.Web.Domain.Indicators;

/// <summary>
/// Says in Chinese exactly what is wrong with an indicator system before it is saved (R-6.3): each error names the
/// indicator (or section) code, the field path and what would be right. A system is saved only when the list is empty.
/// Decisions: non-bonus, non-veto points must add up to <c>maxTotal</c> (100 when not declared); a veto item carries
/// no points (it passes or fails the unit) and may have a manual or an automatic rule.
/// </summary>
public static class IndicatorValidator
{
    public static IReadOnlyList<IndicatorError> Validate(IndicatorSystem system)
    {
        var errors = new List<IndicatorError>();
        void Add(string code, string path, string message) => errors.Add(new IndicatorError(code, path, message));

        var sys = system.Code;
        if (string.IsNullOrWhiteSpace(system.Code))
        {
            Add("", "code", "指标体系缺少编号");
        }

        if (string.IsNullOrWhiteSpace(system.Name))
        {
            Add(sys, "name", "指标体系缺少名称");
        }

        if (string.IsNullOrWhiteSpace(system.Version))
        {
            Add(sys, "version", "指标体系缺少版本号");
        }

        foreach (var (type, i) in (system.AppliesTo ?? []).Select((t, i) => (t, i)))
        {
            if (!IndicatorTerms.UnitTypes.Contains(type))
            {
                Add(sys, $"appliesTo[{i}]", $"适用单位类型“{type}”不存在，可选：{string.Join("、", IndicatorTerms.UnitTypes)}");
            }
        }

        if (system.MaxTotal is <= 0)
        {
            Add(sys, "maxTotal", "总分须大于0");
        }

        var total = system.DeclaredTotal;
        if (system.PassScore < 0 || system.PassScore > total)
        {
            Add(sys, "passScore", $"达标分{IndicatorRules.N(system.PassScore)}须在0到总分{IndicatorRules.N(total)}之间");
        }

        if (system.Sections.Count == 0)
        {
            Add(sys, "sections", "指标体系没有分项");
        }

        var sectionCodes = new HashSet<string>(StringComparer.Ordinal);
        var indicatorCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (section, s) in system.Sections.Select((x, s) => (x, s)))
        {
            var sp = $"sections[{s}]";
            if (string.IsNullOrWhiteSpace(section.Code))
            {
                Add("", sp + ".code", $"第{s + 1}个分项缺少编号");
            }
            else if (!sectionCodes.Add(section.Code))
            {
                Add(section.Code, sp + ".code", $"分项编号{section.Code}重复");
            }

            if (string.IsNullOrWhiteSpace(section.Name))
            {
                Add(section.Code, sp + ".name", $"分项{section.Code}缺少名称");
            }

            if (section.Indicators.Count == 0)
            {
                Add(section.Code, sp + ".indicators", $"分项{section.Code}没有指标");
            }

            foreach (var (indicator, n) in section.Indicators.Select((x, n) => (x, n)))
            {
                var ip = $"{sp}.indicators[{n}]";
                if (string.IsNullOrWhiteSpace(indicator.Code))
                {
                    Add("", ip + ".code", $"分项{section.Code}的第{n + 1}个指标缺少编号");
                }
                else if (!indicatorCodes.Add(indicator.Code))
                {
                    Add(indicator.Code, ip + ".code", $"指标编号{indicator.Code}重复");
                }

                ValidateIndicator(indicator, ip, (path, message) => Add(indicator.Code, path, $"指标{indicator.Code}：{message}"));
            }
        }

        var points = system.Indicators.Where(i => !i.Bonus && !i.Veto).Sum(i => i.Points ?? 0);
        if (system.Sections.Count > 0 && points != total)
        {
            Add(sys, "sections", $"非加分项的分值合计{IndicatorRules.N(points)}分，与总分{IndicatorRules.N(total)}分不符"
                + (system.MaxTotal is null ? "（未声明总分maxTotal时总分为100分）" : ""));
        }

        return errors;
    }

    private static void ValidateIndicator(Indicator indicator, string ip, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(indicator.Name))
        {
            add(ip + ".name", "缺少名称");
        }

        if (indicator.Veto)
        {
            if (indicator.Bonus)
            {
                add(ip + ".bonus", "不能既是加分项又是否决项");
            }

            if (indicator.Points is not null and not 0)
            {
                add(ip + ".points", "否决项不计分，请删去分值（未通过即为未达标）");
            }
        }
        else if (indicator.Points is null)
        {
            add(ip + ".points", "缺少分值");
        }
        else if (indicator.Points <= 0)
        {
            add(ip + ".points", "分值须大于0");
        }

        if (indicator.Method is { } method && !IndicatorTerms.Methods.Contains(method))
        {
            add(ip + ".method", $"考评方式“{method}”不存在，可选：{string.Join("、", IndicatorTerms.Methods)}");
        }

        ValidateRule(indicator, indicator.Rule, ip + ".rule", add);
    }

    private static void ValidateRule(Indicator indicator, IndicatorRule rule, string rp, Action<string, string> add)
    {
        var points = indicator.FullPoints;
        if (!RuleTypes.All.Contains(rule.Type))
        {
            add(rp + ".type", $"规则类型“{rule.Type}”不存在，可选：{string.Join("、", RuleTypes.All)}");
            return;
        }

        if (rule.IsManual)
        {
            if (rule.Measure is not null || rule.Filter is not null || rule.Min is not null || rule.Required is not null
                || rule.Deduct is not null || rule.PerItem is not null || rule.Years is not null || rule.YearsBack is not null
                || rule.MaxDeduct is not null || rule.Proportional || rule.RequireEvidence)
            {
                add(rp + ".measure", "人工评分（manual）由验收组打分，不能设统计口径、筛选条件或计分参数");
            }

            return;
        }

        if (rule.Measure is null)
        {
            add(rp + ".measure", $"{RuleTypes.Label(rule.Type)}（{rule.Type}）规则缺少统计口径（measure）");
            return;
        }

        if (MeasureCatalogue.Find(rule.Measure) is not { } measure)
        {
            add(rp + ".measure", $"统计口径“{rule.Measure}”不存在，可选：{MeasureCatalogue.Codes}");
            return;
        }

        if (!measure.RuleTypes.Contains(rule.Type))
        {
            add(rp + ".type", $"统计口径{measure.Code}（{measure.Name}）不能用{rule.Type}规则，可用：{string.Join("、", measure.RuleTypes)}");
        }

        ValidateFilter(rule, measure, rp, add);
        ValidateNumbers(rule, points, rp, add);

        if (rule.YearsBack is { } back)
        {
            if (back < 1)
            {
                add(rp + ".yearsBack", "统计年数（yearsBack）至少为1");
            }
            else if (back > 1 && !measure.SupportsYearsBack)
            {
                add(rp + ".yearsBack", $"统计口径{measure.Code}（{measure.Name}）只按当年统计，不能设统计年数（yearsBack）");
            }
            else if (back > 1 && rule.Type == RuleTypes.Within)
            {
                add(rp + ".yearsBack", "年限内发生（within）规则用years表示年限，不能设统计年数（yearsBack）");
            }
        }

        if (rule.RequireEvidence && !measure.SupportsEvidence)
        {
            add(rp + ".requireEvidence", $"统计口径{measure.Code}（{measure.Name}）的记录不带佐证材料，不能设“须有佐证”（requireEvidence）");
        }
    }

    private static void ValidateFilter(IndicatorRule rule, MeasureDefinition measure, string rp, Action<string, string> add)
    {
        foreach (var (field, values) in rule.Filter ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            if (measure.Field(field) is not { } f)
            {
                add($"{rp}.filter.{field}", measure.Fields.Count == 0
                    ? $"统计口径{measure.Code}（{measure.Name}）不能筛选"
                    : $"统计口径{measure.Code}（{measure.Name}）没有筛选字段“{field}”，可选：{string.Join("、", measure.Fields.Select(x => $"{x.Name}（{x.Label}）"))}");
                continue;
            }

            if (values.Count == 0)
            {
                add($"{rp}.filter.{field}", $"筛选字段{field}（{f.Label}）没有列出任何值");
            }

            foreach (var v in values.Where(v => !f.Values.Contains(v, StringComparer.Ordinal)))
            {
                add($"{rp}.filter.{field}", $"筛选字段{field}（{f.Label}）的值“{v}”不存在，可选：{string.Join("、", f.Values)}");
            }
        }

        if (measure.Code == "funds" && (rule.Filter?.GetValueOrDefault("direction") is not { Count: 1 }))
        {
            add(rp + ".filter.direction", "活动经费（funds）须筛选收支方向，且只选一个：{\"direction\": [\"income\"]}（收入）或[\"spending\"]（支出）");
        }

        if (rule.Required is not null && rule.Type != RuleTypes.Present)
        {
            add(rp + ".required", "只有必备齐全（present）规则能列出必备项（required）");
        }

        if (rule.Type == RuleTypes.Present)
        {
            if (rule.Required is not { Count: > 0 })
            {
                add(rp + ".required", "必备齐全（present）规则须列出必备项（required）");
            }

            foreach (var r in (rule.Required ?? []).Where(r => measure.Items?.Contains(r) == false))
            {
                add(rp + ".required", $"必备项“{r}”不是{measure.Name}之一，可选：{string.Join("、", measure.Items!)}");
            }

            if (rule.Required is { } req && req.Distinct().Count() != req.Count)
            {
                add(rp + ".required", "必备项有重复");
            }
        }
    }

    private static void ValidateNumbers(IndicatorRule rule, decimal points, string rp, Action<string, string> add)
    {
        var type = rule.Type;
        var needsMin = type is RuleTypes.Sum or RuleTypes.Ratio || (type == RuleTypes.Count && rule.PerItem is null);
        if (needsMin && rule.Min is null)
        {
            add(rp + ".min", $"{RuleTypes.Label(type)}（{type}）规则缺少要求数量（min）");
        }

        if (!needsMin && rule.Min is not null && type != RuleTypes.Count)
        {
            add(rp + ".min", $"{RuleTypes.Label(type)}（{type}）规则不用要求数量（min）");
        }

        if (rule.Min is < 0)
        {
            add(rp + ".min", "要求数量（min）不能小于0");
        }

        if (type == RuleTypes.Ratio && rule.Min is > 1)
        {
            add(rp + ".min", $"比例（ratio）的要求（min）须在0到1之间，如0.8表示80%，现为{IndicatorRules.N(rule.Min.Value)}");
        }

        var deducts = type is RuleTypes.Count or RuleTypes.Sum or RuleTypes.Present or RuleTypes.None;
        if (rule.Deduct is not null && !deducts)
        {
            add(rp + ".deduct", $"{RuleTypes.Label(type)}（{type}）规则不按缺少扣分，不能设每少一次扣分（deduct）");
        }

        if (rule.Deduct is { } d && (d <= 0 || d > points))
        {
            add(rp + ".deduct", $"每少一次扣分（deduct）{IndicatorRules.N(d)}须大于0且不超过分值{IndicatorRules.N(points)}");
        }

        if (rule.MaxDeduct is { } m)
        {
            if (m <= 0 || m > points)
            {
                add(rp + ".maxDeduct", $"最多扣分（maxDeduct）{IndicatorRules.N(m)}须大于0且不超过分值{IndicatorRules.N(points)}");
            }

            if (rule.Deduct is null)
            {
                add(rp + ".maxDeduct", "设了最多扣分（maxDeduct）却没有每少一次扣分（deduct）");
            }
        }

        if (rule.PerItem is { } each)
        {
            if (type != RuleTypes.Count)
            {
                add(rp + ".perItem", "只有计数（count）规则能按每项得分（perItem）");
            }
            else if (each <= 0 || each > points)
            {
                add(rp + ".perItem", $"每项得分（perItem）{IndicatorRules.N(each)}须大于0且不超过分值{IndicatorRules.N(points)}");
            }

            if (rule.Deduct is not null || rule.Proportional)
            {
                add(rp + ".perItem", "每项得分（perItem）不能与扣分（deduct）或按比例（proportional）同用");
            }
        }

        if (rule.Proportional)
        {
            if (type is not (RuleTypes.Count or RuleTypes.Sum or RuleTypes.Ratio))
            {
                add(rp + ".proportional", "只有计数、金额合计和比例规则能按比例计分（proportional）");
            }
            else if (rule.Deduct is not null)
            {
                add(rp + ".proportional", "按比例计分（proportional）不能同时设每少一次扣分（deduct）");
            }
        }

        if (type == RuleTypes.Within)
        {
            if (rule.Years is null)
            {
                add(rp + ".years", "年限内发生（within）规则缺少年限（years）");
            }
            else if (rule.Years < 1)
            {
                add(rp + ".years", "年限（years）至少为1");
            }
        }
        else if (rule.Years is not null)
        {
            add(rp + ".years", "只有年限内发生（within）规则能设年限（years）；要统计近几年的数量请用yearsBack");
        }

    }
}

using WuHao.Tests.Infrastructure;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;
using WuHao.Web.Features.Indicators;

namespace WuHao.Tests.Indicators;

/// <summary>The template format (API.md) in JSON and Excel, and the shipped default systems .</summary>
public sealed class TemplateFormTests
{
    /// <summary>API.md's example, as written there.</summary>
    private const string ApiExample = """
        {
          "code": "kzzq-wuhao-2023", "name": "…验收指标体系", "version": "1",
          "passScore": 85,
          "sections": [
            { "code": "1", "name": "领导班子建设好",
              "indicators": [
                { "code": "1.1", "name": "党支部每年至少两次专题研究关工委工作", "points": 5,
                  "method": "查资料", "evidence": "会议记录",
                  "rule": { "type": "count", "measure": "partyMeetings", "min": 2, "deduct": 2.5 } },
                { "code": "1.2", "name": "班子结构合理", "points": 5, "method": "听汇报", "rule": { "type": "manual" } },
                { "code": "B1", "name": "经验被旗级以上推广", "points": 3, "bonus": true,
                  "rule": { "type": "count", "measure": "experiences", "filter": { "level": ["旗", "市", "区", "国家"] }, "min": 1 } },
                { "code": "V1", "name": "发生侵害未成年人案件未报告", "veto": true, "rule": { "type": "manual" } }
              ] } ]
        }
        """;

    public static TheoryData<string> Defaults => ["village", "school"];

    [Fact]
    public void The_API_example_reads_with_every_field_and_writes_back_in_the_same_shape()
    {
        var system = IndicatorJson.Read(ApiExample, out var error)!;

        Assert.Null(error);
        var b1 = system.Indicators.Single(i => i.Code == "B1");
        Assert.True(b1.Bonus);
        Assert.Equal(["旗", "市", "区", "国家"], b1.Rule.Filter!["level"]);
        Assert.True(system.Indicators.Single(i => i.Code == "V1").Veto);
        var json = IndicatorJson.Write(system);
        Assert.Contains("\"rule\": {\n            \"type\": \"count\",\n            \"measure\": \"partyMeetings\",\n            \"min\": 2,\n            \"deduct\": 2.5\n          }", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"proportional\"", json, StringComparison.Ordinal);   // defaults are omitted
        Assert.DoesNotContain("\"points\": 0", json, StringComparison.Ordinal);
        Assert.Equal(json, IndicatorJson.Write(IndicatorJson.Read(json, out _)!));
    }

    [Fact]
    public void Json_is_byte_stable_after_one_normalisation()
    {
        var loose = ApiExample.Replace("\"min\": 2,", "\"min\": 2.0, \"yearsBack\": 1, \"proportional\": false,", StringComparison.Ordinal)
            .Replace("\"method\": \"查资料\"", "\"method\": \" 查资料 \"", StringComparison.Ordinal);

        var once = IndicatorJson.Write(IndicatorJson.Read(loose, out _)!);
        var twice = IndicatorJson.Write(IndicatorJson.Read(once, out _)!);

        Assert.Equal(once, twice);
        Assert.DoesNotContain("yearsBack", once, StringComparison.Ordinal);
        Assert.Contains("\"min\": 2,", once, StringComparison.Ordinal);
        Assert.Contains("\"method\": \"查资料\"", once, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"code": "x", "passScore": "八十五"}""", "字段的值类型不对")]
    [InlineData("""{"code": "x", "passScore": 85, "grade": 1}""", "有模板格式中没有的字段")]
    [InlineData("""{"code": "x",""", "不是有效的JSON")]
    public void Bad_json_is_refused_in_Chinese(string json, string message)
    {
        Assert.Null(IndicatorJson.Read(json, out var error));
        Assert.Contains(message, error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Defaults))]
    public void Default_systems_are_valid_templates_summing_to_100(string name)
    {
        var system = name == "village" ? DefaultSystems.Village : DefaultSystems.School;

        Assert.Empty(IndicatorValidator.Validate(system));
        Assert.Equal(100m, system.Indicators.Where(i => !i.Bonus && !i.Veto).Sum(i => i.FullPoints));
        Assert.Equal(85m, system.PassScore);
        Assert.Contains(system.Indicators, i => i.Bonus);
        Assert.Contains(system.Indicators, i => i.Veto);
        Assert.Contains("示范模板", system.Name, StringComparison.Ordinal);
        Assert.Contains("替换", system.Description, StringComparison.Ordinal);
        Assert.Equal(["1", "2", "3", "4", "5"], system.Sections.Select(s => s.Code));
        Assert.All(system.Indicators, i => Assert.False(string.IsNullOrEmpty(i.Method)));
        Assert.All(system.Indicators, i => Assert.False(string.IsNullOrEmpty(i.Evidence)));
        Assert.Equal(name == "village" ? ["village", "community", "farm"] : ["school"], system.AppliesTo);
    }

    [Theory]
    [MemberData(nameof(Defaults))]
    public void Default_files_are_in_canonical_form(string name)
    {
        var text = DefaultSystems.Json(name);

        Assert.Equal(text, IndicatorJson.Write(IndicatorJson.Read(text, out _)!));
    }

    [Fact]
    public void The_village_template_covers_every_clause_of_the_seed_standards()
    {
        var measures = DefaultSystems.Village.Indicators.Select(i => i.Rule.Measure).OfType<string>().ToHashSet();

        // 青妇民兵治保, 例会, 学习, 逐年壮大, 爱心人士, 五老之家, 事迹, 表彰会, 培训, 制度, 计划布置检查总结, 调查研究, 联谊活动, 典型经验, 活动, 困境青少年档案, 文明创建
        string[] expected = ["teamVacancies", "teamOrganisationsCovered", "partyMeetings", "studySessions", "elderGrowth", "donors", "studios", "deeds",
            "commendationMeetings", "trainings", "eldersTrained", "ruleDocuments", "workCycle", "investigations", "schoolJointActivities", "experiences",
            "activities", "youthCasesHelped", "civilizationEntries", "activityMonths"];
        Assert.Empty(expected.Except(measures));
    }

    [Theory]
    [MemberData(nameof(Defaults))]
    public void Json_to_Excel_and_back_gives_the_same_json(string name)
    {
        var json = DefaultSystems.Json(name);
        var system = IndicatorJson.Read(json, out _)!;

        using var file = new MemoryStream(IndicatorExcel.Write(system));
        var read = IndicatorExcel.Read(file);

        Assert.Empty(read.Problems);
        Assert.Equal(json, IndicatorJson.Write(read.System!));
    }

    [Fact]
    public void The_excel_form_shows_measures_and_filters_in_Chinese()
    {
        using var file = new MemoryStream(IndicatorExcel.Write(DefaultSystems.Village));
        var rows = MiniExcelLibs.MiniExcel.Query(file, useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();

        var header = rows.First(r => (r["A"] as string) == "分项编号");
        Assert.Equal(["分项编号", "分项名称", "指标编号", "指标名称", "分值", "考评方式", "佐证材料", "加分项", "否决项", "规则类型", "统计口径", "筛选条件",
            "必备项", "要求数量", "每少一次扣分", "最多扣分", "每项得分", "按比例", "年限", "统计年数", "须有佐证"], header.Values.Select(v => v as string));
        Assert.Equal("科左中旗创建\"五好\"嘎查村关工委验收指标体系（示范模板）", rows[1]["B"]);
        Assert.Equal("嘎查村、社区、分场", rows[4]["B"]);
        var lawMode = rows.Single(r => (r["C"] as string) == "5.5");
        Assert.Equal(("计数", "活动", "活动类型=法治教育；方式=请进来、走出去"), (lawMode["J"], lawMode["K"], lawMode["L"]));
        var funds = rows.Single(r => (r["C"] as string) == "3.5");
        Assert.Equal(("金额合计", "活动经费", "收支=支出"), (funds["J"], funds["K"], funds["L"]));
    }

    [Fact]
    public void Bad_excel_rows_are_reported_by_row_and_column_in_Chinese()
    {
        object?[] Header = ["分项编号", "分项名称", "指标编号", "指标名称", "分值", "考评方式", "佐证材料", "加分项", "否决项", "规则类型", "统计口径", "筛选条件",
            "必备项", "要求数量", "每少一次扣分", "最多扣分", "每项得分", "按比例", "年限", "统计年数", "须有佐证"];
        var bytes = Xlsx.Build(
        [
            ["体系编号", "t"], ["体系名称", "测试"], ["版本", "1"], ["达标分", "八十五"],
            Header,
            ["1", "领导班子建设好", "1.1", "党支部会议", "五", "查资料", null, null, null, "计数", "党支部专题会议", null, null, 2, 2.5],
            ["1", "领导班子建设好", "1.2", "活动", 50, "查资料", null, "也许", null, "计数", "活动", "活动类型=法制教育", null, 1],
            ["1", "领导班子建设好", "1.3", "会议", 50, "查资料", null, null, null, "计数", "党员大会", null, null, 1],
            ["1", "领导班子", "1.3", "重复", 0, "查资料", null, null, null, "人工评分"],
        ]);

        var result = IndicatorExcel.Read(new MemoryStream(bytes));

        Assert.Null(result.System);
        var problems = result.Problems.Select(p => $"{p.Row}|{p.Column}|{p.Message}").ToList();
        Assert.Contains("4|B|达标分：“八十五”不是数字", problems);
        Assert.Contains("6|分值|“五”不是数字", problems);
        Assert.Contains("7|加分项|“也许”应填“是”或“否”", problems);
        Assert.Contains(problems, p => p.StartsWith("7|筛选条件|指标1.2：筛选字段types（活动类型）的值“法制教育”不存在", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("8|统计口径|统计口径“党员大会”不存在，可选：党支部专题会议、", StringComparison.Ordinal));
        Assert.Contains("9|分项名称|分项1的名称“领导班子”与第6行的“领导班子建设好”不一致", problems);
        Assert.Contains("9|指标编号|指标编号1.3重复", problems);
    }

    [Fact]
    public void A_sheet_without_the_header_row_is_refused()
    {
        var result = IndicatorExcel.Read(new MemoryStream(Xlsx.Build([["体系编号", "t"]])));

        Assert.Null(result.System);
        Assert.Contains(result.Problems, p => p.Message.StartsWith("没有找到表头行", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stored_system_is_read_from_its_own_text_even_when_another_database_has_one_under_the_same_id_and_version()
    {
        // The suite runs SQLite and PostgreSQL apps in one process: row 5, version 1 can be a different system in each.
        static IndicatorSystemRecord Row(string json) => new()
        {
            Id = 5, Version = 1, Code = "c", Name = "n", Edition = "1", State = IndicatorSystemStates.Published,
            AppliesTo = "village", Definition = json,
        };
        var school = Evaluations.Definition(Row(DefaultSystems.Json("school")));
        var village = Evaluations.Definition(Row(DefaultSystems.Json("village")));

        Assert.NotEqual(school.Name, village.Name);
        Assert.Equal(IndicatorJson.Read(DefaultSystems.Json("village"), out _)!.Name, village.Name);
    }
}

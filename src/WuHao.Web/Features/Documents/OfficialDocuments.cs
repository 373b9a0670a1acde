using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain.Indicators;
using WuHao.Web.Features.Assessment;
using WuHao.Web.Features.Indicators;
using WuHao.Web.Features.Plans;

namespace WuHao.Web.Features.Documents;

/// <summary>
/// The township's 验收报告 (R-7.2): its units' scores and results from the matrix (<see cref="Evaluations.MatrixAsync"/>),
/// the 达标率 of the title from <see cref="Certifications.RatesAsync"/>, and the indicators most units fall short of.
/// </summary>
public sealed class AcceptanceReportDocx(Dossiers dossiers, Evaluations evaluations, Certifications certifications) : IPackageDocument
{
    public PackageScope Scope => PackageScope.Township;

    public string FileName(UnitHeader unit, int year) => $"{year}年验收报告.docx";

    public async Task WriteAsync(UnitHeader unit, int year, Stream output, CancellationToken ct)
    {
        var system = await dossiers.SystemAsync(unit, ct) ?? throw new DocumentUnavailableException("还没有适用于下辖单位的已发布指标体系，无法生成。");
        var rows = (await evaluations.MatrixAsync(unit, system, year, ct)).Where(r => r.Unit.Id != unit.Id).ToList();
        var rate = (await certifications.RatesAsync(unit.Id, [year], ct)).FirstOrDefault(r => r.UnitId == unit.Id);
        var passed = rows.Count(r => r.Evaluation.Passed);
        using var doc = new OfficialDocx();
        doc.Number(DocumentText.Number(unit, year, 3));
        doc.Title($"{unit.Name}关于{year}年创建“五好”基层关工委验收情况的报告");
        doc.Paragraph($"按照“{system.Name}”（{system.Edition}），{unit.Name}关工委对下辖单位的创建工作进行了验收，现将情况报告如下。");
        doc.Heading1("一、基本情况");
        doc.Paragraph($"参加验收的单位{rows.Count}个，按指标体系评估达标{passed}个、未达标{rows.Count - passed}个，评估达标率{Percent(passed, rows.Count)}。"
            + (rate is null ? "" : $"截至{(year < dossiers.Today.Year ? $"{year}年底" : "目前")}，持有“五好”关工委称号的单位{rate.Certified}个（共{rate.Units}个），达标率{IndicatorRules.N(rate.Rate)}%。"));
        doc.Heading1("二、各单位得分");
        doc.Table(["单位", "总分", "满分", "结果", "待评分", "一票否决"], rows.Select(r => (IReadOnlyList<string>)
            [r.Unit.Name, IndicatorRules.N(r.Evaluation.Total), IndicatorRules.N(r.Evaluation.MaxTotal), r.Evaluation.Result, $"{r.Evaluation.Pending}项", r.Evaluation.Vetoed ? "是" : "否"]));
        doc.Heading1("三、存在的主要问题");
        var short_ = rows.SelectMany(r => Evaluator.Gaps(r.Evaluation).Where(g => g.Status != IndicatorStatus.Pending).Select(g => (g.Code, g.Name, Unit: r.Unit.Name)))
            .GroupBy(g => (g.Code, g.Name)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Code, StringComparer.Ordinal).ToList();
        if (short_.Count == 0)
        {
            doc.Paragraph("各单位自动计分的指标均已达标。");
        }
        else
        {
            doc.Table(["编号", "指标", "未达满分的单位数", "单位"], short_.Select(g => (IReadOnlyList<string>)
                [g.Key.Code, g.Key.Name, g.Count().ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join("、", g.Select(x => x.Unit))]));
        }

        doc.Heading1("四、下一步工作");
        doc.Paragraph("对未达标的单位，督促其对照差距清单逐项整改，明确责任人和完成期限；对已达标的单位，巩固创建成果，做好迎接旗关工委抽查的准备。");
        doc.Signature(unit.Name + "关工委", dossiers.Today);
        await doc.SaveAsync(output, ct);
    }

    private static string Percent(int part, int whole) => whole == 0 ? "—" : IndicatorRules.N(Math.Round(100m * part / whole, 1)) + "%";
}

/// <summary>
/// The 实施方案, the annual work plan and the annual summary (R-7.2). The plan prints the unit's plan of its newest campaign
/// as saved, else the draft Features/Plans makes from the seed; the work plan sets each indicator's rule as the year's
/// task; the summary reports each indicator's figure as the evaluation counted it (one number, one source).
/// </summary>
public sealed class WorkDocuments(Dossiers dossiers, AppDbContext db, PlanCommands plans)
{
    public async Task WritePlanAsync(UnitHeader unit, int year, Stream output, CancellationToken ct)
    {
        var campaign = await plans.CampaignForAsync(unit.Path, null, ct) ?? throw new DocumentUnavailableException("本单位还没有创建工作（旗关工委尚未发起），无法生成实施方案。");
        var id = await db.Plans.Where(p => p.UnitId == unit.Id && p.CampaignId == campaign.Id).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        var stored = id is { } planId ? await plans.OfUnit(unit.Id, campaign.Id).FirstOrDefaultAsync(p => p.Id == planId, ct) : null;
        var content = stored is null ? await plans.TemplateAsync(unit.Id, unit.Name, campaign, ct) : PlanCommands.ContentOf(stored);
        using var doc = new OfficialDocx();
        doc.Number(DocumentText.Number(unit, year, 1));
        doc.Title(content.Title);
        doc.Heading1("一、创建目标");
        var n = 0;
        foreach (var goal in content.Goals)
        {
            doc.Paragraph($"{(n == 0 ? "" : $"{n}. ")}{goal}");
            n++;
        }

        doc.Heading1("二、组织领导");
        doc.Table(["姓名", "职务", "分工"], content.People.Select(p => (IReadOnlyList<string>)[p.Name, p.Role, p.Duty ?? ""]));
        doc.Heading1("三、实施步骤");
        doc.Table(["工作内容", "责任人", "完成时间"], content.Steps.Select(s => (IReadOnlyList<string>)[s.What, s.Responsible, OfficialDocx.ZhDate(s.Due)]));
        doc.Heading1("四、工作要求");
        doc.Paragraph(content.Requirements ?? "");
        if (!string.IsNullOrWhiteSpace(content.Notes))
        {
            doc.Heading2("（四）其他");
            doc.Paragraph(content.Notes);
        }

        doc.Signature(unit.Name + "党支部", dossiers.Today);
        await doc.SaveAsync(output, ct);
    }

    public async Task WriteWorkPlanAsync(UnitHeader unit, int year, Stream output, CancellationToken ct)
    {
        var evaluation = await dossiers.EvaluateAsync(unit, year, withRecords: false, ct);
        var definition = Evaluations.Definition(evaluation.System);
        using var doc = new OfficialDocx();
        doc.Number(DocumentText.Number(unit, year, 4));
        doc.Title($"{unit.Name}关工委{year}年工作计划");
        doc.Paragraph($"{year}年，我单位关工委对照“{evaluation.System.Name}”，围绕“五好”标准安排全年工作。截至目前，按指标体系计算得分{IndicatorRules.N(evaluation.Evaluation.Total)}分（满分{IndicatorRules.N(evaluation.Evaluation.MaxTotal)}分）。");
        var n = 0;
        foreach (var s in evaluation.Evaluation.Sections)
        {
            doc.Heading1($"{DocumentText.Numeral(++n)}、{s.Name}");
            foreach (var i in s.Indicators)
            {
                var rule = definition.Indicators.FirstOrDefault(x => x.Code == i.Code) is { } indicator ? RuleText.Describe(indicator) : "";
                doc.Paragraph($"{i.Code} {i.Name}：{rule}。目前：{i.Reason}" + (i.Gap is { } gap ? $"；还需：{gap}。" : "。"));
            }
        }

        doc.Signature(unit.Name + "关工委", dossiers.Today);
        await doc.SaveAsync(output, ct);
    }

    public async Task WriteWorkSummaryAsync(UnitHeader unit, int year, Stream output, CancellationToken ct)
    {
        var evaluation = await dossiers.EvaluateAsync(unit, year, withRecords: false, ct);
        var e = evaluation.Evaluation;
        var cases = await Cases.CaseFigures.ComputeAsync(db, unit.Id, year, ct);
        using var doc = new OfficialDocx();
        doc.Number(DocumentText.Number(unit, year, 5));
        doc.Title($"{unit.Name}关工委{year}年工作总结");
        doc.Paragraph($"{year}年，我单位关工委按照“五好”标准扎实开展工作，按“{evaluation.System.Name}”计算，全年得分{IndicatorRules.N(e.Total)}分（满分{IndicatorRules.N(e.MaxTotal)}分），结果：{e.Result}。现将全年工作总结如下。");
        var n = 0;
        foreach (var s in e.Sections)
        {
            doc.Heading1($"{DocumentText.Numeral(++n)}、{s.Name}（{IndicatorRules.N(s.Score)}/{IndicatorRules.N(s.Max)}分）");
            foreach (var i in s.Indicators)
            {
                doc.Paragraph($"{i.Code} {i.Name}：{i.Reason}。");
            }
        }

        doc.Heading1($"{DocumentText.Numeral(++n)}、关爱帮扶困境青少年");
        doc.Paragraph(DocumentText.Cases(cases));
        var gaps = Evaluator.Gaps(e).Where(g => g.Status != IndicatorStatus.Pending).ToList();
        doc.Heading1($"{DocumentText.Numeral(++n)}、存在的不足和下一步打算");
        doc.Paragraph(gaps.Count == 0 ? "各项自动计分的指标均已达标，下一步继续巩固创建成果。" : string.Join("\n", gaps.Select(g => $"{g.Code} {g.Name}：{g.Action}")));
        doc.Signature(unit.Name + "关工委", dossiers.Today);
        await doc.SaveAsync(output, ct);
    }
}

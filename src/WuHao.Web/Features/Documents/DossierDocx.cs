using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;
using WuHao.Web.Features.Cases;
using WuHao.Web.Features.Indicators;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Documents;

/// <summary>
/// The dossier (台账) as .docx: the evaluation's table first, then one part per 好 on its own page with every
/// record of the year by kind and their photos at print size (<see cref="PrintImage"/>, read in batches), the rosters
/// with phones masked, and the youth cases as counts — or, for a holder of the permission who asks
/// (<see cref="DossierCases.List"/>), as the masked list the page shows (the read logged by <see cref="Dossiers.ReadAsync"/>).
/// In the package it is always counts: a file that leaves the system in bulk never lists a child.
/// </summary>
public sealed class DossierDocx(Dossiers dossiers) : IPackageDocument
{
    public PackageScope Scope => PackageScope.EachUnit;

    public string FileName(UnitHeader unit, int year) => $"{year}年台账.docx";

    public Task WriteAsync(UnitHeader unit, int year, Stream output, CancellationToken ct) => WriteAsync(unit, year, DossierCases.Counts, output, ct);

    public async Task WriteAsync(UnitHeader unit, int year, DossierCases cases, Stream output, CancellationToken ct)
    {
        var dossier = await dossiers.ReadAsync(unit, year, cases, ct);
        var images = await dossiers.PrintImagesAsync(dossier.Sections.SelectMany(s => s.Records).SelectMany(r => r.Photos), PrintImage.LongSide, ct);
        using var doc = new OfficialDocx();
        doc.Title($"{unit.Name}{year}年创建“五好”关工委工作台账");
        DocumentText.Results(doc, dossier.Evaluation, "一");
        var n = 1;
        foreach (var section in dossier.Sections)
        {
            doc.PageBreak().Heading1($"{DocumentText.Numeral(++n)}、{section.Heading}");
            if (section.Records.Count == 0)
            {
                doc.Paragraph(DossierTables.NoRecords);
            }

            var sub = 0;
            string Sub(string text) => $"（{DocumentText.Numeral(++sub)}）{text}";
            foreach (var kind in section.ByKind)
            {
                doc.Heading2(Sub(DossierTables.KindHeading(kind)));
                doc.Table(DossierTables.RecordColumns, kind.Select(DossierTables.RecordRow));
                foreach (var record in kind.Where(r => r.Photos.Count > 0))
                {
                    doc.Note($"{record.Title}（{record.When}）的照片：");
                    foreach (var photo in record.Photos)
                    {
                        if (images.TryGetValue(photo.Id, out var image))
                        {
                            doc.Picture(image.Jpeg, image.Width, image.Height, photo.FileName, OfficialDocx.TextWidthEmu * 2 / 3);
                        }
                    }
                }
            }

            if (section.Code == dossier.TeamSection)
            {
                doc.Heading2(Sub(DossierTables.TeamHeading(dossier)));
                doc.Table(DossierTables.TeamColumns, dossier.Team.Select(DossierTables.TeamRow));
            }

            if (section.Code == dossier.ElderSection)
            {
                doc.Heading2(Sub(DossierTables.ElderHeading(dossier)));
                doc.Table(DossierTables.ElderColumns, dossier.Elders.Select(DossierTables.ElderRow));
                doc.Heading2(Sub(DossierTables.DonorHeading(dossier)));
                doc.Table(DossierTables.DonorColumns, dossier.Donors.Select(DossierTables.DonorRow));
            }

            if (section.Code == dossier.CaseSection)
            {
                doc.Heading2(Sub(dossier.CaseList is null ? "困境青少年帮扶（只列人数）" : "困境青少年帮扶"));
                doc.Paragraph(DocumentText.Cases(dossier.Cases));
                if (dossier.CaseList is { } list)
                {
                    doc.Note(DossierTables.CaseListNote);
                    doc.Table(DossierTables.CaseColumns, list.Select(DossierTables.CaseRow));
                }
                else if (dossier.CaseView == DossierCases.Refused)
                {
                    doc.Note(DossierTables.CasesRefused);
                }
            }
        }

        await doc.SaveAsync(output, ct);
    }
}

/// <summary>A table of the print page (_DossierTable): the rows the Word file shows, from <see cref="DossierTables"/>.</summary>
public sealed record DossierTableView(string TestId, string? Heading, IReadOnlyList<string> Columns, IEnumerable<IReadOnlyList<string>> Rows);

/// <summary>The dossier's headings, columns and rows, one source for the print page and the Word file .</summary>
public static class DossierTables
{
    public const string NoRecords = "本年没有登记的记录。";
    public const string CasesRefused = "您没有“困境青少年档案”权限，台账中只列人数。";
    public const string CaseListNote = "按持有“困境青少年档案”权限的用户要求列出：姓名隐去，不含身份证号、联系电话和住址；本次查看已记入访问日志。";

    public static string KindHeading(IGrouping<string, DossierRecord> kind) => $"{kind.Key}（{kind.Count()}条）";

    public static readonly IReadOnlyList<string> RecordColumns = ["日期", "记录", "计入指标", "说明"];

    public static IReadOnlyList<string> RecordRow(DossierRecord r) => [r.When, r.Title, string.Join("、", r.Indicators), r.Note];

    public static string TeamHeading(Dossier d) => $"关工委班子成员（本年在任{d.Team.Count}人，联系电话隐去中间四位）";

    public static readonly IReadOnlyList<string> TeamColumns = ["姓名", "性别", "职务", "来源", "政治面貌", "联系电话", "任期"];

    public static IReadOnlyList<string> TeamRow(DossierMember m) => [m.Name, m.Gender, m.Position, m.Affiliation, m.PoliticalStatus ?? "", m.Phone ?? "", m.Term];

    public static string ElderHeading(Dossier d) => $"“五老”名册（{d.Elders.Count}人，联系电话隐去中间四位）";

    public static readonly IReadOnlyList<string> ElderColumns = ["姓名", "性别", "类别", "原职务", "联系电话", "加入日期"];

    public static IReadOnlyList<string> ElderRow(DossierElder e) => [e.Name, e.Gender, e.Category, e.FormerPost ?? "", e.Phone ?? "", e.JoinDate.Zh()];

    public static string DonorHeading(Dossier d) => $"爱心人士名册（{d.Donors.Count}个，联系电话隐去中间四位）";

    public static readonly IReadOnlyList<string> DonorColumns = ["名称", "类型", "捐助内容", "金额（元）", "受助对象", "联系电话", "日期"];

    public static IReadOnlyList<string> DonorRow(DossierDonor d) =>
        [d.Name, d.Kind, d.Gift, d.Amount is { } a ? IndicatorRules.N(a) : "", d.Recipient ?? "", d.Phone ?? "", d.Date.Zh()];

    public static readonly IReadOnlyList<string> CaseColumns = ["编号", "姓名", "性别", "类别", "状态"];

    public static IReadOnlyList<string> CaseRow(DossierCase c) =>
        [c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Name, c.Gender, c.Categories, c.Status == YouthCaseVocabulary.Open ? "在册" : "已结案"];
}

/// <summary>The 自查报告: the result, the indicator table (code, name, points, score, status, reason) and the gaps.</summary>
public sealed class SelfCheckDocx(Dossiers dossiers) : IPackageDocument
{
    public PackageScope Scope => PackageScope.EachUnit;

    public string FileName(UnitHeader unit, int year) => $"{year}年自查报告.docx";

    public async Task WriteAsync(UnitHeader unit, int year, Stream output, CancellationToken ct)
    {
        var evaluation = await dossiers.EvaluateAsync(unit, year, withRecords: false, ct);
        var e = evaluation.Evaluation;
        using var doc = new OfficialDocx();
        doc.Number(DocumentText.Number(unit, year, 2));
        doc.Title($"{unit.Name}关于{year}年创建“五好”基层关工委工作的自查报告");
        doc.Paragraph($"按照“{evaluation.System.Name}”（{evaluation.System.Edition}），我单位对照验收指标逐条开展了自查，现将自查情况报告如下。");
        DocumentText.Results(doc, evaluation, "一");
        var gaps = Evaluator.Gaps(e);
        doc.Heading1("二、存在的差距");
        if (gaps.Count == 0)
        {
            doc.Paragraph("各项指标均已达标，没有需要整改的差距。");
        }
        else
        {
            doc.Table(["编号", "指标", "可挽回分值", "整改措施"],
                gaps.Select(g => (IReadOnlyList<string>)[g.Code, g.Name, IndicatorRules.N(g.Recoverable), g.Action]));
        }

        doc.Heading1("三、下一步工作");
        doc.Paragraph(gaps.Count == 0
            ? "继续按照创建标准开展工作，资料随时登记、佐证随时上传，巩固创建成果。"
            : $"针对以上{gaps.Count}项差距，逐项明确责任人和完成期限，认真开展查遗补漏，确保按时达到“五好”关工委标准。");
        doc.Signature(unit.Name + "关工委", dossiers.Today);
        await doc.SaveAsync(output, ct);
    }
}

/// <summary>Text the documents share: the numbering, the 发文字号, the evaluation's table, the youth cases' counts.</summary>
public static class DocumentText
{
    private static readonly string[] Numerals = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    public static string Numeral(int n) => n is >= 0 and <= 10 ? Numerals[n] : n < 20 ? "十" + Numerals[n - 10] : n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The 发文字号 line: 甲一嘎查关工委〔2026〕2号.</summary>
    public static string Number(UnitHeader unit, int year, int n) => $"{unit.Name}关工委〔{year}〕{n}号";

    /// <summary>The columns of the indicator table.</summary>
    public static readonly IReadOnlyList<string> IndicatorColumns = ["编号", "指标", "分值", "得分", "状态", "理由"];

    public static IReadOnlyList<string> IndicatorRow(IndicatorResult i) =>
        [i.Code, i.Name + (i.Bonus ? "（加分）" : "") + (i.Veto ? "（一票否决）" : ""), i.Veto ? "—" : IndicatorRules.N(i.Points), i.Veto ? "—" : StatusView.Score(i.Score), StatusView.Label(i.Status), i.Reason];

    /// <summary>The total against the pass score, then every indicator by section, as the evaluation computed them.</summary>
    public static void Results(OfficialDocx doc, UnitEvaluation evaluation, string numeral)
    {
        var e = evaluation.Evaluation;
        doc.Heading1($"{numeral}、评估结果");
        doc.Paragraph($"总分{IndicatorRules.N(e.Total)}分（满分{IndicatorRules.N(e.MaxTotal)}分，{IndicatorRules.N(e.PassScore)}分达标），其中加分{IndicatorRules.N(e.Bonus)}分，结果：{e.Result}。"
            + (e.Vetoed ? "触及一票否决项：" + string.Join("；", e.Indicators.Where(i => i.Veto && i.Status == IndicatorStatus.Unmet).Select(i => i.Name)) + "。" : "")
            + (e.Pending > 0 ? $"另有{e.Pending}项待验收组现场评分，目前按0分计。" : ""));
        var n = 0;
        foreach (var s in e.Sections)
        {
            doc.Heading2($"（{Numeral(++n)}）{s.Name}：{IndicatorRules.N(s.Score)}/{IndicatorRules.N(s.Max)}分");
            doc.Table(IndicatorColumns, s.Indicators.Select(IndicatorRow));
        }
    }

    public static string Cases(CaseFigures c) =>
        $"在册困境青少年{c.Open}人（" + string.Join("、", c.OpenByCategory.Where(x => x.Count > 0).Select(x => $"{x.Category}{x.Count}人").DefaultIfEmpty("无"))
        + $"），本年帮扶{c.Helped}人、帮扶{c.HelpActions}次、走访{c.Visits}次、结案{c.Closed}人。个人信息不在本文件中列出。";
}

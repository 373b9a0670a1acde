using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WuHao.Web.Domain;
using WuHao.Web.Features.Indicators;
using WuHao.Web.Features.Plans;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Documents;

/// <summary>The kinds of official document a unit can download (R-7.2), with who has them.</summary>
public sealed record DocumentKind(string Key, string Name, string Description)
{
    public const string Plan = "plan", WorkPlan = "work-plan", WorkSummary = "work-summary", SelfCheck = "self-check", AcceptanceReport = "acceptance-report";

    public static readonly IReadOnlyList<DocumentKind> All =
    [
        new(Plan, "实施方案", "创建“五好”关工委工作实施方案：已保存的方案，没有时按创建工作和本单位班子起草的初稿"),
        new(WorkPlan, "年度工作计划", "按指标体系逐项列出全年任务和目前完成情况"),
        new(WorkSummary, "年度工作总结", "按指标体系逐项总结全年工作，数字与评估一致"),
        new(SelfCheck, "自查报告", "评估结果、指标得分表和差距清单"),
        new(AcceptanceReport, "验收报告", "乡（苏木）下辖单位的得分、结果和达标率"),
    ];

    public static DocumentKind? Find(string key) => All.FirstOrDefault(k => k.Key == key);

    /// <summary>Areas (township, banner…) are not scored themselves: they have the 验收报告 (a township) and nothing else.</summary>
    public static bool IsArea(UnitType type) => type is UnitType.Region or UnitType.League or UnitType.Banner or UnitType.Township;

    /// <summary>Why a unit has no such document, or null when it has.</summary>
    public static string? Refusal(string key, UnitType type) => key switch
    {
        AcceptanceReport => type == UnitType.Township ? null : "验收报告按乡（苏木）生成，请选择乡（苏木）。",
        Plan => PlanCommands.PlanUnits.Contains(type) ? null : "实施方案由嘎查村、社区、分场和学校起草。",
        _ => IsArea(type) ? $"{Find(key)?.Name ?? "台账"}按嘎查村、社区、学校等被验收的单位生成，请选择下辖单位。" : null,
    };
}

/// <summary>The dossier and the official documents as .docx (R-7.1, R-7.2). A unit outside one's scope is 404, as everywhere.</summary>
public static class DocumentsApi
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string Tag = "台账与公文（Word）";

    public static void MapDocumentsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/units/{unitId:int}/dossier", async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> (
                int unitId, int? year, string? format,
                [Description("1：列出困境青少年名单（姓名只留姓，不含身份证号），需“困境青少年档案”权限，查看记入访问日志；没有权限时仍只列人数。不传则只列人数。")] int? cases, ClaimsPrincipal user, EvaluationPages pages, DossierDocx dossier, CancellationToken ct) =>
            {
                if (format is not (null or "docx"))
                {
                    return ApiProblems.Invalid("format", "台账只能下载 Word 文件（format=docx）；打印请用台账页面。");
                }

                var view = Dossiers.CasesFor(user, cases == 1);
                return await DownloadAsync(unitId, year, "dossier", pages, dossier.FileName, (u, y, s, c) => dossier.WriteAsync(u, y, view, s, c), ct);
            })
            .WithTags(Tag).WithSummary("单位的年度台账（Word）")
            .WithDescription("某年度（?year=，默认今年）的台账：评估结果表在前，然后按“五好”的顺序列出本年的记录和照片（按打印尺寸压缩，长边不超过1200像素）、“五老”名册（电话隐去中间四位），"
                + "爱心人士和班子成员名册（电话同样隐去），没有指标读取的记录也在其中，不属于任何“好”的记录（如实施方案）列在最后的“其他记录”部分。"
                + "困境青少年默认只列人数；cases=1 时，持有“困境青少年档案”权限的用户得到名单（姓名只留姓，不含身份证号、联系电话和住址），并记入困境青少年访问日志，与台账页面相同；"
                + "没有该权限的用户传 cases=1 不报错，文件仍只列人数并注明原因（与台账页面一致）。"
                + "只适用于被验收的单位（嘎查村、社区、学校等）；乡（苏木）及以上为400。format 目前只有 docx。")
            .Produces(StatusCodes.Status200OK, contentType: DocxType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/units/{unitId:int}/documents/{kind}", async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> (
                int unitId, string kind, int? year, EvaluationPages pages, IServiceProvider services, CancellationToken ct) =>
            {
                if (DocumentKind.Find(kind) is null)
                {
                    return ApiProblems.NotFound();
                }

                var work = services.GetRequiredService<WorkDocuments>();
                IPackageDocument? package = kind switch
                {
                    DocumentKind.SelfCheck => services.GetRequiredService<SelfCheckDocx>(),
                    DocumentKind.AcceptanceReport => services.GetRequiredService<AcceptanceReportDocx>(),
                    _ => null,
                };
                Func<UnitHeader, int, Stream, CancellationToken, Task> write = kind switch
                {
                    DocumentKind.Plan => work.WritePlanAsync,
                    DocumentKind.WorkPlan => work.WriteWorkPlanAsync,
                    DocumentKind.WorkSummary => work.WriteWorkSummaryAsync,
                    _ => package!.WriteAsync,
                };
                Func<UnitHeader, int, string> name = package is not null ? package.FileName : (_, y) => $"{y}年{DocumentKind.Find(kind)!.Name}.docx";
                return await DownloadAsync(unitId, year, kind, pages, name, write, ct);
            })
            .WithTags(Tag).WithSummary("单位的公文（Word）")
            .WithDescription("按 GB/T 9704 排版的公文（A4，上37/下35/左28/右26毫米，标题方正小标宋简体二号，正文仿宋_GB2312三号，一级标题黑体、二级标题楷体_GB2312，固定行距28磅，带发文字号和落款）。"
                + "kind：plan（实施方案，嘎查村、社区、分场和学校）、work-plan（年度工作计划）、work-summary（年度工作总结）、self-check（自查报告）——被验收的单位；"
                + "acceptance-report（验收报告）——乡（苏木）。?year= 默认今年。单位不适用这种文件为400；kind 不存在、单位不在权限范围内、没有指标体系或创建工作为404。")
            .Produces(StatusCodes.Status200OK, contentType: DocxType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> DownloadAsync(
        int unitId, int? year, string kind, EvaluationPages pages, Func<UnitHeader, int, string> fileName,
        Func<UnitHeader, int, Stream, CancellationToken, Task> write, CancellationToken ct)
    {
        var found = await pages.UnitAsync(unitId, year, null, forMatrix: true, ct);
        if (found.Invalid is { } invalid)
        {
            return invalid;
        }

        if (found.Unit is null)
        {
            return found.ProblemResult ?? ApiProblems.NotFound();
        }

        if (DocumentKind.Refusal(kind, found.Unit.Type) is { } refusal)
        {
            return ApiProblems.Invalid("kind", refusal);
        }

        if (found.ProblemResult is { } problem && kind != DocumentKind.Plan)
        {
            return problem;
        }

        using var output = new MemoryStream();
        try
        {
            await write(found.Unit, found.Year, output, ct);
        }
        catch (DocumentUnavailableException e)
        {
            return TypedResults.Problem(title: "无法生成", detail: e.Message, statusCode: StatusCodes.Status404NotFound);
        }

        return TypedResults.File(output.ToArray(), DocxType, found.Unit.Name + fileName(found.Unit, found.Year));
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Office;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Indicators;

/// <summary>API.md's indicator systems, live evaluation, evaluation matrix and 查遗补漏 routes .</summary>
public static class IndicatorsApi
{
    private const string Tag = "指标体系与评估";
    private const int MaxJsonBytes = 2 * 1024 * 1024;

    public sealed record SystemDto(
        int Id, string Code, string Name, string Edition, string State, IReadOnlyList<string> AppliesTo, decimal PassScore,
        bool IsTemplate, int? OwnerUnitId, DateTimeOffset? PublishedAt, int Version);

    public sealed record EvidenceDto(string Collection, int Id);

    public sealed record NotCountedDto(string Collection, int Id, string Reason);

    public sealed record IndicatorDto(
        string Code, string Name, decimal Points, decimal? Score, string Kind, string Status, string Reason, bool Bonus, bool Veto,
        string? Method, string? Gap, decimal Recoverable, IReadOnlyList<EvidenceDto> Evidence, IReadOnlyList<NotCountedDto> NotCounted);

    public sealed record SectionDto(string Code, string Name, decimal Score, decimal Max, IReadOnlyList<IndicatorDto> Indicators);

    public sealed record EvaluationDto(
        int UnitId, int Year, int SystemId, decimal Total, decimal MaxTotal, decimal Bonus, decimal PassScore, bool Passed, bool Vetoed,
        string Result, int Pending, IReadOnlyList<SectionDto> Sections);

    public sealed record MatrixColumn(string Code, string Name, decimal Points, bool Bonus, bool Veto);

    public sealed record MatrixRow(int UnitId, string UnitName, string UnitType, IReadOnlyDictionary<string, decimal?> Scores, decimal Total, bool Passed, bool Vetoed, string Result);

    public sealed record MatrixDto(int UnitId, int Year, int SystemId, IReadOnlyList<MatrixColumn> Indicators, IReadOnlyList<MatrixRow> Rows);

    public sealed record GapDto(
        int Id, int UnitId, int Version, int SystemId, int Year, string IndicatorCode, string IndicatorName, decimal Recoverable, string Action,
        string State, string? Owner, DateOnly? DueDate, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    public sealed record GapInput(string? Owner, DateOnly? DueDate, int Version);

    public static void MapIndicatorsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/indicator-systems", async (IndicatorSystems systems, CancellationToken ct) =>
            {
                var list = await systems.ListAsync(ct);
                return TypedResults.Ok(new PageOf<SystemDto>([.. list.Select(ToDto)], list.Count));
            })
            .WithTags(Tag).WithSummary("列出可见的指标体系")
            .WithDescription("随系统提供的示范模板、上级单位和本单位的指标体系。state：draft（草稿）、published（已发布）、retired（已停用）；edition 为体系自己的版本号，version 为并发版本。");

        api.MapGet("/indicator-systems/{id:int}", async Task<Results<ContentHttpResult, FileContentHttpResult, ProblemHttpResult, ValidationProblem>> (
                int id, string? format, IndicatorSystems systems, CancellationToken ct) =>
            {
                if (format is not (null or "json" or "xlsx"))
                {
                    return ApiProblems.Invalid("format", "format 只能是 json 或 xlsx");
                }

                if (await systems.FindAsync(id, ct) is not { } record)
                {
                    return ApiProblems.NotFound();
                }

                var system = Evaluations.Definition(record);
                return format == "xlsx"
                    ? TypedResults.File(IndicatorExcel.Write(system), RosterApi.XlsxType, $"{record.Code}-{record.Edition}.xlsx")
                    : TypedResults.Text(IndicatorJson.Write(system), "application/json; charset=utf-8");
            })
            .WithTags(Tag).WithSummary("读取一个指标体系（模板格式）").WithMetadata(new ScopedRecordAttribute(typeof(IndicatorSystemRecord)))
            .WithDescription("?format=json（默认，API.md 的模板格式）或 ?format=xlsx（每个指标一行的中文表格）。两种格式都可以再次导入。")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").Produces(StatusCodes.Status200OK, contentType: RosterApi.XlsxType);

        api.MapPost("/indicator-systems", async Task<Results<Created<SystemDto>, ProblemHttpResult>> (
                HttpRequest request, IndicatorSystems systems, IOptions<ExcelOptions> excel, CancellationToken ct) =>
            {
                if (!IndicatorSystems.MayManage(request.HttpContext.User))
                {
                    return ApiProblems.Forbidden();
                }

                var upload = await ReadUploadAsync(request, excel.Value, ct);
                if (!upload.Ok)
                {
                    return Refused(upload.Problems, upload.Status);
                }

                var change = await systems.CreateAsync(upload.System!, ct);
                return change.Outcome == SystemOutcome.Ok
                    ? TypedResults.Created($"/api/v1/indicator-systems/{change.Record!.Id}", ToDto(change.Record))
                    : Failure(change);
            })
            .WithTags(Tag).WithSummary("导入指标体系（保存为草稿）")
            .WithDescription("请求体为 API.md 模板格式的 JSON（Content-Type: application/json），或 multipart/form-data 的文件字段 file（.xlsx，与 ?format=xlsx 导出的格式相同）。"
                + "有错时 400，errors 列出每一处错误（含指标编号或Excel行号），什么也不保存。旗关工委和系统管理员可用。")
            .Accepts<object>("application/json", "multipart/form-data").ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapPut("/indicator-systems/{id:int}", async Task<Results<Ok<SystemDto>, ProblemHttpResult>> (
                int id, HttpRequest request, IndicatorSystems systems, IOptions<ExcelOptions> excel, CancellationToken ct) =>
            {
                var upload = await ReadUploadAsync(request, excel.Value, ct);
                if (!upload.Ok)
                {
                    return await systems.FindAsync(id, ct) is null ? ApiProblems.NotFound() : Refused(upload.Problems, upload.Status);
                }

                var change = await systems.ReplaceDraftAsync(id, upload.System!, IfMatch(request), ct);
                return change.Outcome == SystemOutcome.Ok ? TypedResults.Ok(ToDto(change.Record!)) : Failure(change);
            })
            .WithTags(Tag).WithSummary("修改草稿").WithMetadata(new ScopedRecordAttribute(typeof(IndicatorSystemRecord)))
            .WithDescription("与导入相同的请求体，替换一个草稿的内容。已发布的体系不能修改（400），请先复制为新版本。可带 If-Match: \"version\" 检查并发，过期时 409。")
            .Accepts<object>("application/json", "multipart/form-data");

        api.MapPost("/indicator-systems/{id:int}/publish", async Task<Results<Ok<SystemDto>, ProblemHttpResult>> (
                int id, HttpRequest request, IndicatorSystems systems, CancellationToken ct) =>
            {
                var change = await systems.PublishAsync(id, IfMatch(request), ct);
                return change.Outcome == SystemOutcome.Ok ? TypedResults.Ok(ToDto(change.Record!)) : Failure(change);
            })
            .WithTags(Tag).WithSummary("发布草稿").WithMetadata(new ScopedRecordAttribute(typeof(IndicatorSystemRecord)))
            .WithDescription("发布后不能再修改；要改动请复制为新版本。");

        api.MapPost("/indicator-systems/{id:int}/versions", async Task<Results<Created<SystemDto>, ProblemHttpResult>> (
                int id, IndicatorSystems systems, CancellationToken ct) =>
            {
                var change = await systems.NewVersionAsync(id, ct);
                return change.Outcome == SystemOutcome.Ok
                    ? TypedResults.Created($"/api/v1/indicator-systems/{change.Record!.Id}", ToDto(change.Record))
                    : Failure(change);
            })
            .WithTags(Tag).WithSummary("复制为新版本（草稿）").WithMetadata(new ScopedRecordAttribute(typeof(IndicatorSystemRecord)))
            .WithDescription("把一个已发布的体系或示范模板复制为本单位的新版本草稿，版本号自动加一。");

        api.MapGet("/units/{unitId:int}/evaluation", async Task<Results<Ok<EvaluationDto>, ProblemHttpResult, ValidationProblem>> (
                int unitId, int? year, int? systemId, EvaluationPages pages, CancellationToken ct) =>
            {
                var found = await pages.UnitAsync(unitId, year, systemId, forMatrix: false, ct);
                if (found.ProblemResult is { } problem)
                {
                    return problem;
                }

                if (found.Invalid is { } invalid)
                {
                    return invalid;
                }

                var evaluation = await pages.Evaluations.EvaluateAsync(found.Unit!, found.System!, found.Year, withRecords: true, ct);
                return TypedResults.Ok(ToDto(evaluation));
            })
            .WithTags(Tag).WithSummary("单位的实时评估")
            .WithDescription("按指标体系（?systemId=，默认为适用于该单位的最新已发布体系）从记录实时计算某年度（?year=，默认今年）的得分。"
                + "每个指标有得分、状态（met 达标、partial 部分、unmet 未达标、pending 待人工评分）、中文理由、计入的记录 evidence 和未计入的记录 notCounted（附原因）。");

        api.MapGet("/units/{unitId:int}/evaluation-matrix", async Task<Results<Ok<MatrixDto>, ProblemHttpResult, ValidationProblem>> (
                int unitId, int? year, int? systemId, EvaluationPages pages, CancellationToken ct) =>
            {
                var found = await pages.UnitAsync(unitId, year, systemId, forMatrix: true, ct);
                if (found.ProblemResult is { } problem)
                {
                    return problem;
                }

                if (found.Invalid is { } invalid)
                {
                    return invalid;
                }

                var rows = await pages.Evaluations.MatrixAsync(found.Unit!, found.System!, found.Year, ct);
                return TypedResults.Ok(ToDto(found.Unit!.Id, found.Year, found.System!, rows));
            })
            .WithTags(Tag).WithSummary("下辖单位评估矩阵")
            .WithDescription("该单位及其下辖、适用该指标体系的每个单位一行：每个指标的得分、总分和结果。与单个单位的评估是同一套计算。");

        api.MapGet("/units/{unitId:int}/gaps", async Task<Results<Ok<PageOf<GapDto>>, ProblemHttpResult, ValidationProblem>> (
                int unitId, int? year, int? systemId, EvaluationPages pages, CancellationToken ct) =>
            {
                var found = await pages.UnitAsync(unitId, year, systemId, forMatrix: false, ct);
                if (found.ProblemResult is { } problem)
                {
                    return problem;
                }

                if (found.Invalid is { } invalid)
                {
                    return invalid;
                }

                var evaluation = await pages.Evaluations.EvaluateAsync(found.Unit!, found.System!, found.Year, withRecords: false, ct);
                var gaps = await pages.Evaluations.SyncGapsAsync(evaluation, ct);
                return TypedResults.Ok(new PageOf<GapDto>([.. gaps.Select(ToDto)], gaps.Count));
            })
            .WithTags(Tag).WithSummary("查遗补漏清单")
            .WithDescription("未得满分的每个指标一项，按可挽回的分数排序：state 为 open（待整改）或 closed（指标重新达标后自动关闭，历史保留）。");

        api.MapPut("/gaps/{id:int}", async Task<Results<Ok<GapDto>, ProblemHttpResult, ValidationProblem>> (
                int id, GapInput input, GapCommands gaps, CancellationToken ct) =>
            {
                var result = await gaps.UpdateAsync(id, null, input.Owner, input.DueDate, input.Version, ct);
                return result.Status switch
                {
                    CommandStatus.Ok => TypedResults.Ok(ToDto(result.Record!)),
                    CommandStatus.NotFound => ApiProblems.NotFound(),
                    CommandStatus.Forbidden => ApiProblems.Forbidden(),
                    CommandStatus.Conflict => ApiProblems.Conflict(ToDto(result.Record!)),
                    _ => ApiProblems.Invalid(result.Errors!),
                };
            })
            .WithTags(Tag).WithSummary("填写整改责任人和期限").WithMetadata(new ScopedRecordAttribute(typeof(GapRecord)))
            .WithDescription("owner 责任人（最多50字）、dueDate 完成期限（YYYY-MM-DD）和 version。");
    }

    private static int? IfMatch(HttpRequest request) =>
        int.TryParse(request.Headers.IfMatch.ToString().Trim('"', 'W', '/'), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static async Task<SystemUpload> ReadUploadAsync(HttpRequest request, ExcelOptions excel, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var upload = await RosterUpload.ReadAsync(request, excel, ct);
            if (upload.Refusal is { } refusal)
            {
                var status = refusal.Status switch
                {
                    ImportStatus.TooLarge => StatusCodes.Status413PayloadTooLarge,
                    ImportStatus.WrongType => StatusCodes.Status415UnsupportedMediaType,
                    _ => StatusCodes.Status400BadRequest,
                };
                return new SystemUpload(null, [.. refusal.ErrorList.Select(e => e.Message)], status);
            }

            return IndicatorSystems.FromExcel(upload.File!, excel);
        }

        if (request.ContentLength > MaxJsonBytes)
        {
            return new SystemUpload(null, ["JSON超过2MB的上限"], StatusCodes.Status413PayloadTooLarge);
        }

        using var reader = new StreamReader(request.Body);
        var buffer = new char[MaxJsonBytes + 1];
        var read = await reader.ReadBlockAsync(buffer, ct);
        return read > MaxJsonBytes
            ? new SystemUpload(null, ["JSON超过2MB的上限"], StatusCodes.Status413PayloadTooLarge)
            : IndicatorSystems.FromJson(new string(buffer, 0, read));
    }

    private static ProblemHttpResult Refused(IReadOnlyList<string> problems, int status) =>
        TypedResults.Problem(
            title: status switch { 413 => "文件过大", 415 => "文件类型不支持", _ => "指标体系有错，什么也没有保存" },
            detail: $"共{problems.Count}处问题，请按 errors 逐条修改后重新提交。",
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["errors"] = problems });

    private static ProblemHttpResult Failure(SystemChange change) => change.Outcome switch
    {
        SystemOutcome.NotFound => ApiProblems.NotFound(),
        SystemOutcome.Forbidden => TypedResults.Problem(title: "无权操作", detail: "只有旗关工委和系统管理员可以管理本单位的指标体系；示范模板请先复制为新版本。", statusCode: 403),
        SystemOutcome.Conflict => ApiProblems.Conflict(ToDto(change.Record!)),
        _ => Refused(change.Problems ?? [], StatusCodes.Status400BadRequest),
    };

    private static SystemDto ToDto(SystemSummary s) =>
        new(s.Id, s.Code, s.Name, s.Edition, s.State, s.AppliesTo, s.PassScore, s.IsTemplate, s.OwnerUnitId, s.PublishedAt, s.Version);

    private static SystemDto ToDto(IndicatorSystemRecord s) =>
        new(s.Id, s.Code, s.Name, s.Edition, s.State, s.UnitTypes, s.PassScore, s.IsTemplate, s.OwnerUnitId, s.PublishedAt, s.Version);

    public static EvaluationDto ToDto(UnitEvaluation u)
    {
        var e = u.Evaluation;
        return new EvaluationDto(u.Unit.Id, e.Year, u.System.Id, e.Total, e.MaxTotal, e.Bonus, e.PassScore, e.Passed, e.Vetoed, e.Result, e.Pending,
            [.. e.Sections.Select(s => new SectionDto(s.Code, s.Name, s.Score, s.Max, [.. s.Indicators.Select(i => new IndicatorDto(
                i.Code, i.Name, i.Points, i.Score, i.Kind, i.Status, i.Reason, i.Bonus, i.Veto, i.Method, i.Gap, i.Recoverable,
                [.. i.Evidence.Select(l => new EvidenceDto(l.Collection, l.Id))],
                [.. u.RecordsOf(i.Code).Where(r => !r.Counted).Select(r => new NotCountedDto(r.Collection, r.Id, r.Reason!))]))]))]);
    }

    private static MatrixDto ToDto(int unitId, int year, IndicatorSystemRecord record, IReadOnlyList<UnitEvaluation> rows)
    {
        var system = Evaluations.Definition(record);
        return new MatrixDto(unitId, year, record.Id,
            [.. system.Indicators.Select(i => new MatrixColumn(i.Code, i.Name, i.FullPoints, i.Bonus, i.Veto))],
            [.. rows.Select(r => new MatrixRow(r.Unit.Id, r.Unit.Name, OrgUnit.ApiName(r.Unit.Type),
                r.Evaluation.Indicators.ToDictionary(i => i.Code, i => i.Score), r.Evaluation.Total, r.Evaluation.Passed, r.Evaluation.Vetoed, r.Evaluation.Result))]);
    }

    public static GapDto ToDto(GapRecord g) => new(
        g.Id, g.UnitId, g.Version, g.SystemId, g.Year, g.IndicatorCode, g.IndicatorName, g.Recoverable, g.Action, g.State, g.Owner, g.DueDate,
        g.OpenedAt, g.ClosedAt, g.CreatedAt, g.UpdatedAt);
}

/// <summary>Checks of the owner and due date of a gap, shared by the page and the API.</summary>
public static class GapRules
{
    public static ValidationErrors Check(string? owner, DateOnly? dueDate)
    {
        var errors = new ValidationErrors();
        if (owner is { Length: > 50 })
        {
            errors.Add("owner", "责任人最多50个字");
        }

        if (dueDate is { Year: < 2000 or > 2100 })
        {
            errors.Add("dueDate", "完成期限请填写2000年到2100年之间的日期");
        }

        return errors;
    }
}

/// <summary>What the evaluation pages and routes share: finding the unit in scope, the year and the system.</summary>
public sealed class EvaluationPages(AppDbContext db, OrgScope orgScope, Evaluations evaluations, TimeProvider time)
{
    public Evaluations Evaluations => evaluations;

    public sealed record Found(UnitHeader? Unit, IndicatorSystemRecord? System, int Year, IReadOnlyList<IndicatorSystemRecord> Choices, ProblemHttpResult? ProblemResult, ValidationProblem? Invalid);

    public async Task<Found> UnitAsync(int unitId, int? year, int? systemId, bool forMatrix, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var today = time.Today();
        if (year is < 2000 or > 2100)
        {
            return new Found(null, null, 0, [], null, ApiProblems.Invalid("year", "年度请填写2000到2100之间的年份"));
        }

        if (await evaluations.HeaderAsync(db.Units.VisibleTo(scope).Where(u => u.Id == unitId), ct) is not { } unit)
        {
            return new Found(null, null, 0, [], ApiProblems.NotFound(), null);
        }

        var choices = await evaluations.ChoicesAsync(unit, ct);
        var type = forMatrix && unit.Type is UnitType.Banner or UnitType.Township ? UnitType.Village : unit.Type;
        var system = Evaluations.Choose(choices, systemId, type);
        if (system is null)
        {
            return systemId is null
                ? new Found(unit, null, year ?? today.Year, choices, TypedResults.Problem(title: "没有可用的指标体系", detail: "请旗关工委先发布指标体系。", statusCode: 404), null)
                : new Found(unit, null, year ?? today.Year, choices, null, ApiProblems.Invalid("systemId", "指标体系不存在，或不适用于该单位"));
        }

        return new Found(unit, system, year ?? today.Year, choices, null, null);
    }
}

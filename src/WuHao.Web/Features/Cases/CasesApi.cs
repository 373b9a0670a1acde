using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Cases;

public sealed record CaseSearch(string? IdNumber);

public sealed record CaseCreated(YouthCaseDto Case, IReadOnlyList<string> Warnings);

/// <summary>
/// The youth-case routes of API.md (youth-cases, with help-actions, visits, consents and shares under a case).
/// Every route needs the 困境青少年档案 permission (404 without), the unit scope, and writes the access log.
/// </summary>
public static class CasesApi
{
    private const string Tag = "困境青少年档案";

    public static void MapCasesApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("").WithTags(Tag).RequireCasePermission();
        var record = new ScopedRecordAttribute(typeof(YouthCase));

        cases.MapGet("/units/{unitId:int}/youth-cases", async Task<Results<Ok<PageOf<YouthCaseDto>>, ProblemHttpResult, ValidationProblem>> (
            int unitId, string? status, int? page, int? pageSize, AppDbContext db, OrgScope orgScope, CaseCommands commands, CaseAccessLog log, CancellationToken ct) =>
        {
            var scope = await orgScope.CurrentAsync(ct);
            if (!await orgScope.IncludesAsync(unitId, ct))
            {
                return ApiProblems.NotFound();
            }

            if (Paging.Check(null, page, pageSize) is { } invalid)
            {
                return invalid;
            }

            var query = db.YouthCases.VisibleTo(scope).Where(c => c.UnitId == unitId);
            if (status is not null)
            {
                query = query.Where(c => c.Status == status);
            }

            var size = pageSize ?? CollectionApi.DefaultPageSize;
            var rows = await query.OrderBy(c => c.Status).ThenBy(c => c.Name).Skip(((page ?? 1) - 1) * size).Take(size).AsNoTracking().ToListAsync(ct);
            await log.WriteAsync("list", unitId, null, $"{rows.Count}条", ct);
            return TypedResults.Ok(new PageOf<YouthCaseDto>([.. rows.Select(r => commands.ToDto(r, []))], await query.CountAsync(ct)));
        }).WithSummary("列出单位的困境青少年档案（敏感字段已遮盖）").WithDescription("?status=open|closed。需“困境青少年档案”权限，否则 404。每次调用记入访问日志。");

        cases.MapPost("/units/{unitId:int}/youth-cases", async Task<Results<Created<CaseCreated>, ProblemHttpResult, ValidationProblem>> (
            int unitId, YouthCaseInput input, CaseCommands commands, AppDbContext db, CancellationToken ct) =>
        {
            var (result, warnings) = await commands.CreateAsync(unitId, input, ct);
            return result.Status switch
            {
                CommandStatus.Ok => TypedResults.Created($"/api/v1/youth-cases/{result.Record!.Id}", new CaseCreated(commands.ToDto(result.Record, []), warnings)),
                CommandStatus.Invalid => ApiProblems.Invalid(result.Errors!),
                CommandStatus.Forbidden => ApiProblems.Forbidden(),
                _ => ApiProblems.NotFound(),
            };
        }).WithSummary("新建困境青少年档案").WithDescription("身份证号须通过 GB 11643 校验并与出生日期、性别一致；本单位内不能重复。已满18周岁时返回 warnings。");

        cases.MapPost("/units/{unitId:int}/youth-cases/search", async Task<Results<Ok<YouthCaseDto>, ProblemHttpResult>> (
            int unitId, CaseSearch search, CaseCommands commands, OrgScope orgScope, CancellationToken ct) =>
        {
            if (!await orgScope.IncludesAsync(unitId, ct) || string.IsNullOrWhiteSpace(search.IdNumber))
            {
                return ApiProblems.NotFound();
            }

            var id = await commands.FindByIdNumberAsync(unitId, search.IdNumber, ct);
            return id is { } found && await commands.ReadAsync(found, [], ct) is { } dto ? TypedResults.Ok(dto) : ApiProblems.NotFound();
        }).WithSummary("按身份证号查找档案").WithDescription("身份证号放在请求体中（不进地址栏，也就不进日志），按密钥散列比对，从不以明文比对。");

        cases.MapGet("/units/{unitId:int}/youth-cases/export", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
            int unitId, bool? unmasked, CaseExport export, HttpContext http, CancellationToken ct) =>
        {
            var file = await export.ExportAsync(unitId, unmasked == true, ct);
            if (file is null)
            {
                return ApiProblems.NotFound();
            }

            http.Response.Headers["X-WuHao-Omitted"] = file.Omitted.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.File(file.Bytes, CaseExport.ContentType, file.FileName);
        }).WithSummary("导出档案 Excel").WithDescription("默认遮盖身份证号、住址和电话；?unmasked=true 导出明文并记入访问日志。本单位以外的用户导出时，未取得“共享给学校/民政”同意的档案不导出，X-WuHao-Omitted 头给出未导出的条数。");

        cases.MapGet("/units/{unitId:int}/youth-cases/figures", async Task<Results<Ok<CaseFigures>, ProblemHttpResult, ValidationProblem>> (
            int unitId, int? year, AppDbContext db, OrgScope orgScope, CaseAccessLog log, TimeProvider time, CancellationToken ct) =>
        {
            if (!await orgScope.IncludesAsync(unitId, ct))
            {
                return ApiProblems.NotFound();
            }

            if (Paging.Check(year, null, null) is { } invalid)
            {
                return invalid;
            }

            await log.WriteAsync("figures", unitId, null, null, ct);
            return TypedResults.Ok(await CaseFigures.ComputeAsync(db, unitId, year ?? time.Today().Year, ct));
        }).WithSummary("档案统计：在档人数（按类别）、本年帮扶人数、回访次数");

        cases.MapGet("/youth-cases/{id:int}", async Task<Results<Ok<YouthCaseDto>, ProblemHttpResult>> (
            int id, string? reveal, CaseCommands commands, CancellationToken ct) =>
        {
            var fields = (reveal ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return await commands.ReadAsync(id, fields, ct) is { } dto ? TypedResults.Ok(dto) : ApiProblems.NotFound();
        }).WithMetadata(record).WithSummary("读取一份档案").WithDescription("?reveal=idNumber,address,guardianPhone 显示明文，每个字段记入访问日志。");

        cases.MapPut("/youth-cases/{id:int}", async Task<Results<Ok<YouthCaseDto>, ProblemHttpResult, ValidationProblem>> (
            int id, YouthCaseInput input, CaseCommands commands, AppDbContext db, CancellationToken ct) =>
        {
            var (result, _) = await commands.UpdateAsync(id, input, ct);
            return result.Status switch
            {
                CommandStatus.Ok => TypedResults.Ok(commands.ToDto(result.Record!, [])),
                CommandStatus.Invalid => ApiProblems.Invalid(result.Errors!),
                CommandStatus.Conflict => ApiProblems.Conflict(commands.ToDto(await db.YouthCases.AsNoTracking().FirstAsync(c => c.Id == id, ct), [])),
                CommandStatus.Forbidden => ApiProblems.Forbidden(),
                _ => ApiProblems.NotFound(),
            };
        }).WithMetadata(record).WithSummary("修改档案").WithDescription("遮盖的值（含 *）原样传回表示不修改。");

        cases.MapDelete("/youth-cases/{id:int}", async Task<Results<NoContent, ProblemHttpResult>> (
            int id, [FromQuery] int? version, CaseCommands commands, AppDbContext db, CancellationToken ct) =>
        {
            var result = await commands.DeleteAsync(id, version, ct);
            return result.Status switch
            {
                CommandStatus.Ok => TypedResults.NoContent(),
                CommandStatus.Conflict => ApiProblems.Conflict(commands.ToDto(await db.YouthCases.AsNoTracking().FirstAsync(c => c.Id == id, ct), [])),
                CommandStatus.Forbidden => ApiProblems.Forbidden(),
                _ => ApiProblems.NotFound(),
            };
        }).WithMetadata(record).WithSummary("删除档案（误录时）");

        cases.MapCollection(CaseChildRecords.HelpActions, Tag, UnderCase<HelpAction, HelpActionInput>());
        cases.MapCollection(CaseChildRecords.Visits, Tag, UnderCase<CaseVisit, CaseVisitInput>());
        cases.MapCollection(CaseChildRecords.Consents, Tag, UnderCase<CaseConsent, CaseConsentInput>());
        cases.MapCollection(CaseChildRecords.Shares, Tag, UnderCase<CaseShare, CaseShareInput>(byId: false, create: "share"));
    }

    /// <summary>
    /// A case's records hang under /youth-cases/{caseId}/{name}: the case (visible to the user) gives the unit and is
    /// put on the input; every route writes the access log, a change in the same transaction as the change.
    /// </summary>
    private static CollectionMount<TEntity, TInput> UnderCase<TEntity, TInput>(bool byId = true, string create = "create")
        where TEntity : UnitRecord where TInput : class, ICaseChildInput => new()
    {
        Route = "/youth-cases/{caseId:int}",
        Parameter = "caseId",
        ParentTitle = "档案",
        UnitOf = async (caseId, db, orgScope, ct) =>
        {
            var scope = await orgScope.CurrentAsync(ct);
            return await db.YouthCases.VisibleTo(scope).Where(c => c.Id == caseId).Select(c => (int?)c.UnitId).FirstOrDefaultAsync(ct);
        },
        Children = caseId => e => EF.Property<int>(e, "CaseId") == caseId,
        ParentOf = e => EF.Property<int>(e, "CaseId"),
        Attach = (input, caseId) => input.CaseId = caseId,
        ById = byId,
        Watch = new CaseWatch(create),
    };

    /// <summary>The case access log on a case's records: "view" on a read; the change's own action on a change.</summary>
    private sealed class CaseWatch(string createAction) : IRecordWatch
    {
        public Task ReadAsync(HttpContext http, string collection, int unitId, int parentId, CancellationToken ct) =>
            http.RequestServices.GetRequiredService<CaseAccessLog>().WriteAsync("view", unitId, parentId, collection, ct);

        public Task<CommandResult<T>> ChangeAsync<T>(HttpContext http, string action, string collection, int unitId, int parentId,
            Func<Task<CommandResult<T>>> change, CancellationToken ct) where T : class =>
            http.RequestServices.GetRequiredService<CaseAccessLog>().ChangeAsync(change,
                r => r.Status == CommandStatus.Ok ? new LogEntry(action == "create" ? createAction : action, unitId, parentId, collection) : null, ct);
    }
}

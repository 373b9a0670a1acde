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

        cases.MapCaseChildren(CaseChildRecords.HelpActions, editable: true);
        cases.MapCaseChildren(CaseChildRecords.Visits, editable: true);
        cases.MapCaseChildren(CaseChildRecords.Consents, editable: true);
        cases.MapCaseChildren(CaseChildRecords.Shares, editable: false);
    }

    /// <summary>List and create under /youth-cases/{caseId}/{name}; read, replace, delete at /{name}/{id}.</summary>
    private static void MapCaseChildren<TEntity, TInput, TDto>(this RouteGroupBuilder cases, CollectionSpec<TEntity, TInput, TDto> spec, bool editable)
        where TEntity : UnitRecord where TInput : class, ICaseChildInput where TDto : class
    {
        // Delegate-typed handlers: the SDK's route analyzer crashes on lambdas over generic parameters (see CollectionApi).
        var caseRecord = new ScopedRecordAttribute(typeof(YouthCase));
        var childRecord = new ScopedRecordAttribute(typeof(TEntity));

        Delegate list = async Task<Results<Ok<PageOf<TDto>>, ProblemHttpResult>> (int caseId, AppDbContext db, OrgScope orgScope, CaseAccessLog log, CancellationToken ct) =>
        {
            var scope = await orgScope.CurrentAsync(ct);
            var unitId = await db.YouthCases.VisibleTo(scope).Where(c => c.Id == caseId).Select(c => (int?)c.UnitId).FirstOrDefaultAsync(ct);
            if (unitId is null)
            {
                return ApiProblems.NotFound();
            }

            await log.WriteAsync("view", unitId.Value, caseId, spec.Name, ct);
            var items = await spec.Order(db.Set<TEntity>().VisibleTo(scope).Where(e => EF.Property<int>(e, "CaseId") == caseId)).Select(spec.Project).ToListAsync(ct);
            return TypedResults.Ok(new PageOf<TDto>(items, items.Count));
        };
        cases.MapGet($"/youth-cases/{{caseId:int}}/{spec.Name}", list).WithMetadata(caseRecord).WithSummary($"列出档案的{spec.Title}");

        Delegate create = async Task<Results<Created<TDto>, ProblemHttpResult, ValidationProblem>> (
            int caseId, TInput input, AppDbContext db, OrgScope orgScope, RecordCommands commands, CaseAccessLog log, CancellationToken ct) =>
        {
            var scope = await orgScope.CurrentAsync(ct);
            var unitId = await db.YouthCases.VisibleTo(scope).Where(c => c.Id == caseId).Select(c => (int?)c.UnitId).FirstOrDefaultAsync(ct);
            if (unitId is null)
            {
                return ApiProblems.NotFound();
            }

            input.CaseId = caseId;
            var result = await log.ChangeAsync(() => commands.CreateAsync(spec, unitId.Value, input, ct),
                r => r.Status == CommandStatus.Ok ? new LogEntry(spec.Name == "shares" ? "share" : "create", unitId.Value, caseId, spec.Name) : null, ct);

            return result.Status switch
            {
                CommandStatus.Ok => TypedResults.Created($"/api/v1/{spec.Name}/{result.Record!.Id}",
                    await CollectionApi.ReadAsync(db, spec, result.Record.Id, ct)),
                CommandStatus.Invalid => ApiProblems.Invalid(result.Errors!),
                CommandStatus.Forbidden => ApiProblems.Forbidden(),
                _ => ApiProblems.NotFound(),
            };
        };
        cases.MapPost($"/youth-cases/{{caseId:int}}/{spec.Name}", create).WithMetadata(caseRecord).WithSummary($"新增{spec.Title}");

        if (!editable)
        {
            return;
        }

        Delegate read = async Task<Results<Ok<TDto>, ProblemHttpResult>> (int id, AppDbContext db, OrgScope orgScope, CaseAccessLog log, CancellationToken ct) =>
        {
            var scope = await orgScope.CurrentAsync(ct);
            var owner = await db.Set<TEntity>().VisibleTo(scope).Where(e => e.Id == id).Select(e => new { e.UnitId, CaseId = EF.Property<int>(e, "CaseId") }).FirstOrDefaultAsync(ct);
            if (owner is null)
            {
                return ApiProblems.NotFound();
            }

            await log.WriteAsync("view", owner.UnitId, owner.CaseId, spec.Name, ct);
            return TypedResults.Ok(await CollectionApi.ReadAsync(db, spec, id, ct));
        };
        cases.MapGet($"/{spec.Name}/{{id:int}}", read).WithMetadata(childRecord).WithSummary($"读取一条{spec.Title}");

        Delegate replace = async Task<Results<Ok<TDto>, ProblemHttpResult, ValidationProblem>> (
            int id, TInput input, AppDbContext db, RecordCommands commands, CaseAccessLog log, CancellationToken ct) =>
        {
            var found = await commands.FindForEditAsync<TEntity>(id, ct);
            if (found.Status != CommandStatus.Ok)
            {
                return CollectionApi.Failure(found);
            }

            input.CaseId = db.Entry(found.Record!).Property<int>("CaseId").CurrentValue;
            var result = await log.ChangeAsync(() => commands.UpdateAsync(spec, id, input, ct),
                r => r.Status == CommandStatus.Ok ? new LogEntry("update", found.Record!.UnitId, input.CaseId, spec.Name) : null, ct);

            return result.Status switch
            {
                CommandStatus.Ok => TypedResults.Ok(await CollectionApi.ReadAsync(db, spec, id, ct)),
                CommandStatus.Invalid => ApiProblems.Invalid(result.Errors!),
                CommandStatus.Conflict => ApiProblems.Conflict(await CollectionApi.ReadAsync(db, spec, id, ct)),
                CommandStatus.Forbidden => ApiProblems.Forbidden(),
                _ => ApiProblems.NotFound(),
            };
        };
        cases.MapPut($"/{spec.Name}/{{id:int}}", replace).WithMetadata(childRecord).WithSummary($"修改{spec.Title}");

        Delegate remove = async Task<Results<NoContent, ProblemHttpResult>> (
            int id, [FromQuery] int? version, AppDbContext db, RecordCommands commands, CaseAccessLog log, CancellationToken ct) =>
        {
            var found = await commands.FindForEditAsync<TEntity>(id, ct);
            if (found.Status != CommandStatus.Ok)
            {
                return CollectionApi.Failure(found);
            }

            var (unitId, caseId) = (found.Record!.UnitId, db.Entry(found.Record!).Property<int>("CaseId").CurrentValue);
            var result = await log.ChangeAsync(() => commands.DeleteAsync<TEntity>(id, version, ct),
                r => r.Status == CommandStatus.Ok ? new LogEntry("delete", unitId, caseId, spec.Name) : null, ct);

            return result.Status switch
            {
                CommandStatus.Ok => TypedResults.NoContent(),
                CommandStatus.Conflict => ApiProblems.Conflict(await CollectionApi.ReadAsync(db, spec, id, ct)),
                _ => ApiProblems.NotFound(),
            };
        };
        cases.MapDelete($"/{spec.Name}/{{id:int}}", remove).WithMetadata(childRecord).WithSummary($"删除{spec.Title}");
    }
}

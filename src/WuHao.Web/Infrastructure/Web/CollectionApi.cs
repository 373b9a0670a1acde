using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Infrastructure.Web;

/// <summary>A page of a list: API.md's {"items": [...], "total": N}.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Total);

/// <summary>The API's answers in Chinese, as application/problem+json (RFC 9457).</summary>
public static class ApiProblems
{
    public static ProblemHttpResult NotFound() =>
        TypedResults.Problem(title: "未找到记录", detail: "记录不存在，或不在您的权限范围内。", statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Forbidden() =>
        TypedResults.Problem(title: "无权操作", detail: "您的角色只能查看，不能修改这条记录。", statusCode: StatusCodes.Status403Forbidden);

    public static ProblemHttpResult Conflict<T>(T current) =>
        TypedResults.Problem(
            title: "此记录已被他人修改",
            detail: "您提交的版本已过期，什么也没有保存。请查看最新内容后重新提交。",
            statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["current"] = current });

    public static ValidationProblem Invalid(ValidationErrors errors) =>
        TypedResults.ValidationProblem(errors.ToApi(), title: "提交的数据有误", detail: "请按提示修改后重新提交，什么也没有保存。");

    public static ValidationProblem Invalid(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return Invalid(errors);
    }
}

public static class CollectionApi
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>
    /// Maps API.md's five routes of one collection: list and create under /units/{unitId}/{name},
    /// and read, replace, delete under /{name}/{id}.
    /// </summary>
    public static void MapCollection<TEntity, TInput, TDto>(
        this IEndpointRouteBuilder api, CollectionSpec<TEntity, TInput, TDto> c, string tag)
        where TEntity : UnitRecord where TInput : class, IRecordInput where TDto : class
    {
        // The handlers are typed as Delegate: the SDK's RouteHandlerAnalyzer crashes (AD0001) on lambdas
        // over generic type parameters. Binding and the OpenAPI metadata come from reflection all the same.
        var underUnit = $"/units/{{unitId:int}}/{c.Name}";
        var byId = $"/{c.Name}/{{id:int}}";
        var record = new ScopedRecordAttribute(typeof(TEntity));

        Delegate list = async Task<Results<Ok<PageOf<TDto>>, ProblemHttpResult, ValidationProblem>> (
            int unitId, int? year, int? page, int? pageSize, AppDbContext db, OrgScope orgScope, RecordCommands commands, CancellationToken ct) =>
        {
            var scope = await orgScope.CurrentAsync(ct);
            if (!await orgScope.IncludesAsync(unitId, ct))
            {
                return ApiProblems.NotFound();
            }

            if (Paging.Check(year, page, pageSize) is { } invalid)
            {
                return invalid;
            }

            var query = c.InYear(db.Set<TEntity>().VisibleTo(scope).Where(c.BelongsTo(unitId)), year);
            var total = await query.CountAsync(ct);
            var size = pageSize ?? DefaultPageSize;
            var items = await c.Order(query).Skip(((page ?? 1) - 1) * size).Take(size).Select(c.Project).ToListAsync(ct);
            if (c.ForReaders is { } mask && !await commands.MayEditAsync(new UnitResource(unitId)))
            {
                items = items.Select(mask).ToList();
            }

            return TypedResults.Ok(new PageOf<TDto>(items, total));
        };
        api.MapGet(underUnit, list).WithTags(tag).WithSummary($"列出单位的{c.Title}").WithDescription("?year= 按年度筛选（有日期的记录），?page=&pageSize= 分页（默认50，最多500）。");

        Delegate create = async Task<Results<Created<TDto>, ProblemHttpResult, ValidationProblem>> (
            int unitId, TInput input, RecordCommands commands, AppDbContext db, CancellationToken ct) =>
        {
            var result = await commands.CreateAsync(c, unitId, input, ct);
            return result.Status switch
            {
                CommandStatus.Ok => TypedResults.Created($"/api/v1/{c.Name}/{result.Record!.Id}", await ReadAsync(db, c, result.Record!.Id, ct)),
                CommandStatus.Invalid => ApiProblems.Invalid(result.Errors!),
                _ => Failure(result),
            };
        };
        api.MapPost(underUnit, create).WithTags(tag).WithSummary($"新增{c.Title}");

        Delegate read = async Task<Results<Ok<TDto>, ProblemHttpResult>> (
            int id, AppDbContext db, OrgScope orgScope, RecordCommands commands, CancellationToken ct) =>
        {
            var scope = await orgScope.CurrentAsync(ct);
            var dto = await db.Set<TEntity>().VisibleTo(scope).Where(r => r.Id == id).Select(c.Project).FirstOrDefaultAsync(ct);
            if (dto is null)
            {
                return ApiProblems.NotFound();
            }

            if (c.ForReaders is { } mask)
            {
                var unitId = await db.Set<TEntity>().Where(r => r.Id == id).Select(r => r.UnitId).FirstAsync(ct);
                dto = await commands.MayEditAsync(new UnitResource(unitId)) ? dto : mask(dto);
            }

            return TypedResults.Ok(dto);
        };
        api.MapGet(byId, read).WithTags(tag).WithMetadata(record).WithSummary($"读取一条{c.Title}");

        Delegate replace = async Task<Results<Ok<TDto>, ProblemHttpResult, ValidationProblem>> (
            int id, TInput input, RecordCommands commands, AppDbContext db, CancellationToken ct) =>
        {
            var result = await commands.UpdateAsync(c, id, input, ct);
            return result.Status switch
            {
                CommandStatus.Ok => TypedResults.Ok(await ReadAsync(db, c, id, ct)),
                CommandStatus.Invalid => ApiProblems.Invalid(result.Errors!),
                CommandStatus.Conflict => ApiProblems.Conflict(await ReadAsync(db, c, id, ct)),
                _ => Failure(result),
            };
        };
        api.MapPut(byId, replace).WithTags(tag).WithMetadata(record).WithSummary($"修改{c.Title}").WithDescription("请求体须带回读取时的 version；版本已过期时返回 409，不保存任何内容。");

        Delegate remove = async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (
            int id, [FromQuery] int? version, RecordCommands commands, AppDbContext db, CancellationToken ct) =>
        {
            var result = await commands.DeleteAsync<TEntity>(id, version, ct);
            return result.Status switch
            {
                CommandStatus.Ok => TypedResults.NoContent(),
                CommandStatus.Invalid => ApiProblems.Invalid(result.Errors!),
                CommandStatus.Conflict => ApiProblems.Conflict(await ReadAsync(db, c, id, ct)),
                _ => Failure(result),
            };
        };
        api.MapDelete(byId, remove).WithTags(tag).WithMetadata(record).WithSummary($"删除{c.Title}").WithDescription("可带 ?version=，版本已过期时返回 409。");
    }

    /// <summary>One record as its collection's read model (after a create, an update or a conflict); also used by the case children's routes.</summary>
    public static async Task<TDto> ReadAsync<TEntity, TInput, TDto>(AppDbContext db, CollectionSpec<TEntity, TInput, TDto> c, int id, CancellationToken ct)
        where TEntity : UnitRecord where TInput : class, IRecordInput where TDto : class =>
        (await db.Set<TEntity>().AsNoTracking().Where(r => r.Id == id).Select(c.Project).FirstOrDefaultAsync(ct))!;

    /// <summary>403 when the user may see but not change the record, else 404.</summary>
    public static ProblemHttpResult Failure<TEntity>(CommandResult<TEntity> result) where TEntity : class =>
        result.Status == CommandStatus.Forbidden ? ApiProblems.Forbidden() : ApiProblems.NotFound();
}

public static class Paging
{
    /// <summary>A 400 for impossible ?year=, ?page= or ?pageSize=; null when they are fine.</summary>
    public static ValidationProblem? Check(int? year, int? page, int? pageSize)
    {
        var errors = new ValidationErrors();
        if (year is < 2000 or > 2100)
        {
            errors.Add("year", "年度应在2000到2100之间");
        }

        if (page is < 1)
        {
            errors.Add("page", "页码从1开始");
        }

        if (pageSize is < 1 or > CollectionApi.MaxPageSize)
        {
            errors.Add("pageSize", $"每页条数应在1到{CollectionApi.MaxPageSize}之间");
        }

        return errors.IsValid ? null : ApiProblems.Invalid(errors);
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using System.Linq.Expressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Documents;
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

/// <summary>
/// Where a collection's list and create routes hang, and what else its routes do. API.md's collections hang under a
/// unit (<see cref="CollectionApi.UnderUnit"/>); a case's records (帮扶, 回访, 同意, 共享) hang under the case, take
/// the case from the route, and write the case access log on every route.
/// </summary>
public sealed class CollectionMount<TEntity, TInput>
    where TEntity : UnitRecord where TInput : class, IRecordInput
{
    /// <summary>The list and create route's prefix, e.g. "/units/{unitId:int}" or "/youth-cases/{caseId:int}".</summary>
    public required string Route { get; init; }

    /// <summary>The prefix's route parameter, "unitId" or "caseId".</summary>
    public required string Parameter { get; init; }

    /// <summary>What the parent is called in the API document ("单位", "档案").</summary>
    public required string ParentTitle { get; init; }

    /// <summary>The unit of the parent when the user may see the parent; null answers 404.</summary>
    public required Func<int, AppDbContext, OrgScope, CancellationToken, Task<int?>> UnitOf { get; init; }

    /// <summary>The parent's records.</summary>
    public required Func<int, Expression<Func<TEntity, bool>>> Children { get; init; }

    /// <summary>A stored record's parent, for the watcher and for <see cref="Attach"/> on a replace.</summary>
    public required Expression<Func<TEntity, int>> ParentOf { get; init; }

    /// <summary>Puts the parent on the input of a create or a replace; null when the unit route says it all.</summary>
    public Action<TInput, int>? Attach { get; init; }

    /// <summary>Read, replace and delete by id besides list and create (shares are only listed and added).</summary>
    public bool ById { get; init; } = true;

    /// <summary>Sees every route; null for none.</summary>
    public IRecordWatch? Watch { get; init; }

    /// <summary>The parent's id in the request's route (the route constraint has made sure it is a number).</summary>
    public int ParentOfRoute(HttpContext http) =>
        int.Parse((string)http.Request.RouteValues[Parameter]!, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Watches a collection's routes: told of every read before data leaves, and runs every change so that its own row
/// (the case access log, R-5.5) is saved in the same transaction as the change, or not at all.
/// </summary>
public interface IRecordWatch
{
    Task ReadAsync(HttpContext http, string collection, int unitId, int parentId, CancellationToken ct);

    /// <summary>Runs <paramref name="change"/>; <paramref name="action"/> is create, update or delete.</summary>
    Task<CommandResult<T>> ChangeAsync<T>(HttpContext http, string action, string collection, int unitId, int parentId,
        Func<Task<CommandResult<T>>> change, CancellationToken ct) where T : class;
}

public static class CollectionApi
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>API.md's mount: list and create under /units/{unitId}/{name}, within the user's scope.</summary>
    public static CollectionMount<TEntity, TInput> UnderUnit<TEntity, TInput, TDto>(CollectionSpec<TEntity, TInput, TDto> c)
        where TEntity : UnitRecord where TInput : class, IRecordInput where TDto : class => new()
    {
        Route = "/units/{unitId:int}",
        Parameter = "unitId",
        ParentTitle = "单位",
        UnitOf = async (unitId, _, orgScope, ct) => await orgScope.IncludesAsync(unitId, ct) ? unitId : null,
        Children = c.BelongsTo,
        ParentOf = r => r.UnitId,
    };

    /// <summary>
    /// Maps a collection's five routes: list and create under the mount (by default API.md's /units/{unitId}/{name}),
    /// and read, replace, delete under /{name}/{id}.
    /// </summary>
    public static void MapCollection<TEntity, TInput, TDto>(
        this IEndpointRouteBuilder api, CollectionSpec<TEntity, TInput, TDto> c, string tag, CollectionMount<TEntity, TInput>? mount = null)
        where TEntity : UnitRecord where TInput : class, IRecordInput where TDto : class
    {
        // The handlers are typed as Delegate: the SDK's RouteHandlerAnalyzer crashes (AD0001) on lambdas
        // over generic type parameters. Binding and the OpenAPI metadata come from reflection all the same; the
        // parent's id is read from the route by the mount's parameter name, which OpenAPI documents from the route.
        var at = mount ?? UnderUnit(c);
        var underParent = $"{at.Route}/{c.Name}";
        var byId = $"/{c.Name}/{{id:int}}";
        var record = new ScopedRecordAttribute(typeof(TEntity));

        Delegate list = async Task<Results<Ok<PageOf<TDto>>, ProblemHttpResult, ValidationProblem>> (
            HttpContext http, int? year, int? page, int? pageSize, AppDbContext db, OrgScope orgScope, RecordCommands commands, CancellationToken ct) =>
        {
            var parentId = at.ParentOfRoute(http);
            if (await at.UnitOf(parentId, db, orgScope, ct) is not { } unitId)
            {
                return ApiProblems.NotFound();
            }

            if (Paging.Check(year, page, pageSize) is { } invalid)
            {
                return invalid;
            }

            var scope = await orgScope.CurrentAsync(ct);
            var query = c.InYear(db.Set<TEntity>().VisibleTo(scope).Where(at.Children(parentId)), year);
            var total = await query.CountAsync(ct);
            var size = pageSize ?? DefaultPageSize;
            var items = await c.Order(query).Skip(((page ?? 1) - 1) * size).Take(size).Select(c.Project).ToListAsync(ct);
            if (c.ForReaders is { } mask && !await commands.MayEditAsync(new UnitResource(unitId)))
            {
                items = items.Select(mask).ToList();
            }

            if (at.Watch is { } watch)
            {
                await watch.ReadAsync(http, c.Name, unitId, parentId, ct);
            }

            return TypedResults.Ok(new PageOf<TDto>(items, total));
        };
        api.MapGet(underParent, list).WithTags(tag).AddOpenApiOperationTransformer(DocumentParent(at.Parameter)).WithSummary($"列出{at.ParentTitle}的{c.Title}").WithDescription("?year= 按年度筛选（有日期的记录），?page=&pageSize= 分页（默认50，最多500）。");

        Delegate create = async Task<Results<Created<TDto>, ProblemHttpResult, ValidationProblem>> (
            HttpContext http, TInput input, RecordCommands commands, AppDbContext db, OrgScope orgScope, CancellationToken ct) =>
        {
            var parentId = at.ParentOfRoute(http);
            int unitId;
            if (at.Attach is null)
            {
                unitId = parentId; // under a unit: the command checks the scope and the right to write
            }
            else if (await at.UnitOf(parentId, db, orgScope, ct) is { } parentUnit)
            {
                unitId = parentUnit;
                at.Attach(input, parentId);
            }
            else
            {
                return ApiProblems.NotFound();
            }

            var result = await Watched(c, at, http, "create", new Owner(unitId, parentId), () => commands.CreateAsync(c, unitId, input, ct), ct);
            return result.Status switch
            {
                CommandStatus.Ok => TypedResults.Created($"/api/v1/{c.Name}/{result.Record!.Id}", await ReadAsync(db, c, result.Record!.Id, ct)),
                CommandStatus.Invalid => ApiProblems.Invalid(result.Errors!),
                _ => Failure(result),
            };
        };
        api.MapPost(underParent, create).WithTags(tag).AddOpenApiOperationTransformer(DocumentParent(at.Parameter)).WithSummary($"新增{c.Title}")
            .WithDescription($"请求体为{c.Title}的字段（version 不填或填 0）；记录归属路由中的{at.ParentTitle}。成功时 201，返回新记录（含 id、version），"
                + $"Location 为 /api/v1/{c.Name}/{{id}}。校验未通过 400（errors 按字段列出），只能查看的角色 403，{at.ParentTitle}不在权限范围内 404。");

        // API.md's export and import of the list, for lists under a unit.
        if (mount is null)
        {
            api.MapListExport(c, tag);
            api.MapListImport(c, tag);
        }

        if (!at.ById)
        {
            return;
        }

        Delegate read = async Task<Results<Ok<TDto>, ProblemHttpResult>> (
            HttpContext http, int id, AppDbContext db, OrgScope orgScope, RecordCommands commands, CancellationToken ct) =>
        {
            var scope = await orgScope.CurrentAsync(ct);
            var dto = await db.Set<TEntity>().VisibleTo(scope).Where(r => r.Id == id).Select(c.Project).FirstOrDefaultAsync(ct);
            if (dto is null)
            {
                return ApiProblems.NotFound();
            }

            if (c.ForReaders is not null || at.Watch is not null)
            {
                var owner = (await OwnerAsync(db, at, id, ct))!;
                if (c.ForReaders is { } mask && !await commands.MayEditAsync(new UnitResource(owner.UnitId)))
                {
                    dto = mask(dto);
                }

                if (at.Watch is { } watch)
                {
                    await watch.ReadAsync(http, c.Name, owner.UnitId, owner.ParentId, ct);
                }
            }

            return TypedResults.Ok(dto);
        };
        api.MapGet(byId, read).WithTags(tag).WithMetadata(record).WithSummary($"读取一条{c.Title}")
            .WithDescription("返回记录的全部字段和 version（修改时带回）。只能查看的用户看到的敏感字段（如电话）打码。不存在或不在权限范围内 404。");

        Delegate replace = async Task<Results<Ok<TDto>, ProblemHttpResult, ValidationProblem>> (
            HttpContext http, int id, TInput input, RecordCommands commands, AppDbContext db, OrgScope orgScope, CancellationToken ct) =>
        {
            var owner = at.Attach is null && at.Watch is null ? null : await VisibleOwnerAsync(db, orgScope, at, id, ct);
            if (owner is not null)
            {
                at.Attach?.Invoke(input, owner.ParentId);
            }
            else if (at.Attach is not null || at.Watch is not null)
            {
                return ApiProblems.NotFound();
            }

            var result = await Watched(c, at, http, "update", owner ?? Owner.None, () => commands.UpdateAsync(c, id, input, ct), ct);
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
            HttpContext http, int id, [FromQuery] int? version, RecordCommands commands, AppDbContext db, OrgScope orgScope, CancellationToken ct) =>
        {
            var owner = at.Watch is null ? null : await VisibleOwnerAsync(db, orgScope, at, id, ct);
            if (at.Watch is not null && owner is null)
            {
                return ApiProblems.NotFound();
            }

            var result = await Watched(c, at, http, "delete", owner ?? Owner.None, () => commands.DeleteAsync<TEntity>(id, version, ct), ct);
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

    /// <summary>One record as its collection's read model (after a create, an update or a conflict).</summary>
    public static async Task<TDto> ReadAsync<TEntity, TInput, TDto>(AppDbContext db, CollectionSpec<TEntity, TInput, TDto> c, int id, CancellationToken ct)
        where TEntity : UnitRecord where TInput : class, IRecordInput where TDto : class =>
        (await db.Set<TEntity>().AsNoTracking().Where(r => r.Id == id).Select(c.Project).FirstOrDefaultAsync(ct))!;

    /// <summary>403 when the user may see but not change the record, else 404.</summary>
    public static ProblemHttpResult Failure<TEntity>(CommandResult<TEntity> result) where TEntity : class =>
        result.Status == CommandStatus.Forbidden ? ApiProblems.Forbidden() : ApiProblems.NotFound();

    /// <summary>The parent's route parameter, read by hand from the route, documented as the integer it is.</summary>
    private static Func<OpenApiOperation, OpenApiOperationTransformerContext, CancellationToken, Task> DocumentParent(string name) =>
        (operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Insert(0, new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Pattern = "^-?(?:0|[1-9]\\d*)$" },
            });
            return Task.CompletedTask;
        };

    /// <summary>The unit and the parent of a stored record; <see cref="None"/> where nobody watches.</summary>
    private sealed record Owner(int UnitId, int ParentId)
    {
        public static readonly Owner None = new(0, 0);
    }

    private static Task<CommandResult<TEntity>> Watched<TEntity, TInput, TDto>(CollectionSpec<TEntity, TInput, TDto> c, CollectionMount<TEntity, TInput> at,
        HttpContext http, string action, Owner owner, Func<Task<CommandResult<TEntity>>> change, CancellationToken ct)
        where TEntity : UnitRecord where TInput : class, IRecordInput where TDto : class =>
        at.Watch is { } watch ? watch.ChangeAsync(http, action, c.Name, owner.UnitId, owner.ParentId, change, ct) : change();

    private static Task<Owner?> OwnerAsync<TEntity, TInput>(AppDbContext db, CollectionMount<TEntity, TInput> at, int id, CancellationToken ct)
        where TEntity : UnitRecord where TInput : class, IRecordInput =>
        OwnerOf(db.Set<TEntity>(), at, id, ct);

    private static async Task<Owner?> VisibleOwnerAsync<TEntity, TInput>(AppDbContext db, OrgScope orgScope, CollectionMount<TEntity, TInput> at, int id, CancellationToken ct)
        where TEntity : UnitRecord where TInput : class, IRecordInput =>
        await OwnerOf(db.Set<TEntity>().VisibleTo(await orgScope.CurrentAsync(ct)), at, id, ct);

    private static Task<Owner?> OwnerOf<TEntity, TInput>(IQueryable<TEntity> records, CollectionMount<TEntity, TInput> at, int id, CancellationToken ct)
        where TEntity : UnitRecord where TInput : class, IRecordInput
    {
        // r => new Owner(r.UnitId, <ParentOf's body>): the unit and the parent in one query.
        var r = at.ParentOf.Parameters[0];
        var owner = Expression.Lambda<Func<TEntity, Owner?>>(
            Expression.New(typeof(Owner).GetConstructor([typeof(int), typeof(int)])!, Expression.Property(r, nameof(UnitRecord.UnitId)), at.ParentOf.Body), r);
        return records.Where(e => e.Id == id).Select(owner).FirstOrDefaultAsync(ct);
    }
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

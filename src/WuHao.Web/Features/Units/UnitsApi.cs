using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Units;

public static class UnitsApi
{
    public static void MapUnitsApi(this RouteGroupBuilder api)
    {
        var units = api.MapGroup("").WithTags("组织单位");

        units.MapGet("/units", async Task<Results<Ok<PageOf<UnitDto>>, ValidationProblem>> (
            int? page, int? pageSize, AppDbContext db, OrgScope orgScope, CancellationToken ct) =>
        {
            if (Paging.Check(null, page, pageSize) is { } invalid)
            {
                return invalid;
            }

            var scope = await orgScope.CurrentAsync(ct);
            var query = db.Units.VisibleTo(scope);
            var size = pageSize ?? CollectionApi.DefaultPageSize;
            var items = await query.OrderBy(u => u.Path).Skip(((page ?? 1) - 1) * size).Take(size).Select(UnitCommands.Project).ToListAsync(ct);
            return TypedResults.Ok(new PageOf<UnitDto>(items, await query.CountAsync(ct)));
        }).WithSummary("列出可见的组织单位（本单位及全部下级）").WithDescription(TypesDescription);

        units.MapGet("/units/{id:int}", async Task<Results<Ok<UnitDto>, ProblemHttpResult>> (int id, AppDbContext db, OrgScope orgScope, CancellationToken ct) =>
        {
            var scope = await orgScope.CurrentAsync(ct);
            var unit = await db.Units.VisibleTo(scope).Where(u => u.Id == id).Select(UnitCommands.Project).FirstOrDefaultAsync(ct);
            return unit is null ? ApiProblems.NotFound() : TypedResults.Ok(unit);
        }).WithSummary("读取一个组织单位").WithMetadata(new ScopedRecordAttribute(typeof(OrgUnit)));

        units.MapPost("/units", async Task<Results<Created<UnitDto>, ProblemHttpResult, ValidationProblem>> (
            UnitInput input, UnitCommands commands, AppDbContext db, CancellationToken ct) =>
        {
            var result = await commands.CreateAsync(input, ct);
            return result.Status switch
            {
                CommandStatus.Ok => TypedResults.Created($"/api/v1/units/{result.Record!.Id}", await ReadAsync(db, result.Record.Id, ct)),
                CommandStatus.Invalid => ApiProblems.Invalid(result.Errors!),
                _ => ApiProblems.NotFound(),
            };
        }).RequireAuthorization(Policies.TreeEditor).WithSummary("新增组织单位（系统管理员、旗关工委）")
          .WithDescription(TypesDescription + " 最上级单位可以是任一类型（仅系统管理员）；下级须是上级的下一级或学校。");

        units.MapPut("/units/{id:int}", async Task<Results<Ok<UnitDto>, ProblemHttpResult, ValidationProblem>> (
            int id, UnitInput input, UnitCommands commands, AppDbContext db, CancellationToken ct) =>
        {
            var result = await commands.UpdateAsync(id, input, ct);
            return result.Status switch
            {
                CommandStatus.Ok => TypedResults.Ok(await ReadAsync(db, id, ct)),
                CommandStatus.Invalid => ApiProblems.Invalid(result.Errors!),
                CommandStatus.Conflict => ApiProblems.Conflict(await ReadAsync(db, id, ct)),
                _ => ApiProblems.NotFound(),
            };
        }).RequireAuthorization(Policies.TreeEditor).WithSummary("修改组织单位（系统管理员、旗关工委）").WithDescription(TypesDescription)
          .WithMetadata(new ScopedRecordAttribute(typeof(OrgUnit)));
    }

    /// <summary>The unit types and their API names, from the one list in <see cref="OrgUnit"/>.</summary>
    private static readonly string TypesDescription = "type 取值：" + string.Join("、",
        Enum.GetValues<UnitType>().Select(t => $"{OrgUnit.ApiName(t)}（{OrgUnit.TypeName(t)}）")) + "。";

    private static async Task<UnitDto> ReadAsync(AppDbContext db, int id, CancellationToken ct) =>
        await db.Units.AsNoTracking().Where(u => u.Id == id).Select(UnitCommands.Project).FirstAsync(ct);
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Features.Cases;

/// <summary>Writes who read or changed a case, when, what and from which address. Written before data is returned.</summary>
public sealed class CaseAccessLog(AppDbContext db, IHttpContextAccessor http, TimeProvider time)
{
    public async Task WriteAsync(string action, int unitId, int? caseId, string? detail, CancellationToken ct)
    {
        var context = http.HttpContext;
        db.CaseAccessLog.Add(new CaseAccessEntry
        {
            At = time.GetUtcNow(),
            UserId = context?.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value,
            UserName = context?.User.Identity?.Name ?? "system",
            UnitId = unitId,
            CaseId = caseId,
            Action = action,
            Detail = detail,
            Address = context?.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Without the 困境青少年档案 permission every case page answers 404, even inside one's own unit.</summary>
public sealed class RequireCasePermissionPageFilter : IAsyncPageFilter, IOrderedFilter
{
    /// <summary>Before every other page filter (a 405 for an unknown handler would reveal the page).</summary>
    public int Order => int.MinValue;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!context.HttpContext.User.MayKeepYouthCases())
        {
            context.Result = new NotFoundResult();
            return;
        }

        await next();
    }
}

public static class CasePermissionEndpoints
{
    /// <summary>The same rule for the API: 404, as if the route did not exist.</summary>
    public static TBuilder RequireCasePermission<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (ctx, next) =>
            ctx.HttpContext.User.MayKeepYouthCases() ? await next(ctx) : Infrastructure.Web.ApiProblems.NotFound());
}

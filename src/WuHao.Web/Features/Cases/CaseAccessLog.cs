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

    /// <summary>
    /// Runs a change to case data and writes its log row in the same transaction: when the change fails
    /// nothing is logged, and when the log row cannot be written the change is rolled back. <paramref name="entry"/>
    /// gives the row for the change's outcome, or null when nothing was changed (invalid, conflict, forbidden).
    /// </summary>
    public async Task<T> ChangeAsync<T>(Func<Task<T>> change, Func<T, LogEntry?> entry, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            // Inside someone else's transaction: theirs decides for both.
            var inner = await change();
            await WriteAsync(entry(inner), ct);
            return inner;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await change();
        if (entry(result) is { } row)
        {
            await WriteAsync(row, ct);
            await tx.CommitAsync(ct);
        }

        return result;
    }

    private Task WriteAsync(LogEntry? row, CancellationToken ct) =>
        row is null ? Task.CompletedTask : WriteAsync(row.Action, row.UnitId, row.CaseId, row.Detail, ct);
}

/// <summary>The access-log row of one change: action, unit, case and detail (the kind of child record).</summary>
public sealed record LogEntry(string Action, int UnitId, int? CaseId, string? Detail);

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

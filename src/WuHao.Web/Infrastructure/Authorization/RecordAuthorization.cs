using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Web.Infrastructure.Authorization;

public static class Policies
{
    public const string Admin = "Admin";
    public const string TreeEditor = "TreeEditor";
}

/// <summary>The operations checked per record, in GET and POST (pages) and every API verb.</summary>
public static class RecordOperations
{
    public static readonly OperationAuthorizationRequirement Read = new() { Name = nameof(Read) };
    public static readonly OperationAuthorizationRequirement Edit = new() { Name = nameof(Edit) };
}

/// <summary>A unit as an authorization resource (units have no UnitId of their own).</summary>
public sealed record UnitResource(int UnitId) : IUnitOwned;

/// <summary>Read: the record's unit is in the user's scope. Edit: that, and the user's role keeps records.</summary>
public sealed class RecordAuthorizationHandler(OrgScope orgScope)
    : AuthorizationHandler<OperationAuthorizationRequirement, IUnitOwned>
{
    protected override async Task HandleRequirementAsync(
        AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, IUnitOwned resource)
    {
        if (!await orgScope.IncludesAsync(resource.UnitId))
        {
            return;
        }

        if (requirement == RecordOperations.Read
            || (requirement == RecordOperations.Edit && Roles.Editors.Any(context.User.IsInRole)))
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>Part of the fallback policy: the account still exists, is not disabled, and its security stamp is current.</summary>
public sealed class ActiveUserRequirement : IAuthorizationRequirement;

public sealed class ActiveUserHandler(AppDbContext db, IOptions<IdentityOptions> identityOptions)
    : AuthorizationHandler<ActiveUserRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ActiveUserRequirement requirement)
    {
        var userId = context.User.FindFirst(identityOptions.Value.ClaimsIdentity.UserIdClaimType)?.Value;
        if (userId is null)
        {
            return;
        }

        var stamp = context.User.FindFirst(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType)?.Value;
        var ok = await db.Users.AnyAsync(u => u.Id == userId && !u.IsDisabled && u.SecurityStamp == stamp);
        if (ok)
        {
            context.Succeed(requirement);
        }
    }
}

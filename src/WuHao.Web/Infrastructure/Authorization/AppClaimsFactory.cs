using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Web.Infrastructure.Authorization;

/// <summary>Puts the user's unit and display name into the login cookie and bearer token.</summary>
public sealed class AppClaimsFactory(
    UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, AppDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(WuHaoClaims.UnitId, user.UnitId.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(WuHaoClaims.DisplayName, user.DisplayName));
        if (await db.Units.AnyAsync(u => u.Id == user.UnitId && u.IsDemo))
        {
            identity.AddClaim(new Claim(WuHaoClaims.Demo, "1"));
        }

        return identity;
    }
}

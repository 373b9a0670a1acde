using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WuHao.Web.Domain;

namespace WuHao.Web.Features.Account;

/// <summary>
/// Logout is a POST with an antiforgery token, so no link or image can sign a user out. It ends the session on the
/// server too: a new security stamp, which every request checks (UseActiveUserCheck), so a copy of the cookie
/// (or a bearer token of the account) no longer works.
/// </summary>
public sealed class LogoutModel(UserManager<AppUser> users) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Redirect("/Account/Login");
    }
}

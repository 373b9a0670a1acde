using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace WuHao.Web.Features.Account;

public sealed class LoginModel(AccountSignIn signIn) : PageModel
{
    public sealed record LoginInput
    {
        [Display(Name = "用户名"), Required(ErrorMessage = "请填写用户名")]
        public string? UserName { get; set; }

        [Display(Name = "密码"), Required(ErrorMessage = "请填写密码"), DataType(DataType.Password)]
        public string? Password { get; set; }
    }

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await signIn.CheckAsync(Input.UserName!, Input.Password!);
        if (outcome.Status != SignInStatus.Ok)
        {
            if (outcome.Status == SignInStatus.Throttled)
            {
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
            }

            ModelState.AddModelError("", outcome.Message);
            return Page();
        }

        await HttpContext.SignInAsync(IdentityConstants.ApplicationScheme, outcome.Principal!);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace WuHao.Web.Features;

/// <summary>The Chinese status pages (403, 404, 500 …), re-executed with the original status code.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public IActionResult OnGet(int? code) => Respond(code);

    public IActionResult OnPost(int? code) => Respond(code);

    // An API write that failed is re-executed here with its own verb: answer it, never with an empty 405.
    public IActionResult OnPut(int? code) => Respond(code);

    public IActionResult OnDelete(int? code) => Respond(code);

    public IActionResult OnPatch(int? code) => Respond(code);

    /// <summary>The Chinese page, or for a request to the API the same words as application/problem+json.</summary>
    private IActionResult Respond(int? code)
    {
        Describe(code);
        var original = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>()?.Path
            ?? HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalPath;
        if (original is not null && original.StartsWith("/api/", StringComparison.Ordinal))
        {
            var status = code ?? 500;
            return new ObjectResult(new ProblemDetails { Status = status, Title = Title, Detail = Message })
            {
                StatusCode = status,
                ContentTypes = { "application/problem+json" },
            };
        }

        return Page();
    }

    private void Describe(int? code)
    {
        var status = code ?? 500;
        (Title, Message) = status switch
        {
            403 => ("无权访问", "您的账号没有进行此操作的权限。如需办理，请联系上级关工委或系统管理员。"),
            404 => ("页面不存在", "您要找的页面或记录不存在，或不在您的权限范围内。"),
            400 => ("请求有误", "提交的内容无法处理，请返回重试。"),
            413 => ("文件过大", "上传的内容超过了大小限制，什么也没有保存。请减少文件或压缩照片后重试。"),
            429 => ("登录尝试过于频繁", "登录尝试过于频繁，请稍后再试。"),
            _ => ("系统出错", "服务器处理请求时出错，刚才的操作没有保存。请稍后重试，或联系系统管理员。"),
        };
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null && code is not null)
        {
            Response.StatusCode = status;
        }
    }
}

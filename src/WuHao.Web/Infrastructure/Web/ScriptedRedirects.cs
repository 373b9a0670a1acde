namespace WuHao.Web.Infrastructure.Web;

/// <summary>
/// A form sent by script (evidence.js: XMLHttpRequest, "X-Requested-With") that the page answers with a redirect gets
/// 204 and the target in <see cref="Header"/> in its place. An XMLHttpRequest follows a redirect by itself and cannot be
/// told not to, so the list a save returns to was fetched twice: once by the request, once by the script's navigation.
/// Now a save is one POST and one GET of the list. Forms sent without script keep their 302.
/// </summary>
public static class ScriptedRedirects
{
    public const string Header = "X-Redirect";

    public static IApplicationBuilder UseScriptedRedirects(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.Headers.XRequestedWith == "XMLHttpRequest" && !request.Path.StartsWithSegments("/api"))
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                if (response.StatusCode is >= 301 and <= 308 and not 304 && response.Headers.Location is [{ Length: > 0 } target])
                {
                    response.StatusCode = StatusCodes.Status204NoContent;
                    response.Headers.Remove("Location");
                    response.Headers[Header] = target;
                }

                return Task.CompletedTask;
            });
        }

        return next(context);
    });
}

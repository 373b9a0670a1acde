using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.OpenApi;
using WuHao.Web.Data;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Files;

namespace WuHao.Web.Infrastructure.Web;

public static class WebSetup
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>
    /// Only the app's own files run, style and frame (R-8.5): no inline script or style attribute anywhere (behaviour
    /// lives in wwwroot/js), photos previewed from blob: and Bootstrap's data: icons, no plugins, never inside a frame.
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static void AddWuHaoWeb(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                o.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
                o.Conventions.AllowAnonymousToFolder("/Account");
                o.Conventions.AllowAnonymousToPage("/Error");
                o.Conventions.AddFolderApplicationModelConvention("/Cases", m => m.Filters.Add(new Features.Cases.RequireCasePermissionPageFilter()));
            })
            .AddMvcOptions(o =>
            {
                ChineseBindingMessages(o.ModelBindingMessageProvider);
                o.Filters.Add(new NoHandlerFilter());
            });
        // Chinese text is written as is, not as &#x...; entities: a third of the bytes on a weak link.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddAntiforgery(o => o.HeaderName = "RequestVerificationToken");
        // Pages and JSON compressed for the rural link (R-8.1): the activity form is 20 KB as HTML, 4 KB with Brotli.
        // Static files come precompressed from MapStaticAssets; this compresses what the app writes. The antiforgery
        // token in a page differs on every response, so compressing over HTTPS gives BREACH nothing stable to probe.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            o.MimeTypes = Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json"]);
        });
        // Optimal, not Fastest: Brotli's fastest level (1) sent the demo village's evaluation page as 17.3 KB, larger than
        // gzip -9 (9.5 KB); its default level (4) costs about a millisecond of server time per page and every kilobyte
        // saved is 5 ms on a 1.6 Mbps link (issue 14, repeat loads ≤ 15 KB).
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);
        services.AddScoped<RecordCommands>();
        services.AddSingleton(TimeProvider.System);
        // Background jobs run once across several app instances (R-8.3).
        services.AddSingleton<Jobs.AppInstance>();
        services.AddSingleton<Jobs.JobLeases>();
        services.AddOpenApi("v1", o =>
        {
            o.AddWuHaoConventions();
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info = new OpenApiInfo
                {
                    Title = "五好关工委 WuHao API",
                    Version = "v1",
                    Description = "嘎查村“五好”关工委创建与验收管理系统的 HTTP 接口。先 POST /api/v1/auth/login 取得令牌，"
                        + "再以 Authorization: Bearer <accessToken> 调用。错误为 application/problem+json，标题和说明为中文。",
                };
                doc.Components ??= new OpenApiComponents();
                doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                doc.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "POST /api/v1/auth/login 返回的 accessToken",
                };
                return Task.CompletedTask;
            });
        });
    }

    public static void UseWuHaoPipeline(this WebApplication app)
    {
        app.UseWuHaoProxy();
        app.UseResponseCompression();
        app.UseExceptionHandler("/Error/500");
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages(ApiStatusAsync));
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/Error/{0}"));
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Chinese),
            SupportedCultures = [Chinese],
            SupportedUICultures = [Chinese],
        });
        app.Use((context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.XFrameOptions = "DENY";
            context.Response.Headers["Referrer-Policy"] = "same-origin";
            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return next(context);
        });
        app.UseFormSizeLimit();
        app.UseScriptedRedirects();
        app.UseRateLimiter();
        app.UseRouting();
        app.UseAuthentication();
        app.UseActiveUserCheck();
        app.UseAuthorization();
        app.UseAntiforgery();
    }

    /// <summary>The API's routes, with the antiforgery check for cookie-authenticated unsafe calls.</summary>
    public static RouteGroupBuilder MapApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapGet("/healthz", async (AppDbContext db, CancellationToken ct) =>
                await db.Database.CanConnectAsync(ct)
                    ? Results.Ok(new { status = "ok" })
                    : Results.Problem(title: "数据库无法连接", statusCode: StatusCodes.Status503ServiceUnavailable))
            .AllowAnonymous().WithTags("系统").WithSummary("健康检查：应用和数据库都能应答时返回 200");

        var api = app.MapGroup("/api/v1");
        api.AddEndpointFilter(async (ctx, next) =>
        {
            var http = ctx.HttpContext;
            var unsafeMethod = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method));
            if (unsafeMethod && http.User.Identity?.IsAuthenticated == true && !await AuthenticatedByBearerAsync(http)
                && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            {
                return Results.Problem(title: "缺少防伪令牌", detail: "用登录 Cookie 调用修改类接口时，须在 RequestVerificationToken 头中带上页面的防伪令牌；脚本请改用 Bearer 令牌。",
                    statusCode: StatusCodes.Status400BadRequest);
            }

            return await next(ctx);
        });
        return api;
    }

    /// <summary>
    /// Whether the bearer scheme authenticated this request (R-0.3): only a token a script sends is free of the antiforgery
    /// check. The login cookie with any other Authorization header ("Basic x", an empty one) is still the cookie.
    /// </summary>
    private static async Task<bool> AuthenticatedByBearerAsync(HttpContext http) =>
        (await http.AuthenticateAsync(Microsoft.AspNetCore.Identity.IdentityConstants.BearerScheme)).Succeeded;

    private static async Task ApiStatusAsync(StatusCodeContext context)
    {
        var (title, detail) = context.HttpContext.Response.StatusCode switch
        {
            401 => ("未登录", "请先登录（POST /api/v1/auth/login），并以 Authorization: Bearer 令牌调用。"),
            403 => ("无权访问", "您的角色不能进行此操作。"),
            404 => ("未找到", "地址不存在，或记录不在您的权限范围内。"),
            405 => ("不支持的请求方法", "此地址不支持该请求方法。"),
            413 => ("文件过大", "上传的内容超过了大小限制。"),
            415 => ("文件类型不支持", "请上传允许的文件类型。"),
            429 => ("登录尝试过于频繁", "请稍后再试。"),
            _ => ("请求失败", null),
        };
        await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = new ProblemDetails { Status = context.HttpContext.Response.StatusCode, Title = title, Detail = detail },
        });
    }

    private static void ChineseBindingMessages(DefaultModelBindingMessageProvider p)
    {
        p.SetAttemptedValueIsInvalidAccessor((value, field) => $"“{value}”不是有效的{field}");
        p.SetMissingBindRequiredValueAccessor(field => $"缺少{field}");
        p.SetMissingKeyOrValueAccessor(() => "缺少值");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "缺少请求内容");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"“{value}”无效");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "值无效");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "必须是数字");
        p.SetUnknownValueIsInvalidAccessor(field => $"{field}的值无效");
        p.SetValueIsInvalidAccessor(value => $"“{value}”无效");
        p.SetValueMustBeANumberAccessor(field => $"{field}必须是数字");
        p.SetValueMustNotBeNullAccessor(field => $"请填写{field}");
    }
}

/// <summary>
/// A POST to a page that has no handler for it would otherwise render the page without running any
/// handler (Razor Pages' default); answer 405 instead.
/// </summary>
public sealed class NoHandlerFilter : Microsoft.AspNetCore.Mvc.Filters.IPageFilter
{
    public void OnPageHandlerSelected(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        if (context.HandlerMethod is null && !HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        }
    }

    public void OnPageHandlerExecuted(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutedContext context)
    {
    }
}

/// <summary>A body or query the API cannot read (bad JSON, an impossible date such as 2023-02-30): 400 in Chinese.</summary>
public sealed partial class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            if (!httpContext.Request.Path.StartsWithSegments("/api"))
            {
                return false;
            }

            httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new ProblemDetails { Status = 500, Title = "系统出错", Detail = "服务器处理请求时出错，什么也没有保存。请稍后重试或联系管理员。" },
            });
        }

        var status = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? 413 : 400;
        httpContext.Response.StatusCode = status;
        var detail = bad.InnerException is JsonException json
            ? $"请求内容无法读取：{JsonProblem(json)}"
            : "请求格式不正确，请检查参数和请求内容。";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Status = status, Title = status == 413 ? "内容过大" : "请求格式不正确", Detail = detail },
        });
    }

    /// <summary>"fileIds[0] 应为整数": the field (its JSON path) and the form expected for the type it could not be read as.</summary>
    public static string JsonProblem(JsonException json)
    {
        if (json.Path is not { Length: > 0 } path)
        {
            return "不是有效的 JSON";
        }

        var field = path.TrimStart('$', '.');
        var type = ConvertedTo().Match(json.Message) is { Success: true } m ? m.Groups[1].Value : null;
        return type is null ? $"{field} 附近不是有效的 JSON" : $"{field} {Expected(type)}";
    }

    /// <summary>The form expected for a .NET type as System.Text.Json names it ("System.Nullable`1[System.DateOnly]").</summary>
    private static string Expected(string type)
    {
        var list = type.Contains("List`1", StringComparison.Ordinal) || type.EndsWith("[]", StringComparison.Ordinal)
            || type.Contains("IEnumerable`1", StringComparison.Ordinal);
        var at = type.LastIndexOf("System.", StringComparison.Ordinal);
        var element = (at < 0 ? type : type[(at + 7)..]).TrimEnd(']', '[');
        var form = element switch
        {
            "Int16" or "Int32" or "Int64" or "Byte" => "整数",
            "Decimal" or "Double" or "Single" => "数字",
            "Boolean" => " true 或 false",
            "DateOnly" => "日期",
            "DateTime" or "DateTimeOffset" => "日期时间",
            "TimeOnly" => "时间",
            "String" => "文字（加引号）",
            _ => null,
        };
        return (list, form) switch
        {
            (true, null) => "应为列表，如 [...]",
            (true, _) => $"应为{form}的列表，如 [...]",
            (false, "日期") => "日期请用 YYYY-MM-DD，且须是真实存在的日期",
            (false, "日期时间") => "应为日期时间，如 2024-05-01T08:00:00+08:00",
            (false, "时间") => "时间请用 HH:mm",
            (false, null) => "的值格式不正确",
            _ => $"应为{form}",
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"could not be converted to ([^\s]+?)\.? Path:")]
    private static partial System.Text.RegularExpressions.Regex ConvertedTo();
}

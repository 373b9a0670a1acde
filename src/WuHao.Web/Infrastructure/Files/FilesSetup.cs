using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace WuHao.Web.Infrastructure.Files;

public static class FilesSetup
{
    /// <summary>
    /// File intake and the request limits it needs: Kestrel and the form reader let a page form with a few
    /// full-size files through, so that a file over <see cref="FileOptions.MaxBytes"/> gets our own Chinese 413
    /// naming the file, rather than a bare connection reset.
    /// </summary>
    public static IServiceCollection AddWuHaoFiles(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(FileOptions.Section);
        services.Configure<FileOptions>(section);
        var options = section.Get<FileOptions>() ?? new FileOptions();
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = options.MaxRequestBytes);
        services.Configure<FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = options.MaxRequestBytes;
            o.ValueCountLimit = 2048;
        });
        services.AddSingleton<FileIntake>();
        return services;
    }

    /// <summary>
    /// A page form over <see cref="FileOptions.MaxRequestBytes"/> (R-8.5): 413 and the Chinese "文件过大" page, as the API
    /// answers, not the antiforgery check's 400 for a form it could not read. The form is replaced by an empty one, so
    /// that the status page, re-executed on the same request, does not try to read the body either.
    /// </summary>
    public static IApplicationBuilder UseFormSizeLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<FileOptions>>().Value.MaxRequestBytes;
        if (!context.Request.Path.StartsWithSegments("/api") && context.Request.HasFormContentType
            && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            var tooLarge = context.Request.ContentLength > limit;
            if (!tooLarge)
            {
                try
                {
                    await context.Request.ReadFormAsync(context.RequestAborted);
                }
                catch (Microsoft.AspNetCore.Http.BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    tooLarge = true;
                }
                catch (InvalidDataException)
                {
                    // A body sent in chunks, with no length to compare: the form reader stopped at its limit. Any other
                    // unreadable form is left to the antiforgery check, which answers 400.
                    tooLarge = context.Request.ContentLength is null;
                }
            }

            if (tooLarge)
            {
                context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
        }

        await next(context);
    });
}

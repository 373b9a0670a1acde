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
}

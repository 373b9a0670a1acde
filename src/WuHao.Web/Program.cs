using WuHao.Web.Cli;
using WuHao.Web.Domain;
using WuHao.Web.Features;
using WuHao.Web.Features.Account;
using WuHao.Web.Features.Cases;
using WuHao.Web.Infrastructure;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Files;
using WuHao.Web.Infrastructure.Office;
using WuHao.Web.Infrastructure.Protection;
using WuHao.Web.Infrastructure.Web;

var builder = WebApplication.CreateBuilder(args);
// A build (not a publish) keeps the .gz/.br copies of wwwroot under obj/: find them in every environment, not only in
// Development (the tests run as "Testing"). No-op for published output, which holds them in wwwroot.
builder.WebHost.UseStaticWebAssets();
builder.AddWuHaoDatabase();
builder.Services.AddWuHaoIdentity();
builder.Services.AddWuHaoKeyRing(builder.Configuration);
builder.Services.AddWuHaoWeb();
builder.AddWuHaoProxy();
builder.Services.AddFeatures();
builder.Services.AddLoginThrottle(builder.Configuration);
builder.Services.AddWuHaoFiles(builder.Configuration);
builder.Services.Configure<ActivityOptions>(builder.Configuration.GetSection(ActivityOptions.Section));
builder.Services.Configure<TeamOptions>(builder.Configuration.GetSection(TeamOptions.Section));
builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.Section));
builder.Services.Configure<CaseOptions>(builder.Configuration.GetSection(CaseOptions.Section));
builder.Services.Configure<ExcelOptions>(builder.Configuration.GetSection(ExcelOptions.Section));

var app = builder.Build();

// `dotnet run -- migrate | create-admin | seed-demo`: run a command and exit.
try
{
    if (Commands.Find(args) is { } command)
    {
        return await command(app.Services, args);
    }

    await Startup.PrepareDatabaseAsync(app.Services);
}
catch (KeyRingException refused)
{
    // The key ring cannot be decrypted with what this machine holds (ADR-006): say so and refuse to serve.
    KeyRing.LogRefusal(app.Logger, refused);
    await Console.Error.WriteLineAsync(refused.Message);
    return 1;
}

app.UseWuHaoPipeline();
// Static files as endpoints: fingerprinted URLs in the pages, cached for a year, Brotli/gzip copies made at build.
app.MapStaticAssets().AllowAnonymous();
app.MapRazorPages().WithStaticAssets();
app.MapApi().MapFeatureApis();
app.Run();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;

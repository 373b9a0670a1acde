using WuHao.Web.Data;
using WuHao.Web.Features.Account;
using WuHao.Web.Features.Elders;
using WuHao.Web.Features.Team;
using WuHao.Web.Features.Units;
using WuHao.Web.Infrastructure.Office;

namespace WuHao.Web.Features;

public static class FeatureApis
{
    /// <summary>The features' own services.</summary>
    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        services.AddScoped<AccountSignIn>();
        services.AddScoped<UnitCommands>();
        services.AddScoped<Cli.DemoData>();
        services.AddScoped<ElderStatusCommands>();
        services.AddScoped<ImportWriter>();
        services.AddScoped<RosterExcel>();
        return services;
    }

    /// <summary>Every feature's /api/v1 routes. A new feature adds its line here.</summary>
    public static RouteGroupBuilder MapFeatureApis(this RouteGroupBuilder api)
    {
        api.MapAuthApi();
        api.MapUnitsApi();
        api.MapTeamApi();
        api.MapEldersApi();
        return api;
    }
}

using WuHao.Web.Data;
using WuHao.Web.Features.Account;
using WuHao.Web.Features.Cases;
using WuHao.Web.Features.Dashboards;
using WuHao.Web.Features.Documents;
using WuHao.Web.Features.Activities;
using WuHao.Web.Features.Assessment;
using WuHao.Web.Features.Files;
using WuHao.Web.Features.Indicators;
using WuHao.Web.Features.Innovation;
using WuHao.Web.Features.Plans;
using WuHao.Web.Features.Rules;
using WuHao.Web.Features.Elders;
using WuHao.Web.Features.Reminders;
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
        services.AddSingleton<Infrastructure.Protection.FieldProtector>();
        services.AddScoped<CaseAccessLog>();
        services.AddScoped<CaseCommands>();
        services.AddScoped<CaseExport>();
        services.AddScoped<CaseRetention>();
        services.AddHostedService<CaseRetentionJob>();
        services.AddScoped<ElderStatusCommands>();
        services.AddScoped<ImportWriter>();
        services.AddScoped<RosterExcel>();
        services.AddScoped<PendingImports>();
        services.AddSingleton<Indicators.EvaluationCache>();
        services.AddScoped<Indicators.Evaluations>();
        services.AddScoped<Indicators.IndicatorSystems>();
        services.AddScoped<Indicators.EvaluationPages>();
        services.AddScoped<Indicators.GapCommands>();
        services.AddScoped<Assessment.Campaigns>();
        services.AddScoped<Assessment.Rounds>();
        // Warnings and reminders: one list of deadlines from every source; a feature adds a source here.
        services.AddScoped<Reminders.Deadlines>();
        services.AddScoped<Shared.RequestFigures>();
        services.AddScoped<Reminders.CalendarFeeds>();
        services.AddScoped<Reminders.IDeadlineSource, Reminders.RoundDeadlines>();
        services.AddScoped<Reminders.IDeadlineSource, Reminders.TeamDeadlines>();
        services.AddScoped<Reminders.IDeadlineSource, Reminders.CommendationDeadlines>();
        services.AddScoped<Reminders.IDeadlineSource, Reminders.GapDeadlines>();
        services.AddScoped<Reminders.IDeadlineSource, Plans.PlanDeadlines>();
        services.AddScoped<PlanCommands>();
        services.AddScoped<Assessment.Samples>();
        services.AddScoped<Assessment.Certifications>();
        services.AddScoped<Dashboards.DashboardReader>();
        services.AddSummaryDocuments();
        // The dossier and the official documents; those in the acceptance package also as IPackageDocument.
        services.AddScoped<Documents.Dossiers>();
        services.AddScoped<Documents.WorkDocuments>();
        services.AddScoped<Documents.DossierDocx>();
        services.AddScoped<Documents.SelfCheckDocx>();
        services.AddScoped<Documents.AcceptanceReportDocx>();
        services.AddScoped<Documents.IPackageDocument>(s => s.GetRequiredService<Documents.DossierDocx>());
        services.AddScoped<Documents.IPackageDocument>(s => s.GetRequiredService<Documents.SelfCheckDocx>());
        services.AddScoped<Documents.IPackageDocument>(s => s.GetRequiredService<Documents.AcceptanceReportDocx>());
        services.AddPackages();
        return services;
    }

    /// <summary>Every feature's /api/v1 routes. A new feature adds its line here.</summary>
    public static RouteGroupBuilder MapFeatureApis(this RouteGroupBuilder api)
    {
        api.MapAuthApi();
        api.MapUnitsApi();
        api.MapTeamApi();
        api.MapCasesApi();
        api.MapFilesApi();
        api.MapRulesApi();
        api.MapInnovationApi();
        api.MapActivitiesApi();
        api.MapEldersApi();
        api.MapIndicatorsApi();
        api.MapAssessmentApi();
        api.MapRemindersApi();
        api.MapPlansApi();
        api.MapSamplingApi();
        api.MapDashboardsApi();
        api.MapSummaryApi();
        api.MapDocumentsApi();
        api.MapPackageApi();
        return api;
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Tests.Access;

/// <summary>
/// R-0.3: nobody reads or changes a record outside their unit's subtree, through any page or API route.
/// The routes are discovered from the app's endpoint data source, so a new route is in the matrix the
/// moment it exists; a route whose {id} names no record type (ScopedRecord metadata) fails the test.
/// </summary>
public sealed partial class AccessMatrixTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    /// <summary>Routes with parameters that reach no unit's data: the error page, and in Development the static-file
    /// fallback of MapStaticAssets (wwwroot's public files).</summary>
    private static readonly HashSet<string> NeutralRoutes = ["Error/{code:int?}", "{**path:file}"];

    /// <summary>Every named POST handler of every page (OnPostDeleteAsync → "Delete"): each page is tried with each.</summary>
    private static readonly IReadOnlyList<string> PageHandlers = typeof(Program).Assembly.GetTypes()
        .Where(t => typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel).IsAssignableFrom(t))
        .SelectMany(t => t.GetMethods())
        .Select(m => HandlerName().Match(m.Name))
        .Where(m => m.Success && m.Groups["name"].Value is { Length: > 0 } name && name != "Async")
        .Select(m => m.Groups["name"].Value)
        .Distinct()
        .ToList();

    private sealed record Route(string Template, string Method, Type? RecordType, bool IsApi, bool NeedsTreeEditor, bool NeedsAdmin, string? Handler);

    private IReadOnlyList<Route> Routes()
    {
        var routes = new List<Route>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = endpoint.RoutePattern.RawText?.TrimStart('/') ?? "";
            if (endpoint.RoutePattern.Parameters.Count == 0 || NeutralRoutes.Contains(template))
            {
                continue;
            }

            var names = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            Assert.True(names.All(n => n is "unitId" or "id" or "caseId" or "kind" or "documentName" or "token"),
                $"Route {template} has a parameter the access matrix does not know; name it unitId, id or caseId, or add it here.");
            // The calendar feed's secret token reaches one user's own deadlines only; tested by the reminder tests (R-6.8).
            if (names.Contains("documentName") || names.Contains("token"))
            {
                continue;
            }

            var recordType = endpoint.Metadata.GetMetadata<ScopedRecordAttribute>()?.RecordType;
            Assert.True(!names.Contains("id") || recordType is not null,
                $"Route {template} takes {{id}} but says not what record it is: add [ScopedRecord(typeof(...))] or .WithMetadata(new ScopedRecordAttribute(...)).");
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            var needsTreeEditor = policies.Contains(Policies.TreeEditor);
            var needsAdmin = policies.Contains(Policies.Admin) || template.StartsWith("Admin", StringComparison.Ordinal);
            var isApi = template.StartsWith("api/", StringComparison.Ordinal);
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            foreach (var method in methods)
            {
                routes.Add(new Route(template, method, recordType, isApi, needsTreeEditor, needsAdmin, null));
            }

            if (!isApi)
            {
                routes.AddRange(PageHandlers.Select(h => new Route(template, "POST", recordType, isApi, needsTreeEditor, needsAdmin, h)));
            }
        }

        return routes.DistinctBy(r => (r.Template, r.Method, r.Handler)).ToList();
    }

    [Fact]
    public void The_matrix_covers_every_route_of_every_feature()
    {
        var templates = Routes().Select(r => r.Template).ToHashSet();
        // A floor, not the list: the list is whatever the app maps. These must be among them.
        Assert.True(templates.Contains("api/v1/team-members/{id:int}"), string.Join("\n", templates));
        Assert.Contains("api/v1/units/{unitId:int}/party-meetings", templates);
        Assert.Contains("Team/Member/{unitId:int}/{id:int?}", templates);
        Assert.Contains("Team/{unitId:int?}", templates);
        foreach (var collection in new[]
        {
            "rule-documents", "work-cycle", "archive", "funds", "investigations", "school-links", "experiences", "activities", "civilization-entries",
            "elders", "donors", "studios", "deeds", "commendations", "trainings",
        })
        {
            Assert.Contains($"api/v1/units/{{unitId:int}}/{collection}", templates);
            Assert.Contains($"api/v1/{collection}/{{id:int}}", templates);
        }

        Assert.Contains("api/v1/files/{id:int}", templates);
        Assert.Contains("Activities/Activity/{unitId:int}/{id:int?}", templates);
        foreach (var roster in new[] { "team-members", "elders", "donors" })
        {
            Assert.Contains($"api/v1/units/{{unitId:int}}/{roster}/import", templates);
            Assert.Contains($"api/v1/units/{{unitId:int}}/{roster}/export", templates);
        }

        Assert.Contains("api/v1/elders/{id:int}/status-changes", templates);
        Assert.Contains("Elders/Elder/{unitId:int}/{id:int?}", templates);
        Assert.Contains("Elders/Excel/{unitId:int}", templates);
        foreach (var route in new[]
        {
            "api/v1/campaigns/{id:int}", "api/v1/campaigns/{id:int}/calendar", "api/v1/units/{unitId:int}/assessments", "api/v1/assessments/{id:int}",
            "api/v1/assessments/{id:int}/changes", "api/v1/assessments/{id:int}/submit", "api/v1/assessments/{id:int}/review",
            "api/v1/assessments/{id:int}/accept", "api/v1/assessments/{id:int}/return", "Assessment/{unitId:int}", "Assessment/Units/{unitId:int}",
            "Assessment/Campaign/{id:int?}", "api/v1/units/{unitId:int}/lights",
            "api/v1/units/{unitId:int}/plans", "api/v1/units/{unitId:int}/plan-overview", "api/v1/plans/{id:int}", "api/v1/plans/{id:int}/submit",
            "api/v1/plans/{id:int}/approve", "api/v1/plans/{id:int}/return", "Plans/{unitId:int}", "Plans/Units/{unitId:int}",
            "api/v1/units/{unitId:int}/samples", "api/v1/samples/{id:int}", "api/v1/samples/{id:int}/verify",
            "api/v1/units/{unitId:int}/certifications", "api/v1/certifications/{id:int}", "api/v1/certifications/{id:int}/revoke",
            "api/v1/units/{unitId:int}/certification-rates", "Assessment/Samples/{unitId:int}", "Assessment/Sample/{id:int}",
            "Assessment/Certificates/{unitId:int}", "Assessment/Certificate/{id:int}", "Assessment/Rates/{unitId:int}",
        })
        {
            Assert.Contains(route, templates); // R-6.1, R-6.2, R-6.5, R-6.7, R-6.8
        }

        Assert.True(templates.Count >= 20, $"only {templates.Count} parameterised routes found");
    }

    [Theory]
    [InlineData("village1", "B1")] // another township's village
    [InlineData("village1", "A2")] // a sibling village in the same township
    [InlineData("township", "B1")] // a village of another township
    [InlineData("school", "A1")]   // the school does not see the villages beside it
    [InlineData("viewer", "B1")]
    [InlineData("banner", "C1")]       // R-0.1: a village of another league's banner
    [InlineData("league2", "A1")]      // a league does not see another league's villages
    [InlineData("leagueSchool", "A1")] // a school directly under a league does not see the league's banners
    public async Task Outside_the_scope_every_route_answers_404_or_403_and_changes_nothing(string user, string foreignVillage)
    {
        var data = await TestData.SharedAsync(factory);
        var before = await SnapshotAsync(data.Unit(foreignVillage));
        var page = await PageClient.LoginAsync(factory, data.User(user));
        var api = await ApiClient.LoginAsync(factory, data.User(user));
        var token = await AntiforgeryTokenAsync(page);
        var ownVillage = data.Unit(user switch { "school" => "AS", "leagueSchool" => "LS", "league2" => "C1", _ => "A1" });
        var failures = new List<string>();

        foreach (var route in Routes())
        {
            foreach (var url in Urls(route, data, foreignVillage, ownVillage))
            {
                var status = route.IsApi
                    ? await SendApiAsync(api, route.Method, url)
                    : await SendPageAsync(page, route, url, token);
                var allowed = route.IsApi
                    ? status == HttpStatusCode.NotFound || ((route.NeedsTreeEditor || route.NeedsAdmin) && status == HttpStatusCode.Forbidden)
                    : status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden
                        || (route.Method == "POST" && status == HttpStatusCode.MethodNotAllowed);
                if (!allowed)
                {
                    failures.Add($"{route.Method} /{url}{(route.Handler is null ? "" : "?handler=" + route.Handler)} → {(int)status}");
                }
            }
        }

        // The upload route names its unit in the multipart form, not in the path.
        var upload = await SendUploadAsync(api, data.Unit(foreignVillage));
        if (upload != HttpStatusCode.NotFound)
        {
            failures.Add($"POST /api/v1/files (unitId {foreignVillage}) → {(int)upload}");
        }

        Assert.True(failures.Count == 0, $"{user} reached {foreignVillage}'s records:\n" + string.Join("\n", failures));
        Assert.Equal(before, await SnapshotAsync(data.Unit(foreignVillage)));
    }

    [Theory]
    [InlineData("village2", "A2")] // own village, no 困境青少年档案 permission
    [InlineData("school", "AS")]
    public async Task Without_the_case_permission_every_case_route_answers_404_even_at_home(string user, string ownUnit)
    {
        var data = await TestData.SharedAsync(factory);
        var page = await PageClient.LoginAsync(factory, data.User(user));
        var api = await ApiClient.LoginAsync(factory, data.User(user));
        var token = await AntiforgeryTokenAsync(page);
        var caseRoutes = Routes().Where(r => IsCaseRoute(r.Template)).ToList();
        Assert.True(caseRoutes.Count >= 15, $"only {caseRoutes.Count} case routes found");
        var failures = new List<string>();
        foreach (var route in caseRoutes)
        {
            foreach (var url in Urls(route, data, ownUnit == "AS" ? "A1" : ownUnit, ownVillage: null).Select(u => u.Replace(
                $"/{data.Unit("A1")}", ownUnit == "AS" ? $"/{data.Unit("AS")}" : $"/{data.Unit("A1")}", StringComparison.Ordinal)))
            {
                var status = route.IsApi ? await SendApiAsync(api, route.Method, url) : await SendPageAsync(page, route, url, token);
                if (status != HttpStatusCode.NotFound)
                {
                    failures.Add($"{route.Method} /{url}{(route.Handler is null ? "" : "?handler=" + route.Handler)} → {(int)status}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{user} without the permission reached case routes:\n" + string.Join("\n", failures));
        // The home page offers no way in: no link to the cases (the indicator system's own text may name them).
        var (_, home) = await page.GetAsync("/");
        Assert.Empty(home.QuerySelectorAll("a[href*='/Cases']"));
    }

    private static bool IsCaseRoute(string template) =>
        template.StartsWith("Cases", StringComparison.Ordinal)
        || new[] { "youth-cases", "help-actions", "visits", "consents", "shares" }.Any(c => template.Contains(c, StringComparison.Ordinal));

    [Theory]
    [InlineData("township", "A1")]
    [InlineData("township", "A2")]
    [InlineData("village1", "A1")]
    [InlineData("banner", "B1")]
    [InlineData("viewer", "A1")]
    [InlineData("region", "C1")] // R-0.1: five levels down, by path
    [InlineData("league", "A2")]
    public async Task Inside_the_scope_every_read_route_answers_200(string user, string village)
    {
        var data = await TestData.SharedAsync(factory);
        var page = await PageClient.LoginAsync(factory, data.User(user));
        var api = await ApiClient.LoginAsync(factory, data.User(user));
        var failures = new List<string>();
        var readOnly = user == "viewer";
        foreach (var route in Routes().Where(r => r.Method == "GET" && !r.NeedsAdmin && r.Handler is null))
        {
            if (route.NeedsTreeEditor && user is not ("banner" or "admin" or "region" or "league"))
            {
                continue;
            }

            if (ForUnitsBelow(route) && user is "village1" or "viewer")
            {
                continue; // their scope is one village, which has no units below
            }

            foreach (var url in Urls(route, data, village, ownVillage: null))
            {
                var status = route.IsApi ? await SendApiAsync(api, "GET", url) : (await page.Http.GetAsync("/" + url)).StatusCode;

                // A read-only role sees every record, but not the forms that only change one (离任, 状态变动).
                var changeOnly = route.Template.StartsWith("Team/Leave", StringComparison.Ordinal) || route.Template.StartsWith("Elders/Status", StringComparison.Ordinal);
                var expected = readOnly && changeOnly ? HttpStatusCode.Forbidden : AfterAStartOnly(route) ? HttpStatusCode.NotFound : HttpStatusCode.OK;
                if (status != expected)
                {
                    failures.Add($"GET /{url} → {(int)status}, expected {(int)expected}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{user} could not read {village}:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Lists_hold_only_the_units_in_scope()
    {
        var data = await TestData.CreateAsync(factory);
        var township = await ApiClient.LoginAsync(factory, data.User("township"));
        var village = await ApiClient.LoginAsync(factory, data.User("village1"));

        var seenByTownship = await UnitCodesAsync(township, data.Prefix);
        Assert.Equal(new[] { "A", "A1", "A2", "AS" }.Select(k => $"{data.Prefix}-{k}").Order(), seenByTownship.Order());
        Assert.Equal([$"{data.Prefix}-A1"], await UnitCodesAsync(village, data.Prefix));

        var unitsPage = await (await PageClient.LoginAsync(factory, data.User("township"))).GetAsync("/Units");
        var text = unitsPage.Document.QuerySelector("[data-testid=units]")!.TextContent;
        Assert.Contains($"甲一嘎查{data.Prefix}", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"乙一嘎查{data.Prefix}", text, StringComparison.Ordinal);
    }

    private static async Task<List<string>> UnitCodesAsync(HttpClient api, string prefix)
    {
        var body = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/units?pageSize=500");
        return body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!)
            .Where(c => c.StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }

    /// <summary>The URLs to try: the foreign unit with its record, and (to catch a mismatched pair) the own unit with the foreign record.</summary>
    /// <summary>
    /// Routes about the units below a unit (a township's or banner's dashboard and acceptance package, R-7.4): a village
    /// has none, so they are tried at the village's township (A1 → A). What a village itself gets there is checked by
    /// DashboardTests and PackageTests.
    /// </summary>
    private static bool ForUnitsBelow(Route route) =>
        route.Template.StartsWith("Dashboards", StringComparison.Ordinal) || route.Template.StartsWith("Documents/Package", StringComparison.Ordinal)
        || route.Template.StartsWith("api/v1/units/{unitId:int}/dashboard", StringComparison.Ordinal)
        || route.Template.StartsWith("api/v1/units/{unitId:int}/package", StringComparison.Ordinal);

    /// <summary>A package's status and file exist only once it has been started: until then they are 404 (PackageTests reads them after a start).</summary>
    private static bool AfterAStartOnly(Route route) =>
        route.Template is "api/v1/units/{unitId:int}/package" or "api/v1/units/{unitId:int}/package/file";

    private static IEnumerable<string> Urls(Route route, TestData data, string village, int? ownVillage)
    {
        var unitId = data.Unit(ForUnitsBelow(route) ? village[..1] : village).ToString(CultureInfo.InvariantCulture);
        string? id = route.RecordType switch
        {
            null => null,
            { } t when t == typeof(AppUser) => data.UserIds[village switch { "B1" => "villageB", "A2" => "village2", "AS" => "school", "C1" => "villageC", _ => "village1" }],
            { } t => data.Records.TryGetValue((village, t), out var r) ? r.ToString(CultureInfo.InvariantCulture)
                : t == typeof(OrgUnit) ? unitId : throw new InvalidOperationException($"no test record of {t.Name}"),
        };
        string Fill(string unit) => ParameterPattern().Replace(route.Template, m => m.Groups["name"].Value switch
        {
            "unitId" => unit,
            "id" => id ?? "",
            "caseId" => data.Record<YouthCase>(village).ToString(CultureInfo.InvariantCulture),
            "kind" => "self-check", // a document every village has (R-7.2)
            _ => m.Value,
        }).TrimEnd('/');

        yield return Fill(unitId);
        if (ownVillage is { } own && route.Template.Contains("{unitId", StringComparison.Ordinal) && route.Template.Contains("{id", StringComparison.Ordinal))
        {
            yield return Fill(own.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static async Task<HttpStatusCode> SendApiAsync(HttpClient api, string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/" + url);
        if (method is "POST" or "PUT")
        {
            request.Content = JsonContent.Create(new { name = "越权", version = 1, date = "2024-01-01" });
        }

        return (await api.SendAsync(request)).StatusCode;
    }

    private static async Task<HttpStatusCode> SendPageAsync(PageClient page, Route route, string url, string token)
    {
        if (route.Method == "GET")
        {
            return (await page.Http.GetAsync("/" + url)).StatusCode;
        }

        var target = "/" + url + (route.Handler is null ? "" : "?handler=" + route.Handler);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Name"] = "越权", ["Input.Version"] = "1", ["Input.Reason"] = "越权",
            ["Input.Date"] = "2024-01-01", ["Input.Topic"] = "越权",
        });
        return (await page.Http.PostAsync(target, form)).StatusCode;
    }

    private static async Task<HttpStatusCode> SendUploadAsync(HttpClient api, int unitId)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(unitId.ToString(CultureInfo.InvariantCulture)), "unitId" },
            { new ByteArrayContent("%PDF-1.4 越权"u8.ToArray()), "file", "越权.pdf" },
        };
        return (await api.PostAsync("/api/v1/files", form)).StatusCode;
    }

    private static async Task<string> AntiforgeryTokenAsync(PageClient page)
    {
        var (_, doc) = await page.GetAsync("/");
        return doc.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("no antiforgery token on the home page");
    }

    /// <summary>Every record of the unit with its version, and its change-log size: equal before and after means nothing changed.</summary>
    private async Task<string> SnapshotAsync(int unitId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var parts = new List<string>
        {
            string.Join(",", await db.Units.Where(u => u.Id == unitId || u.ParentId == unitId).Select(u => $"u{u.Id}v{u.Version}").ToListAsync()),
            string.Join(",", await db.TeamMembers.Where(r => r.UnitId == unitId).Select(r => $"m{r.Id}v{r.Version}").ToListAsync()),
            string.Join(",", await db.TeamChanges.Where(r => r.UnitId == unitId).Select(r => $"c{r.Id}v{r.Version}").ToListAsync()),
            string.Join(",", await db.PartyMeetings.Where(r => r.UnitId == unitId).Select(r => $"p{r.Id}v{r.Version}").ToListAsync()),
            string.Join(",", await db.StudySessions.Where(r => r.UnitId == unitId).Select(r => $"s{r.Id}v{r.Version}").ToListAsync()),
            string.Join(",", await db.YouthCases.Where(r => r.UnitId == unitId).Select(r => $"y{r.Id}v{r.Version}").ToListAsync()),
            string.Join(",", await db.HelpActions.Where(r => r.UnitId == unitId).Select(r => $"h{r.Id}v{r.Version}").ToListAsync()),
            string.Join(",", await db.CaseVisits.Where(r => r.UnitId == unitId).Select(r => $"v{r.Id}v{r.Version}").ToListAsync()),
            string.Join(",", await db.CaseConsents.Where(r => r.UnitId == unitId).Select(r => $"k{r.Id}v{r.Version}").ToListAsync()),
            (await db.CaseShares.CountAsync(r => r.UnitId == unitId)).ToString(CultureInfo.InvariantCulture),
            await VersionsAsync(db.RuleDocuments, unitId), await VersionsAsync(db.WorkCycle, unitId), await VersionsAsync(db.ArchiveEntries, unitId),
            await VersionsAsync(db.Funds, unitId), await VersionsAsync(db.Investigations, unitId), await VersionsAsync(db.SchoolLinks, unitId),
            await VersionsAsync(db.Experiences, unitId), await VersionsAsync(db.Activities, unitId), await VersionsAsync(db.CivilizationEntries, unitId),
            await VersionsAsync(db.Files, unitId), await VersionsAsync(db.FileLinks, unitId),
            string.Join(",", await db.Elders.Where(r => r.UnitId == unitId).Select(r => $"e{r.Id}v{r.Version}").ToListAsync()),
            string.Join(",", await db.ElderStatusChanges.Where(r => r.UnitId == unitId).Select(r => $"es{r.Id}v{r.Version}").ToListAsync()),
            string.Join(",", await db.Donors.Where(r => r.UnitId == unitId).Select(r => $"d{r.Id}v{r.Version}").ToListAsync()),
            string.Join(",", await db.Studios.Where(r => r.UnitId == unitId).Select(r => $"st{r.Id}v{r.Version}").ToListAsync()),
            string.Join(",", await db.Deeds.Where(r => r.UnitId == unitId).Select(r => $"de{r.Id}v{r.Version}").ToListAsync()),
            string.Join(",", await db.DeedPublicity.Where(r => r.UnitId == unitId).Select(r => $"dp{r.Id}v{r.Version}").ToListAsync()),
            string.Join(",", await db.CommendationMeetings.Where(r => r.UnitId == unitId).Select(r => $"cm{r.Id}v{r.Version}").ToListAsync()),
            string.Join(",", await db.CommendationHonorees.Where(r => r.UnitId == unitId).Select(r => $"ch{r.Id}v{r.Version}").ToListAsync()),
            string.Join(",", await db.Trainings.Where(r => r.UnitId == unitId).Select(r => $"t{r.Id}v{r.Version}").ToListAsync()),
            string.Join(",", await db.TrainingTrainees.Where(r => r.UnitId == unitId).Select(r => $"tt{r.Id}v{r.Version}").ToListAsync()),
            await VersionsAsync(db.Campaigns, unitId), await VersionsAsync(db.CampaignStages, unitId), await VersionsAsync(db.AssessmentRounds, unitId),
            await VersionsAsync(db.AssessmentSteps, unitId),
            await VersionsAsync(db.Plans, unitId), await VersionsAsync(db.PlanSteps, unitId), await VersionsAsync(db.PlanPeople, unitId),
            await VersionsAsync(db.PlanVersions, unitId),
            await VersionsAsync(db.Samples, unitId), await VersionsAsync(db.SampledUnits, unitId), await VersionsAsync(db.Certifications, unitId),
            await VersionsAsync(db.CertificationEvents, unitId),
            (await db.ChangeLog.CountAsync(c => c.UnitId == unitId)).ToString(CultureInfo.InvariantCulture),
            string.Join(",", await db.Users.Where(u => u.UnitId == unitId).Select(u => u.ConcurrencyStamp).ToListAsync()),
        };
        return string.Join("|", parts);
    }

    private static async Task<string> VersionsAsync<T>(IQueryable<T> set, int unitId) where T : UnitRecord =>
        string.Join(",", await set.Where(r => r.UnitId == unitId).OrderBy(r => r.Id).Select(r => r.Id + "v" + r.Version).ToListAsync());

    [GeneratedRegex(@"\{(?<name>[a-zA-Z]+)(:[^}]*)?\??\}")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex("^OnPost(?<name>[A-Z][A-Za-z]*?)(Async)?$")]
    private static partial Regex HandlerName();
}

using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;
using NSwag.CodeGeneration.CSharp;
using WuHao.Tests.Infrastructure;

namespace WuHao.Tests.Api;

/// <summary>
/// R-8.2 (issue 11, item 6): API.md's collections all have their five routes, the OpenAPI document lints clean with
/// Redocly's recommended rules, and a C# client generated from the document logs in and lists a unit's activities.
/// One app for the class; the lint runs Redocly once (a few seconds), the client is generated and compiled once.
/// </summary>
public sealed partial class ApiContractTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    /// <summary>
    /// The collections of API.md's "Collections:" paragraph. The contract lives outside this repository
    /// (../shared/API.md), which a clean clone in CI may not have beside it, so the list is kept here; where the
    /// contract is present the test also checks that this list is still the contract's.
    /// </summary>
    private static readonly string[] Collections =
    [
        "team-members", "team-changes", "party-meetings", "study-sessions", "elders", "donors", "studios", "deeds",
        "commendations", "trainings", "rule-documents", "work-cycle", "archive", "funds", "investigations", "school-links",
        "experiences", "activities", "civilization-entries", "youth-cases", "help-actions", "visits", "plans",
    ];

    [Fact]
    public void Every_collection_of_API_md_has_list_create_read_update_and_delete()
    {
        var collections = Collections;
        if (ContractCollections() is { } contract)
        {
            Assert.Equal(contract, collections.ToList());
        }

        var routes = MappedRoutes();
        var missing = new List<string>();
        foreach (var name in collections)
        {
            // list and create under the parent (a unit, or a case for help-actions and visits), one record by id.
            var underParent = new Regex($"^/api/v1/[a-z-]+/\\{{[a-zA-Z]+\\}}/{Regex.Escape(name)}$");
            foreach (var verb in new[] { "GET", "POST" })
            {
                if (!routes.Any(r => r.Method == verb && underParent.IsMatch(r.Path)))
                {
                    missing.Add($"{verb} /api/v1/{{parent}}/{{parentId}}/{name}");
                }
            }

            foreach (var verb in new[] { "GET", "PUT", "DELETE" })
            {
                if (!routes.Contains((verb, $"/api/v1/{name}/{{id}}")))
                {
                    missing.Add($"{verb} /api/v1/{name}/{{id}}");
                }
            }
        }

        Assert.True(missing.Count == 0, "API.md names these routes, the app does not map them:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task The_OpenAPI_document_lints_with_no_errors_under_Redocly_recommended_rules()
    {
        var json = await Document();
        var file = Path.Combine(Path.GetTempPath(), $"wuhao-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json);
        try
        {
            var (exit, output) = await RunAsync(Redocly(), ["lint", "--extends", "recommended", "--format", "json", file]);
            var report = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]).RootElement;
            var errors = report.GetProperty("problems").EnumerateArray().Where(p => p.GetProperty("severity").GetString() == "error")
                .Select(p => $"{p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at {p.GetProperty("location")[0].GetProperty("pointer").GetString()}")
                .ToList();
            Assert.True(errors.Count == 0, $"{errors.Count} lint errors:\n" + string.Join("\n", errors.Take(40)));
            Assert.Equal(0, report.GetProperty("totals").GetProperty("errors").GetInt32());
            Assert.Equal(0, exit);
        }
        finally
        {
            File.Delete(file);
        }

        // What the rules cannot know: which routes need the login, and the error shape.
        var doc = JsonDocument.Parse(json).RootElement;
        var paths = doc.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/v1/units/{unitId}/activities").GetProperty("get").GetProperty("security")[0].TryGetProperty("Bearer", out _));
        Assert.False(paths.GetProperty("/api/v1/auth/login").GetProperty("post").GetProperty("security")[0].TryGetProperty("Bearer", out _));
        Assert.Equal("#/components/schemas/ProblemDetails", paths.GetProperty("/api/v1/activities/{id}").GetProperty("put").GetProperty("responses")
            .GetProperty("409").GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.True(doc.GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails").GetProperty("properties").TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task A_client_generated_from_the_document_logs_in_and_lists_a_units_activities()
    {
        var data = await TestData.CreateAsync(factory);
        var document = await NSwag.OpenApiDocument.FromJsonAsync(await Document());

        // The client of the two routes the driver calls, with every schema of the document: compiling all 190
        // operations' client code takes a minute (the lint checks every operation); the shapes are what a client needs.
        foreach (var path in document.Paths.Keys.Where(p => p is not ("/api/v1/auth/login" or "/api/v1/units/{unitId}/activities")).ToList())
        {
            document.Paths.Remove(path);
        }

        var code = new CSharpClientGenerator(document, new CSharpClientGeneratorSettings
        {
            ClassName = "WuHaoClient",
            CSharpGeneratorSettings = { Namespace = "Generated", JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson },
            GenerateClientInterfaces = false,
            UseBaseUrl = false,
            GenerateOptionalParameters = true,
        }).GenerateFile();

        // Written against the generated names: a renamed operation or schema, or a wrong shape, fails to compile or to run.
        const string driver = """
            namespace Generated;
            public static class Driver
            {
                public static async System.Threading.Tasks.Task<System.Collections.Generic.List<string>> RunAsync(System.Net.Http.HttpClient http, string userName, string password, int unitId)
                {
                    var client = new WuHaoClient(http);
                    var token = await client.PostAuthLoginAsync(new LoginRequest { UserName = userName, Password = password });
                    http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(token.TokenType, token.AccessToken);
                    var page = await client.GetUnitsActivitiesAsync(unitId, null, 1, 50);
                    var titles = new System.Collections.Generic.List<string>();
                    foreach (var activity in page.Items)
                    {
                        titles.Add($"{activity.Title}|{activity.UnitId}|{page.Total}");
                    }

                    try
                    {
                        await client.GetUnitsActivitiesAsync(unitId + 100000, null, null, null);
                        titles.Add("no 404");
                    }
                    catch (ApiException<ProblemDetails> problem)
                    {
                        titles.Add($"{problem.StatusCode}:{problem.Result.Title}");
                    }

                    return titles;
                }
            }
            """;
        var assembly = Compile(code, driver);

        using var http = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = factory.ClientOptions.BaseAddress, HandleCookies = false });
        var run = assembly.GetType("Generated.Driver")!.GetMethod("RunAsync")!;
        var titles = await (Task<List<string>>)run.Invoke(null, [http, data.User("village1"), TestData.Password, data.Unit("A1")])!;

        Assert.Equal([$"活动A1|{data.Unit("A1")}|1", "404:未找到记录"], titles);
    }

    private async Task<string> Document() => await factory.CreateClient().GetStringAsync("/openapi/v1.json");

    /// <summary>The collection names of API.md's "Collections:" paragraph, read from ../shared/API.md beside the repository, if it is there.</summary>
    private static List<string>? ContractCollections()
    {
        var contract = Ancestors().Select(d => Path.Combine(d, "shared", "API.md")).FirstOrDefault(File.Exists);
        if (contract is null)
        {
            return null;
        }

        var text = File.ReadAllText(contract);
        var start = text.IndexOf("\nCollections:", StringComparison.Ordinal);
        Assert.True(start >= 0, "API.md has no \"Collections:\" paragraph");
        var end = text.IndexOf("\n\n", start + 1, StringComparison.Ordinal);
        return BacktickName().Matches(text[start..(end < 0 ? text.Length : end)]).Select(m => m.Groups[1].Value).ToList();
    }

    private static IEnumerable<string> Ancestors()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            yield return dir.FullName;
        }
    }

    /// <summary>The installed Redocly CLI (scripts/install-node-tools.sh).</summary>
    private static string Redocly() =>
        Ancestors().Select(d => Path.Combine(d, "tools", "redocly", "node_modules", ".bin", "redocly")).FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException("Redocly CLI not installed: run scripts/install-node-tools.sh");

    private HashSet<(string Method, string Path)> MappedRoutes() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, Constraint().Replace(e.RoutePattern.RawText!, "{${name}}"))))
            .ToHashSet();

    private static async Task<(int Exit, string Output)> RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output;
        Assert.True(text.Contains('{', StringComparison.Ordinal), $"redocly printed no report (exit {process.ExitCode}):\n{await error}");
        return (process.ExitCode, text);
    }

    /// <summary>Compiles the sources against the framework the tests run on, and loads the assembly.</summary>
    private static Assembly Compile(params string[] sources)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("WuHaoGeneratedClient",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest))),
            references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(result.Success, "the generated client does not compile:\n" + string.Join("\n", errors.Take(30)));
        return Assembly.Load(image.ToArray());
    }

    [GeneratedRegex(@"\{(?<name>[a-zA-Z]+)(:[^}?]*)?\??\}")]
    private static partial Regex Constraint();

    [GeneratedRegex("`([a-z][a-z-]*)`")]
    private static partial Regex BacktickName();
}

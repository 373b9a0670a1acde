using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;

namespace WuHao.Tests.Api;

/// <summary>R-8.2: the OpenAPI document describes every /api/v1 route the app maps, with the bearer scheme.</summary>
public sealed partial class OpenApiTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task Every_api_route_is_in_the_OpenAPI_document()
    {
        var doc = await factory.CreateClient().GetFromJsonAsync("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        var documented = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}")).ToHashSet();

        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => $"{m} {Constraint().Replace(e.RoutePattern.RawText!, "{${name}}")}"))
            .ToList();
        Assert.True(mapped.Count >= 22, $"only {mapped.Count} API routes found");
        var missing = mapped.Where(m => !documented.Contains(m)).ToList();
        Assert.True(missing.Count == 0, "Not in the OpenAPI document:\n" + string.Join("\n", missing));

        Assert.Equal("bearer", doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Contains("五好", doc.GetProperty("info").GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\{(?<name>[a-zA-Z]+)(:[^}?]*)?\??\}")]
    private static partial Regex Constraint();
}

internal static class HttpJson
{
    public static async Task<JsonElement> GetFromJsonAsync(this HttpClient http, string url) =>
        await (await http.GetAsync(url)).BodyAsync();
}

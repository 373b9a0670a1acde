using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.BrowserTests.Infrastructure;

/// <summary>
/// Every page the app maps, discovered from the endpoint data source, so that a new page joins the whole-app browser
/// tests (content security policy, accessibility, narrow phones) the moment it exists.
/// </summary>
public static partial class AppPages
{
    /// <summary>GET URLs of every Razor page, with the unit and, where the page shows one record, a record of that unit.</summary>
    public static IEnumerable<string> Urls(KestrelFactory factory, TestData data, string unit)
    {
        var village = unit == "A" ? "A1" : unit;
        // An Index page answers on two routes ("Team/{unitId?}" and "Team/Index/{unitId?}"): the page is opened once.
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null && e.RoutePattern.RawText is not null)
            .GroupBy(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath)
            .Select(g => g.MinBy(e => e.RoutePattern.RawText!.Length)!);
        foreach (var endpoint in endpoints)
        {
            var template = endpoint.RoutePattern.RawText!;
            if (template.StartsWith("Error", StringComparison.Ordinal) || template.StartsWith("Account", StringComparison.Ordinal))
            {
                continue;
            }

            var record = endpoint.Metadata.GetMetadata<ScopedRecordAttribute>()?.RecordType;
            string? id = record is null ? null
                : record == typeof(OrgUnit) ? data.Unit(unit).ToString(CultureInfo.InvariantCulture)
                : data.Records.TryGetValue((village, record), out var r) ? r.ToString(CultureInfo.InvariantCulture) : null;
            var unitId = (template.Contains("{id", StringComparison.Ordinal) && id is not null ? data.Unit(village) : data.Unit(unit))
                .ToString(CultureInfo.InvariantCulture);
            if (Parameter().Matches(template).Any(m => m.Groups["name"].Value == "id" && !m.Value.Contains('?', StringComparison.Ordinal)) && id is null)
            {
                continue; // a page of one record this test data has none of
            }

            yield return "/" + Parameter().Replace(template, m => m.Groups["name"].Value switch
            {
                "unitId" => unitId,
                "id" => id ?? "",
                "caseId" => data.Record<YouthCase>(village).ToString(CultureInfo.InvariantCulture),
                _ => "",
            }).Replace("//", "/", StringComparison.Ordinal).TrimEnd('/');
        }
    }

    [GeneratedRegex(@"\{(?<name>[a-zA-Z]+)(:[^}]*)?\}")]
    private static partial Regex Parameter();
}

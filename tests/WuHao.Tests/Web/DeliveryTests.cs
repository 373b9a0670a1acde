using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using WuHao.Tests.Infrastructure;

namespace WuHao.Tests.Web;

/// <summary>
/// R-8.1, on a rural 3G link: pages and JSON travel compressed, static files under fingerprinted URLs, and a page
/// loads only the scripts it uses (evidence.js only where there is an upload).
/// </summary>
public sealed class DeliveryTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task A_page_and_the_API_answer_compressed_and_decompress_to_the_same_page()
    {
        var data = await TestData.CreateAsync(factory);
        var village = await PageClient.LoginAsync(factory, data.User("village1"));
        var url = $"/Activities/Activity/{data.Unit("A1")}";

        var plain = await (await village.Http.GetAsync(url)).Content.ReadAsStringAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        var response = await village.Http.SendAsync(request);
        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
        var wire = await response.Content.ReadAsByteArrayAsync();
        await using var brotli = new BrotliStream(new MemoryStream(wire), CompressionMode.Decompress);
        var html = await new StreamReader(brotli, Encoding.UTF8).ReadToEndAsync();
        Assert.Contains("data-evidence-form", html, StringComparison.Ordinal);
        Assert.True(wire.Length * 3 < Encoding.UTF8.GetByteCount(plain), $"{wire.Length} bytes on the wire for a {Encoding.UTF8.GetByteCount(plain)}-byte page");

        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        using var json = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/units/{data.Unit("A1")}/activities");
        json.Headers.AcceptEncoding.ParseAdd("gzip");
        var listed = await api.SendAsync(json);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal("gzip", Assert.Single(listed.Content.Headers.ContentEncoding));
    }

    [Fact]
    public async Task Static_files_are_linked_by_fingerprinted_urls_that_answer_with_an_etag()
    {
        var data = await TestData.CreateAsync(factory);
        var village = await PageClient.LoginAsync(factory, data.User("village1"));
        var (_, page) = await village.GetAsync("/");
        var sheets = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();
        var scripts = page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).ToList();

        Assert.NotEmpty(sheets);
        Assert.All(sheets.Concat(scripts), u => Assert.Matches(@"\.[a-z0-9]{10}\.(css|js)$", u));
        foreach (var asset in sheets.Concat(scripts))
        {
            // A new fingerprint with every change lets a phone keep each file for a year (in Production; the test
            // host runs as Development, where files are revalidated). The precompressed copies are measured in bench/.
            // As a browser asks: the compressed copy, which must unpack to the file itself.
            using var request = new HttpRequestMessage(HttpMethod.Get, asset);
            request.Headers.AcceptEncoding.ParseAdd("gzip");
            var response = await village.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(response.Headers.ETag);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.Content.Headers.ContentEncoding.Contains("gzip"))
            {
                await using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
                using var unpacked = new MemoryStream();
                await gzip.CopyToAsync(unpacked);
                body = unpacked.ToArray();
            }

            var file = Path.Combine(WebRoot(), Regex.Replace(asset.TrimStart('/'), @"\.[a-z0-9]{10}\.(css|js)$", ".$1"));
            Assert.Equal(await File.ReadAllBytesAsync(file), body);
        }
    }

    private static string WebRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WuHao.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, "src", "WuHao.Web", "wwwroot");
    }

    [Fact]
    public async Task The_upload_script_loads_only_on_pages_with_an_upload()
    {
        var data = await TestData.CreateAsync(factory);
        var (_, login) = await PageClient.Anonymous(factory).GetAsync("/Account/Login");
        var village = await PageClient.LoginAsync(factory, data.User("village1"));
        var (_, home) = await village.GetAsync("/");
        var (_, list) = await village.GetAsync($"/Activities/{data.Unit("A1")}");
        var (_, form) = await village.GetAsync($"/Activities/Activity/{data.Unit("A1")}");
        var (_, meeting) = await village.GetAsync($"/Team/Meeting/{data.Unit("A1")}");

        static bool Evidence(AngleSharp.Html.Dom.IHtmlDocument d) =>
            d.QuerySelectorAll("script[src]").Any(s => s.GetAttribute("src")!.Contains("/js/evidence", StringComparison.Ordinal));
        Assert.False(Evidence(login));
        Assert.False(Evidence(home));
        Assert.False(Evidence(list));
        Assert.True(Evidence(form));
        Assert.True(Evidence(meeting));
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using WuHao.BrowserTests.Infrastructure;
using WuHao.Tests.Infrastructure;

namespace WuHao.BrowserTests.Evidence;

/// <summary>
/// The size limits as the real server (Kestrel) applies them, which the in-memory test server does not:
/// a 20 MB file goes through, 21 MB gets the Chinese 413 naming the file, and a request beyond the
/// request limit is cut off with a Chinese 413 too.
/// </summary>
public sealed class KestrelLimitsTests(KestrelFactory factory) : IClassFixture<KestrelFactory>
{
    private async Task<HttpClient> LoginAsync(string userName)
    {
        var http = new HttpClient { BaseAddress = factory.Address, Timeout = TimeSpan.FromMinutes(2) };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = TestData.Password });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static MultipartFormDataContent Form(int unitId, long bytes)
    {
        var data = new byte[bytes];
        "%PDF-1.4\n"u8.CopyTo(data);
        var part = new ByteArrayContent(data);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { new StringContent(unitId.ToString(CultureInfo.InvariantCulture)), "unitId" }, { part, "file", "扫描件.pdf" } };
    }

    [Fact]
    public async Task Twenty_MB_goes_through_and_more_gets_a_Chinese_413()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await LoginAsync(data.User("village1"));
        var unit = data.Unit("A1");

        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/v1/files", Form(unit, 20L * 1024 * 1024))).StatusCode);

        var tooBig = await api.PostAsync("/api/v1/files", Form(unit, 21L * 1024 * 1024));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        var problem = await tooBig.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("文件过大", problem.GetProperty("title").GetString());
        Assert.Contains("扫描件.pdf", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Beyond the request limit Kestrel answers before reading the body; a client that asks first (Expect: 100-continue) hears it.
        api.DefaultRequestHeaders.ExpectContinue = true;
        var huge = await api.PostAsync("/api/v1/files", Form(unit, 65L * 1024 * 1024));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.EndsWith("过大", (await huge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), StringComparison.Ordinal);
    }
}

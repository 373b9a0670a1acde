using System.Net.Http.Json;
using System.Text.Json;

namespace WuHao.Tests.Infrastructure;

public static class Json
{
    public static async Task<JsonElement> BodyAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString() ?? "";

    public static int Number(this JsonElement e, string name) => e.GetProperty(name).GetInt32();

    /// <summary>Polls <paramref name="url"/> every 50 ms (up to 15 s) until it answers 200 with a body that meets <paramref name="until"/>.</summary>
    public static async Task<JsonElement> WaitForAsync(this HttpClient client, string url, Func<JsonElement, bool> until)
    {
        for (var i = 0; i < 300; i++)
        {
            var response = await client.GetAsync(url);
            if (response.StatusCode == System.Net.HttpStatusCode.OK && await response.BodyAsync() is var body && until(body))
            {
                return body;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{url} did not reach the state in time");
    }
}

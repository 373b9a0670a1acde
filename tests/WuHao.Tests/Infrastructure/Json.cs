using System.Net.Http.Json;
using System.Text.Json;

namespace WuHao.Tests.Infrastructure;

public static class Json
{
    public static async Task<JsonElement> BodyAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString() ?? "";

    public static int Number(this JsonElement e, string name) => e.GetProperty(name).GetInt32();
}

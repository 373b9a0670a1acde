using System.Net;
using System.Text;
using WuHao.Tests.Infrastructure;

namespace WuHao.Tests.Api;

/// <summary>R-8.5: a JSON value the API cannot read is answered in Chinese, naming the field and the form expected for it.</summary>
public sealed class JsonErrorTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Theory]
    [InlineData("funds", """{"fileIds": ["x"]}""", "fileIds[0] 应为整数")]
    [InlineData("funds", """{"fileIds": 5}""", "fileIds 应为整数的列表")]
    [InlineData("funds", """{"date": "2023-02-30"}""", "date 日期请用 YYYY-MM-DD")]
    [InlineData("funds", """{"date": "30/01/2023"}""", "date 日期请用 YYYY-MM-DD")]
    [InlineData("funds", """{"amount": "一百"}""", "amount 应为数字")]
    [InlineData("funds", """{"amount": true}""", "amount 应为数字")]
    [InlineData("rule-documents", """{"isPosted": "yes"}""", "isPosted 应为 true 或 false")]
    [InlineData("activities", """{"youthCount": 1.5}""", "youthCount 应为整数")]
    [InlineData("funds", """{"purpose": 12}""", "purpose 应为文字")]
    public async Task A_bad_value_is_named_with_its_field_and_expected_form(string collection, string body, string expected)
    {
        var data = await TestData.SharedAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var response = await api.PostAsync($"/api/v1/units/{data.Unit("A1")}/{collection}", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.BodyAsync()).Str("detail");
        Assert.Contains(expected, detail, StringComparison.Ordinal);
        if (!expected.Contains("日期", StringComparison.Ordinal))
        {
            Assert.DoesNotContain("日期", detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Broken_JSON_is_called_broken_not_a_bad_date()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var response = await api.PostAsync($"/api/v1/units/{data.Unit("A1")}/funds", new StringContent("""{"date": }""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.BodyAsync()).Str("detail");
        Assert.Contains("不是有效的 JSON", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("YYYY-MM-DD", detail, StringComparison.Ordinal);
    }
}

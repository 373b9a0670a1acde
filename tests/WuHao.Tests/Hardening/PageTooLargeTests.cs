using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;

namespace WuHao.Tests.Hardening;

/// <summary>
/// Issue 13 item 7 (R-8.5, oversized files): a page form over the request limit (here lowered to 200 KB) answers 413
/// with the Chinese "文件过大" page, as the API does, and saves nothing.
/// </summary>
public sealed class PageTooLargeTests(PageTooLargeTests.Factory factory) : IClassFixture<PageTooLargeTests.Factory>
{
    public sealed class Factory() : SqliteFactoryWith(("Files:MaxRequestBytes", "200000"), ("Files:MaxBytes", "150000"));

    [Fact]
    public async Task A_page_form_over_the_request_limit_gets_413_and_the_Chinese_page()
    {
        var data = await TestData.CreateAsync(factory);
        var unit = data.Unit("A1");
        var page = await PageClient.LoginAsync(factory, data.User("village1"));
        var before = await CountAsync(unit);

        var big = new byte[300_000];
        Samples.Pdf().CopyTo(big, 0);
        var response = await page.SubmitMultipartAsync($"/Team/Meeting/{unit}",
            new() { ["Input.Topic"] = "超大表单", ["Input.Attendees"] = "支部委员", ["Input.AttendeeCount"] = "5" }, [("Uploads", "大文件.pdf", big)]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var text = PageClient.Parse(await response.Content.ReadAsStringAsync()).Body!.TextContent;
        Assert.Contains("文件过大", text, StringComparison.Ordinal);
        Assert.DoesNotContain("系统出错", text, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(unit));

        // A form within the limit still saves.
        var small = await page.SubmitMultipartAsync($"/Team/Meeting/{unit}",
            new() { ["Input.Topic"] = "正常表单", ["Input.Attendees"] = "支部委员", ["Input.AttendeeCount"] = "5" }, [("Uploads", "会议记录.pdf", Samples.Pdf())]);
        Assert.Equal(HttpStatusCode.Redirect, small.StatusCode);
    }

    private async Task<int> CountAsync(int unitId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().PartyMeetings.CountAsync(m => m.UnitId == unitId);
    }
}

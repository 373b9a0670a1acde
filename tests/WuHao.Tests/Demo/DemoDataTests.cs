using System.Net;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Cli;

namespace WuHao.Tests.Demo;

/// <summary>The README's run command seeds 演示数据; every demo account logs in with Demo@2023.</summary>
public sealed class DemoDataTests(DemoFactory factory) : IClassFixture<DemoFactory>
{
    public static TheoryData<string> Accounts => [.. DemoData.Accounts.Select(a => a.User)];

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Every_demo_account_logs_in_and_sees_the_demo_label(string userName)
    {
        var client = await PageClient.LoginAsync(factory, userName, "Demo@2023");
        var (response, doc) = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("演示数据", doc.Body!.TextContent, StringComparison.Ordinal);
        var expectedUnit = DemoData.Accounts.Single(a => a.User == userName).Unit;
        Assert.Equal(expectedUnit, doc.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_demo_township_sees_its_six_villages_and_school_and_the_flags_to_act_on()
    {
        var client = await PageClient.LoginAsync(factory, "township", "Demo@2023");
        var (_, units) = await client.GetAsync("/Units");
        var table = units.QuerySelector("[data-testid=units]")!.TextContent;
        foreach (var name in new[] { "胜利嘎查", "东升村", "宝力根嘎查", "巴彦塔拉嘎查", "新艾里嘎查", "前进村", "胜利中心学校" })
        {
            Assert.Contains(name, table, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("协代", table, StringComparison.Ordinal);
        var (_, home) = await client.GetAsync("/");
        var flags = home.QuerySelector("[data-testid=flags]")!.TextContent;
        Assert.Contains("前进村", flags, StringComparison.Ordinal);
        Assert.Contains("联络员 缺位", flags, StringComparison.Ordinal);
    }
}

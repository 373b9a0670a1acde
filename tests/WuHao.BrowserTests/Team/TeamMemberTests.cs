using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WuHao.BrowserTests.Infrastructure;
using WuHao.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WuHao.BrowserTests.Team;

/// <summary>A village cadre keeps the leadership team's roster in a real browser .</summary>
public sealed class TeamMemberTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Village_user_adds_a_team_member_and_sees_the_roster_and_figures_update()
    {
        var data = await TestData.CreateAsync(Factory);
        var unitId = data.Unit("A1");
        var page = await LoginAsync(data.User("village1"));

        await page.GotoAsync($"/Team/{unitId}");
        var roster = page.GetByTestId("roster");
        await Expect(roster).ToBeVisibleAsync();
        var total = await FigureAsync(page.GetByTestId("total"));
        var party = await FigureAsync(page.GetByTestId("party"));
        var elders = await FigureAsync(page.GetByTestId("elders"));
        await Expect(roster).Not.ToContainTextAsync("其其格");
        await ScreenshotsAsync(page, "team-page-before-adding");

        await page.GetByRole(AriaRole.Link, new() { Name = "添加成员" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "添加班子成员" })).ToBeVisibleAsync();
        await ScreenshotsAsync(page, "member-form-empty");

        await page.GetByLabel("姓名").FillAsync("其其格");
        await page.GetByLabel("性别").SelectOptionAsync("女");
        await page.GetByLabel("民族").SelectOptionAsync("蒙古族");
        await page.GetByLabel("出生日期").FillAsync("1958-03-02");
        await page.GetByLabel("职务").SelectOptionAsync("委员");
        await page.GetByLabel("来源").SelectOptionAsync("五老");
        await page.GetByLabel("政治面貌").SelectOptionAsync("中共党员");
        await page.GetByLabel("是“五老”").CheckAsync();
        await page.GetByLabel("任职开始").FillAsync(Iso(Today.AddMonths(-1)));
        await ScreenshotsAsync(page, "member-form-filled");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/Team/{unitId}\\?saved="));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已保存");
        await Expect(roster.GetByRole(AriaRole.Link, new() { Name = "其其格" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("total")).ToHaveTextAsync((total + 1).ToString(CultureInfo.InvariantCulture));
        Assert.Equal(party + 1, await FigureAsync(page.GetByTestId("party")));
        Assert.Equal(elders + 1, await FigureAsync(page.GetByTestId("elders")));
        await ScreenshotsAsync(page, "team-page-after-adding");
    }

    [Fact]
    public async Task Bad_input_on_the_member_form_shows_Chinese_messages_and_saves_nothing()
    {
        var data = await TestData.CreateAsync(Factory);
        var unitId = data.Unit("A1");
        var page = await LoginAsync(data.User("village1"));

        await page.GotoAsync($"/Team/{unitId}");
        var rosterBefore = await page.GetByTestId("roster").InnerTextAsync();
        var totalBefore = await page.GetByTestId("total").InnerTextAsync();

        // Empty name and a birth date in the future: the required field is reported first.
        await page.GetByRole(AriaRole.Link, new() { Name = "添加成员" }).ClickAsync();
        await page.GetByLabel("姓名").FillAsync("");
        await page.GetByLabel("性别").SelectOptionAsync("男");
        await page.GetByLabel("职务").SelectOptionAsync("委员");
        await page.GetByLabel("来源").SelectOptionAsync("党支部");
        await page.GetByLabel("出生日期").FillAsync(Iso(Today.AddYears(1)));
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await Expect(page.Locator("[data-valmsg-for='Input.Name']")).ToHaveTextAsync("请填写姓名");
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "请填写姓名" })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(MemberFormUrl(unitId));
        await ScreenshotsAsync(page, "member-form-errors-empty-name");

        // With a name, the future birth date is refused in its turn; what was typed is kept.
        await Expect(page.GetByLabel("出生日期")).ToHaveValueAsync(Iso(Today.AddYears(1)));
        await page.GetByLabel("姓名").FillAsync("巴特尔");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await Expect(page.Locator("[data-valmsg-for='Input.BirthDate']")).ToHaveTextAsync("出生日期不能晚于今天");
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "出生日期不能晚于今天" })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(MemberFormUrl(unitId));
        await ScreenshotsAsync(page, "member-form-errors-future-birth-date");

        await page.GotoAsync($"/Team/{unitId}");
        Assert.Equal(rosterBefore, await page.GetByTestId("roster").InnerTextAsync());
        Assert.Equal(totalBefore, await page.GetByTestId("total").InnerTextAsync());
        await Expect(page.GetByTestId("roster")).Not.ToContainTextAsync("巴特尔");
    }

    [Fact]
    public async Task All_mistakes_on_the_member_form_are_reported_at_once()
    {
        var data = await TestData.CreateAsync(Factory);
        var unitId = data.Unit("A1");
        var page = await LoginAsync(data.User("village1"));

        await page.GotoAsync($"/Team/Member/{unitId}");
        await page.GetByLabel("姓名").FillAsync("");
        await page.GetByLabel("出生日期").FillAsync(Iso(Today.AddYears(1)));
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await Expect(page.Locator("[data-valmsg-for='Input.Name']")).ToHaveTextAsync("请填写姓名");
        await Expect(page.Locator("[data-valmsg-for='Input.BirthDate']")).ToHaveTextAsync("出生日期不能晚于今天");
    }

    private static Regex MemberFormUrl(int unitId) => new($"/Team/Member/{unitId}$");
}

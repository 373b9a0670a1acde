using System.Net;
using System.Net.Http.Json;
using WuHao.Tests.Infrastructure;

namespace WuHao.Tests.Units;

/// <summary>R-0.1: admin and banner staff keep the tree; moving a unit moves who can see it.</summary>
public sealed class UnitsApiTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task Banner_staff_add_a_village_under_a_township_and_the_township_sees_it()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var created = await banner.PostAsJsonAsync("/api/v1/units", new { code = $"{data.Prefix}-A3", name = "新建嘎查", type = "village", parentId = data.Unit("A") });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.BodyAsync();
        Assert.Equal("village", body.Str("type"));
        Assert.Equal(data.Unit("A"), body.Number("parentId"));

        var township = await ApiClient.LoginAsync(factory, data.User("township"));
        Assert.Equal(HttpStatusCode.OK, (await township.GetAsync($"/api/v1/units/{body.Number("id")}")).StatusCode);
    }

    [Fact]
    public async Task Village_staff_cannot_change_the_tree()
    {
        var data = await TestData.CreateAsync(factory);
        var village = await ApiClient.LoginAsync(factory, data.User("village1"));
        var response = await village.PostAsJsonAsync("/api/v1/units", new { code = $"{data.Prefix}-X", name = "私建", type = "village", parentId = data.Unit("A") });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Bad_units_are_refused_in_Chinese()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var wrongType = await banner.PostAsJsonAsync("/api/v1/units", new { code = $"{data.Prefix}-Y", name = "错类型", type = "city", parentId = data.Unit("A") });
        Assert.StartsWith("类型“city”无效", (await wrongType.BodyAsync()).GetProperty("errors").GetProperty("type")[0].GetString(), StringComparison.Ordinal);

        var villageUnderVillage = await banner.PostAsJsonAsync("/api/v1/units", new { code = $"{data.Prefix}-Z", name = "村下村", type = "village", parentId = data.Unit("A1") });
        Assert.Equal("嘎查村之下不能设嘎查村", (await villageUnderVillage.BodyAsync()).GetProperty("errors").GetProperty("type")[0].GetString());

        var duplicate = await banner.PostAsJsonAsync("/api/v1/units", new { code = $"{data.Prefix}-A1", name = "重码", type = "village", parentId = data.Unit("A") });
        Assert.Equal($"代码“{data.Prefix}-A1”已被其他单位使用", (await duplicate.BodyAsync()).GetProperty("errors").GetProperty("code")[0].GetString());

        var cycle = await banner.PutAsJsonAsync($"/api/v1/units/{data.Unit("A")}", new { code = $"{data.Prefix}-A", name = "甲乡", type = "township", parentId = data.Unit("A1"), version = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, cycle.StatusCode);
    }

    [Fact]
    public async Task Moving_a_village_to_another_township_moves_its_visibility()
    {
        var data = await TestData.CreateAsync(factory);
        var banner = await ApiClient.LoginAsync(factory, data.User("banner"));
        var unit = await (await banner.GetAsync($"/api/v1/units/{data.Unit("A2")}")).BodyAsync();
        var moved = await banner.PutAsJsonAsync($"/api/v1/units/{data.Unit("A2")}", new { code = unit.Str("code"), name = unit.Str("name"), type = "village", parentId = data.Unit("B"), version = unit.Number("version") });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        var townshipB = await ApiClient.LoginAsync(factory, data.User("townshipB"));
        Assert.Equal(HttpStatusCode.OK, (await townshipB.GetAsync($"/api/v1/units/{data.Unit("A2")}/team-members")).StatusCode);
        var townshipA = await ApiClient.LoginAsync(factory, data.User("township"));
        Assert.Equal(HttpStatusCode.NotFound, (await townshipA.GetAsync($"/api/v1/units/{data.Unit("A2")}/team-members")).StatusCode);
    }
}

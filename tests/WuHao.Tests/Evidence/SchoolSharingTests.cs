using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WuHao.Tests.Infrastructure;

namespace WuHao.Tests.Evidence;

/// <summary>
/// through the one scope rule: a village–school link and its joint activities are recorded once and seen by
/// the village and the school (and their superiors); a third unit sees nothing; only the recording unit changes them.
/// </summary>
public abstract class SchoolSharingTests(WuHaoFactory factory)
{
    private string Today => factory.Time.GetUtcNow().AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IEnumerable<int> Ids(JsonElement list) => list.GetProperty("items").EnumerateArray().Select(i => i.Number("id"));

    [Fact]
    public async Task A_link_and_its_joint_activities_are_seen_by_the_village_and_the_school_and_by_nobody_else()
    {
        var data = await TestData.CreateAsync(factory);
        var (village, school, other) = (data.Unit("A1"), data.Unit("AS"), data.Unit("A2"));
        var villageApi = await ApiClient.LoginAsync(factory, data.User("village1"));
        var schoolApi = await ApiClient.LoginAsync(factory, data.User("school"));
        var otherApi = await ApiClient.LoginAsync(factory, data.User("village2"));
        var outsider = await ApiClient.LoginAsync(factory, data.User("townshipB"));

        // The school cannot keep the link; the village can, with a school of its banner.
        var bySchool = await schoolApi.PostAsJsonAsync($"/api/v1/units/{school}/school-links", new { schoolUnitId = school, since = Today });
        Assert.Equal(HttpStatusCode.BadRequest, bySchool.StatusCode);
        var created = await villageApi.PostAsJsonAsync($"/api/v1/units/{village}/school-links", new { schoolUnitId = school, since = Today, contacts = "张老师" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var link = (await created.BodyAsync()).Number("id");
        var duplicate = await villageApi.PostAsJsonAsync($"/api/v1/units/{village}/school-links", new { schoolUnitId = school, since = Today });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);

        // A joint activity recorded by the village, with a photo; another recorded by the school.
        var photo = (await (await FilesApiTests.UploadAsync(villageApi, village, Samples.Jpeg(), "联谊.jpg")).BodyAsync()).Number("id");
        var byVillage = (await (await villageApi.PostAsJsonAsync($"/api/v1/units/{village}/activities",
            new { date = Today, title = "村校联谊会", types = new[] { "关爱服务" }, mode = "走出去", schoolLinkId = link, fileIds = new[] { photo } })).BodyAsync()).Number("id");
        var bySchoolActivity = await schoolApi.PostAsJsonAsync($"/api/v1/units/{school}/activities",
            new { date = Today, title = "学校开放日", types = new[] { "爱国主义" }, mode = "请进来", schoolLinkId = link });
        Assert.Equal(HttpStatusCode.Created, bySchoolActivity.StatusCode);
        var bySchoolId = (await bySchoolActivity.BodyAsync()).Number("id");

        // Both sides list the link and both joint activities.
        foreach (var (api, unit) in new[] { (villageApi, village), (schoolApi, school) })
        {
            Assert.Contains(link, Ids(await (await api.GetAsync($"/api/v1/units/{unit}/school-links")).BodyAsync()));
            var activities = Ids(await (await api.GetAsync($"/api/v1/units/{unit}/activities")).BodyAsync()).ToList();
            Assert.Contains(byVillage, activities);
            Assert.Contains(bySchoolId, activities);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/school-links/{link}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/activities/{byVillage}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/activities/{bySchoolId}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/files/{photo}")).StatusCode);
        }

        // Each side changes only what it recorded.
        var put = new { date = Today, title = "改名", types = new[] { "关爱服务" }, mode = "走出去", schoolLinkId = link, fileIds = new[] { photo }, version = 1 };
        Assert.Equal(HttpStatusCode.Forbidden, (await schoolApi.PutAsJsonAsync($"/api/v1/activities/{byVillage}", put)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await schoolApi.DeleteAsync($"/api/v1/school-links/{link}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await villageApi.DeleteAsync($"/api/v1/activities/{bySchoolId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await schoolApi.DeleteAsync($"/api/v1/files/{photo}")).StatusCode);

        // A third unit, beside them or elsewhere, sees none of it.
        foreach (var api in new[] { otherApi, outsider })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/school-links/{link}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/activities/{byVillage}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/activities/{bySchoolId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/files/{photo}")).StatusCode);
        }

        Assert.DoesNotContain(byVillage, Ids(await (await otherApi.GetAsync($"/api/v1/units/{other}/activities")).BodyAsync()));
        Assert.DoesNotContain(link, Ids(await (await otherApi.GetAsync($"/api/v1/units/{other}/school-links")).BodyAsync()));

        // A joint activity cannot name someone else's link.
        var foreign = await otherApi.PostAsJsonAsync($"/api/v1/units/{other}/activities", new { date = Today, title = "蹭", types = new[] { "其他" }, mode = "本地", schoolLinkId = link });
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);

        // The pages agree: the school reads the village's activity under its own unit, read-only; the neighbour gets 404.
        var schoolPage = await PageClient.LoginAsync(factory, data.User("school"));
        var (response, doc) = await schoolPage.GetAsync($"/Activities/Activity/{school}/{byVillage}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("由", doc.QuerySelector("[data-testid=recorded-by]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(doc.QuerySelector("button.btn-danger[type=submit]"));
        var (list, listDoc) = await schoolPage.GetAsync($"/Activities/{school}");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("村校联谊会", listDoc.Body!.TextContent, StringComparison.Ordinal);
        var neighbour = await PageClient.LoginAsync(factory, data.User("village2"));
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.Http.GetAsync($"/Activities/Activity/{other}/{byVillage}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.Http.GetAsync($"/Innovation/SchoolLink/{other}/{link}")).StatusCode);
    }
}

public sealed class SchoolSharingOnSqlite(SqliteFactory factory) : SchoolSharingTests(factory), IClassFixture<SqliteFactory>;

public sealed class SchoolSharingOnPostgres(PostgresFactory factory) : SchoolSharingTests(factory), IClassFixture<PostgresFactory>;

using System.Net;
using WuHao.Tests.Infrastructure;

namespace WuHao.Tests.Evidence;

/// <summary>The demo shows 三、四、五 with something in them: activities, rules with gaps, a joint activity seen by the school.</summary>
public sealed class DemoEvidenceTests(DemoFactory factory) : IClassFixture<DemoFactory>
{
    [Fact]
    public async Task The_demo_village_and_school_see_their_activities_and_their_joint_one()
    {
        var village = await PageClient.LoginAsync(factory, "village1", "Demo@2023");
        var (response, activities) = await village.GetAsync("/Activities");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(int.Parse(activities.QuerySelector("[data-testid=activity-count]")!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("村校联谊：红色故事进校园", activities.Body!.TextContent, StringComparison.Ordinal);
        var (_, rules) = await village.GetAsync("/Rules");
        Assert.NotNull(rules.QuerySelector("[data-testid=rule-types]"));

        var school = await PageClient.LoginAsync(factory, "school", "Demo@2023");
        var (_, schoolActivities) = await school.GetAsync("/Activities");
        Assert.Contains("村校联谊：红色故事进校园", schoolActivities.Body!.TextContent, StringComparison.Ordinal);
        var (_, innovation) = await school.GetAsync("/Innovation");
        Assert.Contains("胜利嘎查", innovation.QuerySelector("[data-testid=links]")!.TextContent, StringComparison.Ordinal);
    }
}

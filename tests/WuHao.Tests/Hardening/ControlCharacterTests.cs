using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Tests.Hardening;

/// <summary>
/// Issue 13 item 5 (R-8.5, hostile text): control characters (other than tab and line breaks) and bidirectional
/// overrides are refused in every text field, with a Chinese message naming the field, on the API and the pages;
/// nothing is saved. Ordinary multi-line text with CRLF and tabs is still accepted.
/// </summary>
public abstract class ControlCharacterTests(WuHaoFactory factory)
{
    private string Today => factory.Time.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static TheoryData<string> Hostile => ["a\u0000b", "a\u0007b", "a\rb", "a\u001Bb", "乌云\u202E格其", "a\u2066b\u2069"];

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task The_API_refuses_hidden_characters_in_a_text_naming_the_field(string text)
    {
        var data = await TestData.SharedAsync(factory);
        var unit = data.Unit("A1");
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var before = await CountAsync(unit);

        var meeting = await api.PostAsJsonAsync($"/api/v1/units/{unit}/party-meetings", new { date = Today, topic = text, attendees = "支部委员", attendeeCount = 5 });
        Assert.True(meeting.StatusCode == HttpStatusCode.BadRequest, await meeting.Content.ReadAsStringAsync());
        var message = (await meeting.BodyAsync()).GetProperty("errors").GetProperty("topic")[0].GetString()!;
        Assert.StartsWith("议题", message, StringComparison.Ordinal);
        Assert.Contains("控制字符", message, StringComparison.Ordinal);

        var member = await api.PostAsJsonAsync($"/api/v1/units/{unit}/team-members", new { name = text, gender = "男", position = "委员", affiliation = "其他", termStart = "2024-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, member.StatusCode);
        Assert.StartsWith("姓名", (await member.BodyAsync()).GetProperty("errors").GetProperty("name")[0].GetString()!, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(unit));
    }

    [Fact]
    public async Task The_page_refuses_a_control_character_and_keeps_line_breaks_and_tabs()
    {
        var data = await TestData.CreateAsync(factory);
        var unit = data.Unit("A1");
        var page = await PageClient.LoginAsync(factory, data.User("village1"));
        var before = await CountAsync(unit);

        // A NUL the framework's form reader refuses by itself (400); the other controls reach the validator.
        var nul = await page.SubmitAsync($"/Team/Meeting/{unit}", new() { ["Input.Topic"] = "会议\u0000议题", ["Input.Attendees"] = "支部委员", ["Input.AttendeeCount"] = "5" });
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        var refused = await page.SubmitAsync($"/Team/Meeting/{unit}", new() { ["Input.Topic"] = "会议\u0007议题", ["Input.Attendees"] = "支部委员", ["Input.AttendeeCount"] = "5" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("议题含有看不见的控制字符", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(unit));

        var saved = await page.SubmitAsync($"/Team/Meeting/{unit}", new() { ["Input.Topic"] = "正常议题", ["Input.Attendees"] = "支部委员\r\n村委\t5人", ["Input.AttendeeCount"] = "5" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(before + 1, await CountAsync(unit));
    }

    private async Task<int> CountAsync(int unitId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.PartyMeetings.CountAsync(m => m.UnitId == unitId) + await db.TeamMembers.CountAsync(m => m.UnitId == unitId);
    }
}

public sealed class ControlCharactersOnSqlite(SqliteFactory factory) : ControlCharacterTests(factory), IClassFixture<SqliteFactory>;

public sealed class ControlCharactersOnPostgres(PostgresFactory factory) : ControlCharacterTests(factory), IClassFixture<PostgresFactory>;

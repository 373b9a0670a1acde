using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Tests.Evidence;

/// <summary>
/// Evidence on the records an assessor checks (查资料, R-1.4, R-1.5, R-2.4, R-2.5, R-2.6, R-3.3): party-branch meetings,
/// study sessions, trainings, commendation meetings and deeds take files through the API (fileIds) and through their
/// phone-first page (a photo posted with the form), on SQLite and on PostgreSQL.
/// </summary>
public abstract class RecordEvidenceTests(WuHaoFactory factory)
{
    private string Today => factory.Time.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static TheoryData<string> Kinds => ["party-meetings", "study-sessions", "trainings", "commendations", "deeds"];

    /// <summary>A valid API body of each kind, with <paramref name="fileIds"/>.</summary>
    private object Body(string kind, string text, int[] fileIds) => kind switch
    {
        "party-meetings" => new { date = Today, topic = text, attendees = "支部委员", attendeeCount = 5, fileIds },
        "study-sessions" => new { date = Today, topic = text, kind = "政治理论", participants = "全体成员", participantCount = 6, hours = 2, fileIds },
        "trainings" => new { date = Today, content = text, hours = 2, otherTrainees = "村干部", fileIds },
        "commendations" => new { date = Today, title = text, level = "村", honorees = new[] { new { name = "张老师", honour = "优秀五老" } }, fileIds },
        "deeds" => new { title = text, persons = "张老师", date = Today, story = "结对帮扶留守儿童", fileIds },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Each kind's page, the fields to fill on it, and its link rows in the link table.</summary>
    private static (string Page, Dictionary<string, string?> Fields, Type Link) Page(string kind, int unit, string text) => kind switch
    {
        "party-meetings" => ($"/Team/Meeting/{unit}", new() { ["Input.Topic"] = text, ["Input.Attendees"] = "支部委员", ["Input.AttendeeCount"] = "5" }, typeof(PartyMeetingFile)),
        "study-sessions" => ($"/Team/Study/{unit}", new() { ["Input.Topic"] = text, ["Input.ParticipantCount"] = "6" }, typeof(StudySessionFile)),
        "trainings" => ($"/Elders/Training/{unit}", new() { ["Input.Content"] = text, ["Input.OtherTrainees"] = "村干部" }, typeof(TrainingFile)),
        "commendations" => ($"/Elders/Commendation/{unit}", new() { ["Input.Title"] = text, ["Input.Honorees[0].Name"] = "张老师", ["Input.Honorees[0].Honour"] = "优秀五老" }, typeof(CommendationMeetingFile)),
        "deeds" => ($"/Elders/Deed/{unit}", new() { ["Input.Title"] = text, ["Input.Persons"] = "张老师", ["Input.Story"] = "结对帮扶留守儿童" }, typeof(DeedFile)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_file_uploaded_and_named_in_fileIds_is_shown_and_downloads_unchanged(string kind)
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        var scan = Samples.Pdf();
        var fileId = (await (await FilesApiTests.UploadAsync(api, unit, scan, "会议记录.pdf")).BodyAsync()).Number("id");

        var created = await api.PostAsJsonAsync($"/api/v1/units/{unit}/{kind}", Body(kind, $"带材料的记录{kind}", [fileId]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.BodyAsync()).Number("id");

        var read = await (await api.GetAsync($"/api/v1/{kind}/{id}")).BodyAsync();
        Assert.Equal([fileId], read.GetProperty("fileIds").EnumerateArray().Select(f => f.GetInt32()));
        Assert.Equal("会议记录.pdf", read.GetProperty("files")[0].Str("fileName"));
        var download = await api.GetAsync($"/api/v1/files/{fileId}");
        Assert.Equal(SHA256.HashData(scan), SHA256.HashData(await download.Content.ReadAsByteArrayAsync()));

        // A file of another unit is refused, with a message on fileIds, and nothing is saved.
        var other = await ApiClient.LoginAsync(factory, data.User("village2"));
        var foreign = (await (await FilesApiTests.UploadAsync(other, data.Unit("A2"), Samples.Jpeg(), "别村.jpg")).BodyAsync()).Number("id");
        var before = (await (await api.GetAsync($"/api/v1/units/{unit}/{kind}")).BodyAsync()).Number("total");
        var refused = await api.PostAsJsonAsync($"/api/v1/units/{unit}/{kind}", Body(kind, "别村的文件", [foreign]));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("不属于本单位", (await refused.BodyAsync()).GetProperty("errors").GetProperty("fileIds")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, (await (await api.GetAsync($"/api/v1/units/{unit}/{kind}")).BodyAsync()).Number("total"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task The_page_saves_a_photo_of_the_minutes_posted_with_the_form(string kind)
    {
        var data = await TestData.CreateAsync(factory);
        var unit = data.Unit("A1");
        var page = await PageClient.LoginAsync(factory, data.User("village1"));
        var (url, fields, link) = Page(kind, unit, $"拍照上传{kind}");

        var form = await page.GetAsync(url);
        Assert.NotNull(form.Document.QuerySelector("form[enctype='multipart/form-data'] input[type=file][name=Uploads][capture]"));
        var response = await page.SubmitMultipartAsync(url, fields, [("Uploads", "会议记录.png", Samples.Png(3000, 2000))]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var files = (await db.Set<FileLink>().Where(l => l.UnitId == unit).Include(l => l.File).ToListAsync()).Where(l => l.GetType() == link).Select(l => l.File!).ToList();
        var file = Assert.Single(files);
        Assert.Equal("image/jpeg", file.ContentType);
        Assert.Equal("照片", file.Category);
        Assert.Equal(unit, file.UnitId);
    }
}

public sealed class RecordEvidenceOnSqlite(SqliteFactory factory) : RecordEvidenceTests(factory), IClassFixture<SqliteFactory>;

public sealed class RecordEvidenceOnPostgres(PostgresFactory factory) : RecordEvidenceTests(factory), IClassFixture<PostgresFactory>;

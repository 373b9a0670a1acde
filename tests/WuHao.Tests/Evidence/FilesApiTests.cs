using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;

namespace WuHao.Tests.Evidence;

/// <summary>Evidence files over the API (issue 4 item 1, ADR-004, ADR-007), on SQLite and on PostgreSQL.</summary>
public abstract class FilesApiTests(WuHaoFactory factory)
{
    private string Today => factory.Time.GetUtcNow().AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient api, int unitId, byte[] data, string fileName, string? category = null)
    {
        using var form = new MultipartFormDataContent { { new StringContent(unitId.ToString(CultureInfo.InvariantCulture)), "unitId" } };
        var part = new ByteArrayContent(data);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg"); // what a client claims; the server looks at the bytes
        part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = fileName };
        form.Add(part);
        if (category is not null)
        {
            form.Add(new StringContent(category), "category");
        }

        return await api.PostAsync("/api/v1/files", form);
    }

    [Fact]
    public async Task An_upload_downloads_byte_for_byte_with_its_SHA256_as_an_attachment()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var photo = Samples.Jpeg(2400, 1800);

        var created = await UploadAsync(api, data.Unit("A1"), photo, "活动照片.jpeg");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.BodyAsync();
        var id = body.Number("id");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(photo)), body.Str("sha256"));
        Assert.Equal("image/jpeg", body.Str("contentType"));
        Assert.Equal(photo.Length, body.GetProperty("size").GetInt64());
        Assert.Equal("照片", body.Str("category"));
        Assert.Equal($"/api/v1/files/{id}", created.Headers.Location!.OriginalString);

        var download = await api.GetAsync($"/api/v1/files/{id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(SHA256.HashData(photo), SHA256.HashData(bytes));
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("活动照片.jpeg", download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("image/jpeg", download.Content.Headers.ContentType!.MediaType);

        var preview = await api.GetAsync($"/api/v1/files/{id}?preview=true");
        Assert.Equal("inline", preview.Content.Headers.ContentDisposition!.DispositionType);

        // A PDF is never shown inline, even when asked.
        var pdf = (await (await UploadAsync(api, data.Unit("A1"), Samples.Pdf(), "报告.pdf")).BodyAsync()).Number("id");
        Assert.Equal("attachment", (await api.GetAsync($"/api/v1/files/{pdf}?preview=true")).Content.Headers.ContentDisposition!.DispositionType);
    }

    [Fact]
    public async Task The_type_comes_from_the_bytes_and_the_name_follows_it()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");

        var png = await (await UploadAsync(api, unit, Samples.Png(), "截图.jpg")).BodyAsync();
        Assert.Equal("image/png", png.Str("contentType"));
        Assert.Equal("截图.png", png.Str("fileName"));

        var docx = await UploadAsync(api, unit, Samples.Docx(), "计划.docx", category: "文书");
        Assert.Equal(HttpStatusCode.Created, docx.StatusCode);
        var docxBody = await docx.BodyAsync();
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docxBody.Str("contentType"));
        Assert.Equal("文书", docxBody.Str("category"));

        var heic = await (await UploadAsync(api, unit, Samples.Heic(), "IMG_0001.HEIC")).BodyAsync();
        Assert.Equal("image/heic", heic.Str("contentType"));
    }

    public static TheoryData<string, string, int, string> BadFiles => new()
    {
        { "exe", "照片.jpg", 415, "可执行程序" },
        { "empty", "空.jpg", 400, "空文件" },
        { "svg", "图标.svg", 415, "脚本" },
        { "html", "页面.jpg", 415, "脚本" },
        { "bomb", "炸弹.docx", 400, "压缩炸弹" },
        { "traversal", "../../etc/passwd.jpg", 400, "路径" },
        { "control", "照片\u0001.jpg", 400, "控制字符" },
        { "big", "大.pdf", 413, "20 MB" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_refused_with_a_clear_message_and_nothing_is_saved(string kind, string fileName, int status, string message)
    {
        var data = await TestData.SharedAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        var before = await FileCountAsync(unit);
        byte[] bytes = kind switch
        {
            "exe" => Samples.Exe(),
            "empty" => [],
            "svg" => Samples.Svg(),
            "html" => Samples.Html(),
            "bomb" => Samples.ZipBombDocx(),
            "big" => [.. Samples.Pdf(), .. new byte[21 * 1024 * 1024]],
            _ => Samples.Jpeg(),
        };

        var response = await UploadAsync(api, unit, bytes, fileName);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, text, StringComparison.Ordinal);
        Assert.Equal(before, await FileCountAsync(unit));
    }

    [Fact]
    public async Task A_record_takes_its_files_by_id_files_them_and_deleting_it_leaves_nothing_reachable()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        var photo = (await (await UploadAsync(api, unit, Samples.Jpeg(), "合影.jpg")).BodyAsync()).Number("id");
        var notes = (await (await UploadAsync(api, unit, Samples.Docx(), "记录.docx")).BodyAsync()).Number("id");

        var created = await api.PostAsJsonAsync($"/api/v1/units/{unit}/activities", new
        {
            date = "2024-05-04", title = "五四青年节座谈", types = new[] { "爱国主义", "传承红色基因" }, mode = "请进来",
            partners = new[] { "学校" }, youthCount = 30, elderCount = 3, elderNames = new[] { "张老师", "王老兵" }, fileIds = new[] { photo, notes },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var activity = await created.BodyAsync();
        var id = activity.Number("id");
        Assert.Equal([photo, notes], activity.GetProperty("fileIds").EnumerateArray().Select(e => e.GetInt32()).Order());
        Assert.Equal(["张老师", "王老兵"], activity.GetProperty("elderNames").EnumerateArray().Select(e => e.GetString()!));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var filed = await db.Files.Where(f => f.Id == photo || f.Id == notes).OrderBy(f => f.Id).Select(f => new { f.Category, f.Year }).ToListAsync();
            Assert.Equal([("照片", 2024), ("活动", 2024)], filed.Select(f => (f.Category, f.Year)));
        }

        // A file is evidence of one record only.
        var twice = await api.PostAsJsonAsync($"/api/v1/units/{unit}/activities", new { date = "2024-05-05", title = "又一次", types = new[] { "爱国主义" }, mode = "本地", fileIds = new[] { photo } });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("已是另一条记录的证明材料", (await twice.BodyAsync()).GetProperty("errors").GetProperty("fileIds")[0].GetString(), StringComparison.Ordinal);

        // PUT names the whole list: a file left out is removed with its bytes.
        var version = activity.Number("version");
        var put = await api.PutAsJsonAsync($"/api/v1/activities/{id}", new { date = "2024-05-04", title = "五四青年节座谈", types = new[] { "爱国主义" }, mode = "请进来", fileIds = new[] { photo }, version });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/files/{notes}")).StatusCode);

        var deleted = await api.DeleteAsync($"/api/v1/activities/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/files/{photo}")).StatusCode);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.False(await db.Files.AnyAsync(f => f.Id == photo || f.Id == notes));
            Assert.False(await db.FileContents.AnyAsync(c => c.Id == photo || c.Id == notes));
            Assert.False(await db.FileLinks.AnyAsync(l => l.FileId == photo || l.FileId == notes));
        }
    }

    [Fact]
    public async Task Files_are_served_only_within_scope_and_changed_only_by_editors()
    {
        var data = await TestData.CreateAsync(factory);
        var file = data.Record<WuHao.Web.Domain.StoredFile>("A1");
        Assert.Equal(HttpStatusCode.OK, (await (await ApiClient.LoginAsync(factory, data.User("township"))).GetAsync($"/api/v1/files/{file}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await ApiClient.LoginAsync(factory, data.User("village2"))).GetAsync($"/api/v1/files/{file}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await ApiClient.LoginAsync(factory, data.User("townshipB"))).GetAsync($"/api/v1/files/{file}")).StatusCode);

        var viewer = await ApiClient.LoginAsync(factory, data.User("viewer"));
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/v1/files/{file}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(viewer, data.Unit("A1"), Samples.Jpeg(), "x.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync($"/api/v1/files/{file}")).StatusCode);

        // Another unit's file cannot be named as evidence either.
        var other = await ApiClient.LoginAsync(factory, data.User("village2"));
        var r = await other.PostAsJsonAsync($"/api/v1/units/{data.Unit("A2")}/activities", new { date = Today, title = "借用", types = new[] { "其他" }, mode = "本地", fileIds = new[] { file } });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("不存在或不属于本单位", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_unit_or_a_file_the_upload_says_what_is_missing()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        using var form = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        var r = await api.PostAsync("/api/v1/files", form);
        Assert.True(r.StatusCode == HttpStatusCode.BadRequest, string.Join("\n", factory.Logs.Where(l => l.Contains("Exception", StringComparison.Ordinal)).TakeLast(3)));
        var errors = (await r.BodyAsync()).GetProperty("errors");
        Assert.Equal("请填写单位（unitId）", errors.GetProperty("unitId")[0].GetString());
        Assert.Equal("请选择要上传的文件（字段 file）", errors.GetProperty("file")[0].GetString());
    }

    [Fact]
    public async Task An_activity_in_the_future_or_without_a_type_is_refused_and_nothing_is_saved()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        var future = factory.Time.GetUtcNow().AddHours(8).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var before = await (await api.GetAsync($"/api/v1/units/{unit}/activities")).BodyAsync();

        var r = await api.PostAsJsonAsync($"/api/v1/units/{unit}/activities", new { date = future, title = "明天的活动", types = Array.Empty<string>(), mode = "本地" });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var errors = (await r.BodyAsync()).GetProperty("errors");
        Assert.StartsWith("活动日期不能晚于今天", errors.GetProperty("date")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("请至少选择一种活动类型", errors.GetProperty("types")[0].GetString());

        var wrongType = await api.PostAsJsonAsync($"/api/v1/units/{unit}/activities", new { date = Today, title = "x", types = new[] { "跳舞" }, mode = "乱来" });
        var wrong = (await wrongType.BodyAsync()).GetProperty("errors");
        Assert.StartsWith("活动类型“跳舞”不在可选范围内", wrong.GetProperty("types")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("方式“乱来”不在可选范围内", wrong.GetProperty("mode")[0].GetString(), StringComparison.Ordinal);

        var after = await (await api.GetAsync($"/api/v1/units/{unit}/activities")).BodyAsync();
        Assert.Equal(before.Number("total"), after.Number("total"));
    }

    private async Task<int> FileCountAsync(int unitId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Files.CountAsync(f => f.UnitId == unitId);
    }
}

public sealed class FilesApiOnSqlite(SqliteFactory factory) : FilesApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class FilesApiOnPostgres(PostgresFactory factory) : FilesApiTests(factory), IClassFixture<PostgresFactory>;

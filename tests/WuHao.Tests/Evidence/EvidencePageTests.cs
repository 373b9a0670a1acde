using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Tests.Evidence;

/// <summary>Record pages with their upload control, as a browser without JavaScript posts them (issue 4 items 1, 8; ).</summary>
public sealed class EvidencePageTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private string Today => factory.Time.GetUtcNow().AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static KeyValuePair<string, string>[] Types(params string[] types) => [.. types.Select(t => new KeyValuePair<string, string>("Input.Types", t))];

    [Fact]
    public async Task An_activity_with_two_full_size_photos_is_saved_with_them_scaled_on_the_server()
    {
        var data = await TestData.CreateAsync(factory);
        var unit = data.Unit("A1");
        var page = await PageClient.LoginAsync(factory, data.User("village1"));

        var response = await page.SubmitMultipartAsync($"/Activities/Activity/{unit}",
            new() { ["Input.Title"] = "红色故事会", ["Input.Types"] = null, ["Input.Mode"] = "本地" },
            [("Uploads", "IMG_1.png", Samples.Png(3200, 2400)), ("Uploads", "IMG_2.jpg", Samples.Jpeg(1500, 2600))],
            Types("传承红色基因", "爱国主义"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"/Activities/{unit}?year=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var activity = await db.Activities.Include(a => a.Files).ThenInclude(f => f.File!).ThenInclude(f => f.Content).SingleAsync(a => a.UnitId == unit && a.Title == "红色故事会");
        Assert.Equal(["传承红色基因", "爱国主义"], activity.Types.OrderBy(t => t.Position).Select(t => t.Value));
        Assert.Equal(2, activity.Files.Count);
        foreach (var file in activity.Files.Select(f => f.File!))
        {
            Assert.Equal("image/jpeg", file.ContentType);
            Assert.Equal("照片", file.Category);
            var info = Image.Identify(file.Content!.Data);
            Assert.Equal(1600, Math.Max(info.Width, info.Height));
            Assert.Equal(file.Size, file.Content.Data.LongLength);
        }

        Assert.Contains(activity.Files, f => f.File!.FileName == "IMG_1.jpg");
    }

    [Fact]
    public async Task A_refused_file_on_a_page_saves_neither_the_record_nor_any_file_and_says_why()
    {
        var data = await TestData.CreateAsync(factory);
        var unit = data.Unit("A1");
        var page = await PageClient.LoginAsync(factory, data.User("village1"));
        var before = await CountsAsync(unit);

        var response = await page.SubmitMultipartAsync($"/Activities/Activity/{unit}",
            new() { ["Input.Title"] = "带病毒的活动", ["Input.Types"] = null },
            [("Uploads", "好照片.jpg", Samples.Jpeg()), ("Uploads", "照片.jpg", Samples.Exe())],
            Types("关爱服务"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = PageClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("可执行程序", doc.QuerySelector("[data-valmsg-for=Uploads]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("还没有保存", doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("带病毒的活动", doc.QuerySelector("input[name='Input.Title']")!.GetAttribute("value"));
        Assert.Equal(before, await CountsAsync(unit));

        // And a valid file with an invalid record (no type, future date) saves no file either.
        var future = factory.Time.GetUtcNow().AddHours(8).AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var invalid = await page.SubmitMultipartAsync($"/Activities/Activity/{unit}",
            new() { ["Input.Title"] = "未来的活动", ["Input.Types"] = null, ["Input.Date"] = future },
            [("Uploads", "好照片.jpg", Samples.Jpeg())]);
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var text = PageClient.Parse(await invalid.Content.ReadAsStringAsync()).QuerySelector(".validation-summary-errors")!.TextContent;
        Assert.Contains("请至少选择一种活动类型", text, StringComparison.Ordinal);
        Assert.Contains("活动日期不能晚于今天", text, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(unit));
    }

    [Fact]
    public async Task A_retried_submission_after_a_lost_answer_saves_nothing_twice()
    {
        var data = await TestData.CreateAsync(factory);
        var unit = data.Unit("A1");
        var page = await PageClient.LoginAsync(factory, data.User("village1"));
        var (_, form) = await page.GetAsync($"/Activities/Activity/{unit}");
        var key = form.QuerySelector("input[name='Input.SubmissionKey']")!.GetAttribute("value")!;
        Assert.Equal(32, key.Length);

        foreach (var _ in Enumerable.Range(0, 2))
        {
            var r = await page.SubmitMultipartAsync($"/Activities/Activity/{unit}",
                new() { ["Input.Title"] = "重试的活动", ["Input.Types"] = null, ["Input.SubmissionKey"] = key },
                [("Uploads", "a.jpg", Samples.Jpeg())], Types("社会治理"));
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.Activities.CountAsync(a => a.UnitId == unit && a.Title == "重试的活动"));
        Assert.Equal(1, await db.FileLinks.OfType<ActivityFile>().CountAsync(l => l.UnitId == unit && l.Activity!.Title == "重试的活动"));
    }

    [Fact]
    public async Task The_activity_form_starts_from_today_and_the_users_last_types()
    {
        var data = await TestData.CreateAsync(factory);
        var unit = data.Unit("A1");
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        await api.PostAsJsonAsync($"/api/v1/units/{unit}/activities", new { date = Today, title = "上次", types = new[] { "法治教育", "关爱服务" }, mode = "请进来", place = "村部" });

        var page = await PageClient.LoginAsync(factory, data.User("village1"));
        var (_, doc) = await page.GetAsync($"/Activities/Activity/{unit}");
        Assert.Equal(Today, doc.QuerySelector("input[name='Input.Date']")!.GetAttribute("value"));
        var checkedTypes = doc.QuerySelectorAll("input[name='Input.Types']:checked").Select(e => e.GetAttribute("value")).ToList();
        Assert.Equal(["法治教育", "关爱服务"], checkedTypes);
        Assert.NotNull(doc.QuerySelector("input[name='Input.Mode'][value='请进来']:checked"));
        Assert.NotNull(doc.QuerySelector("input[type=file][capture][accept='image/*']"));
        Assert.Equal("multipart/form-data", doc.QuerySelector("form[data-evidence-form]")!.GetAttribute("enctype"));
    }

    [Fact]
    public async Task Unticking_a_file_on_the_form_removes_it_and_its_bytes()
    {
        var data = await TestData.CreateAsync(factory);
        var unit = data.Unit("A1");
        var page = await PageClient.LoginAsync(factory, data.User("village1"));
        var created = await page.SubmitMultipartAsync($"/Rules/RuleDocument/{unit}",
            new() { ["Input.Type"] = "档案管理制度", ["Input.Title"] = "档案管理制度" }, [("Uploads", "制度.pdf", Samples.Pdf())]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        int id, fileId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var doc = await db.RuleDocuments.Include(r => r.Files).ThenInclude(f => f.File).SingleAsync(r => r.UnitId == unit && r.Type == "档案管理制度");
            (id, fileId) = (doc.Id, doc.Files.Single().FileId);
            Assert.Equal(("制度", "永久"), (doc.Files.Single().File!.Category, doc.Files.Single().File!.Retention));
        }

        var edit = await page.SubmitMultipartAsync($"/Rules/RuleDocument/{unit}/{id}", new() { ["Input.FileIds"] = null, ["Input.IsPosted"] = "true" }, []);
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.False(await db.Files.AnyAsync(f => f.Id == fileId));
            Assert.False(await db.FileContents.AnyAsync(c => c.Id == fileId));
            Assert.True((await db.RuleDocuments.SingleAsync(r => r.Id == id)).IsPosted);
        }
    }

    [Fact]
    public async Task The_section_pages_show_the_figures_of_the_records()
    {
        var data = await TestData.CreateAsync(factory);
        var unit = data.Unit("A1");
        var year = factory.Time.GetUtcNow().AddHours(8).Year;
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        foreach (var type in new[] { "会议制度", "工作制度", "档案管理制度" })
        {
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/units/{unit}/rule-documents", new { type, title = type, adoptedOn = Today, isPosted = true })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/units/{unit}/funds", new { date = Today, direction = "spending", amount = 250.5m, purpose = "购买书籍" })).StatusCode);
        var noSource = await api.PostAsJsonAsync($"/api/v1/units/{unit}/funds", new { date = Today, direction = "income", amount = 1.005m, purpose = "捐款" });
        var errors = (await noSource.BodyAsync()).GetProperty("errors");
        Assert.Equal("收入请填写来源", errors.GetProperty("source")[0].GetString());
        Assert.Equal("金额最多两位小数（精确到分）", errors.GetProperty("amount")[0].GetString());

        var page = await PageClient.LoginAsync(factory, data.User("village1"));
        var (_, rules) = await page.GetAsync($"/Rules/{unit}?year={year}");
        Assert.Equal("1", rules.QuerySelector("[data-testid=missing-rules]")!.TextContent.Trim()); // 奖励制度 (学习制度 is in the test data)
        Assert.Equal("749.50元", rules.QuerySelector("[data-testid=balance]")!.TextContent.Trim()); // 1000 income in the test data
        Assert.Contains("奖励制度", rules.QuerySelector("[data-testid=rule-types]")!.TextContent, StringComparison.Ordinal);

        var (_, activities) = await page.GetAsync($"/Activities/{unit}?year={year}");
        Assert.Equal("1", activities.QuerySelector("[data-testid=activity-count]")!.TextContent.Trim());

        var (_, catalogue) = await page.GetAsync($"/Rules/Archive/{unit}?year={year}");
        Assert.Contains($"照片A1.png", catalogue.QuerySelector("[data-testid=catalogue-照片]")!.TextContent, StringComparison.Ordinal);
        var api2 = await (await api.GetAsync($"/api/v1/units/{unit}/archive/catalogue?year={year}")).BodyAsync();
        Assert.Contains(api2.GetProperty("items").EnumerateArray(), i => i.Str("number") == $"{year}-照片-001" && i.Str("source") == "活动");
    }

    private async Task<(int Activities, int Files)> CountsAsync(int unitId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.Activities.CountAsync(a => a.UnitId == unitId), await db.Files.CountAsync(f => f.UnitId == unitId));
    }
}

using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Domain;
using WuHao.Web.Features.Documents;
using WuHao.Web.Features.Indicators;

namespace WuHao.Tests.Documents;

/// <summary>
/// The app with a package folder of its own and one more package document: a small text file per unit that fails
/// for every 甲二村 and waits at <see cref="Gate"/>, so a test can hold a job while it runs.
/// </summary>
public sealed class PackageFactory() : WuHaoFactory(Engine.Sqlite)
{
    public string PackageDirectory { get; } = Path.Combine(Path.GetTempPath(), $"wuhao-test-packages-{Guid.NewGuid():N}");

    public TaskCompletionSource Gate { get; set; } = Opened();

    public static TaskCompletionSource Opened()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Packages:Directory", PackageDirectory);
        builder.ConfigureTestServices(s => s.AddSingleton<IPackageDocument>(new TestDocument(this)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (Directory.Exists(PackageDirectory))
        {
            Directory.Delete(PackageDirectory, recursive: true);
        }
    }

    private sealed class TestDocument(PackageFactory factory) : IPackageDocument
    {
        public PackageScope Scope => PackageScope.EachUnit;

        public string FileName(UnitHeader unit, int year) => "测试文件.txt";

        public async Task WriteAsync(UnitHeader unit, int year, Stream output, CancellationToken ct)
        {
            await factory.Gate.Task.WaitAsync(ct);
            if (unit.Name.StartsWith("甲二村", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("测试：本单位的文件故意生成失败");
            }

            await output.WriteAsync(Encoding.UTF8.GetBytes(unit.Name), ct);
        }
    }
}

/// <summary>
/// The one-click acceptance package (issue 11 item 4, R-7.1–R-7.3): a background job with progress, reused while it
/// runs, one folder per unit below and the summary table in the zip, a failing unit listed in 说明.txt without spoiling
/// the rest, kept a day, never another township's. SQLite only (the job logic does not depend on the engine; the
/// summary it includes is tested on both). About 3 s.
/// </summary>
public sealed class PackageTests(PackageFactory factory) : IClassFixture<PackageFactory>
{
    private int Year => factory.Time.Today().Year;

    [Fact]
    public async Task The_package_reports_progress_is_reused_while_it_runs_and_finishes_with_every_unit_R7()
    {
        var data = await TestData.CreateAsync(factory);
        var township = await ApiClient.LoginAsync(factory, data.User("township"));
        var url = $"/api/v1/units/{data.Unit("A")}/package?year={Year}";
        var matrix = await (await township.GetAsync($"/api/v1/units/{data.Unit("A")}/evaluation-matrix?year={Year}")).BodyAsync();
        var below = matrix.GetProperty("rows").EnumerateArray().Select(r => r.Str("unitName")).Where(n => !n.StartsWith("甲乡" + data.Prefix, StringComparison.Ordinal)).ToList();
        Assert.Contains($"甲一嘎查{data.Prefix}", below);

        factory.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync(url)).StatusCode);
            var first = await township.PostAsync(url, null);
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            var started = await first.BodyAsync();

            // Held at the first unit: running, 0 done of every unit below; a second request gets the same job.
            var running = await township.WaitForAsync(url, s => s.Str("state") == "running" && s.GetProperty("total").GetInt32() > 0);
            Assert.Equal(0, running.GetProperty("done").GetInt32());
            Assert.Equal(below.Count, running.GetProperty("total").GetInt32());
            var again = await (await township.PostAsync(url, null)).BodyAsync();
            Assert.Equal(started.Str("id"), again.Str("id"));

            // The page shows the running job and its progress bar.
            var pages = await PageClient.LoginAsync(factory, data.User("township"));
            var (_, html) = await pages.GetAsync($"/Documents/Package/{data.Unit("A")}?year={Year}");
            Assert.Contains("生成中", html.QuerySelector("[data-testid=package-state]")!.TextContent, StringComparison.Ordinal);
            Assert.NotNull(html.QuerySelector("progress[data-testid=package-progress]"));
            Assert.Contains($"已完成 0 / {below.Count}", html.QuerySelector("label[for=package-progress]")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            factory.Gate.SetResult();
        }

        var finished = await township.WaitForAsync(url, s => s.Str("state") == "finished");
        Assert.Equal(below.Count, finished.GetProperty("done").GetInt32());
        Assert.NotNull(finished.Str("expiresAt"));
        Assert.Equal($"/api/v1/units/{data.Unit("A")}/package/file?year={Year}", finished.Str("downloadUrl"));

        // Finished less than a day ago: a new request reuses it too.
        var reused = await (await township.PostAsync(url, null)).BodyAsync();
        Assert.Equal(finished.Str("id"), reused.Str("id"));
        Assert.Equal("finished", reused.Str("state"));
    }

    [Fact]
    public async Task The_zip_has_a_folder_per_unit_the_summary_and_lists_a_failing_unit_in_its_readme_R7()
    {
        var data = await TestData.CreateAsync(factory);
        var township = await ApiClient.LoginAsync(factory, data.User("township"));
        var url = $"/api/v1/units/{data.Unit("A")}/package?year={Year}";
        Assert.Equal(HttpStatusCode.Accepted, (await township.PostAsync(url, null)).StatusCode);
        var status = await township.WaitForAsync(url, s => s.Str("state") == "finished");

        var failures = status.GetProperty("failures").EnumerateArray().ToList();
        var failed = Assert.Single(failures);
        Assert.Equal($"甲二村{data.Prefix}", failed.Str("unit"));
        Assert.Equal("测试：本单位的文件故意生成失败", failed.Str("reason"));

        var response = await township.GetAsync(status.Str("downloadUrl"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains($"甲一嘎查{data.Prefix}/测试文件.txt", names);
        // The failing document is missing; the unit's other documents and every other unit's are there.
        Assert.DoesNotContain($"甲二村{data.Prefix}/测试文件.txt", names);
        Assert.Contains($"甲二村{data.Prefix}/{Year}年自查报告.docx", names);
        Assert.Contains($"甲一嘎查{data.Prefix}/{Year}年自查报告.docx", names);
        Assert.Contains($"甲一嘎查{data.Prefix}/{Year}年台账.docx", names);
        Assert.Contains(names, n => n.EndsWith($"{Year}年验收报告.docx", StringComparison.Ordinal) && !n.Contains('/', StringComparison.Ordinal));
        Assert.Contains($"甲乡{data.Prefix}{Year}年验收汇总表.xlsx", names);
        Assert.DoesNotContain(names, n => n.Contains('乙', StringComparison.Ordinal));
        using (var unitFile = new StreamReader(zip.GetEntry($"甲一嘎查{data.Prefix}/测试文件.txt")!.Open()))
        {
            Assert.Equal($"甲一嘎查{data.Prefix}", await unitFile.ReadToEndAsync());
        }

        using var summary = new MemoryStream();
        await using (var entry = zip.GetEntry($"甲乡{data.Prefix}{Year}年验收汇总表.xlsx")!.Open())
        {
            await entry.CopyToAsync(summary);
        }

        var rows = MiniExcelLibs.MiniExcel.Query(summary, useHeaderRow: true, sheetName: "汇总表").Cast<IDictionary<string, object?>>();
        Assert.Contains(rows, r => (string?)r["单位"] == $"甲一嘎查{data.Prefix}");

        using var readMe = new StreamReader(zip.GetEntry("说明.txt")!.Open());
        var text = await readMe.ReadToEndAsync();
        Assert.Contains($"甲一嘎查{data.Prefix}/测试文件.txt", text, StringComparison.Ordinal);
        Assert.Contains($"甲二村{data.Prefix} · 测试文件.txt：测试：本单位的文件故意生成失败", text, StringComparison.Ordinal);
        Assert.Contains($"甲乡{data.Prefix}{Year}年验收汇总表.xlsx", text, StringComparison.Ordinal);

        // The page lists the failure and links the file.
        var pages = await PageClient.LoginAsync(factory, data.User("township"));
        var (_, html) = await pages.GetAsync($"/Documents/Package/{data.Unit("A")}?year={Year}");
        Assert.Contains($"甲二村{data.Prefix}", html.QuerySelector("[data-testid=package-failures]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(status.Str("downloadUrl"), html.QuerySelector("[data-testid=package-download]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_package_is_kept_a_day_and_only_for_units_in_scope_R7()
    {
        var data = await TestData.CreateAsync(factory);
        var township = await ApiClient.LoginAsync(factory, data.User("township"));
        var url = $"/api/v1/units/{data.Unit("A")}/package?year={Year}";

        // Another township's unit: 404 on every route, as for the matrix; a village has no units below: 400.
        var other = $"/api/v1/units/{data.Unit("B")}/package?year={Year}";
        Assert.Equal(HttpStatusCode.NotFound, (await township.PostAsync(other, null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync(other)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/api/v1/units/{data.Unit("B")}/package/file?year={Year}")).StatusCode);
        var village = await ApiClient.LoginAsync(factory, data.User("village1"));
        var refused = await village.PostAsync($"/api/v1/units/{data.Unit("A1")}/package?year={Year}", null);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("没有下辖单位", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Accepted, (await township.PostAsync(url, null)).StatusCode);
        var status = await township.WaitForAsync(url, s => s.Str("state") == "finished");
        await using var scope = factory.Services.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetRequiredService<PackageJobs>();
        var job = (await jobs.FindAsync(data.Unit("A"), Year))!;
        Assert.True(File.Exists(job.FilePath));

        factory.Time.Advance(TimeSpan.FromHours(23));
        township = await ApiClient.LoginAsync(factory, data.User("township"));
        Assert.Equal(HttpStatusCode.OK, (await township.GetAsync(status.Str("downloadUrl"))).StatusCode);
        factory.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        township = await ApiClient.LoginAsync(factory, data.User("township"));
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync(status.Str("downloadUrl"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync(url)).StatusCode);
        await jobs.SweepAsync();
        Assert.False(File.Exists(job.FilePath));

        // Expired: a new request builds a new package.
        var again = await (await township.PostAsync(url, null)).BodyAsync();
        Assert.NotEqual(status.Str("id"), again.Str("id"));
        await township.WaitForAsync(url, s => s.Str("state") == "finished");
    }
}

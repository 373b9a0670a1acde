using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WuHao.Tests.Documents;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Cases;
using WuHao.Web.Features.Documents;
using WuHao.Web.Features.Indicators;
using WuHao.Web.Infrastructure.Jobs;

namespace WuHao.Tests.Jobs;

/// <summary>
/// A package document shared by both instances: it waits at <see cref="Gate"/> (so a test can hold a job while it
/// runs) and counts, per unit, the files it finished, whichever instance wrote them.
/// </summary>
public sealed class SharedPackageDocument : IPackageDocument
{
    public TaskCompletionSource Gate { get; set; } = PackageFactory.Opened();
    public ConcurrentDictionary<string, int> Written { get; } = new(StringComparer.Ordinal);

    public PackageScope Scope => PackageScope.EachUnit;

    public string FileName(UnitHeader unit, int year) => "共享测试文件.txt";

    public async Task WriteAsync(UnitHeader unit, int year, Stream output, CancellationToken ct)
    {
        await Gate.Task.WaitAsync(ct);
        await output.WriteAsync(Encoding.UTF8.GetBytes(unit.Name), ct);
        Written.AddOrUpdate(unit.Name, 1, (_, n) => n + 1);
    }
}

/// <summary>One of two app instances on the same PostgreSQL database, key folder and package folder.</summary>
public sealed class InstanceFactory(string connectionString, string keyDirectory, string packageDirectory, SharedPackageDocument document)
    : WuHaoFactory(Engine.Postgres, connectionString, keyDirectory)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Packages:Directory", packageDirectory);
        builder.UseSetting("Packages:PollInterval", "00:00:00.2");
        builder.ConfigureTestServices(s => s.AddSingleton<IPackageDocument>(document));
    }

    public T Hosted<T>() where T : IHostedService => Services.GetServices<IHostedService>().OfType<T>().Single();

    public string InstanceId => Services.GetRequiredService<AppInstance>().Id;
}

/// <summary>Two app instances, A and B, started one after the other on one fresh PostgreSQL database.</summary>
public sealed class TwoInstances : IAsyncLifetime
{
    private readonly string keys = Path.Combine(Path.GetTempPath(), $"wuhao-test-keys-{Guid.NewGuid():N}");
    private readonly string packages = Path.Combine(Path.GetTempPath(), $"wuhao-test-shared-packages-{Guid.NewGuid():N}");

    public InstanceFactory A { get; private set; } = null!;
    public InstanceFactory B { get; private set; } = null!;
    public SharedPackageDocument Document { get; } = new();

    public async Task InitializeAsync()
    {
        var database = await PostgresCluster.CreateDatabaseAsync(string.Create(CultureInfo.InvariantCulture, $"wuhao_test_{Environment.ProcessId}_two_{Guid.NewGuid():N}"));
        A = new InstanceFactory(database, keys, packages, Document);
        B = new InstanceFactory(database, keys, packages, Document);
        _ = A.Server;
        _ = B.Server;

        // The two clocks agree, as NTP keeps real instances' clocks (leases compare them).
        A.Time.SetUtcNow(B.Time.GetUtcNow());
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        if (Directory.Exists(packages))
        {
            Directory.Delete(packages, recursive: true);
        }
    }
}

/// <summary>
/// Several app instances on one PostgreSQL (R-8.3, issue 12 item 4): a login, a cookie and a form made on one instance
/// are good on the other (keys in the database); the acceptance package is one job whichever instance is asked, built
/// by exactly one; the retention sweep runs once when both try at the same moment; a lease and a package whose holder
/// stopped renewing are taken over by the other instance (fake clocks). One pair of instances for the class, about 10 s.
/// </summary>
public sealed class ManyInstancesTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private InstanceFactory A => instances.A;
    private InstanceFactory B => instances.B;
    private int Year => A.Time.Today().Year;

    [Fact]
    public async Task A_login_cookie_form_and_token_made_on_one_instance_work_on_the_other_R8_3()
    {
        var data = await TestData.CreateAsync(A);

        // Round robin: the login form comes from A, is posted to B, and the cookie B set opens a page on A.
        var cookies = new System.Net.CookieContainer();
        var onA = new PageClient(A.CreateDefaultClient(A.ClientOptions.BaseAddress, new CookieContainerHandler(cookies)));
        var onB = new PageClient(B.CreateDefaultClient(B.ClientOptions.BaseAddress, new CookieContainerHandler(cookies)));
        var (_, login) = await onA.GetAsync("/Account/Login");
        var loggedIn = await onB.PostFormAsync(login.Forms.First(f => f.QuerySelector("input[name='Input.UserName']") is not null), "/Account/Login",
            new() { ["Input.UserName"] = data.User("township"), ["Input.Password"] = TestData.Password });
        Assert.Equal(HttpStatusCode.Redirect, loggedIn.StatusCode);
        var (page, html) = await onA.GetAsync($"/Documents/Package/{data.Unit("A")}?year={Year}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"甲乡{data.Prefix}", html.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        // A bearer token from A is good on B.
        var apiA = await ApiClient.LoginAsync(A, data.User("township"));
        var apiB = B.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = B.ClientOptions.BaseAddress });
        apiB.DefaultRequestHeaders.Authorization = apiA.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.OK, (await apiB.GetAsync($"/api/v1/units/{data.Unit("A")}/evaluation-matrix?year={Year}")).StatusCode);
    }

    [Fact]
    public async Task A_package_started_on_A_is_reported_and_reused_by_B_and_built_once_R8_3()
    {
        var data = await TestData.CreateAsync(A);
        var onA = await ApiClient.LoginAsync(A, data.User("township"));
        var onB = await ApiClient.LoginAsync(B, data.User("township"));
        var url = $"/api/v1/units/{data.Unit("A")}/package?year={Year}";

        instances.Document.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        JsonElement started;
        try
        {
            var first = await onA.PostAsync(url, null);
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            started = await first.BodyAsync();

            // B reports A's job, running with every unit below to do, and a request on B reuses it.
            var running = await onB.WaitForAsync(url, s => s.Str("state") == "running" && s.GetProperty("total").GetInt32() > 0);
            Assert.Equal(started.Str("id"), running.Str("id"));
            Assert.Equal(0, running.GetProperty("done").GetInt32());
            var again = await (await onB.PostAsync(url, null)).BodyAsync();
            Assert.Equal(started.Str("id"), again.Str("id"));
        }
        finally
        {
            instances.Document.Gate.SetResult();
        }

        var finished = await onB.WaitForAsync(url, s => s.Str("state") == "finished");
        Assert.Equal(started.Str("id"), finished.Str("id"));
        Assert.Equal(finished.GetProperty("total").GetInt32(), finished.GetProperty("done").GetInt32());

        // Built by one instance only: one claim in both logs, each unit's file written once; both serve the zip.
        var id = started.Str("id");
        Assert.Single(A.Logs.Concat(B.Logs), l => l.Contains($"Package {id} claimed", StringComparison.Ordinal));
        var units = instances.Document.Written.Where(w => w.Key.EndsWith(data.Prefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(finished.GetProperty("total").GetInt32(), units.Count);
        Assert.All(units, u => Assert.Equal(1, u.Value));
        foreach (var client in new[] { onA, onB })
        {
            var zip = await client.GetAsync(finished.Str("downloadUrl"));
            Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
            using var archive = new ZipArchive(new MemoryStream(await zip.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
            Assert.Contains($"甲一嘎查{data.Prefix}/共享测试文件.txt", archive.Entries.Select(e => e.FullName));
        }
    }

    [Fact]
    public async Task The_retention_sweep_run_on_both_instances_at_once_anonymises_each_case_once_R5_5_R8_3()
    {
        var data = await TestData.CreateAsync(A);
        var unit = data.Unit("A2");
        var today = A.Time.Today();
        var ids = new List<int>();
        await using (var scope = A.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var cases = Enumerable.Range(1, 3).Select(i => new YouthCase
            {
                UnitId = unit, Name = $"过期结案{i}", Gender = "男", BirthDate = today.AddYears(-15), Categories = [new() { Value = "失学/辍学" }], GuardianName = "家长",
                Status = YouthCaseVocabulary.Closed, ClosedOn = today.AddYears(-3).AddDays(-i), CloseReason = "已返校复学",
            }).ToList();
            db.YouthCases.AddRange(cases);
            await db.SaveChangesAsync();
            ids.AddRange(cases.Select(c => c.Id));
        }

        // The lease the start-up runs took has expired on both clocks: both try at the same moment.
        var past = CaseRetentionJob.LeaseLength + TimeSpan.FromMinutes(1);
        A.Time.Advance(past);
        B.Time.Advance(past);
        var runs = await Task.WhenAll(A.Hosted<CaseRetentionJob>().RunOnceAsync(CancellationToken.None), B.Hosted<CaseRetentionJob>().RunOnceAsync(CancellationToken.None));
        Assert.Single(runs, r => r is not null);

        await using (var scope = B.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var anonymised = await db.YouthCases.Where(c => ids.Contains(c.Id)).Select(c => new { c.Name, c.AnonymisedOn }).ToListAsync();
            Assert.All(anonymised, c => Assert.Equal(YouthCaseVocabulary.Anonymised, c.Name));
            Assert.All(anonymised, c => Assert.NotNull(c.AnonymisedOn));
            var audit = await db.CaseAccessLog.Where(e => e.CaseId != null && ids.Contains(e.CaseId.Value) && e.Action == "anonymise")
                .GroupBy(e => e.CaseId).Select(g => g.Count()).ToListAsync();
            Assert.Equal(3, audit.Count);
            Assert.All(audit, lines => Assert.Equal(1, lines));
        }
    }

    [Fact]
    public async Task A_lease_and_a_package_whose_holder_stops_renewing_are_taken_over_by_the_other_instance_R8_3()
    {
        // The lease itself: held by A, refused to B, renewed by A; expired on B's clock, B takes it and A is refused.
        var name = $"test-{Guid.NewGuid():N}";
        var length = TimeSpan.FromMinutes(5);
        var leasesA = A.Services.GetRequiredService<JobLeases>();
        var leasesB = B.Services.GetRequiredService<JobLeases>();
        Assert.True(await leasesA.TryTakeAsync(name, length));
        Assert.False(await leasesB.TryTakeAsync(name, length));
        Assert.True(await leasesA.TryTakeAsync(name, length));
        B.Time.Advance(length + TimeSpan.FromSeconds(1));
        Assert.True(await leasesB.TryTakeAsync(name, length));
        Assert.False(await leasesA.TryTakeAsync(name, length));
        A.Time.Advance(length + TimeSpan.FromSeconds(1));

        // A package held at its first unit by the instance building it, whose lease then expires on the other's clock.
        var data = await TestData.CreateAsync(A);
        var onA = await ApiClient.LoginAsync(A, data.User("township"));
        var url = $"/api/v1/units/{data.Unit("A")}/package?year={Year}";
        instances.Document.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lapse = TimeSpan.FromMinutes(3);
        InstanceFactory holder, other;
        string id;
        try
        {
            id = (await (await onA.PostAsync(url, null)).BodyAsync()).Str("id");
            await onA.WaitForAsync(url, s => s.Str("state") == "running" && s.GetProperty("total").GetInt32() > 0);
            var first = await HolderAsync(id);
            Assert.Contains(first, new[] { A.InstanceId, B.InstanceId });
            (holder, other) = first == A.InstanceId ? (A, B) : (B, A);

            other.Time.Advance(lapse);
            await WaitUntilAsync(async () => await HolderAsync(id) == other.InstanceId);
            await WaitUntilAsync(() => Task.FromResult(holder.Logs.Any(l => l.Contains($"Package {id} was taken over", StringComparison.Ordinal))));
        }
        finally
        {
            instances.Document.Gate.SetResult();
        }

        var finished = await onA.WaitForAsync(url, s => s.Str("state") == "finished");
        Assert.Equal(id, finished.Str("id"));
        var units = instances.Document.Written.Where(w => w.Key.EndsWith(data.Prefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(finished.GetProperty("total").GetInt32(), units.Count);
        Assert.All(units, u => Assert.Equal(1, u.Value));
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync(finished.Str("downloadUrl"))).StatusCode);
        holder.Time.Advance(lapse);
    }

    private async Task<string?> HolderAsync(string id)
    {
        await using var scope = A.Services.CreateAsyncScope();
        var guid = Guid.Parse(id);
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<PackageJobRecord>().Where(j => j.Id == guid).Select(j => j.Holder).SingleAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the condition was not met in time");
    }
}

/// <summary>
/// The lease on SQLite (the embedded engine runs the same jobs): taken, refused to a second holder, renewed, and taken
/// over once expired on that holder's clock (R-8.3). The second instance is a second <see cref="JobLeases"/> on the
/// same database with an identity and a clock of its own. About 1 s.
/// </summary>
public sealed class JobLeaseSqliteTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task A_lease_is_held_by_one_holder_until_it_expires_on_SQLite_R8_3()
    {
        var name = $"test-{Guid.NewGuid():N}";
        var length = TimeSpan.FromMinutes(5);
        var first = factory.Services.GetRequiredService<JobLeases>();
        var otherClock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(factory.Time.GetUtcNow());
        var second = new JobLeases(factory.Services.GetRequiredService<IServiceScopeFactory>(), new AppInstance(), otherClock);

        Assert.True(await first.TryTakeAsync(name, length));
        Assert.False(await second.TryTakeAsync(name, length));
        Assert.True(await first.TryTakeAsync(name, length));
        otherClock.Advance(length - TimeSpan.FromSeconds(1));
        Assert.False(await second.TryTakeAsync(name, length));
        otherClock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await second.TryTakeAsync(name, length));
        Assert.False(await first.TryTakeAsync(name, length));
    }
}

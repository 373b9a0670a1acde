using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Cli.Generator;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Protection;

namespace WuHao.Tests.Generator;

/// <summary>
/// The region generator (R-8.3, issue 12): run through its service on a fresh database of each engine, 12 villages ×
/// 2 years: the counts per village are those it promises, case fields are encrypted at rest, the app serves a township's
/// evaluation matrix and dashboard over the generated units, a second run refuses without --append, and the same seed
/// makes the same content (another seed does not). One factory per class; the first region is made once per factory.
/// </summary>
public abstract class GenerateDataTests(WuHaoFactory factory)
{
    private const int Villages = 12, Years = 2, Seed = 7;
    private static readonly ConcurrentDictionary<WuHaoFactory, Lazy<Task<GenerateSummary>>> Regions = new();

    private Task<GenerateSummary> RegionAsync() =>
        Regions.GetOrAdd(factory, f => new Lazy<Task<GenerateSummary>>(() => GenerateAsync(new GenerateOptions(Villages, Years, Seed)))).Value;

    private async Task<GenerateSummary> GenerateAsync(GenerateOptions options)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<RegionGenerator>(scope.ServiceProvider).GenerateAsync(options);
    }

    [Fact]
    public async Task R8_3_every_village_has_the_stated_records_each_year_and_case_fields_are_encrypted_at_rest()
    {
        var region = await RegionAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var path = await db.Units.Where(u => u.Id == region.RootId).Select(u => u.Path).SingleAsync();
        var villages = await db.Units.Where(u => u.Path.StartsWith(path) && u.Type == UnitType.Village).Select(u => u.Id).ToListAsync();
        Assert.Equal(Villages, villages.Count);

        // The distribution column (ADR-016): the generated banner's id on its units and on every record of its villages.
        Assert.Equal([region.RootId], await db.Units.Where(u => u.Path.StartsWith(path)).Select(u => u.BannerId).Distinct().ToListAsync());
        Assert.Equal([region.RootId], await db.Activities.Where(a => villages.Contains(a.UnitId)).Select(a => a.BannerId).Distinct().ToListAsync());
        Assert.Equal([region.RootId], await db.Elders.Where(a => villages.Contains(a.UnitId)).Select(a => a.BannerId).Distinct().ToListAsync());
        Assert.Equal([region.RootId], await db.FileLinks.Where(a => villages.Contains(a.UnitId)).Select(a => a.BannerId).Distinct().ToListAsync());
        var townshipSizes = await db.Units.Where(u => u.Path.StartsWith(path) && u.Type == UnitType.Village).GroupBy(u => u.ParentId).Select(g => g.Count()).ToListAsync();
        Assert.All(townshipSizes, n => Assert.InRange(n, 10, 30));

        var year = factory.Time.Today().Year;
        var elders = await db.Elders.Where(e => villages.Contains(e.UnitId)).GroupBy(e => e.UnitId).Select(g => g.Count()).ToListAsync();
        var activities = await db.Activities.Where(a => villages.Contains(a.UnitId)).GroupBy(a => new { a.UnitId, a.Date.Year }).Select(g => new { g.Key.Year, Count = g.Count() }).ToListAsync();
        var meetings = await db.PartyMeetings.Where(a => villages.Contains(a.UnitId)).GroupBy(a => new { a.UnitId, a.Date.Year }).Select(g => g.Count()).ToListAsync();
        var cases = await db.YouthCases.Where(c => villages.Contains(c.UnitId)).GroupBy(c => c.UnitId).Select(g => g.Count()).ToListAsync();
        var helps = await db.HelpActions.Where(h => villages.Contains(h.UnitId)).GroupBy(h => h.CaseId).Select(g => g.Count()).ToListAsync();
        var photos = await db.FileLinks.OfType<ActivityFile>().Where(l => villages.Contains(l.UnitId)).CountAsync();
        Assert.Equal(Villages, elders.Count);
        Assert.All(elders, n => Assert.InRange(n, RegionGenerator.ElderMin, RegionGenerator.ElderMax));
        Assert.Equal(Villages * Years, activities.Count);
        Assert.All(activities, a => Assert.Equal(RegionGenerator.ActivitiesPerYear, a.Count));
        Assert.Equal(new[] { year - 1, year }, activities.Select(a => a.Year).Distinct().Order());
        Assert.Equal(Villages * Years, meetings.Count);
        Assert.All(meetings, n => Assert.Equal(RegionGenerator.MeetingsPerYear, n));
        Assert.Equal(Enumerable.Repeat(RegionGenerator.CasesPerVillage, Villages), cases);
        Assert.Equal(Villages * RegionGenerator.CasesPerVillage, helps.Count);
        Assert.All(helps, n => Assert.InRange(n, 2, 4));
        Assert.Equal(Villages * Years * RegionGenerator.ActivitiesPerYear / 3, photos);
        foreach (var table in new[] { "Units", "TeamMembers", "RuleDocuments", "FundEntries", "Plans", "AssessmentRounds", "Campaigns", "ActivityElders" })
        {
            Assert.True(region.Rows.GetValueOrDefault(table) > 0, table);
        }

        // Photos are real images, stored as the Files feature stores them: sniffed type, size and hash of the bytes.
        var file = await db.Files.Where(f => villages.Contains(f.UnitId)).OrderBy(f => f.Id).Select(f => new { f.ContentType, f.Size, f.Sha256, f.Content!.Data }).FirstAsync();
        Assert.Equal("image/jpeg", file.ContentType);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, file.Data.Take(3));
        Assert.Equal(file.Data.Length, file.Size);
        Assert.InRange(file.Size, 500, 16_000);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file.Data)), file.Sha256);

        // At rest the ID number, address and guardian phone are ciphertext that the app's own protector opens.
        var protector = scope.ServiceProvider.GetRequiredService<FieldProtector>();
        var stored = await db.YouthCases.Where(c => villages.Contains(c.UnitId)).Select(c => new { c.IdNumberCipher, c.IdNumberHash, c.AddressCipher, c.GuardianPhoneCipher }).ToListAsync();
        Assert.All(stored, c =>
        {
            var (idNumber, phone, address) = (protector.Unprotect(c.IdNumberCipher)!, protector.Unprotect(c.GuardianPhoneCipher)!, protector.Unprotect(c.AddressCipher)!);
            Assert.Null(ChineseIdNumber.Problem(idNumber));
            Assert.Matches(@"^1[3-9]\d{9}$", phone);
            Assert.Contains("组", address, StringComparison.Ordinal);
            Assert.DoesNotContain(idNumber, c.IdNumberCipher!, StringComparison.Ordinal);
            Assert.DoesNotContain(phone, c.GuardianPhoneCipher!, StringComparison.Ordinal);
            Assert.DoesNotContain("组", c.AddressCipher!, StringComparison.Ordinal);
            Assert.StartsWith("CfDJ8", c.IdNumberCipher!, StringComparison.Ordinal);
        });
        Assert.Equal(await protector.HashAsync(protector.Unprotect(stored[0].IdNumberCipher)), stored[0].IdNumberHash);

        // The app's own inserts go on after the generated ids (PostgreSQL's identity sequences were moved past them).
        db.Elders.Add(new Elder { UnitId = villages[0], Name = "新五老", Gender = "男", Category = "老教师", JoinDate = factory.Time.Today() });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task R8_3_the_app_serves_a_generated_townships_evaluation_matrix_and_dashboard_with_one_row_per_village()
    {
        var region = await RegionAsync();
        var township = region.TownshipIds[0];
        string userName;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            userName = $"gen-township-{Guid.NewGuid():N}"[..24];
            var user = new AppUser { UserName = userName, DisplayName = "生成的乡镇账号", UnitId = township, CreatedAt = factory.Time.GetUtcNow() };
            Assert.True((await users.CreateAsync(user, TestData.Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Township);
        }

        var villages = await VillagesOfAsync(township);
        var client = await ApiClient.LoginAsync(factory, userName);
        var year = factory.Time.Today().Year;
        var matrix = await client.GetAsync($"/api/v1/units/{township}/evaluation-matrix?year={year}");
        Assert.Equal(HttpStatusCode.OK, matrix.StatusCode);
        var rows = (await matrix.BodyAsync()).GetProperty("rows").EnumerateArray().Select(r => r.Number("unitId")).ToList();
        Assert.Equal(villages.Order(), rows.Order());

        var dashboard = await client.GetAsync($"/api/v1/units/{township}/dashboard?year={year}");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal(villages.Order(), (await dashboard.BodyAsync()).GetProperty("ranking").EnumerateArray().Select(r => r.Number("unitId")).Order());
    }

    [Fact]
    public async Task R8_3_a_second_run_is_refused_without_append_and_the_same_seed_makes_the_same_content()
    {
        var first = await RegionAsync();
        var refused = await Assert.ThrowsAsync<GeneratorRefusedException>(() => GenerateAsync(new GenerateOptions(Villages, Years, Seed)));
        Assert.Contains("--append", refused.Message, StringComparison.Ordinal);

        // Small regions beside the first, to keep the test quick: twice seed 7, once seed 8.
        var once = await GenerateAsync(new GenerateOptions(3, 1, Seed, Append: true));
        var again = await GenerateAsync(new GenerateOptions(3, 1, Seed, Append: true));
        var other = await GenerateAsync(new GenerateOptions(3, 1, Seed + 1, Append: true));
        Assert.Equal(3, new[] { first.RootId, once.RootId, again.RootId }.Distinct().Count());
        var hash = await ContentHashAsync(once.RootId);
        Assert.Equal(hash, await ContentHashAsync(again.RootId));
        Assert.NotEqual(hash, await ContentHashAsync(other.RootId));
    }

    private async Task<List<int>> VillagesOfAsync(int township)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Units.Where(u => u.ParentId == township).Select(u => u.Id).ToListAsync();
    }

    /// <summary>A hash of a region's activities, elders and youth cases as a user reads them (names, dates, titles…), ids and stamps aside.</summary>
    private async Task<string> ContentHashAsync(int rootId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var path = await db.Units.Where(u => u.Id == rootId).Select(u => u.Path).SingleAsync();
        var text = new StringBuilder();
        foreach (var a in await db.Activities.Where(a => a.Unit!.Path.StartsWith(path)).OrderBy(a => a.Id)
                     .Select(a => new { a.Unit!.Name, a.Date, a.Title, a.Place, a.Mode, a.YouthCount, a.ElderCount, a.Effect, Types = a.Types.Count }).ToListAsync())
        {
            text.AppendLine(a.ToString());
        }

        foreach (var e in await db.Elders.Where(e => e.Unit!.Path.StartsWith(path)).OrderBy(e => e.Id).Select(e => new { e.Unit!.Name, Elder = e.Name, e.BirthDate, e.JoinDate, e.Category }).ToListAsync())
        {
            text.AppendLine(e.ToString());
        }

        foreach (var c in await db.YouthCases.Where(c => c.Unit!.Path.StartsWith(path)).OrderBy(c => c.Id).Select(c => new { c.Name, c.BirthDate, c.Status, c.IdNumberHash }).ToListAsync())
        {
            text.AppendLine(c.ToString());
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

public sealed class SqliteGenerateDataTests(SqliteFactory factory) : GenerateDataTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresGenerateDataTests(PostgresFactory factory) : GenerateDataTests(factory), IClassFixture<PostgresFactory>;

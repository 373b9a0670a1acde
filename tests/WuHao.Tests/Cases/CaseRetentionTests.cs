using System.Globalization;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Cases;

namespace WuHao.Tests.Cases;

/// <summary>R-5.5: closed cases are anonymised after the retention period (3 years), exactly those, and still counted.</summary>
public sealed class CaseRetentionTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task The_retention_job_anonymises_exactly_the_expired_closed_cases()
    {
        var data = await TestData.CreateAsync(factory);
        var unit = data.Unit("A2");
        var today = factory.Time.Today();
        int expired, recent, open;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            YouthCase Make(string name, DateOnly? closedOn) => new()
            {
                UnitId = unit, Name = name, Gender = "男", BirthDate = today.AddYears(-15), Categories = [new() { Value = "失学/辍学" }], GuardianName = "家长",
                Status = closedOn is null ? YouthCaseVocabulary.Open : YouthCaseVocabulary.Closed, ClosedOn = closedOn, CloseReason = closedOn is null ? null : "已返校复学",
                School = "某校", Situation = "辍学在家",
            };
            var a = Make("过期结案", today.AddYears(-3).AddDays(-1));
            var b = Make("未到期结案", today.AddYears(-3).AddDays(1));
            var c = Make("在档", null);
            db.YouthCases.AddRange(a, b, c);
            await db.SaveChangesAsync();
            db.CaseVisits.Add(new CaseVisit { UnitId = unit, CaseId = a.Id, Date = today.AddYears(-4), Visitor = "回访人甲", Notes = "家庭情况说明" });
            await db.SaveChangesAsync();
            (expired, recent, open) = (a.Id, b.Id, c.Id);
        }

        var before = await FiguresAsync(unit, today.AddYears(-3).Year);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<CaseRetention>().AnonymiseExpiredAsync(CancellationToken.None) >= 1);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var cases = await db.YouthCases.Where(c => c.UnitId == unit).ToDictionaryAsync(c => c.Id);
            Assert.Equal(YouthCaseVocabulary.Anonymised, cases[expired].Name);
            Assert.Null(cases[expired].Situation);
            Assert.Null(cases[expired].School);
            Assert.Equal(today, cases[expired].AnonymisedOn);
            Assert.Equal("失学/辍学", Assert.Single(cases[expired].Categories).Value);
            Assert.Equal(new DateOnly(today.AddYears(-15).Year, 1, 1), cases[expired].BirthDate);
            Assert.Null((await db.CaseVisits.SingleAsync(v => v.CaseId == expired)).Notes);
            Assert.Equal("未到期结案", cases[recent].Name);
            Assert.Null(cases[recent].AnonymisedOn);
            Assert.Equal("在档", cases[open].Name);
            Assert.Equal("儿童A2", cases[data.Record<YouthCase>("A2")].Name);
            Assert.Contains(await db.CaseAccessLog.Where(e => e.CaseId == expired).ToListAsync(), e => e.Action == "anonymise" && e.UserName == "system");
        }

        Assert.Equal(before, await FiguresAsync(unit, today.AddYears(-3).Year));

        // One day later the second one expires too.
        factory.Time.Advance(TimeSpan.FromDays(2));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CaseRetention>().AnonymiseExpiredAsync(CancellationToken.None);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.NotNull((await db.YouthCases.SingleAsync(c => c.Id == recent)).AnonymisedOn);
            Assert.Null((await db.YouthCases.SingleAsync(c => c.Id == open)).AnonymisedOn);
        }
    }

    private async Task<string> FiguresAsync(int unit, int year)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var f = await CaseFigures.ComputeAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), unit, year, CancellationToken.None);
        return string.Create(CultureInfo.InvariantCulture, $"{f.Open}/{f.Closed}/{string.Join(",", f.OpenByCategory.Select(c => c.Count))}");
    }
}

/// <summary>"Logs never contain these fields": after the case flows, not one log line holds an ID number used.</summary>
public sealed class CaseLogPrivacyTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task No_log_line_holds_an_ID_number_after_every_case_flow()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var page = await PageClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        var idNumber = IdNumbers.Make(factory.Time.Today().AddYears(-9), "女");
        var birth = ChineseIdNumber.BirthDate(idNumber)!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var created = await page.SubmitAsync($"/Cases/Case/{unit}", new()
        {
            ["Input.Name"] = "日志测试", ["Input.Gender"] = "女", ["Input.BirthDate"] = birth, ["Input.IdNumber"] = idNumber,
            ["Input.Guardian"] = "监护人", ["Input.GuardianPhone"] = "13900001111", ["Input.Address"] = "甲一嘎查一组1号",
        }, extra: [new("Input.Categories", "留守儿童")]);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, created.StatusCode);
        var caseUrl = created.Headers.Location!.OriginalString;

        await page.SubmitAsync($"/Cases/{unit}", new() { ["idNumber"] = idNumber }, "form[action*='handler=Search']");
        await page.SubmitAsync($"/Cases/{unit}", new() { ["idNumber"] = idNumber[..17] + "0" }, "form[action*='handler=Search']");
        var (_, detail) = await page.GetAsync(caseUrl);
        await page.PostFormAsync(detail.Forms.First(f => f.QuerySelector("input[name=field][value=idNumber]") is not null), caseUrl, []);
        await api.GetAsync($"/api/v1/units/{unit}/youth-cases/export?unmasked=true");
        await api.PostAsJsonAsync($"/api/v1/units/{unit}/youth-cases/search", new { idNumber });
        await api.PostAsJsonAsync($"/api/v1/units/{unit}/youth-cases", new { name = "坏号", gender = "男", birthDate = "2015-01-01", idNumber = idNumber[..17] + "9", categories = new[] { "其他" }, guardian = "x" });

        var lines = factory.Logs.ToArray();
        Assert.True(lines.Length > 20, "the test logger captured nothing");
        foreach (var secret in new[] { idNumber, data.IdNumbers["A1"], "13900001111", "甲一嘎查一组1号" })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }
}

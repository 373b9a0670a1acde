using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Cases;

namespace WuHao.Tests.Cases;

/// <summary>R-5.6: the scan of the signed consent is evidence of the case, visible only with the 困境青少年档案 permission.</summary>
public sealed class ConsentScanTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task A_consent_scan_is_kept_with_the_case_and_hidden_from_users_without_the_permission()
    {
        var data = await TestData.CreateAsync(factory);
        var unit = data.Unit("A2");
        var caseId = data.Record<YouthCase>("A2");
        var township = await PageClient.LoginAsync(factory, data.User("township"));
        var scan = Samples.Jpeg(800, 1100);

        var posted = await township.SubmitMultipartAsync($"/Cases/Case/{unit}/{caseId}", new()
        {
            ["Consent.Purpose"] = "共享给学校/民政", ["Consent.ConsentedBy"] = "监护人", ["Consent.Relation"] = "母亲",
            ["Consent.Date"] = factory.Time.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Consent.Paper"] = "签字同意书",
        }, [("Consent.Uploads", "同意书.jpg", scan)], formSelector: "form[action*='handler=Consent']");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        int fileId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var consent = await db.CaseConsents.Include(c => c.Files).SingleAsync(c => c.CaseId == caseId && c.Purpose == "共享给学校/民政");
            fileId = Assert.Single(consent.Files).FileId;
        }

        var townshipApi = await ApiClient.LoginAsync(factory, data.User("township"));
        Assert.Equal(HttpStatusCode.OK, (await townshipApi.GetAsync($"/api/v1/files/{fileId}")).StatusCode);
        var consents = await (await townshipApi.GetAsync($"/api/v1/youth-cases/{caseId}/consents")).BodyAsync();
        Assert.Contains(consents.GetProperty("items").EnumerateArray(), c => c.GetProperty("fileIds").EnumerateArray().Any(f => f.GetInt32() == fileId));

        // village2 keeps A2's records but holds no case permission: the scan does not exist for them.
        var village = await ApiClient.LoginAsync(factory, data.User("village2"));
        Assert.Equal(HttpStatusCode.NotFound, (await village.GetAsync($"/api/v1/files/{fileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await village.DeleteAsync($"/api/v1/files/{fileId}")).StatusCode);
        var catalogue = await village.GetStringAsync($"/api/v1/units/{unit}/archive/catalogue?year={factory.Time.Today().Year}");
        Assert.DoesNotContain("同意书.jpg", catalogue, StringComparison.Ordinal);

        // Deleting the case takes the scan with it.
        var version = (await (await townshipApi.GetAsync($"/api/v1/youth-cases/{caseId}")).BodyAsync()).Number("version");
        Assert.Equal(HttpStatusCode.NoContent, (await townshipApi.DeleteAsync($"/api/v1/youth-cases/{caseId}?version={version}")).StatusCode);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Files.AnyAsync(f => f.Id == fileId));
        }
    }

    [Fact]
    public async Task The_retention_job_removes_the_consent_scans_of_anonymised_cases()
    {
        var data = await TestData.CreateAsync(factory);
        var caseId = data.Record<YouthCase>("B1");
        var api = await ApiClient.LoginAsync(factory, data.User("villageB"));
        var upload = new MultipartFormDataContent
        {
            { new ByteArrayContent(Samples.Pdf()), "file", "同意书.pdf" },
            { new StringContent(data.Unit("B1").ToString(CultureInfo.InvariantCulture)), "unitId" },
        };
        var fileId = (await (await api.PostAsync("/api/v1/files", upload)).BodyAsync()).Number("id");
        var consent = await api.PostAsJsonAsync($"/api/v1/youth-cases/{caseId}/consents",
            new { purpose = "帮扶", consentedBy = "监护人", relation = "母亲", date = factory.Time.Today().AddYears(-5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), fileIds = new[] { fileId } });
        Assert.Equal(HttpStatusCode.Created, consent.StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var record = await db.YouthCases.SingleAsync(c => c.Id == caseId);
            record.Status = YouthCaseVocabulary.Closed;
            record.ClosedOn = factory.Time.Today().AddYears(-4);
            record.CloseReason = "已返校复学";
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<CaseRetention>().AnonymiseExpiredAsync(CancellationToken.None);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.False(await db.Files.AnyAsync(f => f.Id == fileId));
            Assert.NotNull((await db.YouthCases.SingleAsync(c => c.Id == caseId)).AnonymisedOn);
        }
    }
}

/// <summary>R-5.4: a help action names its donor from the donor list (爱心人士, R-2.2) of the unit or the units above.</summary>
public sealed class HelpDonorTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task A_help_action_takes_a_donor_from_the_units_list_and_refuses_another_units()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var caseId = data.Record<YouthCase>("A1");
        var today = factory.Time.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var ok = await api.PostAsJsonAsync($"/api/v1/youth-cases/{caseId}/help-actions",
            new { date = today, kind = "资助", helper = "村委会", amount = 500, donorId = data.Record<Donor>("A1") });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var body = await ok.BodyAsync();
        Assert.Equal(data.Record<Donor>("A1"), body.Number("donorId"));
        Assert.False(string.IsNullOrEmpty(body.Str("donor")));

        var foreign = await api.PostAsJsonAsync($"/api/v1/youth-cases/{caseId}/help-actions",
            new { date = today, kind = "资助", helper = "村委会", amount = 500, donorId = data.Record<Donor>("B1") });
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal("爱心人士不在本单位或上级单位的名单中", (await foreign.BodyAsync()).GetProperty("errors").GetProperty("donorId")[0].GetString());
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using WuHao.BrowserTests.Infrastructure;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace WuHao.BrowserTests.Documents;

/// <summary>The dossier (台账, R-7.1) printed from the browser: the running header, the evaluation first, each 好 on a new sheet, the photos.</summary>
public sealed class DossierPrintTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_dossier_prints_with_the_unit_and_year_on_every_sheet_and_each_good_on_its_own_sheets()
    {
        var data = await TestData.CreateAsync(Factory);
        var unitId = data.Unit("A1");
        string unitName;
        int year;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            unitName = await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).SingleAsync();
            var activity = await db.Activities.Include(a => a.Files).FirstAsync(a => a.Id == data.Record<Activity>("A1"));
            year = activity.Date.Year;
            var jpeg = Samples.Jpeg(1600, 1200);
            activity.Attach(new StoredFile
            {
                UnitId = unitId, FileName = "活动照片.jpg", ContentType = "image/jpeg", Size = jpeg.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(jpeg)),
                Category = "照片", Year = year, Retention = "永久", Content = new StoredFileContent { Data = jpeg },
            });
            await db.SaveChangesAsync();
        }

        var page = await LoginAsync(data.User("village1"));
        await page.GotoAsync($"/Documents/Dossier/{unitId}?year={year}");
        await Expect(page.GetByTestId("dossier-title")).ToContainTextAsync(unitName);
        var photo = page.Locator("img.dossier-photo[alt$='活动照片.jpg']");
        await Expect(photo).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('img.dossier-photo')].some(e => e.alt.endsWith('活动照片.jpg') && e.complete && e.naturalWidth > 0)");
        await ScreenshotAsync(page, "dossier-phone", Phone);

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.GetByTestId("print-header")).ToContainTextAsync(unitName);
        await Expect(page.GetByTestId("print-header")).ToContainTextAsync($"{year}年度");
        Assert.Equal(0, await page.Locator("button:visible, .btn:visible, form:visible").CountAsync());
        var parts = page.Locator(".dossier-part");
        Assert.True(await parts.CountAsync() >= 6, "the evaluation and the five 好");
        Assert.Equal("page", await parts.Nth(1).EvaluateAsync<string>("e => getComputedStyle(e).breakBefore"));
        await ScreenshotAsync(page, "dossier-print", Desktop);

        var pdf = await page.PdfAsync(new() { Format = "A4", PreferCSSPageSize = true });
        using var document = PdfDocument.Open(pdf);
        var sheets = document.GetPages().ToList();
        Assert.True(sheets.Count >= 6, $"{sheets.Count} sheet(s): each 好 starts a sheet");
        foreach (var sheet in sheets)
        {
            var text = string.Concat(sheet.GetWords().Select(w => w.Text)).Normalize(NormalizationForm.FormKC);
            Assert.Contains(unitName, text, StringComparison.Ordinal);
            Assert.Contains($"第{sheet.Number}", text, StringComparison.Ordinal);
        }
    }
}

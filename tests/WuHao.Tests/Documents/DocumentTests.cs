using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;
using WuHao.Web.Features.Documents;

namespace WuHao.Tests.Documents;

/// <summary>
/// The dossier (台账, R-7.1) and the official documents (R-7.2) end to end on both engines: each .docx opened with the
/// OpenXML SDK and read as a user would check it — the unit's name, every indicator row, the total equal to the
/// evaluation API's, masked phones and no child's name or ID number, the official fonts with a fallback, A4 and the
/// GB/T 9704 margins, photos at print size although a camera-size photo was uploaded; another township's unit is 404.
/// </summary>
public abstract partial class DocumentTests(WuHaoFactory factory)
{
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>A 3000 × 2000 photo on the village's activity: the camera size the dossier must not embed.</summary>
    private async Task<int> CameraPhotoAsync(TestData data, string village)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var activity = await db.Activities.Include(a => a.Files).FirstAsync(a => a.Id == data.Record<Activity>(village));
        var jpeg = Samples.Jpeg(3000, 2000);
        activity.Attach(new StoredFile
        {
            UnitId = activity.UnitId, FileName = "相机原图.jpg", ContentType = "image/jpeg", Size = jpeg.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(jpeg)),
            Category = "照片", Year = activity.Date.Year, Retention = "永久", Content = new StoredFileContent { Data = jpeg },
        });
        await db.SaveChangesAsync();
        return activity.Date.Year;
    }

    private static async Task<WordprocessingDocument> DocxAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(DocxType, response.Content.Headers.ContentType?.MediaType);
        return WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
    }

    private static string Text(WordprocessingDocument doc) =>
        string.Join("\n", doc.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText));

    /// <summary>The first cell of every table row: the indicator codes of the indicator tables.</summary>
    private static List<string> FirstCells(WordprocessingDocument doc) =>
        [.. doc.MainDocumentPart!.Document.Body!.Descendants<TableRow>().Select(r => r.Elements<TableCell>().First().InnerText)];

    /// <summary>A4, margins 37/35/28/26 mm, the title in 方正小标宋简体 二号 and the body in 仿宋_GB2312 三号 at a fixed 28 pt, each font with a fallback.</summary>
    private static void AssertOfficialLayout(WordprocessingDocument doc, string title)
    {
        var section = doc.MainDocumentPart!.Document.Body!.Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        var margin = section.GetFirstChild<PageMargin>()!;
        int Mm(double twips) => (int)Math.Round(twips * 25.4 / 1440);
        Assert.Equal((37, 35, 28, 26), (Mm(margin.Top!.Value), Mm(margin.Bottom!.Value), Mm(margin.Left!.Value), Mm(margin.Right!.Value)));

        var titleRun = doc.MainDocumentPart.Document.Body.Descendants<Run>().First(r => r.InnerText == title);
        Assert.Equal("方正小标宋简体", titleRun.RunProperties!.RunFonts!.EastAsia!.Value);
        Assert.Equal("44", titleRun.RunProperties.FontSize!.Val!.Value);
        var bodyRun = doc.MainDocumentPart.Document.Body.Descendants<Paragraph>()
            .First(p => p.ParagraphProperties?.Indentation?.FirstLineChars is not null && p.InnerText.Length > 10).Descendants<Run>().First();
        Assert.Contains(bodyRun.RunProperties!.RunFonts!.EastAsia!.Value, new[] { "仿宋_GB2312", "黑体", "楷体_GB2312" });
        Assert.Equal("32", bodyRun.RunProperties.FontSize!.Val!.Value);
        var spacing = doc.MainDocumentPart.Document.Body.Descendants<Paragraph>().First().ParagraphProperties!.SpacingBetweenLines!;
        Assert.Equal(("560", LineSpacingRuleValues.Exact), (spacing.Line!.Value, spacing.LineRule!.Value));

        // Every official face names a face a plain machine has, in the font table and on the run.
        var fonts = doc.MainDocumentPart.FontTablePart!.Fonts.Elements<Font>().ToDictionary(f => f.Name!.Value!, f => f.AltName?.Val?.Value);
        foreach (var face in new[] { "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312" })
        {
            Assert.False(string.IsNullOrEmpty(fonts[face]), face);
        }

        Assert.False(string.IsNullOrEmpty(titleRun.RunProperties.RunFonts.ComplexScript?.Value));
        Assert.Equal(DocumentFormat.OpenXml.Wordprocessing.FontTypeHintValues.EastAsia, titleRun.RunProperties.RunFonts.Hint!.Value);
    }

    [Fact]
    public async Task The_dossier_docx_has_every_indicator_the_APIs_total_masked_phones_no_child_and_photos_at_print_size()
    {
        var data = await TestData.CreateAsync(factory);
        var a1 = data.Unit("A1");
        var year = await CameraPhotoAsync(data, "A1");
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var evaluation = await api.GetFromJsonAsync<JsonElement>($"/api/v1/units/{a1}/evaluation?year={year}");

        using var doc = await DocxAsync(await api.GetAsync($"/api/v1/units/{a1}/dossier?year={year}&format=docx"));
        var text = Text(doc);
        var name = $"甲一嘎查{data.Prefix}";
        Assert.Contains(name, text, StringComparison.Ordinal);
        var total = IndicatorRules.N(evaluation.GetProperty("total").GetDecimal());
        Assert.Contains($"总分{total}分", text, StringComparison.Ordinal);
        var codes = FirstCells(doc);
        foreach (var section in evaluation.GetProperty("sections").EnumerateArray())
        {
            foreach (var indicator in section.GetProperty("indicators").EnumerateArray())
            {
                Assert.Contains(indicator.Str("code"), codes);
            }
        }

        // The year's activity is in the dossier, with its photo scaled: no embedded picture is wider than 1200 px.
        Assert.Contains($"活动A1", text, StringComparison.Ordinal);
        var pictures = doc.MainDocumentPart!.ImageParts.ToList();
        Assert.NotEmpty(pictures);
        foreach (var picture in pictures)
        {
            using var stream = picture.GetStream();
            var info = Image.Identify(stream);
            Assert.True(Math.Max(info.Width, info.Height) <= PrintImage.LongSide, $"{info.Width}×{info.Height}");
        }

        // The 五老's phone masked, never in plain; the child neither by name nor by ID number, only counted.
        var all = doc.MainDocumentPart.Document.Body!.InnerText;
        Assert.Contains("139****5678", all, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", all, StringComparison.Ordinal);
        Assert.DoesNotContain(data.IdNumbers["A1"], all, StringComparison.Ordinal);
        Assert.DoesNotContain("儿童A1", all, StringComparison.Ordinal);
        Assert.Contains("在册困境青少年1人", all, StringComparison.Ordinal);
        AssertOfficialLayout(doc, $"{name}{year}年创建“五好”关工委工作台账");
    }

    [Fact]
    public async Task The_official_documents_are_GB_T_9704_docx_with_the_evaluations_figures_and_the_township_report_lists_only_its_units()
    {
        var data = await TestData.CreateAsync(factory);
        var a1 = data.Unit("A1");
        var year = factory.Time.Today().Year;
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var evaluation = await api.GetFromJsonAsync<JsonElement>($"/api/v1/units/{a1}/evaluation?year={year}");
        var name = $"甲一嘎查{data.Prefix}";
        var total = IndicatorRules.N(evaluation.GetProperty("total").GetDecimal());

        using (var check = await DocxAsync(await api.GetAsync($"/api/v1/units/{a1}/documents/self-check?year={year}")))
        {
            var text = Text(check);
            Assert.Contains($"{name}关工委〔{year}〕2号", text, StringComparison.Ordinal); // the 发文字号 line
            Assert.Contains($"总分{total}分", text, StringComparison.Ordinal);
            var rows = check.MainDocumentPart!.Document.Body!.Descendants<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
            foreach (var indicator in evaluation.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("indicators").EnumerateArray()))
            {
                var row = rows.First(r => r[0] == indicator.Str("code") && r.Count == 6);
                Assert.Equal(indicator.Str("reason"), row[5]);
            }

            Assert.Contains("存在的差距", text, StringComparison.Ordinal);
            Assert.Matches(@"\d{4}年\d{1,2}月\d{1,2}日", text.Split('\n')[^1]); // the signature's date, 2023年6月20日 form
            AssertOfficialLayout(check, $"{name}关于{year}年创建“五好”基层关工委工作的自查报告");
        }

        foreach (var (kind, title) in new[] { ("work-plan", $"{name}关工委{year}年工作计划"), ("work-summary", $"{name}关工委{year}年工作总结") })
        {
            using var doc = await DocxAsync(await api.GetAsync($"/api/v1/units/{a1}/documents/{kind}?year={year}"));
            Assert.Contains(evaluation.GetProperty("sections")[0].GetProperty("indicators")[0].Str("reason"), Text(doc), StringComparison.Ordinal);
            AssertOfficialLayout(doc, title);
        }

        // The 实施方案: the unit's submitted plan as saved (TestData submits one), with its steps.
        using (var plan = await DocxAsync(await api.GetAsync($"/api/v1/units/{a1}/documents/plan?year={year}")))
        {
            var text = Text(plan);
            Assert.Contains("创建目标", text, StringComparison.Ordinal);
            Assert.Contains("实施步骤", text, StringComparison.Ordinal);
        }

        // The township's 验收报告: its villages with their totals, none of another township's.
        var township = await ApiClient.LoginAsync(factory, data.User("township"));
        var matrix = await township.GetFromJsonAsync<JsonElement>($"/api/v1/units/{data.Unit("A")}/evaluation-matrix?year={year}");
        using (var report = await DocxAsync(await township.GetAsync($"/api/v1/units/{data.Unit("A")}/documents/acceptance-report?year={year}")))
        {
            var rows = report.MainDocumentPart!.Document.Body!.Descendants<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
            foreach (var row in matrix.GetProperty("rows").EnumerateArray())
            {
                var line = rows.First(r => r[0] == row.Str("unitName"));
                Assert.Equal(IndicatorRules.N(row.GetProperty("total").GetDecimal()), line[1]);
            }

            var text = Text(report);
            Assert.DoesNotContain($"乙一嘎查{data.Prefix}", text, StringComparison.Ordinal);
            Assert.Contains("达标率", text, StringComparison.Ordinal);
            AssertOfficialLayout(report, $"甲乡{data.Prefix}关于{year}年创建“五好”基层关工委验收情况的报告");
        }
    }

    [Fact]
    public async Task Another_townships_unit_is_404_and_a_document_a_unit_does_not_have_is_refused_in_Chinese()
    {
        var data = await TestData.CreateAsync(factory);
        var other = await ApiClient.LoginAsync(factory, data.User("villageB"));
        var townshipB = await ApiClient.LoginAsync(factory, data.User("townshipB"));
        var a1 = data.Unit("A1");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/units/{a1}/dossier?format=docx")).StatusCode);
        foreach (var kind in DocumentKind.All.Select(k => k.Key))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await townshipB.GetAsync($"/api/v1/units/{a1}/documents/{kind}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await townshipB.GetAsync($"/api/v1/units/{data.Unit("A")}/documents/acceptance-report")).StatusCode);
        var page = await PageClient.LoginAsync(factory, data.User("villageB"));
        Assert.Equal(HttpStatusCode.NotFound, (await page.GetAsync($"/Documents/Dossier/{a1}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await page.GetAsync($"/Documents/{a1}")).Response.StatusCode);

        var township = await ApiClient.LoginAsync(factory, data.User("township"));
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/api/v1/units/{a1}/documents/nonsense")).StatusCode);
        var village = await township.GetAsync($"/api/v1/units/{a1}/documents/acceptance-report");
        Assert.Equal(HttpStatusCode.BadRequest, village.StatusCode);
        Assert.Contains("验收报告按乡（苏木）生成", await village.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await township.GetAsync($"/api/v1/units/{data.Unit("A")}/dossier")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await township.GetAsync($"/api/v1/units/{a1}/dossier?format=pdf")).StatusCode);

        // The package takes the dossier and the 自查报告 per unit and the 验收报告 once for the township.
        await using var scope = factory.Services.CreateAsyncScope();
        var documents = scope.ServiceProvider.GetServices<IPackageDocument>().ToList();
        Assert.Equal(2, documents.Count(d => d.Scope == PackageScope.EachUnit && d is DossierDocx or SelfCheckDocx));
        Assert.Single(documents, d => d is AcceptanceReportDocx { Scope: PackageScope.Township });
    }

    [Fact]
    public async Task The_dossier_page_shows_cases_as_counts_and_the_list_only_to_a_holder_of_the_permission_who_asks_logged()
    {
        var data = await TestData.CreateAsync(factory);
        var year = factory.Time.Today().Year;
        var (a1, a2) = (data.Unit("A1"), data.Unit("A2"));
        var village1 = await PageClient.LoginAsync(factory, data.User("village1"));
        var (response, doc) = await village1.GetAsync($"/Documents/Dossier/{a1}?year={year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("在册困境青少年1人", doc.QuerySelector("[data-testid=dossier-cases]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(doc.QuerySelector("[data-testid=dossier-case-list]"));
        Assert.DoesNotContain("13912345678", doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("139****5678", doc.QuerySelector("[data-testid=dossier-elders]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector($"a[href='/api/v1/units/{a1}/dossier?year={year}&format=docx']"));
        Assert.NotEmpty(doc.QuerySelectorAll("[data-testid^=dossier-indicator-]"));

        // Asked for, by a holder of the permission: the list with the name masked, and the read in the case access log.
        (_, doc) = await village1.GetAsync($"/Documents/Dossier/{a1}?year={year}&cases=1");
        var list = doc.QuerySelector("[data-testid=dossier-case-list]")!.TextContent;
        Assert.Contains("儿**", list, StringComparison.Ordinal);
        Assert.DoesNotContain("儿童A1", list, StringComparison.Ordinal);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.True(await db.CaseAccessLog.AnyAsync(l => l.UnitId == a1 && l.Detail!.StartsWith("台账")));
        }

        // Without the permission, asking changes nothing but the note.
        var village2 = await PageClient.LoginAsync(factory, data.User("village2"));
        (_, doc) = await village2.GetAsync($"/Documents/Dossier/{a2}?year={year}&cases=1");
        Assert.Null(doc.QuerySelector("[data-testid=dossier-case-list]"));
        Assert.NotNull(doc.QuerySelector("[data-testid=cases-refused]"));

        // The unit's evaluation page and the documents page lead here.
        (_, doc) = await village1.GetAsync($"/Evaluation/{a1}");
        Assert.NotNull(doc.QuerySelector("[data-testid=dossier-link]"));
        (_, doc) = await village1.GetAsync($"/Documents/{a1}?year={year}");
        foreach (var kind in new[] { "plan", "work-plan", "work-summary", "self-check" })
        {
            Assert.NotNull(doc.QuerySelector($"[data-testid=doc-{kind}]"));
        }

        Assert.Null(doc.QuerySelector("[data-testid=doc-acceptance-report]"));
    }

    /// <summary>
    /// The body's text by first-level part (一、评估结果, 二、领导班子建设好…), paragraphs and table cells alike: what a
    /// reader sees under each heading.
    /// </summary>
    private static Dictionary<string, string> Parts(WordprocessingDocument doc)
    {
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        var current = "";
        foreach (var element in doc.MainDocumentPart!.Document.Body!.ChildElements)
        {
            var text = element is Table table
                ? string.Join("\n", table.Descendants<Paragraph>().Select(p => p.InnerText))
                : element.InnerText;
            if (element is Paragraph && PartHeading().IsMatch(text))
            {
                current = text;
                parts[current] = "";
            }
            else if (current.Length > 0)
            {
                parts[current] += text + "\n";
            }
        }

        return parts;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[一二三四五六七八九十]+、")]
    private static partial System.Text.RegularExpressions.Regex PartHeading();

    private static string PartOf(Dictionary<string, string> parts, string name) =>
        parts.Single(p => p.Key.Contains(name, StringComparison.Ordinal)).Value;

    [Fact]
    public async Task The_dossier_docx_prints_every_record_of_the_year_under_its_good_the_rosters_and_an_other_part()
    {
        // R-7.1: every kind the unit keeps, not only what an indicator reads, each under its 好 (R-1…R-5).
        var data = await TestData.CreateAsync(factory);
        var a1 = data.Unit("A1");
        var year = factory.Time.Today().Year;
        var day = new DateOnly(year, 3, 1);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.AddRange(
                new TeamChange { UnitId = a1, Date = day, MemberName = "离任成员甲", Position = "副主任", Reason = "退休" },
                new Donor { UnitId = a1, Name = "爱心企业甲", Kind = "单位", Date = day, Gift = "助学金", Amount = 5000m, Phone = "13711112222" },
                new Studio { UnitId = a1, Name = "五老工作室甲", Place = "村委会", SetUpDate = day },
                new Deed { UnitId = a1, Title = "先进事迹甲", Persons = "五老", Date = day, Story = "义务辅导" },
                new Deed { UnitId = a1, Title = "五年前的事迹", Persons = "五老", Date = day.AddYears(-5), Story = "旧事" },
                new FundEntry { UnitId = a1, Date = day, Direction = "spending", Amount = 300m, Purpose = "经费甲" },
                new Investigation { UnitId = a1, Date = day, Topic = "调研甲", TargetGroups = [new() { Value = "留守儿童" }], Method = "座谈" },
                new CivilizationEntry { UnitId = a1, Year = year, Kind = "文明家庭", Subject = "文明家庭甲", Result = "旗级" });
            await db.SaveChangesAsync();
        }

        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        using var doc = await DocxAsync(await api.GetAsync($"/api/v1/units/{a1}/dossier?year={year}&format=docx"));
        var parts = Parts(doc);
        var team = PartOf(parts, "班子");
        Assert.Contains("离任成员甲", team, StringComparison.Ordinal);
        Assert.Contains($"成员A1", team, StringComparison.Ordinal); // the team roster, as it stands
        var elders = PartOf(parts, "五老”作用");
        foreach (var expected in new[] { "五老工作室甲", "先进事迹甲", "爱心企业甲", "137****2222", "五老A1" })
        {
            Assert.Contains(expected, elders, StringComparison.Ordinal);
        }

        Assert.Contains("经费甲", PartOf(parts, "制度"), StringComparison.Ordinal);
        Assert.Contains("调研甲", PartOf(parts, "创新"), StringComparison.Ordinal);
        Assert.Contains("文明家庭甲", PartOf(parts, "活动"), StringComparison.Ordinal);
        // The 实施方案 belongs to no 好: it is in the last part, not lost.
        Assert.EndsWith("其他记录", parts.Keys.Last(), StringComparison.Ordinal);
        Assert.Contains("实施方案A1", parts.Values.Last(), StringComparison.Ordinal);

        var all = doc.MainDocumentPart!.Document.Body!.InnerText;
        Assert.DoesNotContain("五年前的事迹", all, StringComparison.Ordinal);
        Assert.DoesNotContain("13711112222", all, StringComparison.Ordinal);
        Assert.DoesNotContain("前成员A1", all, StringComparison.Ordinal); // left the team the year before

        // The print page shows the same read model: the donor in the 五老 part, the plan in the last part.
        var page = await PageClient.LoginAsync(factory, data.User("village1"));
        var (_, html) = await page.GetAsync($"/Documents/Dossier/{a1}?year={year}");
        Assert.Contains("爱心企业甲", html.QuerySelector("[data-testid=dossier-donors]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("实施方案A1", html.QuerySelector("[data-testid=dossier-section-other]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dossier_reads_in_a_fixed_number_of_commands_whatever_the_records_and_photos()
    {
        // More records of several kinds and more photos must not add commands (photos are read in batches, R-7.1).
        var data = await TestData.CreateAsync(factory);
        var a2 = data.Unit("A2");
        var year = factory.Time.Today().Year;
        var api = await ApiClient.LoginAsync(factory, data.User("village2"));
        var url = $"/api/v1/units/{a2}/dossier?year={year}&format=docx";
        // The published systems are read once, then kept while none changes: both measured requests find them kept.
        (await api.GetAsync($"/api/v1/units/{a2}/dossier?year={year - 1}&format=docx")).EnsureSuccessStatusCode();
        var before = await CommandCount.OfAsync(factory, () => api.GetAsync(url));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var day = new DateOnly(year, 4, 1);
            for (var i = 0; i < 3; i++)
            {
                var activity = new Activity { UnitId = a2, Date = day.AddDays(i), Title = $"加测活动{i}", Types = [new() { Value = "爱国主义" }], Mode = "本地" };
                var deed = new Deed { UnitId = a2, Title = $"加测事迹{i}", Persons = "五老", Date = day.AddDays(i), Story = "事迹" };
                foreach (var (record, k) in new IHasEvidence[] { activity, deed }.Select((r, k) => (r, k)))
                {
                    var jpeg = Samples.Jpeg(40 + i, 30 + k);
                    record.Attach(new StoredFile
                    {
                        UnitId = a2, FileName = $"加测{i}.jpg", ContentType = "image/jpeg", Size = jpeg.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(jpeg)),
                        Category = "照片", Year = year, Retention = "永久", Content = new StoredFileContent { Data = jpeg },
                    });
                }

                db.AddRange(activity, deed, new Studio { UnitId = a2, Name = $"加测工作室{i}", Place = "村", SetUpDate = day },
                    new Donor { UnitId = a2, Name = $"加测爱心人士{i}", Kind = "个人", Date = day, Gift = "书" });
            }

            await db.SaveChangesAsync();
        }

        var after = await CommandCount.OfAsync(factory, () => api.GetAsync(url));
        Assert.Equal(before, after);
        using var doc = await DocxAsync(await api.GetAsync(url));
        Assert.Contains("加测事迹2", doc.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
        Assert.True(doc.MainDocumentPart.ImageParts.Count() >= 6, "every new photo embedded");
    }

    [Fact]
    public async Task The_dossier_docx_lists_masked_youth_cases_only_for_a_holder_of_the_permission_who_asks_and_logs_it()
    {
        // R-5.5 in the Word dossier (issue 11): counts by default; cases=1 with the permission: the masked list, logged once.
        var data = await TestData.CreateAsync(factory);
        var (a1, a2) = (data.Unit("A1"), data.Unit("A2"));
        var year = factory.Time.Today().Year;
        async Task<int> LogLines(int unitId)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AppDbContext>().CaseAccessLog.CountAsync(l => l.UnitId == unitId && l.Detail!.StartsWith("台账"));
        }

        var village1 = await ApiClient.LoginAsync(factory, data.User("village1"));
        using (var counts = await DocxAsync(await village1.GetAsync($"/api/v1/units/{a1}/dossier?year={year}&format=docx")))
        {
            var text = counts.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Contains("在册困境青少年1人", text, StringComparison.Ordinal);
            Assert.DoesNotContain("儿**", text, StringComparison.Ordinal);
        }

        Assert.Equal(0, await LogLines(a1));

        using (var listed = await DocxAsync(await village1.GetAsync($"/api/v1/units/{a1}/dossier?year={year}&format=docx&cases=1")))
        {
            var rows = FirstCells(listed);
            var text = listed.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Contains("儿***", text, StringComparison.Ordinal);
            Assert.Contains(data.Record<YouthCase>("A1").ToString(System.Globalization.CultureInfo.InvariantCulture), rows);
            Assert.DoesNotContain("儿童A1", text, StringComparison.Ordinal);
            Assert.DoesNotContain(data.IdNumbers["A1"], text, StringComparison.Ordinal);
            Assert.DoesNotContain("监护人", text, StringComparison.Ordinal);
        }

        Assert.Equal(1, await LogLines(a1));

        // Without the permission, asking gives the counts and why, no name, and nothing in the log.
        var village2 = await ApiClient.LoginAsync(factory, data.User("village2"));
        using (var refused = await DocxAsync(await village2.GetAsync($"/api/v1/units/{a2}/dossier?year={year}&format=docx&cases=1")))
        {
            var text = refused.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Contains(DossierTables.CasesRefused, text, StringComparison.Ordinal);
            Assert.Contains("在册困境青少年1人", text, StringComparison.Ordinal);
            Assert.DoesNotContain("儿**", text, StringComparison.Ordinal);
            Assert.DoesNotContain("儿童A2", text, StringComparison.Ordinal);
        }

        Assert.Equal(0, await LogLines(a2));

        // The parameter is in the OpenAPI document.
        var openApi = await factory.CreateClient().GetStringAsync("/openapi/v1.json");
        using var json = JsonDocument.Parse(openApi);
        var parameters = json.RootElement.GetProperty("paths").GetProperty("/api/v1/units/{unitId}/dossier").GetProperty("get").GetProperty("parameters");
        var cases = parameters.EnumerateArray().Single(p => p.Str("name") == "cases");
        Assert.Contains("权限", cases.Str("description"), StringComparison.Ordinal);
    }
}

public sealed class SqliteDocumentTests(SqliteFactory factory) : DocumentTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresDocumentTests(PostgresFactory factory) : DocumentTests(factory), IClassFixture<PostgresFactory>;

using System.IO.Compression;
using System.Net;
using System.Text;
using WuHao.Tests.Evidence;
using WuHao.Tests.Infrastructure;

namespace WuHao.Tests.Hardening;

/// <summary>
/// Issue 13 item 6 (R-8.5, zip bombs): a workbook whose sheet declares a few hundred bytes in its zip headers but
/// holds megabytes is refused as evidence and as an import, in Chinese; the honest workbook it was made from passes.
/// </summary>
public sealed class ZipLieTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private static readonly string[] Headers =
        ["姓名", "性别", "民族", "出生日期", "政治面貌", "联系电话", "类别", "原工作单位", "原职务", "特长", "健康状况", "加入日期", "状态", "状态日期", "备注"];

    private static byte[] Workbook(string name) => Xlsx.Build(
    [
        Headers,
        [name, "男", "蒙古族", null, "中共党员", null, "老干部", "原乡政府", "干部", "宣讲", "良好", "2023-06-01", null, null, null],
    ]);

    [Fact]
    public async Task A_sheet_whose_header_understates_its_size_is_refused_as_evidence_and_as_an_import()
    {
        var data = await TestData.CreateAsync(factory);
        var unit = data.Unit("A1");
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var honest = Workbook("诚实");
        var accepted = await FilesApiTests.UploadAsync(api, unit, honest, "名册.xlsx");
        Assert.True(accepted.StatusCode == HttpStatusCode.Created, await accepted.Content.ReadAsStringAsync());

        var lying = Lie(Workbook("谎报"), "xl/worksheets/sheet1.xml", padding: 4 * 1024 * 1024);

        var upload = await FilesApiTests.UploadAsync(api, unit, lying, "名册.xlsx");
        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Contains("声明的大小或校验值不符", await upload.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var import = await api.PostAsync($"/api/v1/units/{unit}/elders/import", Xlsx.Upload(lying));
        Assert.False(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        Assert.Contains("声明的大小或校验值不符", await import.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var list = await (await api.GetAsync($"/api/v1/units/{unit}/elders")).BodyAsync();
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), e => e.Str("name") == "谎报");
    }

    /// <summary>
    /// The package with <paramref name="entryName"/> followed by <paramref name="padding"/> spaces (still valid XML), and
    /// its local and central headers patched to declare only the original length: the CRC and the compressed size are
    /// those of the padded part. A reader that trusts the header sees the small sheet; the bytes hold the large one.
    /// </summary>
    private static byte[] Lie(byte[] package, string entryName, int padding)
    {
        using var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        var output = new MemoryStream();
        long declared = 0;
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var from = entry.Open();
                using var to = target.CreateEntry(entry.FullName, CompressionLevel.Optimal).Open();
                from.CopyTo(to);
                if (entry.FullName == entryName)
                {
                    declared = entry.Length;
                    var spaces = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
                    for (var written = 0; written < padding; written += spaces.Length)
                    {
                        to.Write(spaces);
                    }
                }
            }
        }

        var bytes = output.ToArray();
        var name = Encoding.UTF8.GetBytes(entryName);
        var patched = 0;
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            // Local file header: PK 3 4, uncompressed size at +22, name at +30; central directory: PK 1 2, size at +24, name at +46.
            var local = bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4 && bytes.AsSpan(i + 30).StartsWith(name);
            var central = bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2 && bytes.AsSpan(i + 46).StartsWith(name);
            if (local || central)
            {
                BitConverter.GetBytes((uint)declared).CopyTo(bytes, i + (local ? 22 : 24));
                patched++;
            }
        }

        Assert.Equal(2, patched);
        return bytes;
    }
}

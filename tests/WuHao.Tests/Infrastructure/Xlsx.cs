using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Security;
using System.Text;
using MiniExcelLibs;

namespace WuHao.Tests.Infrastructure;

/// <summary>
/// Hand-made .xlsx files for the import tests, written part by part as Excel writes them (shared strings, styles), so
/// that a test can put any kind of cell in: text, a number, a real date cell, a formula.
/// </summary>
public static class Xlsx
{
    /// <summary>A formula cell with its cached value, as Excel saves it, or without one (null), as some programs do.</summary>
    public sealed record Formula(string Expression, double? Cached);

    /// <summary>A number shown with a date format: what Excel stores for a date the user typed.</summary>
    public sealed record DateCell(DateOnly Date);

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The rows of the first sheet; row 1 first. Cells: string, number, bool, DateOnly/DateCell (date cell), Formula, null.</summary>
    public static byte[] Build(IEnumerable<IReadOnlyList<object?>> rows, string sheetName = "Sheet1")
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var strings = new List<string>();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
            using (var w = new StreamWriter(sheet.Open(), new UTF8Encoding(false)))
            {
                w.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
                var r = 0;
                foreach (var row in rows)
                {
                    r++;
                    w.Write($"<row r=\"{r}\">");
                    for (var c = 0; c < row.Count; c++)
                    {
                        var reference = Column(c) + r.ToString(CultureInfo.InvariantCulture);
                        switch (row[c])
                        {
                            case null:
                                break;
                            case string s:
                                if (!index.TryGetValue(s, out var si))
                                {
                                    index[s] = si = strings.Count;
                                    strings.Add(s);
                                }

                                w.Write($"<c r=\"{reference}\" t=\"s\"><v>{si}</v></c>");
                                break;
                            case bool b:
                                w.Write($"<c r=\"{reference}\" t=\"b\"><v>{(b ? 1 : 0)}</v></c>");
                                break;
                            case DateOnly d:
                                w.Write($"<c r=\"{reference}\" s=\"1\"><v>{Serial(d)}</v></c>");
                                break;
                            case DateCell d:
                                w.Write($"<c r=\"{reference}\" s=\"1\"><v>{Serial(d.Date)}</v></c>");
                                break;
                            case Formula f:
                                w.Write($"<c r=\"{reference}\"><f>{SecurityElement.Escape(f.Expression)}</f>{(f.Cached is { } v ? $"<v>{v.ToString(CultureInfo.InvariantCulture)}</v>" : "")}</c>");
                                break;
                            case IFormattable n:
                                w.Write($"<c r=\"{reference}\"><v>{n.ToString(null, CultureInfo.InvariantCulture)}</v></c>");
                                break;
                        }
                    }

                    w.Write("</row>");
                }

                w.Write("</sheetData></worksheet>");
            }

            Write(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""");
            Write(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Write(zip, "xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{SecurityElement.Escape(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Write(zip, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""");
            Write(zip, "xl/styles.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>""");
            var sst = new StringBuilder($"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{strings.Count}" uniqueCount="{strings.Count}">""");
            foreach (var s in strings)
            {
                sst.Append("<si><t xml:space=\"preserve\">").Append(SecurityElement.Escape(s)).Append("</t></si>");
            }

            Write(zip, "xl/sharedStrings.xml", sst.Append("</sst>").ToString());
        }

        return buffer.ToArray();
    }

    /// <summary>The first sheet's rows as MiniExcel reads them, cell values by column letter.</summary>
    public static List<IDictionary<string, object?>> Read(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        return MiniExcel.Query(stream, useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
    }

    /// <summary>A sheet's cells as text, row by row (dates as yyyy-MM-dd), for comparing two exports.</summary>
    public static List<string> Text(byte[] xlsx) =>
        Read(xlsx).Select(r => string.Join("|", r.Values.Select(v => v switch
        {
            null => "",
            DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString(),
        }))).ToList();

    public static MultipartFormDataContent Upload(byte[] content, string fileName = "名册.xlsx", string contentType = ContentType)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        return form;
    }

    private static string Serial(DateOnly d) =>
        d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture);

    /// <summary>A, B, …, Z, AA… for 0, 1, …</summary>
    internal static string Column(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + ((i - 1) % 26)) + name;
        }

        return name;
    }

    private static void Write(ZipArchive zip, string name, string content)
    {
        using var w = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        w.Write(content);
    }
}

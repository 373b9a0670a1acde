using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using MiniExcelLibs;

namespace WuHao.Web.Infrastructure.Office;

/// <summary>One problem of an uploaded spreadsheet: the Excel row (1 is the header row) and the column, when known.</summary>
public sealed record ExcelProblem(int? Row, string? Column, string Message);

/// <summary>Why a file was refused as a whole: too large (413), not an .xlsx workbook (415), or unreadable content (400).</summary>
public enum ExcelFailure
{
    None,
    TooLarge,
    WrongType,
    Invalid,
}

/// <summary>A non-empty row of the sheet: its Excel row number and its cells by column letter (A, B, …).</summary>
public sealed record ExcelRow(int Number, IReadOnlyDictionary<string, object?> Cells);

/// <summary>
/// An opened sheet: the problems found before reading its rows (a refused file has no rows), and its non-empty rows,
/// read one at a time so that nobody holds the whole sheet in memory. A row that cannot be read ends the rows and
/// adds a problem.
/// </summary>
public sealed class ExcelSheet
{
    private readonly Stream? file;
    private readonly string? sheetName;
    private readonly int maxRows;
    private readonly List<ExcelProblem> problems;
    private readonly HashSet<(int Row, string Column)> uncachedFormulas;

    internal ExcelSheet(ExcelFailure failure, List<ExcelProblem> problems, Stream? file = null, string? sheetName = null, int maxRows = 0,
        HashSet<(int Row, string Column)>? uncachedFormulas = null)
    {
        Failure = failure;
        this.problems = problems;
        this.file = file;
        this.sheetName = sheetName;
        this.maxRows = maxRows;
        this.uncachedFormulas = uncachedFormulas ?? [];
    }

    public ExcelFailure Failure { get; private set; }

    /// <summary>The name of the sheet read (the workbook's first).</summary>
    public string SheetName => sheetName ?? "";

    public IReadOnlyList<ExcelProblem> Problems => problems;

    /// <summary>The whole file was refused (too large, not a workbook, empty, too many rows): there are no rows to read.</summary>
    public bool Refused => file is null;

    public static ExcelSheet Refuse(ExcelFailure failure, string message) => new(failure, [new ExcelProblem(null, null, message)]);

    /// <summary>
    /// Whether the cell is a formula saved without its result (a program that does not calculate wrote it, or Excel
    /// saved it with calculation off): its value cannot be known. Formulas with a cached result are read by that result.
    /// </summary>
    public bool IsUncachedFormula(int row, string column) => uncachedFormulas.Count > 0 && uncachedFormulas.Contains((row, column));

    /// <summary>The non-empty rows, the header row first, each with its Excel row number.</summary>
    public IEnumerable<ExcelRow> Rows()
    {
        if (file is null)
        {
            yield break;
        }

        file.Position = 0;
        using var rows = MiniExcel.Query(file, useHeaderRow: false, sheetName: sheetName, excelType: ExcelType.XLSX).GetEnumerator();
        var number = 0;
        var count = 0;
        while (true)
        {
            IDictionary<string, object?> row;
            try
            {
                if (!rows.MoveNext())
                {
                    yield break;
                }

                row = (IDictionary<string, object?>)rows.Current;
            }
            catch (Exception e) when (ExcelReader.IsUnreadable(e))
            {
                Fail(number + 1, "文件内容无法读取，可能已损坏：请在Excel中打开并重新保存为Excel工作簿（.xlsx）后再导入");
                yield break;
            }

            number++;
            if (row.Values.All(ExcelCells.IsEmpty))
            {
                continue;
            }

            if (++count > maxRows + 1)
            {
                Fail(null, $"数据超过{maxRows}行：每次最多导入{maxRows}行，请分成几个文件分别导入");
                yield break;
            }

            yield return new ExcelRow(number, row.AsReadOnly());
        }
    }

    private void Fail(int? row, string message)
    {
        Failure = ExcelFailure.Invalid;
        problems.Add(new ExcelProblem(row, null, message));
    }
}

/// <summary>
/// Reads the first worksheet of an uploaded .xlsx with MiniExcel, after the checks MiniExcel does not make: the
/// bytes are a workbook (not a CSV or a text file renamed), the file and its unpacked parts are within the limits
/// (<c>CheckParts</c>), and the sheet has no more data rows than one import takes. Formula cells are read by their
/// cached results; those saved without one are found by scanning the sheet's XML as a stream, never held in memory.
/// </summary>
public static class ExcelReader
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>Formula cells without a cached result remembered; a sheet with more is refused as a whole.</summary>
    private const int MaxUncachedFormulas = 100_000;

    /// <summary>Checks the file and its first sheet; <see cref="ExcelSheet.Rows"/> then reads the rows with MiniExcel.</summary>
    public static ExcelSheet Open(Stream file, ExcelOptions options)
    {
        if (file.Length == 0)
        {
            return ExcelSheet.Refuse(ExcelFailure.Invalid, "文件是空的（0字节）");
        }

        if (file.Length > options.MaxBytes)
        {
            return ExcelSheet.Refuse(ExcelFailure.TooLarge, TooLargeMessage(file.Length, options));
        }

        if (Sniff(file) is { } wrongType)
        {
            return ExcelSheet.Refuse(ExcelFailure.WrongType, wrongType);
        }

        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            if (CheckParts(zip, options) is { } refused)
            {
                return refused;
            }

            if (FirstSheet(zip) is not { } sheet)
            {
                return ExcelSheet.Refuse(ExcelFailure.WrongType, "文件是压缩包，但不是Excel工作簿（.xlsx），可能是Word文档或其他文件改了扩展名");
            }

            // Formulas are read by their cached results (what the user saw when saving). Only the cells without one are
            // remembered, for the import to refuse those in a column it reads. Most sheets have no formula at all: a
            // byte search says so cheaply; only then are the cells found with an XML reader.
            var uncached = HasFormulaMarker(zip.GetEntry(sheet.Path)!) ? UncachedFormulas(zip.GetEntry(sheet.Path)!) : null;
            if (uncached is { Count: > MaxUncachedFormulas })
            {
                return ExcelSheet.Refuse(ExcelFailure.Invalid, "表格中有大量公式没有计算结果：请在Excel或WPS中打开，重新计算并保存后再导入");
            }

            return new ExcelSheet(ExcelFailure.None, [], file, sheet.Name, options.MaxRows, uncached);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            return ExcelSheet.Refuse(ExcelFailure.WrongType, "文件无法作为Excel工作簿（.xlsx）打开，可能已损坏或不是Excel文件");
        }
    }

    /// <summary>
    /// The size checks of the unpacked workbook, before any part is read: the one place for guards against zip bombs.
    /// </summary>
    private static ExcelSheet? CheckParts(ZipArchive zip, ExcelOptions options) =>
        zip.Entries.Sum(e => e.Length) > options.MaxUnpackedBytes
            ? ExcelSheet.Refuse(ExcelFailure.Invalid, "文件解压后的内容过大，可能已损坏，请在Excel中重新保存后再导入")
            : Files.ZipGuard.Check(zip, options.MaxUnpackedBytes) switch
            {
                null => null,
                Files.ZipGuard.TooLarge => ExcelSheet.Refuse(ExcelFailure.Invalid, "文件解压后的内容过大，可能已损坏，请在Excel中重新保存后再导入"),
                _ => ExcelSheet.Refuse(ExcelFailure.Invalid, "文件内的压缩数据与其声明的大小或校验值不符，可能已损坏或被篡改，请在Excel中重新保存后再导入"),
            };

    /// <summary>What a damaged workbook makes MiniExcel or the zip and XML readers throw.</summary>
    internal static bool IsUnreadable(Exception e) => e is InvalidDataException or XmlException or IOException or FormatException or InvalidCastException
        or ArgumentException or InvalidOperationException or OverflowException or KeyNotFoundException or IndexOutOfRangeException;

    public static string TooLargeMessage(long size, ExcelOptions options) =>
        string.Create(CultureInfo.InvariantCulture,
            $"文件大小{size / 1024.0 / 1024.0:0.#}MB，超过了{options.MaxBytesText}的上限：每次最多导入{options.MaxRows}行，请分成几个文件，或删去图片等多余内容后再导入");

    /// <summary>A Chinese message when the bytes are not a zip container (CSV, text, old .xls, encrypted files…); null for a zip.</summary>
    private static string? Sniff(Stream file)
    {
        Span<byte> head = stackalloc byte[8];
        file.Position = 0;
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        file.Position = 0;
        if (read >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4)
        {
            return null;
        }

        if (read >= 8 && head[0] == 0xD0 && head[1] == 0xCF && head[2] == 0x11 && head[3] == 0xE0)
        {
            return "这是旧版Excel（.xls）文件或加了密码的文件：请在Excel中“另存为”Excel工作簿（.xlsx），去掉密码后再导入";
        }

        return LooksLikeText(file)
            ? "这是文本或CSV文件（只是扩展名改成了.xlsx），不是Excel工作簿：请用Excel打开它，再“另存为”Excel工作簿（.xlsx）后导入"
            : "文件不是Excel工作簿（.xlsx）：请下载导入模板，按模板填写后再导入";
    }

    private static bool LooksLikeText(Stream file)
    {
        var buffer = new byte[Math.Min(4096, file.Length)];
        var read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        file.Position = 0;
        if (buffer.AsSpan(0, read).Contains((byte)0))
        {
            return false;
        }

        try
        {
            _ = new UTF8Encoding(false, true).GetString(buffer, 0, read - TrailingPartial(buffer, read));
            return true;
        }
        catch (DecoderFallbackException)
        {
            return true; // GBK text (a CSV saved by Excel on Chinese Windows) is text too
        }
    }

    /// <summary>Bytes of a UTF-8 sequence cut off at the end of the buffer.</summary>
    private static int TrailingPartial(byte[] buffer, int length)
    {
        for (var i = 1; i <= Math.Min(3, length); i++)
        {
            var b = buffer[length - i];
            if ((b & 0xC0) == 0xC0)
            {
                return i;
            }

            if ((b & 0x80) == 0)
            {
                return 0;
            }
        }

        return 0;
    }

    private sealed record SheetPart(string Name, string Path);

    /// <summary>The first worksheet in the workbook's order, and the path of its part.</summary>
    private static SheetPart? FirstSheet(ZipArchive zip)
    {
        if (zip.GetEntry("xl/workbook.xml") is not { } workbook || zip.GetEntry("xl/_rels/workbook.xml.rels") is not { } rels)
        {
            return null;
        }

        string? name = null;
        string? relId = null;
        using (var reader = XmlReader.Create(workbook.Open(), Settings))
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet" && reader.NamespaceURI == MainNs)
                {
                    name = reader.GetAttribute("name");
                    relId = reader.GetAttribute("id", RelNs);
                    break;
                }
            }
        }

        if (name is null || relId is null)
        {
            return null;
        }

        using (var reader = XmlReader.Create(rels.Open(), Settings))
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship" && reader.GetAttribute("Id") == relId)
                {
                    var target = reader.GetAttribute("Target") ?? "";
                    var path = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
                    return zip.GetEntry(path) is null ? null : new SheetPart(name, path);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the sheet's XML holds a formula element (&lt;f&gt;, &lt;f …/&gt; or with a namespace prefix, &lt;x:f&gt;),
    /// by a byte search over the unpacked part: no XML parsing, no strings.
    /// </summary>
    private static bool HasFormulaMarker(ZipArchiveEntry sheet)
    {
        using var stream = sheet.Open();
        var buffer = new byte[64 * 1024];
        var carry = 0;
        int read;
        while ((read = stream.Read(buffer, carry, buffer.Length - carry)) > 0)
        {
            var length = carry + read;
            var span = buffer.AsSpan(0, length);
            var at = 0;
            while ((at = span[..^Math.Min(span.Length, 8)].IndexOf((byte)'<')) >= 0)
            {
                var tag = span[(at + 1)..];
                var colon = tag[..Math.Min(tag.Length, 6)].IndexOf((byte)':');
                var name = colon >= 0 ? tag[(colon + 1)..] : tag;
                if (name.Length > 1 && name[0] == 'f' && name[1] is (byte)'>' or (byte)' ' or (byte)'/')
                {
                    return true;
                }

                span = span[(at + 1)..];
            }

            // Keep the last bytes: a marker may straddle two reads.
            carry = Math.Min(8, length);
            buffer.AsSpan(length - carry, carry).CopyTo(buffer);
        }

        return false;
    }

    /// <summary>
    /// The formula cells of the sheet that have no cached result (a &lt;f&gt; without a &lt;v&gt; or inline string), by row
    /// number and column letters, streaming; stops counting past the limit.
    /// </summary>
    private static HashSet<(int Row, string Column)> UncachedFormulas(ZipArchiveEntry sheet)
    {
        var found = new HashSet<(int, string)>();
        var rowNumber = 0;
        var cell = "";
        var index = 0;
        var (formula, value) = (false, false);
        using var reader = XmlReader.Create(sheet.Open(), Settings);
        while (reader.Read() && found.Count <= MaxUncachedFormulas)
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "c")
            {
                if (formula && !value)
                {
                    found.Add((rowNumber, cell));
                }

                (formula, value) = (false, false);
                continue;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "row":
                    rowNumber = int.TryParse(reader.GetAttribute("r"), CultureInfo.InvariantCulture, out var r) ? r : rowNumber + 1;
                    index = 0;
                    break;
                case "c":
                    // A cell may leave out its reference (some writers do): it is then the next column.
                    cell = reader.GetAttribute("r") is { } reference ? Letters(reference) : ColumnLetters(index + 1);
                    index = ColumnIndex(cell);
                    (formula, value) = (false, false);
                    break;
                case "f":
                    formula = true;
                    break;
                case "v" or "is":
                    value = true;
                    break;
            }
        }

        return found;
    }

    private static string Letters(string cellRef) => new(cellRef.TakeWhile(char.IsLetter).ToArray());

    /// <summary>A, B, …, Z, AA… for 1, 2, …</summary>
    public static string ColumnLetters(int index)
    {
        var letters = "";
        for (; index > 0; index = (index - 1) / 26)
        {
            letters = (char)('A' + ((index - 1) % 26)) + letters;
        }

        return letters;
    }

    private static int ColumnIndex(string letters) => letters.Aggregate(0, (n, c) => (n * 26) + (char.ToUpperInvariant(c) - 'A' + 1));

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
        IgnoreComments = true,
    };
}

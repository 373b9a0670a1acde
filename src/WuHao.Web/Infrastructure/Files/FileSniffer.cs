using System.IO.Compression;
using System.Text;

namespace WuHao.Web.Infrastructure.Files;

/// <summary>What the bytes of an upload are (ADR-007): an accepted type, or why it is refused.</summary>
public sealed record SniffResult(string? ContentType, string? Extension, string? Refusal, bool WrongType)
{
    public bool Accepted => ContentType is not null;

    public static SniffResult Ok(string contentType, string extension) => new(contentType, extension, null, false);

    /// <summary>A type that is not accepted: 415.</summary>
    public static SniffResult Unsupported(string message) => new(null, null, message, true);

    /// <summary>An accepted type whose content is unusable (corrupt, a zip bomb): 400.</summary>
    public static SniffResult Bad(string message) => new(null, null, message, false);
}

/// <summary>
/// Decides a file's type from its bytes alone, never from its name or the client's Content-Type: JPEG, PNG,
/// WebP and HEIC photos, PDF, and Word/Excel (.docx/.xlsx) packages, which are opened and checked for zip bombs
/// and macros. Everything else is refused, with a message that says what the file seems to be.
/// </summary>
public static class FileSniffer
{
    public const string Accepted = "JPEG、PNG、WebP、HEIC 照片，PDF，Word（.docx）和 Excel（.xlsx）文件";

    /// <summary>Limits of a .docx/.xlsx package: entries, unpacked bytes, and unpacked-to-packed ratio.</summary>
    public const int MaxEntries = 5000;
    public const long MaxUnpackedBytes = 200L * 1024 * 1024;
    public const int MaxRatio = 100;

    private static readonly string[] HeifBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"];

    public static SniffResult Sniff(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return SniffResult.Ok("image/jpeg", ".jpg");
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return SniffResult.Ok("image/png", ".png");
        }

        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return SniffResult.Ok("image/webp", ".webp");
        }

        if (data.Length >= 12 && data[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(data[8..12]);
            return HeifBrands.Contains(brand)
                ? SniffResult.Ok("image/heic", ".heic")
                : SniffResult.Unsupported($"这是视频或其他媒体文件（{brand.Trim()}），不能上传。只接受{Accepted}。");
        }

        if (data[..Math.Min(data.Length, 1024)].IndexOf("%PDF-"u8) >= 0)
        {
            return SniffResult.Ok("application/pdf", ".pdf");
        }

        if (data.StartsWith("PK\u0003\u0004"u8))
        {
            return SniffPackage(data);
        }

        if (data.StartsWith("MZ"u8) || data.StartsWith((ReadOnlySpan<byte>)[0x7F, (byte)'E', (byte)'L', (byte)'F']))
        {
            return SniffResult.Unsupported($"这是可执行程序，不能上传（无论文件名是什么）。只接受{Accepted}。");
        }

        if (LooksLikeMarkup(data))
        {
            return SniffResult.Unsupported($"SVG、HTML 等网页类文件可能含有脚本，不能上传。只接受{Accepted}。");
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            return SniffResult.Unsupported("这是旧版 Word/Excel 文件（.doc/.xls），请另存为 .docx 或 .xlsx 后再上传。");
        }

        return SniffResult.Unsupported($"无法识别的文件类型。只接受{Accepted}。");
    }

    private static bool LooksLikeMarkup(ReadOnlySpan<byte> data)
    {
        var head = Encoding.UTF8.GetString(data[..Math.Min(data.Length, 1024)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return head.StartsWith('<')
            || head.Contains("<svg", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<script", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<html", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A ZIP is accepted only as a Word or Excel package, unpacked within limits, without macros.</summary>
    private static SniffResult SniffPackage(ReadOnlySpan<byte> data)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(data.ToArray(), writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries)
            {
                return SniffResult.Bad($"压缩包内文件过多（{zip.Entries.Count}个），疑似压缩炸弹，不能上传。");
            }

            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var kind = !names.Contains("[Content_Types].xml") ? null
                : names.Contains("word/document.xml") ? "docx"
                : names.Contains("xl/workbook.xml") ? "xlsx"
                : null;
            if (kind is null)
            {
                return SniffResult.Unsupported($"这是压缩包（.zip 等），不能上传。只接受{Accepted}。");
            }

            if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            {
                return SniffResult.Unsupported("文件含有宏，不能上传。请另存为不含宏的 .docx 或 .xlsx。");
            }

            // Declared sizes can lie: unpack every entry and count what really comes out, stopping at the limits.
            if (ZipGuard.Check(zip, Math.Min(MaxUnpackedBytes, (long)data.Length * MaxRatio)) is { } refused)
            {
                return SniffResult.Bad(refused);
            }

            return kind == "docx"
                ? SniffResult.Ok("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")
                : SniffResult.Ok("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");
        }
        catch (InvalidDataException)
        {
            return SniffResult.Bad("文件已损坏，无法打开（压缩格式错误），请检查后重新上传。");
        }
        catch (NotSupportedException)
        {
            return SniffResult.Bad("文件使用了不支持的压缩方式或已加密，不能上传。");
        }
    }
}

using System.Globalization;

namespace WuHao.Web.Infrastructure.Files;

/// <summary>File names as users send them: checked, never trusted as paths.</summary>
public static class FileNames
{
    public const int MaxLength = 200;

    /// <summary>The spellings of an extension that name the same type.</summary>
    private static readonly Dictionary<string, string[]> Aliases = new()
    {
        [".jpg"] = [".jpg", ".jpeg", ".jpe", ".jfif"],
        [".heic"] = [".heic", ".heif"],
        [".png"] = [".png"],
        [".webp"] = [".webp"],
        [".pdf"] = [".pdf"],
        [".docx"] = [".docx"],
        [".xlsx"] = [".xlsx"],
    };

    /// <summary>Null when the name is acceptable, else the Chinese reason it is refused.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        if (name.Any(c => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator))
        {
            return "文件名含有控制字符，请改名后重新上传。";
        }

        if (name.Contains('/') || name.Contains('\\') || name.Contains("..", StringComparison.Ordinal) || name.Contains(':'))
        {
            return "文件名不能含有路径（如 ../ 或 \\ 或 :），请改名后重新上传。";
        }

        return null;
    }

    /// <summary>
    /// The name to store: trimmed, at most <see cref="MaxLength"/> characters, with the extension of the type
    /// the bytes really are (a PNG called photo.jpg is stored as photo.png).
    /// </summary>
    public static string Normalise(string? name, string extension)
    {
        var given = Path.GetExtension((name ?? "").Trim());
        if (Aliases.TryGetValue(extension, out var aliases) && aliases.Contains(given, StringComparer.OrdinalIgnoreCase))
        {
            extension = given; // IMG_0001.JPEG stays as the user named it
        }

        var stem = Path.GetFileNameWithoutExtension((name ?? "").Trim());
        if (string.IsNullOrWhiteSpace(stem))
        {
            stem = "未命名";
        }

        stem = stem.TrimEnd('.', ' ');
        if (stem.Length + extension.Length > MaxLength)
        {
            stem = stem[..(MaxLength - extension.Length)];
        }

        return stem + extension;
    }
}

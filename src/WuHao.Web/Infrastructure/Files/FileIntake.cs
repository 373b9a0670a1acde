using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WuHao.Web.Domain;

namespace WuHao.Web.Infrastructure.Files;

/// <summary>Settings of section "Files".</summary>
public sealed class FileOptions
{
    public const string Section = "Files";

    /// <summary>Largest file accepted, in bytes (default 20 MB).</summary>
    public long MaxBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Largest request (a page form may carry several files), in bytes (default 64 MB).</summary>
    public long MaxRequestBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Long side of a photo scaled down on the server, in pixels.</summary>
    public int PhotoLongSide { get; set; } = 1600;

    /// <summary>Largest photo the server decodes, in pixels.</summary>
    public long MaxImagePixels { get; set; } = 60_000_000;

    public string MaxText => string.Create(CultureInfo.InvariantCulture, $"{MaxBytes / 1024.0 / 1024.0:0.#} MB");
}

/// <summary>An upload that passed every check, ready to be filed and saved with its record.</summary>
public sealed record Upload(string FileName, string ContentType, byte[] Data, string Sha256)
{
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);

    /// <summary>A new file of a unit, filed as given; saved by whoever adds it to the context.</summary>
    public StoredFile ToStoredFile(int unitId, string category, int year, string retention) => new()
    {
        UnitId = unitId, FileName = FileName, ContentType = ContentType, Size = Data.LongLength, Sha256 = Sha256,
        Category = category, Year = year, Retention = retention, Content = new StoredFileContent { Data = Data },
    };
}

/// <summary>Why an upload was refused: 400 (bad input), 413 (too large) or 415 (type not accepted), in Chinese.</summary>
public sealed record UploadRefusal(int Status, string Message);

/// <summary>
/// Every upload, from a page or the API, comes through here: name, size, type from the bytes (ADR-007),
/// package checks, and for pages the server-side scaling of photos the browser did not scale (ADR-008).
/// </summary>
public sealed class FileIntake(IOptions<FileOptions> options)
{
    public FileOptions Options => options.Value;

    public async Task<(Upload? Upload, UploadRefusal? Refusal)> ReadAsync(IFormFile file, bool scalePhotos, CancellationToken ct)
    {
        var o = options.Value;
        var label = string.IsNullOrWhiteSpace(file.FileName) ? "文件" : $"“{Printable(file.FileName)}”";
        if (FileNames.Problem(file.FileName) is { } nameProblem)
        {
            return (null, new(StatusCodes.Status400BadRequest, $"{label}：{nameProblem}"));
        }

        if (file.Length == 0)
        {
            return (null, new(StatusCodes.Status400BadRequest, $"{label}是空文件（0 字节），请重新选择。"));
        }

        if (file.Length > o.MaxBytes)
        {
            return (null, new(StatusCodes.Status413PayloadTooLarge,
                string.Create(CultureInfo.InvariantCulture, $"{label}有 {file.Length / 1024.0 / 1024.0:0.0} MB，超过了 {o.MaxText} 的上限。照片请用本系统的拍照按钮上传（会自动缩小），文件请压缩后再上传。")));
        }

        byte[] data;
        using (var buffer = new MemoryStream((int)file.Length))
        {
            await file.CopyToAsync(buffer, ct);
            data = buffer.ToArray();
        }

        return Check(file.FileName, data, scalePhotos, label);
    }

    /// <summary>The checks on bytes already read.</summary>
    public (Upload? Upload, UploadRefusal? Refusal) Check(string? fileName, byte[] data, bool scalePhotos, string? label = null)
    {
        var o = options.Value;
        label ??= string.IsNullOrWhiteSpace(fileName) ? "文件" : $"“{Printable(fileName)}”";
        if (data.Length == 0)
        {
            return (null, new(StatusCodes.Status400BadRequest, $"{label}是空文件（0 字节），请重新选择。"));
        }

        var sniff = FileSniffer.Sniff(data);
        if (!sniff.Accepted)
        {
            return (null, new(sniff.WrongType ? StatusCodes.Status415UnsupportedMediaType : StatusCodes.Status400BadRequest, $"{label}：{sniff.Refusal}"));
        }

        var (contentType, extension) = (sniff.ContentType!, sniff.Extension!);
        if (contentType is "image/jpeg" or "image/png" or "image/webp")
        {
            var scaled = ImageScaler.ScaleDown(data, o.PhotoLongSide, o.MaxImagePixels, out var refusal);
            if (refusal is not null)
            {
                return (null, new(StatusCodes.Status400BadRequest, $"{label}：{refusal}"));
            }

            if (scalePhotos && scaled is not null)
            {
                (data, contentType, extension) = (scaled.Data, scaled.ContentType, scaled.Extension);
            }
        }

        var name = FileNames.Normalise(fileName, extension);
        return (new Upload(name, contentType, data, Convert.ToHexStringLower(SHA256.HashData(data))), null);
    }

    private static string Printable(string name)
    {
        var clean = new string([.. name.Where(c => !char.IsControl(c))]);
        return clean.Length > 60 ? clean[..60] + "…" : clean;
    }
}

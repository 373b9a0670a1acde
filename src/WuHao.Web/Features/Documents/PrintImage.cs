using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Processing;
using WuHao.Web.Infrastructure.Files;

namespace WuHao.Web.Features.Documents;

/// <summary>
/// A photo at print size for a document: scaled down by <see cref="ImageScaler"/> (long side, JPEG, metadata
/// dropped), a small PNG or WebP re-encoded as JPEG; null for what cannot be decoded (HEIC, a damaged file).
/// </summary>
public static class PrintImage
{
    /// <summary>Long side of a photo in a document: 1200 px is about 10 cm at 300 dpi, far more than a dossier needs.</summary>
    public const int LongSide = 1200;

    private const long MaxPixels = 60_000_000;

    public static (byte[] Jpeg, int Width, int Height)? Of(byte[] data, int longSide = LongSide)
    {
        var scaled = ImageScaler.ScaleDown(data, longSide, MaxPixels, out var refusal);
        if (refusal is not null)
        {
            return null;
        }

        var bytes = scaled?.Data ?? data;
        try
        {
            using var image = Image.Load(bytes, out var format);
            if (format is JpegFormat && Math.Max(image.Width, image.Height) <= longSide)
            {
                return (bytes, image.Width, image.Height);
            }

            // A small PNG or WebP, or a JPEG the scaler left as it was: one JPEG at print size.
            image.Metadata.ExifProfile = null;
            if (Math.Max(image.Width, image.Height) > longSide)
            {
                image.Mutate(x => x.Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(longSide, longSide) }));
            }

            using var output = new MemoryStream();
            image.SaveAsJpeg(output, new JpegEncoder { Quality = 82 });
            return (output.ToArray(), image.Width, image.Height);
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or ImageFormatException)
        {
            return null;
        }
    }
}

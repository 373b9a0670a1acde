using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Processing;

namespace WuHao.Web.Infrastructure.Files;

/// <summary>
/// Scales a photo down on the server when the browser could not (no JavaScript): long side
/// <see cref="FileOptions.PhotoLongSide"/>, JPEG, orientation applied, metadata (GPS!) dropped (ADR-008).
/// Only JPEG, PNG and WebP are decoded, only after sniffing, and only below a pixel limit.
/// </summary>
public static class ImageScaler
{
    private static readonly Configuration Decoders = new(new JpegConfigurationModule(), new PngConfigurationModule(), new WebpConfigurationModule());

    public sealed record Scaled(byte[] Data, string ContentType, string Extension);

    /// <summary>Null when the image is small enough already (or cannot be decoded: it is then kept as sent).</summary>
    public static Scaled? ScaleDown(byte[] data, int longSide, long maxPixels, out string? refusal)
    {
        refusal = null;
        try
        {
            var info = Image.Identify(Decoders, new MemoryStream(data, writable: false));
            if (info is null)
            {
                return null;
            }

            if ((long)info.Width * info.Height > maxPixels)
            {
                refusal = $"图片尺寸过大（{info.Width}×{info.Height}），请用手机拍照或缩小后再上传。";
                return null;
            }

            if (Math.Max(info.Width, info.Height) <= longSide)
            {
                return null;
            }

            using var image = Image.Load(Decoders, new MemoryStream(data, writable: false));
            image.Mutate(x => x.AutoOrient().Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(longSide, longSide) }));
            image.Metadata.ExifProfile = null;
            image.Metadata.XmpProfile = null;
            image.Metadata.IptcProfile = null;
            using var output = new MemoryStream();
            image.SaveAsJpeg(output, new JpegEncoder { Quality = 82 });
            return new Scaled(output.ToArray(), "image/jpeg", ".jpg");
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or ImageFormatException)
        {
            refusal = "图片已损坏，无法打开，请重新拍照或选择。";
            return null;
        }
    }
}

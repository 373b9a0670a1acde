using System.IO.Compression;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace WuHao.Tests.Infrastructure;

/// <summary>Files for upload tests, made on the spot: real photos, Office packages, and hostile look-alikes.</summary>
public static class Samples
{
    public static byte[] Jpeg(int width = 400, int height = 300) => Encode(width, height, (image, s) => image.SaveAsJpeg(s));

    public static byte[] Png(int width = 400, int height = 300) => Encode(width, height, (image, s) => image.SaveAsPng(s));

    /// <summary>A minimal Word package: what Word needs to call it .docx.</summary>
    public static byte[] Docx(long paddingBytes = 0) => Package(("word/document.xml", 200), ("word/padding.xml", paddingBytes));

    /// <summary>A .docx whose one entry unpacks to far more than it weighs: 40 MB of zeros in a few tens of KB.</summary>
    public static byte[] ZipBombDocx() => Package(("word/document.xml", 200), ("word/media/zeros.bin", 40L * 1024 * 1024));

    public static byte[] Exe() => [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0, .. new byte[200]];

    public static byte[] Svg() => "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray();

    public static byte[] Html() => "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"u8.ToArray();

    /// <summary>The start of an iPhone photo: an ISO box "ftyp" with brand heic.</summary>
    public static byte[] Heic() => [0, 0, 0, 24, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'h', (byte)'e', (byte)'i', (byte)'c', 0, 0, 0, 0, (byte)'m', (byte)'i', (byte)'f', (byte)'1', .. new byte[500]];

    public static byte[] Pdf() => "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    private static byte[] Encode(int width, int height, Action<Image<Rgb24>, Stream> save)
    {
        using var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y += 7)
        {
            for (var x = 0; x < width; x += 5)
            {
                image[x, y] = new Rgb24((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)((x + y) % 256));
            }
        }

        using var stream = new MemoryStream();
        save(image, stream);
        return stream.ToArray();
    }

    private static byte[] Package(params (string Name, long Bytes)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                types.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }

            foreach (var (name, bytes) in entries.Where(e => e.Bytes > 0))
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                var chunk = new byte[81920];
                for (long written = 0; written < bytes; written += chunk.Length)
                {
                    entry.Write(chunk, 0, (int)Math.Min(chunk.Length, bytes - written));
                }
            }
        }

        return stream.ToArray();
    }
}

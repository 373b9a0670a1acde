using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace WuHao.Web.Cli.Generator;

/// <summary>
/// The generator's activity photos: a small pool of real JPEG and PNG images, a few KB each (a sky, grassland and
/// a little noise, in colours drawn from the seed), shared by the generated files so that a region is quick to make.
/// </summary>
internal static class GeneratorPhotos
{
    public static byte[][] Pool(int seed, int count = 12)
    {
        var rng = new Random(unchecked(seed ^ 0x5EED));
        var pool = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var (width, height) = i % 4 == 3 ? (64, 48) : (160, 120);
            using var image = new Image<Rgb24>(width, height);
            var sky = new Rgb24((byte)(90 + rng.Next(80)), (byte)(140 + rng.Next(80)), (byte)(200 + rng.Next(55)));
            var grass = new Rgb24((byte)(40 + rng.Next(80)), (byte)(110 + rng.Next(90)), (byte)(30 + rng.Next(60)));
            var horizon = height * (40 + rng.Next(25)) / 100;
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var c = y < horizon ? sky : grass;
                    var n = rng.Next(-12, 13);
                    image[x, y] = new Rgb24(Clamp(c.R + n), Clamp(c.G + n), Clamp(c.B + n));
                }
            }

            using var stream = new MemoryStream();
            if (i % 4 == 3)
            {
                image.Save(stream, new PngEncoder());
            }
            else
            {
                image.Save(stream, new JpegEncoder { Quality = 60 });
            }

            pool[i] = stream.ToArray();
        }

        return pool;
    }

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);
}

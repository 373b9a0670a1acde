using System.Buffers;
using System.IO.Compression;

namespace WuHao.Web.Infrastructure.Files;

/// <summary>
/// The one guard against zip bombs, for evidence uploads (<see cref="FileSniffer"/>) and spreadsheet imports
/// (<c>ExcelReader</c>): every entry is unpacked and the bytes that really come out are counted, stopping as soon as the
/// total passes the limit. The sizes in a zip's headers are the sender's word: .NET stops unpacking an entry at its
/// declared size, so an entry that declares 4 KB and holds 300 MB would look small here and be unpacked in full by
/// another reader. An entry whose unpacked bytes differ from its declared size or CRC-32, or whose compressed size
/// is more than deflate can produce for its declared size, is refused.
/// </summary>
public static class ZipGuard
{
    public const string TooLarge = "文件解压后超过限制，疑似压缩炸弹，不能上传。";
    public const string Inconsistent = "文件内的压缩数据与其声明的大小或校验值不符，可能已损坏或被篡改，不能上传。";

    /// <summary>Null when every entry is what it declares and the total unpacked stays within <paramref name="limit"/>; else why not, in Chinese.</summary>
    public static string? Check(ZipArchive zip, long limit)
    {
        long total = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            foreach (var entry in zip.Entries)
            {
                // Deflate adds at most 5 bytes per 16 KB block to data it cannot compress, stored entries nothing.
                if (entry.CompressedLength > entry.Length + (entry.Length / 1024) + 1024)
                {
                    return Inconsistent;
                }

                using var stream = entry.Open();
                long length = 0;
                var crc = Crc32.Start;
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    length += read;
                    total += read;
                    if (total > limit)
                    {
                        return TooLarge;
                    }

                    crc = Crc32.Append(crc, buffer.AsSpan(0, read));
                }

                if (length != entry.Length || Crc32.Finish(crc) != entry.Crc32)
                {
                    return Inconsistent;
                }
            }

            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>CRC-32 (IEEE 802.3, as zip uses), by table.</summary>
    private static class Crc32
    {
        public const uint Start = 0xFFFFFFFF;

        private static readonly uint[] Table = Enumerable.Range(0, 256).Select(n =>
        {
            var c = (uint)n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            return c;
        }).ToArray();

        public static uint Append(uint crc, ReadOnlySpan<byte> data)
        {
            foreach (var b in data)
            {
                crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            }

            return crc;
        }

        public static uint Finish(uint crc) => crc ^ 0xFFFFFFFF;
    }
}

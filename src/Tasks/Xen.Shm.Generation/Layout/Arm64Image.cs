using System.IO;

namespace Xen.Shm.Generation.Layout
{
    /// <summary>
    /// The arm64 Linux Image header (Linux Documentation/arch/arm64/booting.rst; Xen's arm64
    /// binary carries the same header): magic "ARM\x64" at offset 56, <c>image_size</c> as a
    /// little-endian u64 at offset 16 (memory the image needs, BSS included).
    /// </summary>
    public static class Arm64Image
    {
        public const int HeaderSize = 64;
        private static readonly byte[] Magic = { (byte)'A', (byte)'R', (byte)'M', 0x64 };

        /// <summary>image_size when <paramref name="header"/> starts with an arm64 Image header, else null.</summary>
        public static ulong? ReadImageSize(byte[] header)
        {
            if (header is null || header.Length < HeaderSize) return null;
            for (int i = 0; i < Magic.Length; i++)
            {
                if (header[56 + i] != Magic[i]) return null;
            }

            ulong size = 0;
            for (int i = 7; i >= 0; i--) size = (size << 8) | header[16 + i];
            return size;
        }

        /// <summary>Reads the first 64 bytes of <paramref name="path"/> (fewer bytes: not an Image).</summary>
        public static ulong? ReadImageSize(string path)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var header = new byte[HeaderSize];
            int read = 0;
            while (read < HeaderSize)
            {
                int n = stream.Read(header, read, HeaderSize - read);
                if (n == 0) return null;
                read += n;
            }

            return ReadImageSize(header);
        }
    }
}

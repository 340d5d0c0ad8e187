using System;
using System.Globalization;

namespace Xen.Shm.BootImage.Disk
{
    /// <summary>XenShmDiskImageExtraSize: whole bytes, or a decimal number with K, M or G (also KiB, MiB, GiB; powers of 1024).</summary>
    public static class DiskImageSize
    {
        /// <summary>Null when <paramref name="text"/> is not a size of at most 1 TiB (past that, the MBR's limit is near anyway).</summary>
        public static long? Parse(string? text)
        {
            string s = (text ?? string.Empty).Trim();
            if (s.Length == 0) return 0;
            int shift = 0;
            foreach (var (suffix, bits) in new[] { ("KIB", 10), ("MIB", 20), ("GIB", 30), ("K", 10), ("M", 20), ("G", 30) })
            {
                if (!s.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) continue;
                s = s.Substring(0, s.Length - suffix.Length).TrimEnd();
                shift = bits;
                break;
            }

            if (s.Length == 0 || s.Length > 13 || !long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long n)) return null;
            long bytes = n << shift;
            return (bytes >> shift) == n && bytes <= 1L << 40 ? bytes : null;
        }
    }
}

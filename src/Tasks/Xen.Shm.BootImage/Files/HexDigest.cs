using System.Globalization;
using System.Text;

namespace Xen.Shm.BootImage.Files
{
    /// <summary>A hash as lowercase hex, the spelling of manifest.json and the content-hash cache.</summary>
    internal static class HexDigest
    {
        public static string Of(byte[] hash)
        {
            var sb = new StringBuilder(hash.Length * 2);
            foreach (byte b in hash) sb.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            return sb.ToString();
        }
    }
}

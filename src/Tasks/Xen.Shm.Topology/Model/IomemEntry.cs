using System.Globalization;
using System.Text.RegularExpressions;

namespace Xen.Shm.Topology
{
    /// <summary>
    /// One xl <c>iomem</c> entry, <c>MFN,NR[@GFN]</c>, all hex (U tools/xl/xl_parse.c scans
    /// <c>"%x,%x%n@%x%n"</c> and rejects leftovers); the Xilinx fork adds <c>,memory</c>/<c>,devmem</c>
    /// after <c>@GFN</c> (X xl_parse.c <c>"%x,%x%n@%x%n,%6s%n"</c>). spec §4.3, §5.2.
    /// </summary>
    public sealed class IomemEntry
    {
        // %x skips leading blanks and takes an optional 0x; a sign is refused here (xl would negate).
        private const string Hex = @"\s*(?:0[xX])?([0-9a-fA-F]+)";
        private static readonly Regex Upstream = new Regex("^" + Hex + "," + Hex + "(?:@" + Hex + ")?$", RegexOptions.CultureInvariant);
        private static readonly Regex Xilinx = new Regex("^" + Hex + "," + Hex + @"(?:@" + Hex + @"(?:,\s*(memory|devmem))?)?$", RegexOptions.CultureInvariant);

        private IomemEntry(ulong mfn, ulong pages, ulong? gfn, string? cacheability)
        {
            Mfn = mfn;
            Pages = pages;
            Gfn = gfn;
            Cacheability = cacheability;
        }

        public ulong Mfn { get; }

        /// <summary>Page count (hexadecimal in xl: "10" is 16 pages).</summary>
        public ulong Pages { get; }

        public ulong? Gfn { get; }

        /// <summary><c>memory</c> or <c>devmem</c> (Xilinx only); null = not written.</summary>
        public string? Cacheability { get; }

        /// <summary>The guest range the entry maps: <c>[(GFN or MFN) × 4K, + NR × 4K)</c>.</summary>
        public AddressRange GuestRange => new AddressRange((Gfn ?? Mfn) << 12, Pages << 12);

        /// <summary>Parses with the target's grammar; null when xl would reject the entry.</summary>
        public static IomemEntry? TryParse(string text, bool xilinx)
        {
            var m = (xilinx ? Xilinx : Upstream).Match(text);
            if (!m.Success) return null;
            if (!TryHex(m.Groups[1].Value, out ulong mfn) || !TryHex(m.Groups[2].Value, out ulong nr)) return null;
            ulong? gfn = null;
            if (m.Groups[3].Success)
            {
                if (!TryHex(m.Groups[3].Value, out ulong g)) return null;
                gfn = g;
            }
            // Frame numbers and counts beyond 52 bits would not be addresses any more.
            if (mfn >> 52 != 0 || nr >> 52 != 0 || (gfn ?? 0) >> 52 != 0) return null;
            string? word = xilinx && m.Groups[4].Success ? m.Groups[4].Value : null;
            return new IomemEntry(mfn, nr, gfn, word);
        }

        private static bool TryHex(string digits, out ulong value)
        {
            string t = digits.TrimStart('0');
            if (t.Length == 0) { value = 0; return true; }
            if (t.Length > 16) { value = 0; return false; }
            return ulong.TryParse(t, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }
    }
}

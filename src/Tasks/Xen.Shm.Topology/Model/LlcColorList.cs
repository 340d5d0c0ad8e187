using System.Collections.Generic;
using System.Globalization;

namespace Xen.Shm.Topology
{
    /// <summary>
    /// An LLC colour selection in Xen's syntax (docs/misc/cache-coloring.rst "Colors selection format",
    /// xen/common/llc-coloring.c parse_color_config): comma-separated colours or inclusive ranges
    /// <c>N-M</c>, no spaces, ascending, no overlap or duplicate.
    /// </summary>
    public static class LlcColorList
    {
        /// <summary>The (first, last) ranges, or null when the text breaks the syntax.</summary>
        public static List<(uint First, uint Last)>? Parse(string text)
        {
            var ranges = new List<(uint, uint)>();
            long previous = -1;
            foreach (string part in text.Split(','))
            {
                string[] ends = part.Split('-');
                if (ends.Length > 2 || !Number(ends[0], out uint first)) return null;
                uint last = first;
                if (ends.Length == 2 && !Number(ends[1], out last)) return null;
                if (last < first || first <= previous) return null;
                ranges.Add((first, last));
                previous = last;
            }
            return ranges;
        }

        /// <summary>Every colour of the selection, ascending.</summary>
        public static IEnumerable<uint> Colors(IEnumerable<(uint First, uint Last)> ranges)
        {
            foreach (var (first, last) in ranges)
                for (ulong c = first; c <= last; c++) yield return (uint)c;
        }

        // Decimal digits only: Xen's simple_strtoul(s, 0) would also take 0x.., but the documented syntax is decimal.
        private static bool Number(string s, out uint value)
        {
            value = 0;
            if (s.Length == 0 || s.Length > 9) return false;
            foreach (char c in s) if (c < '0' || c > '9') return false;
            return uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }
    }
}

using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Xen.Shm.Generation.Dts
{
    /// <summary>
    /// DTS value spelling the generator uses (spec §1.2, §1.3): cells as <c>0x</c> + lowercase hex
    /// without leading zeros, 64-bit values split into <c>hi lo</c> when two cells are available,
    /// unit addresses as lowercase hex without <c>0x</c>.
    /// </summary>
    public static class DtsFormat
    {
        public static string Hex(ulong v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);

        /// <summary>Unit address of a node whose <c>reg</c> starts at <paramref name="address"/>.</summary>
        public static string UnitAddress(ulong address) => address.ToString("x", CultureInfo.InvariantCulture);

        /// <summary>True when <paramref name="value"/> fits <paramref name="cells"/> 32-bit cells (1 or 2).</summary>
        public static bool Fits(ulong value, int cells) => cells >= 2 || value >> 32 == 0;

        /// <summary>
        /// Appends <paramref name="value"/> as <paramref name="cells"/> cells: <c>hi lo</c> for 2, the value
        /// for 1. A value too wide for one cell is written whole (dtc then rejects the literal) rather
        /// than silently truncated; the topology reports XSHM2004 before this can happen.
        /// </summary>
        public static void AppendCells(List<string> to, ulong value, int cells)
        {
            if (cells >= 2)
            {
                to.Add(Hex(value >> 32));
                to.Add(Hex(value & 0xffffffff));
            }
            else to.Add(Hex(value));
        }

        /// <summary>A cell list <c>&lt;a b c&gt;</c> from (value, cells) pairs.</summary>
        public static string Cells(params (ulong Value, int Cells)[] values)
        {
            var parts = new List<string>();
            foreach (var (v, c) in values) AppendCells(parts, v, c);
            return "<" + string.Join(" ", parts) + ">";
        }

        /// <summary>A <c>reg</c>-like list of (address, size) pairs.</summary>
        public static string Reg(IEnumerable<(ulong Address, ulong Size)> entries, int addressCells, int sizeCells)
        {
            var parts = new List<string>();
            foreach (var (a, s) in entries)
            {
                AppendCells(parts, a, addressCells);
                AppendCells(parts, s, sizeCells);
            }
            return "<" + string.Join(" ", parts) + ">";
        }

        /// <summary>A string list <c>"a", "b"</c>, escaped as dtc reads it back.</summary>
        public static string Strings(params string[] values)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < values.Length; i++)
            {
                if (i > 0) sb.Append(", ");
                AppendQuoted(sb, values[i]);
            }
            return sb.ToString();
        }

        private static void AppendQuoted(StringBuilder sb, string s)
        {
            sb.Append('"');
            foreach (char c in s)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < 0x20 || c == 0x7f) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            sb.Append('"');
        }

        /// <summary>A comment body safe inside <c>/* */</c>.</summary>
        public static string Comment(string text) => text.Replace("*/", "* /");
    }
}

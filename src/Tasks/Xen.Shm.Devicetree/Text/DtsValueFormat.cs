using System.Globalization;
using System.Text;

namespace Xen.Shm.Devicetree.Text
{
    /// <summary>
    /// How dtc 1.6.1 prints a property value that carries no type information (every value read
    /// from a blob): treesource.c guess_value_type, write_propval_string and write_propval_int.
    /// </summary>
    public static class DtsValueFormat
    {
        /// <summary>The text after the property name, up to and including ';' (no newline).</summary>
        public static string Format(byte[] value)
        {
            var sb = new StringBuilder();
            Append(sb, value);
            return sb.ToString();
        }

        public static void Append(StringBuilder sb, byte[] value)
        {
            if (value.Length == 0)
            {
                sb.Append(';');
                return;
            }
            sb.Append(" =");
            switch (Guess(value))
            {
                case DtsValueKind.String:
                    sb.Append(' ');
                    AppendStrings(sb, value);
                    break;
                case DtsValueKind.Cells:
                    sb.Append(" <");
                    for (int i = 0; i < value.Length; i += 4)
                    {
                        if (i > 0) sb.Append(' ');
                        uint cell = (uint)(value[i] << 24 | value[i + 1] << 16 | value[i + 2] << 8 | value[i + 3]);
                        sb.Append("0x").Append(cell.ToString("x2", CultureInfo.InvariantCulture));
                    }
                    sb.Append('>');
                    break;
                default:
                    sb.Append(" [");
                    for (int i = 0; i < value.Length; i++)
                    {
                        if (i > 0) sb.Append(' ');
                        sb.Append(value[i].ToString("x2", CultureInfo.InvariantCulture));
                    }
                    sb.Append(']');
                    break;
            }
            sb.Append(';');
        }

        /// <summary>
        /// guess_value_type: a string if it ends in NUL, every byte is printable, NUL or one of
        /// \a\b\t\n\v\f\r, and NULs are no more than the other bytes; else cells if the length is a
        /// multiple of 4; else bytes.
        /// </summary>
        public static DtsValueKind Guess(byte[] value)
        {
            int len = value.Length;
            if (len == 0) return DtsValueKind.Empty;
            int notString = 0, nul = 0;
            foreach (byte b in value)
            {
                if (!IsStringByte(b)) notString++;
                if (b == 0) nul++;
            }
            if (value[len - 1] == 0 && notString == 0 && nul <= len - nul)
                return DtsValueKind.String;
            return len % 4 == 0 ? DtsValueKind.Cells : DtsValueKind.Bytes;
        }

        /// <summary>
        /// dtc prints a string list as one string with "\0" between the parts. Where a part starts
        /// with an octal digit, "\0" + digit would re-read as a longer octal escape and change the
        /// bytes (spec §15: `"1", "2"` prints as `"1\02"`, which compiles to 31 02 00). Only then do we
        /// deviate from dtc's text and print the list as `"1", "2"`, which re-reads exactly.
        /// </summary>
        private static void AppendStrings(StringBuilder sb, byte[] value)
        {
            bool split = false;
            for (int i = 0; i + 1 < value.Length - 1; i++)
                if (value[i] == 0 && value[i + 1] >= (byte)'0' && value[i + 1] <= (byte)'7')
                    split = true;

            sb.Append('"');
            for (int i = 0; i < value.Length - 1; i++)
            {
                byte b = value[i];
                if (b == 0 && split)
                {
                    sb.Append("\", \"");
                    continue;
                }
                switch (b)
                {
                    case 0x07: sb.Append("\\a"); break;
                    case 0x08: sb.Append("\\b"); break;
                    case 0x09: sb.Append("\\t"); break;
                    case 0x0a: sb.Append("\\n"); break;
                    case 0x0b: sb.Append("\\v"); break;
                    case 0x0c: sb.Append("\\f"); break;
                    case 0x0d: sb.Append("\\r"); break;
                    case (byte)'\\': sb.Append("\\\\"); break;
                    case (byte)'"': sb.Append("\\\""); break;
                    case 0: sb.Append("\\0"); break;
                    default:
                        if (b >= 0x20 && b < 0x7f) sb.Append((char)b);
                        else sb.Append("\\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
                        break;
                }
            }
            sb.Append('"');
        }

        /// <summary>dtc's isstring(): isprint in the C locale, NUL, or one of \a\b\t\n\v\f\r.</summary>
        private static bool IsStringByte(byte b) => (b >= 0x20 && b < 0x7f) || b == 0 || (b >= 0x07 && b <= 0x0d);
    }

    public enum DtsValueKind
    {
        Empty,
        String,
        Cells,
        Bytes,
    }
}

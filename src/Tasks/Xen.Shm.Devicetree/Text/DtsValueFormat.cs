using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Xen.Shm.Devicetree
{
    /// <summary>
    /// How dtc 1.6.1 prints a property value (treesource.c write_propval): by its type markers when
    /// the value came from source, else by guess_value_type (every value read from a blob).
    /// </summary>
    /// <remarks>
    /// One deliberate difference from dtc, only where dtc's text would re-read as other bytes
    /// (spec §15): dtc prints a NUL inside a string as "\0", so a NUL followed by an octal digit
    /// re-reads as a longer octal escape ("1", "2" decompiles to "1\02", which compiles to 31 02 00).
    /// In a guessed string list we then print the list as separate strings ("1", "2"); inside one
    /// source string we print that NUL as "\000". Everywhere else the text is dtc's, byte for byte.
    /// </remarks>
    public static class DtsValueFormat
    {
        /// <summary>The text after the property name, up to and including ';' (no newline).</summary>
        public static string Format(DtValue value)
        {
            var sb = new StringBuilder();
            Append(sb, value);
            return sb.ToString();
        }

        /// <summary>Same for raw bytes with no type information (as read from a blob).</summary>
        public static string Format(byte[] value) => Format(new DtValue(value));

        public static void Append(StringBuilder sb, DtValue value)
        {
            int len = value.Length;
            if (len == 0)
            {
                sb.Append(';');
                return;
            }
            sb.Append(" =");
            // Indexed from 0 below: a value packed into a shared chunk is copied out (-O dts only).
            byte[] bytes = value.RawStart == 0 ? value.RawBuffer : value.ToArray();
            var markers = value.Markers;

            if (!HasTypeMarker(markers, 0))
            {
                var kind = Guess(bytes, len);
                if (kind == DtsValueKind.String && NeedsSplit(bytes, len))
                {
                    AppendSplitStrings(sb, bytes, len);
                    sb.Append(';');
                    return;
                }
                // dtc's dummy marker at offset 0 in front of the real (non-type) markers.
                var all = new List<DtMarker>(markers.Count + 1) { new DtMarker(KindOf(kind), 0, null) };
                all.AddRange(markers);
                markers = all;
            }

            var emit = DtMarkerKind.TypeNone;
            for (int i = 0; i < markers.Count; i++)
            {
                var m = markers[i];
                int chunk = (i + 1 < markers.Count ? markers[i + 1].Offset : len) - m.Offset;
                int nextType = NextTypeMarker(markers, i + 1);
                int dataLen = nextType >= 0 && markers[nextType].Offset - m.Offset != 0 ? markers[nextType].Offset - m.Offset : len - m.Offset;

                if (IsType(m.Kind))
                {
                    emit = m.Kind;
                    sb.Append(' ').Append(DelimStart(emit));
                }
                else if (m.Kind == DtMarkerKind.Label)
                    sb.Append(' ').Append(m.Reference).Append(':');
                else if (m.Offset != 0)
                    sb.Append(' ');

                if (chunk <= 0) continue;

                switch (emit)
                {
                    case DtMarkerKind.TypeUInt16: AppendInts(sb, bytes, m.Offset, chunk, 2); break;
                    case DtMarkerKind.TypeUInt32: AppendInts(sb, bytes, m.Offset, chunk, 4); break;
                    case DtMarkerKind.TypeUInt64: AppendInts(sb, bytes, m.Offset, chunk, 8); break;
                    case DtMarkerKind.TypeString: AppendString(sb, bytes, m.Offset, chunk); break;
                    default: AppendInts(sb, bytes, m.Offset, chunk, 1); break;
                }

                if (chunk == dataLen)
                {
                    sb.Append(DelimEnd(emit));
                    if (m.Offset + chunk != len) sb.Append(',');
                }
            }
            sb.Append(';');
        }

        /// <summary>
        /// guess_value_type: a string if it ends in NUL, every byte is printable, NUL or one of
        /// \a\b\t\n\v\f\r, and NULs are no more than the other bytes; else cells if the length is a
        /// multiple of 4; else bytes. (Labels inside values never come with untyped values.)
        /// </summary>
        public static DtsValueKind Guess(byte[] value) => Guess(value, value.Length);

        private static DtsValueKind Guess(byte[] value, int len)
        {
            if (len == 0) return DtsValueKind.Empty;
            int notString = 0, nul = 0;
            for (int i = 0; i < len; i++)
            {
                byte b = value[i];
                if (!IsStringByte(b)) notString++;
                if (b == 0) nul++;
            }
            if (value[len - 1] == 0 && notString == 0 && nul <= len - nul)
                return DtsValueKind.String;
            return len % 4 == 0 ? DtsValueKind.Cells : DtsValueKind.Bytes;
        }

        private static DtMarkerKind KindOf(DtsValueKind k) =>
            k == DtsValueKind.String ? DtMarkerKind.TypeString : k == DtsValueKind.Cells ? DtMarkerKind.TypeUInt32 : DtMarkerKind.TypeUInt8;

        private static bool IsType(DtMarkerKind k) =>
            k == DtMarkerKind.TypeUInt8 || k == DtMarkerKind.TypeUInt16 || k == DtMarkerKind.TypeUInt32 ||
            k == DtMarkerKind.TypeUInt64 || k == DtMarkerKind.TypeString;

        private static bool HasTypeMarker(IReadOnlyList<DtMarker> markers, int from) => NextTypeMarker(markers, from) >= 0;

        private static int NextTypeMarker(IReadOnlyList<DtMarker> markers, int from)
        {
            for (int i = from; i < markers.Count; i++) if (IsType(markers[i].Kind)) return i;
            return -1;
        }

        private static string DelimStart(DtMarkerKind k) => k switch
        {
            DtMarkerKind.TypeUInt8 => "[",
            DtMarkerKind.TypeUInt16 => "/bits/ 16 <",
            DtMarkerKind.TypeUInt32 => "<",
            DtMarkerKind.TypeUInt64 => "/bits/ 64 <",
            _ => "",
        };

        private static string DelimEnd(DtMarkerKind k) => k switch
        {
            DtMarkerKind.TypeUInt8 => "]",
            DtMarkerKind.TypeUInt16 or DtMarkerKind.TypeUInt32 or DtMarkerKind.TypeUInt64 => ">",
            _ => "",
        };

        /// <summary>write_propval_int: bytes as %02x, wider elements as 0x%02x, space separated.</summary>
        private static void AppendInts(StringBuilder sb, byte[] b, int at, int len, int width)
        {
            // dtc asserts len % width == 0 (only odd hand-made markers break it); rather than stop,
            // we print the whole elements and then the leftover bytes as bytes.
            int whole = len / width * width;
            for (int p = at; p < at + len; )
            {
                if (p != at) sb.Append(' ');
                int w = p < at + whole ? width : 1;
                ulong v = 0;
                for (int k = 0; k < w; k++) v = v << 8 | b[p + k];
                if (width == 1) sb.Append(v.ToString("x2", CultureInfo.InvariantCulture));
                else sb.Append("0x").Append(v.ToString("x2", CultureInfo.InvariantCulture));
                p += w;
            }
        }

        /// <summary>write_propval_string: one quoted string; the chunk's final NUL is not printed.</summary>
        private static void AppendString(StringBuilder sb, byte[] b, int at, int len)
        {
            int end = at + len - 1; // dtc asserts b[end] == 0
            sb.Append('"');
            for (int i = at; i < end; i++)
            {
                byte c = b[i];
                if (c == 0)
                {
                    // "\0" then an octal digit would re-read as one longer escape: spell it "\000".
                    bool octalNext = i + 1 < end && b[i + 1] >= (byte)'0' && b[i + 1] <= (byte)'7';
                    sb.Append(octalNext ? "\\000" : "\\0");
                    continue;
                }
                AppendChar(sb, c);
            }
            if (b[end] != 0) AppendChar(sb, b[end]);
            sb.Append('"');
        }

        private static void AppendChar(StringBuilder sb, byte c)
        {
            switch (c)
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
                    if (c >= 0x20 && c < 0x7f) sb.Append((char)c);
                    else sb.Append("\\x").Append(c.ToString("x2", CultureInfo.InvariantCulture));
                    break;
            }
        }

        /// <summary>True if a NUL inside a guessed string list is followed by an octal digit (spec §15).</summary>
        private static bool NeedsSplit(byte[] b, int len)
        {
            for (int i = 0; i + 1 < len - 1; i++)
                if (b[i] == 0 && b[i + 1] >= (byte)'0' && b[i + 1] <= (byte)'7') return true;
            return false;
        }

        /// <summary>The list as separate strings, as dtc prints a typed string list: ` "a", "1"`.</summary>
        private static void AppendSplitStrings(StringBuilder sb, byte[] b, int len)
        {
            int start = 0;
            for (int i = 0; i < len; i++)
            {
                if (b[i] != 0) continue;
                sb.Append(' ');
                AppendString(sb, b, start, i - start + 1);
                if (i != len - 1) sb.Append(',');
                start = i + 1;
            }
        }

        /// <summary>dtc's isstring(): isprint in the C locale, NUL, or one of \a\b\t\n\v\f\r.</summary>
        private static bool IsStringByte(byte b) => (b >= 0x20 && b < 0x7f) || b == 0 || (b >= 0x07 && b <= 0x0d);
    }

    /// <summary>What dtc guesses an untyped value to be.</summary>
    public enum DtsValueKind
    {
        Empty,
#pragma warning disable CA1720 // dtc's word for the kind; public API
        String,
#pragma warning restore CA1720
        Cells,
        Bytes,
    }
}

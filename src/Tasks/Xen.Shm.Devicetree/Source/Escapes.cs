namespace Xen.Shm.Devicetree.Source
{
    /// <summary>
    /// String and character escapes exactly as dtc's data_copy_escape_string/get_escape_char (data.c,
    /// util.c; spec §3.2). Escapes may read past the content end (into the closing quote), as dtc does.
    /// </summary>
    internal static class Escapes
    {
        /// <summary>
        /// Decode src[start..end) and append a NUL. <paramref name="limit"/> is the end of the whole
        /// token: flex NUL-terminates yytext there, so an escape reading further sees zero bytes.
        /// </summary>
        public static byte[] Decode(byte[] src, int start, int end, int limit)
        {
            s_limit = limit;
            var buf = new byte[end - start + 1];
            int n = 0;
            int i = start;
            while (i < end)
            {
                byte c = src[i++];
                if (c == (byte)'\\') c = DecodeEscape(src, ref i);
                buf[n++] = c;
            }
            buf[n++] = 0;
            if (n == buf.Length) return buf;
            var exact = new byte[n];
            System.Buffer.BlockCopy(buf, 0, exact, 0, n);
            return exact;
        }

        [System.ThreadStatic] private static int s_limit;

        private static byte At(byte[] s, int i) => i < s_limit && i < s.Length ? s[i] : (byte)0;

        private static byte DecodeEscape(byte[] s, ref int i)
        {
            byte c = At(s, i);
            int j = i + 1;
            byte val;
            switch (c)
            {
                case (byte)'a': val = 7; break;
                case (byte)'b': val = 8; break;
                case (byte)'t': val = 9; break;
                case (byte)'n': val = 10; break;
                case (byte)'v': val = 11; break;
                case (byte)'f': val = 12; break;
                case (byte)'r': val = 13; break;
                case (byte)'0': case (byte)'1': case (byte)'2': case (byte)'3':
                case (byte)'4': case (byte)'5': case (byte)'6': case (byte)'7':
                {
                    // Up to 3 octal digits including this one (get_oct_char).
                    j = i;
                    int v = 0, k = 0;
                    while (k < 3 && At(s, j) >= (byte)'0' && At(s, j) <= (byte)'7')
                    {
                        v = v * 8 + (At(s, j) - '0');
                        j++;
                        k++;
                    }
                    val = (byte)v;
                    break;
                }
                case (byte)'x':
                    val = HexEscape(s, ref j);
                    break;
                default:
                    val = c;
                    break;
            }
            i = j;
            return val;
        }

        // get_hex_char: strtol(base 16) over a window of at most 2 bytes, so leading blanks and a sign count.
        private static byte HexEscape(byte[] s, ref int j)
        {
            int w = 0;
            while (w < 2 && At(s, j + w) != 0) w++;
            int k = 0;
            while (k < w && IsSpace(At(s, j + k))) k++;
            bool neg = false;
            if (k < w && (At(s, j + k) == (byte)'+' || At(s, j + k) == (byte)'-'))
            {
                neg = At(s, j + k) == (byte)'-';
                k++;
            }
            long v = 0;
            int digits = 0;
            while (k < w && HexValue(At(s, j + k)) >= 0)
            {
                v = v * 16 + HexValue(At(s, j + k));
                k++;
                digits++;
            }
            if (digits == 0) throw new DtcFatalException("\\x used with no following hex digits\n");
            j += k;
            return (byte)(neg ? -v : v);
        }

        internal static bool IsSpace(byte b) => b == (byte)' ' || (b >= 9 && b <= 13);

        internal static int HexValue(byte b)
        {
            if (b >= (byte)'0' && b <= (byte)'9') return b - '0';
            if (b >= (byte)'a' && b <= (byte)'f') return b - 'a' + 10;
            if (b >= (byte)'A' && b <= (byte)'F') return b - 'A' + 10;
            return -1;
        }
    }
}

using System.Text;

namespace Xen.Shm.Generation.Xl
{
    /// <summary>
    /// Double-quoted xl config strings as libxlutil reads them (xen tools/libs/util/libxlu_cfg_l.l,
    /// libxlu_cfg.c <c>xlu__cfgl_dequote</c>): a string cannot hold a raw newline, and only the
    /// named escapes are safe. Verified against Debian's libxlutil 4.17 by the Native helper tests:
    /// <c>\xHH</c> fails ("invalid digit after backslash hexnumerical") and octal escapes yield
    /// nothing, so neither is ever written; characters without a named escape are refused.
    /// </summary>
    public static class XlString
    {
        /// <summary>The quoted form, or null when <paramref name="value"/> holds NUL or a control character without a named escape.</summary>
        public static string? Quote(string value)
        {
            var sb = new StringBuilder(value.Length + 2);
            sb.Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    case '\a': sb.Append("\\a"); break;
                    case '\b': sb.Append("\\b"); break;
                    case '\f': sb.Append("\\f"); break;
                    case '\v': sb.Append("\\v"); break;
                    default:
                        if (c < 0x20 || c == 0x7f) return null;
                        sb.Append(c);
                        break;
                }
            }

            sb.Append('"');
            return sb.ToString();
        }

        /// <summary>Null when <paramref name="value"/> can be quoted, else the first offending character, described.</summary>
        public static string? Problem(string value)
        {
            foreach (char c in value)
            {
                if ((c < 0x20 || c == 0x7f) && c != '\n' && c != '\r' && c != '\t' && c != '\a' && c != '\b' && c != '\f' && c != '\v')
                    return "U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
            }

            return null;
        }
    }
}

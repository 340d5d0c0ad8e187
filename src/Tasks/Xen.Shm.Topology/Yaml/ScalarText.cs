using System;
using System.Globalization;

namespace Xen.Shm.Topology.Yaml
{
    /// <summary>
    /// How topology scalars spell numbers and switches. Parsed from the raw text (not YAML
    /// 1.1/1.2 type resolution) so <c>0x1000</c>, <c>16M</c> and <c>4.10</c> mean what they say.
    /// </summary>
    internal static class ScalarText
    {
        /// <summary>C0 controls, DEL and C1 controls (what char.IsControl means, spelled out).</summary>
        public static bool IsControl(char c) => c < 0x20 || (c >= 0x7F && c <= 0x9F);

        public enum NumberError { None, NotANumber, Fraction, Negative, Overflow }

        /// <summary>
        /// <c>0x1000</c> (hex), <c>4096</c> (decimal), or decimal with a binary suffix
        /// <c>K</c>, <c>M</c>, <c>G</c>, <c>T</c> (also <c>KiB</c>…). Underscores are not digits.
        /// </summary>
        public static NumberError TryParseSize(string text, out ulong value)
        {
            value = 0;
            string s = text.Trim();
            if (s.Length == 0) return NumberError.NotANumber;
            if (s[0] == '-') return NumberError.Negative;
            if (s[0] == '+') s = s.Substring(1);

            if (s.Length > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
            {
                string hex = s.Substring(2);
                foreach (char c in hex)
                    if (!Uri.IsHexDigit(c)) return NumberError.NotANumber;
                string significant = hex.TrimStart('0');
                if (significant.Length > 16) return NumberError.Overflow;
                value = significant.Length == 0 ? 0 : ulong.Parse(significant, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                return NumberError.None;
            }

            int shift = 0;
            string digits = s;
            string upper = s.ToUpperInvariant();
            foreach (var (suffix, bits) in Suffixes)
            {
                if (upper.EndsWith(suffix, StringComparison.Ordinal) && upper.Length > suffix.Length)
                {
                    digits = s.Substring(0, s.Length - suffix.Length).TrimEnd();
                    shift = bits;
                    break;
                }
            }
            if (digits.IndexOf('.') >= 0)
            {
                return IsDecimalFraction(digits) ? NumberError.Fraction : NumberError.NotANumber;
            }
            foreach (char c in digits)
                if (c < '0' || c > '9') return NumberError.NotANumber;
            if (digits.Length == 0) return NumberError.NotANumber;
            string trimmed = digits.TrimStart('0');
            if (trimmed.Length == 0) return NumberError.None;
            if (trimmed.Length > 20 || !ulong.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out ulong n))
                return NumberError.Overflow;
            if (shift > 0 && n > (ulong.MaxValue >> shift)) return NumberError.Overflow;
            value = n << shift;
            return NumberError.None;
        }

        private static readonly (string Suffix, int Bits)[] Suffixes =
        {
            ("KIB", 10), ("MIB", 20), ("GIB", 30), ("TIB", 40),
            ("K", 10), ("M", 20), ("G", 30), ("T", 40),
        };

        private static bool IsDecimalFraction(string s)
        {
            int dot = s.IndexOf('.');
            if (dot != s.LastIndexOf('.')) return false;
            for (int i = 0; i < s.Length; i++)
                if (i != dot && (s[i] < '0' || s[i] > '9')) return false;
            return s.Length > 1;
        }

        /// <summary>YAML 1.2 core booleans only: <c>true</c>/<c>false</c> in three casings.</summary>
        public static bool TryParseBool(string text, out bool value)
        {
            switch (text)
            {
                case "true": case "True": case "TRUE": value = true; return true;
                case "false": case "False": case "FALSE": value = false; return true;
                default: value = false; return false;
            }
        }
    }
}

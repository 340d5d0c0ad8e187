using Xen.Shm.Diagnostics;
using Xen.Shm.Preprocessor.Engine;
using Xen.Shm.Preprocessor.Lexing;

namespace Xen.Shm.Preprocessor.Expressions
{
    /// <summary>libcpp cpp_classify_number / cpp_interpret_integer for #if: 0x, 0b, octal, decimal; u/l suffixes.</summary>
    internal static class IfNumber
    {
        public static IfValue? Parse(PpEngine engine, PpToken t)
        {
            string s = t.Text;
            int end = s.Length;
            while (end > 0 && "uUlL".IndexOf(s[end - 1]) >= 0) end--;
            string suffix = s.Substring(end), digits = s.Substring(0, end);
            int radix = 10, start = 0;
            if (digits.Length > 1 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) { radix = 16; start = 2; }
            else if (digits.Length > 1 && digits[0] == '0' && (digits[1] == 'b' || digits[1] == 'B')) { radix = 2; start = 2; }
            else if (digits.Length > 1 && digits[0] == '0') { radix = 8; start = 1; }
            if (IsFloating(digits, radix))
                return Bad(engine, t, "floating constant in preprocessor expression");
            if (!ValidSuffix(suffix) || start == digits.Length && radix != 8)
                return Bad(engine, t, $"invalid suffix \"{s.Substring(start == digits.Length ? start : end)}\" on integer constant");
            ulong value = 0;
            bool overflow = false;
            for (int i = start; i < digits.Length; i++)
            {
                int v = Digit(digits[i]);
                if (v < 0 || v >= radix)
                    return Bad(engine, t, radix == 8 && v >= 0 && v < 10 ? $"invalid digit \"{digits[i]}\" in octal constant" : $"invalid suffix \"{digits.Substring(i)}{suffix}\" on integer constant");
                ulong next = unchecked(value * (ulong)radix + (ulong)v);
                if ((next - (ulong)v) / (ulong)radix != value) overflow = true;
                value = next;
            }
            bool unsigned = suffix.IndexOf('u') >= 0 || suffix.IndexOf('U') >= 0;
            if (overflow)
                engine.Report(DiagnosticCodes.PpBadNumber, t, "integer constant is too large for its type");
            else if (!unsigned && value > long.MaxValue)
            {
                if (radix == 10) engine.Report(DiagnosticCodes.PpBadNumber, t, "integer constant is so large that it is unsigned");
                unsigned = true;
            }
            return new IfValue(unchecked((long)value), unsigned || value > long.MaxValue);
        }

        private static bool IsFloating(string digits, int radix)
        {
            if (digits.IndexOf('.') >= 0) return true;
            if (radix == 16) return digits.IndexOf('p') >= 0 || digits.IndexOf('P') >= 0;
            return radix == 10 && (digits.IndexOf('e') >= 0 || digits.IndexOf('E') >= 0) && (digits.Contains("e+") || digits.Contains("e-") || digits.Contains("E+") || digits.Contains("E-") || AllDigitsAround(digits));
        }

        private static bool AllDigitsAround(string digits)
        {
            foreach (char c in digits)
                if (!(c >= '0' && c <= '9' || c == 'e' || c == 'E')) return false;
            return true;
        }

        private static bool ValidSuffix(string suffix)
        {
            switch (suffix.ToLowerInvariant())
            {
                case "": case "u": case "l": case "ul": case "lu": case "ull": case "llu":
                    return suffix.IndexOf("lL", System.StringComparison.Ordinal) < 0 && suffix.IndexOf("Ll", System.StringComparison.Ordinal) < 0;
                case "ll":
                    return suffix == "ll" || suffix == "LL";
                default:
                    return false;
            }
        }

        private static int Digit(char c) =>
            c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

        private static IfValue? Bad(PpEngine engine, PpToken t, string message)
        {
            engine.Report(DiagnosticCodes.PpBadExpression, t, message);
            return null;
        }

        /// <summary>'c', '\n', '\x41', '\101' as an int (char is signed, as GCC on x86 and arm64 for cpp... value of one byte).</summary>
        public static IfValue? Character(PpEngine engine, PpToken t)
        {
            string s = t.Text.Substring(1, t.Text.Length - 2);
            if (s.Length == 0) return Bad(engine, t, "empty character constant");
            int value = s[0];
            if (s[0] == '\\' && s.Length > 1)
            {
                char e = s[1];
                value = e == 'n' ? 10 : e == 't' ? 9 : e == 'r' ? 13 : e == '0' ? 0 : e == 'a' ? 7 : e == 'b' ? 8 : e == 'f' ? 12 : e == 'v' ? 11 : e;
            }
            return IfValue.Signed((sbyte)(byte)value);
        }
    }
}

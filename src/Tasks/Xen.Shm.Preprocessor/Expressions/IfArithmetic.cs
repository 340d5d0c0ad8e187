using Xen.Shm.Diagnostics;
using Xen.Shm.Preprocessor.Lexing;

namespace Xen.Shm.Preprocessor.Expressions
{
    /// <summary>Binary operators of #if on 64-bit values (libcpp reduce / num_binary_op / num_div_op).</summary>
    internal static class IfArithmetic
    {
        public static IfValue Apply(PpToken op, IfValue a, IfValue b, bool eval, IfExpression expression)
        {
            bool u = a.Unsigned || b.Unsigned;
            long x = a.Bits, y = b.Bits;
            switch (op.Text)
            {
                case "*": return new IfValue(unchecked(x * y), u);
                case "/":
                case "%": return Divide(op, a, b, u, eval, expression);
                case "+": return new IfValue(unchecked(x + y), u);
                case "-": return new IfValue(unchecked(x - y), u);
                case "<<": return Shift(a, b, left: true);
                case ">>": return Shift(a, b, left: false);
                case "<": return IfValue.Bool(u ? (ulong)x < (ulong)y : x < y);
                case ">": return IfValue.Bool(u ? (ulong)x > (ulong)y : x > y);
                case "<=": return IfValue.Bool(u ? (ulong)x <= (ulong)y : x <= y);
                case ">=": return IfValue.Bool(u ? (ulong)x >= (ulong)y : x >= y);
                case "==": return IfValue.Bool(x == y);
                case "!=": return IfValue.Bool(x != y);
                case "&": return new IfValue(x & y, u);
                case "^": return new IfValue(x ^ y, u);
                case "|": return new IfValue(x | y, u);
                case "&&": return IfValue.Bool(a.IsTrue && b.IsTrue);
                default: return IfValue.Bool(a.IsTrue || b.IsTrue);
            }
        }

        private static IfValue Divide(PpToken op, IfValue a, IfValue b, bool u, bool eval, IfExpression expression)
        {
            long x = a.Bits, y = b.Bits;
            if (y == 0)
                return eval ? expression.Fail(op, "division by zero in #if", DiagnosticCodes.PpDivisionByZero) : new IfValue(0, u);
            bool quotient = op.Text == "/";
            if (u) return new IfValue(unchecked((long)(quotient ? (ulong)x / (ulong)y : (ulong)x % (ulong)y)), true);
            if (x == long.MinValue && y == -1) return new IfValue(quotient ? long.MinValue : 0, false); // overflow wraps, as cpp
            return new IfValue(quotient ? x / y : x % y, false);
        }

        /// <summary>num_lshift / num_rshift: a negative count shifts the other way; 64 or more gives 0 (or -1 for a negative signed right shift).</summary>
        private static IfValue Shift(IfValue a, IfValue b, bool left)
        {
            long n = b.Bits;
            if (!b.Unsigned && n < 0)
            {
                left = !left;
                n = n == long.MinValue ? long.MaxValue : -n;
            }
            ulong count = (ulong)n;
            long x = a.Bits;
            if (left) return new IfValue(count >= 64 ? 0 : x << (int)count, a.Unsigned);
            if (count >= 64) return new IfValue(!a.Unsigned && x < 0 ? -1 : 0, a.Unsigned);
            return new IfValue(a.Unsigned ? (long)((ulong)x >> (int)count) : x >> (int)count, a.Unsigned);
        }
    }
}

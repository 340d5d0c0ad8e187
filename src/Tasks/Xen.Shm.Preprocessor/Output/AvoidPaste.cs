using Xen.Shm.Preprocessor.Lexing;

namespace Xen.Shm.Preprocessor.Output
{
    /// <summary>
    /// libcpp cpp_avoid_paste (lex.cc): would <c>a</c> printed right before <c>b</c> lex differently?
    /// Consulted only across macro boundaries (after padding), so "1-2" in a source stays "1-2" while
    /// A-2 with A = 1 prints "1 -2", as cpp.
    /// </summary>
    internal static class AvoidPaste
    {
        private static readonly string[] EqualsPasters = { "=", "!", ">", "<", "+", "-", "*", "/", "%", "&", "|", "^", ">>", "<<" };

        public static bool Needed(PpToken a, PpToken b)
        {
            char c = b.Kind == PpKind.Punctuator ? b.Text[0] : '\0';
            switch (a.Kind)
            {
                case PpKind.Identifier:
                    return b.Kind == PpKind.Identifier || b.Kind == PpKind.CharLiteral || b.Kind == PpKind.String;
                case PpKind.Number:
                    return b.Kind == PpKind.Number || b.Kind == PpKind.Identifier || b.Kind == PpKind.CharLiteral ||
                           c == '.' || c == '+' || c == '-';
                case PpKind.Other:
                    return a.Text == "\\" && b.Kind == PpKind.Identifier;
                case PpKind.Punctuator:
                    return Punctuator(a.Text, b, c);
                default:
                    return false;
            }
        }

        private static bool Punctuator(string a, PpToken b, char c)
        {
            if (c == '=' && System.Array.IndexOf(EqualsPasters, a) >= 0) return true;
            switch (a)
            {
                case ">": return c == '>';
                case "<": return c == '<' || c == '%' || c == ':';
                case "+": return c == '+';
                case "-": return c == '-' || c == '>';
                case "/": return c == '/' || c == '*';
                case "%": return c == ':' || c == '%';
                case "&": return c == '&';
                case "|": return c == '|';
                case ":": return c == ':' || c == '>';
                case "->": return c == '*';
                case ".": return c == '.' || c == '%' || b.Kind == PpKind.Number;
                case "#": return c == '#' || c == '%';
                default: return false;
            }
        }
    }
}

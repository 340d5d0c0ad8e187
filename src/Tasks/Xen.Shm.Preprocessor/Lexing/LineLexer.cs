using System.Collections.Generic;

namespace Xen.Shm.Preprocessor.Lexing
{
    /// <summary>
    /// Splits a logical line into preprocessing tokens as libcpp's _cpp_lex_direct does in assembler
    /// mode: identifiers may hold '$', no digraphs, a quote not closed on the line is an
    /// <see cref="PpKind.Other"/> token.
    /// </summary>
    internal static class LineLexer
    {
        private static readonly string[] Punctuators3 = { "...", "<<=", ">>=" };
        private static readonly string[] Punctuators2 =
        {
            "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
            "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##",
        };
        private const string Punctuators1 = "[](){}.&*+-~!/%<>^|?:;=,#";

        /// <summary>Tokens of <paramref name="text"/> from <paramref name="start"/>; positions through the anchors.</summary>
        public static List<PpToken> Lex(string text, int start, string file, int firstLine, int lineDelta, List<ColumnAnchor>? anchors)
        {
            var tokens = new List<PpToken>();
            int p = start, anchor = -1;
            bool white = false;
            while (p < text.Length)
            {
                char c = text[p];
                if (IsBlank(c)) { white = true; p++; continue; }
                while (anchors != null && anchor + 1 < anchors.Count && anchors[anchor + 1].Index <= p) anchor++;
                int line = anchor < 0 ? firstLine : anchors![anchor].Line;
                int column = anchor < 0 ? p + 1 : anchors![anchor].Column + p - anchors[anchor].Index;
                int end = Scan(text, p, out PpKind kind);
                tokens.Add(new PpToken(kind, text.Substring(p, end - p), white, file, line + lineDelta, column) { Offset = p });
                white = false;
                p = end;
            }
            return tokens;
        }

        /// <summary>The single token spelled <paramref name="text"/>, or null if it lexes as more or less (## results).</summary>
        public static PpToken? Single(string text, bool prevWhite, string file, int line, int column)
        {
            if (text.Length == 0 || IsBlank(text[0])) return null;
            int end = Scan(text, 0, out PpKind kind);
            if (end != text.Length || kind == PpKind.Other && (text[0] == '"' || text[0] == '\'')) return null;
            return new PpToken(kind, text, prevWhite, file, line, column);
        }

        public static bool IsBlank(char c) => c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r';

        public static bool IsIdentifierStart(char c) => c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$';

        public static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || c >= '0' && c <= '9';

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        /// <summary>End of the token at <paramref name="p"/>.</summary>
        public static int Scan(string s, int p, out PpKind kind)
        {
            char c = s[p];
            if (IsIdentifierStart(c))
            {
                kind = PpKind.Identifier;
                return ScanWhile(s, p + 1);
            }
            if (IsDigit(c) || c == '.' && p + 1 < s.Length && IsDigit(s[p + 1]))
            {
                kind = PpKind.Number;
                return ScanNumber(s, p + 1);
            }
            if (c == '"' || c == '\'')
            {
                int end = ScanQuoted(s, p, c);
                kind = end < 0 ? PpKind.Other : c == '"' ? PpKind.String : PpKind.CharLiteral;
                return end < 0 ? p + 1 : end;
            }
            kind = PpKind.Punctuator;
            foreach (string op in Punctuators3)
                if (string.CompareOrdinal(s, p, op, 0, 3) == 0) return p + 3;
            foreach (string op in Punctuators2)
                if (string.CompareOrdinal(s, p, op, 0, 2) == 0) return p + 2;
            if (Punctuators1.IndexOf(c) < 0) kind = PpKind.Other;
            return p + 1;
        }

        private static int ScanWhile(string s, int p)
        {
            while (p < s.Length && IsIdentifierPart(s[p])) p++;
            return p;
        }

        /// <summary>pp-number: digit or .digit, then digits, identifier characters, '.', and e+ e- E+ E- p+ p- P+ P-.</summary>
        private static int ScanNumber(string s, int p)
        {
            while (p < s.Length)
            {
                char c = s[p];
                if ((c == '+' || c == '-') && "eEpP".IndexOf(s[p - 1]) >= 0) { p++; continue; }
                if (IsIdentifierPart(c) || c == '.') { p++; continue; }
                break;
            }
            return p;
        }

        /// <summary>End after the closing quote, or -1 when the line ends first.</summary>
        private static int ScanQuoted(string s, int p, char quote)
        {
            for (int q = p + 1; q < s.Length; q++)
            {
                if (s[q] == '\\') { q++; continue; }
                if (s[q] == quote) return q + 1;
            }
            return -1;
        }
    }
}

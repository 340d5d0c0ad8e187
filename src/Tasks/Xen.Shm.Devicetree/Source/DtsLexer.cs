using System;
using System.Collections.Generic;
using System.Text;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Devicetree.Source
{
    /// <summary>
    /// Byte-oriented re-implementation of dtc-lexer.l (v1.6.1): flex's longest match with rule order
    /// breaking ties, the same start conditions (INITIAL, V1, PROPNODENAME, BYTESTRING), <c>/include/</c>
    /// pushing files, <c>#</c> line markers, and srcpos.c's line/column bookkeeping.
    /// </summary>
    internal sealed class DtsLexer
    {
        private enum State : byte { Initial, V1, PropNodeName, ByteString }

        private const int MaxIncludeDepth = 200; // srcpos.c MAX_SRCFILE_DEPTH

        private readonly SourceOpener _opener;
        private readonly List<DtcMessage> _messages;
        private SourceFileState _file;
        private int _depth;
        private State _state = State.Initial;
        private SourceSpan _lastSpan;

        public DtsLexer(byte[] mainBytes, string mainName, SourceOpener opener, List<DtcMessage> messages)
        {
            _opener = opener;
            _messages = messages;
            _file = new SourceFileState(mainBytes, mainName, SourceOpener.DirOf(mainName), null);
            _depth = 1;
            _lastSpan = new SourceSpan(mainName, 0, 0, 0, 0); // bison's initial yylloc: the file, line 0
        }

        /// <summary>Set when a lexical error was reported (dtc's treesource_error).</summary>
        public bool HadError { get; private set; }

        /// <summary>Name of the file currently being read (for <c>/incbin/</c> lookups).</summary>
        public string? CurrentDir => _file.Dir;

        public SourceOpener Opener => _opener;

        /// <summary>
        /// Reads the next token into <paramref name="tok"/>, field by field: the parser's lookahead
        /// slot, so no whole token is copied into the heap with write barriers (issue 21).
        /// </summary>
        public void Next(ref DtsToken tok)
        {
            while (true)
            {
                var f = _file;
                var s = f.Bytes;
                int p = f.Offset;
                if (p >= s.Length)
                {
                    if (f.Previous == null)
                    {
                        tok = default;
                        tok.Kind = DtsTokenKind.Eof;
                        tok.Span = _lastSpan;
                        return;
                    }
                    _file = f.Previous;
                    _depth--;
                    continue;
                }

                byte c = s[p];
                // Fast paths for the commonest text: whitespace.
                if (Escapes.IsSpace(c))
                {
                    int q = p + 1;
                    while (q < s.Length && Escapes.IsSpace(s[q])) q++;
                    Advance(q - p);
                    continue;
                }

                int bestLen = 0;
                int rule = 0; // which rule won
                void Consider(int len, int r)
                {
                    if (len > bestLen) { bestLen = len; rule = r; }
                }

                bool propName = _state == State.PropNodeName;
                bool byteStr = _state == State.ByteString;
                bool v1 = _state == State.V1;
                bool inclusive = _state == State.Initial || _state == State.V1;

                switch (c)
                {
                    case (byte)'/':
                        Consider(MatchInclude(s, p), R_Include);
                        Consider(MatchWord(s, p, "/dts-v1/"), R_V1);
                        Consider(MatchWord(s, p, "/plugin/"), R_Plugin);
                        Consider(MatchWord(s, p, "/memreserve/"), R_MemReserve);
                        Consider(MatchWord(s, p, "/bits/"), R_Bits);
                        Consider(MatchWord(s, p, "/delete-property/"), R_DelProp);
                        Consider(MatchWord(s, p, "/delete-node/"), R_DelNode);
                        Consider(MatchWord(s, p, "/omit-if-no-ref/"), R_Omit);
                        if (inclusive) Consider(MatchWord(s, p, "/incbin/"), R_IncBin);
                        Consider(MatchComments(s, p), R_Comment);
                        Consider(MatchLineComments(s, p), R_LineComment);
                        break;
                    case (byte)'#':
                        if (f.AtLineStart) Consider(MatchLineMarker(s, p), R_LineMarker);
                        break;
                    case (byte)'"':
                        Consider(MatchString(s, p), R_String);
                        break;
                    case (byte)'\'':
                        Consider(MatchCharLiteral(s, p), R_CharLiteral);
                        break;
                    case (byte)'&':
                        Consider(MatchLabelRef(s, p), R_LabelRef);
                        Consider(MatchPathRef(s, p), R_PathRef);
                        Consider(MatchWord(s, p, "&&"), R_And);
                        break;
                    case (byte)'<':
                        Consider(MatchWord(s, p, "<<"), R_LShift);
                        Consider(MatchWord(s, p, "<="), R_Le);
                        break;
                    case (byte)'>':
                        Consider(MatchWord(s, p, ">>"), R_RShift);
                        Consider(MatchWord(s, p, ">="), R_Ge);
                        break;
                    case (byte)'=':
                        Consider(MatchWord(s, p, "=="), R_Eq);
                        break;
                    case (byte)'!':
                        Consider(MatchWord(s, p, "!="), R_Ne);
                        break;
                    case (byte)'|':
                        Consider(MatchWord(s, p, "||"), R_Or);
                        break;
                    case (byte)']':
                        if (byteStr) Consider(1, R_ByteStringEnd);
                        break;
                }

                if (IsLabelStart(c)) Consider(MatchLabel(s, p), R_Label);
                if (v1 && c >= (byte)'0' && c <= (byte)'9') Consider(MatchLiteral(s, p), R_Literal);
                if (byteStr && Escapes.HexValue(c) >= 0 && p + 1 < s.Length && Escapes.HexValue(s[p + 1]) >= 0) Consider(2, R_Byte);
                if (propName && (IsPropNodeChar(c) || c == (byte)'\\')) Consider(MatchPropNodeName(s, p), R_PropNodeName);
                if (c != (byte)'\n') Consider(1, R_AnyChar);

                tok = default;
                int start = p;
                Advance(bestLen);
                tok.Span = _lastSpan;
                switch (rule)
                {
                    case R_Include:
                    {
                        int q1 = Array.IndexOf(s, (byte)'"', start);
                        string name = Encoding.UTF8.GetString(s, q1 + 1, start + bestLen - 1 - (q1 + 1));
                        PushFile(name);
                        continue;
                    }
                    case R_LineMarker:
                        LineMarker(s, start, bestLen, tok.Span);
                        continue;
                    case R_Comment:
                    case R_LineComment:
                        continue;
                    case R_String:
                        tok.Kind = DtsTokenKind.String;
                        if (Array.IndexOf(s, (byte)'\\', start + 1, bestLen - 2) < 0)
                        {
                            tok.Raw = s;
                            tok.RawStart = start + 1;
                            tok.RawLength = bestLen - 2;
                        }
                        else tok.Data = Escapes.Decode(s, start + 1, start + bestLen - 1, start + bestLen);
                        return;
                    case R_V1:
                        _state = State.V1;
                        tok.Kind = DtsTokenKind.V1;
                        return;
                    case R_Plugin:
                        tok.Kind = DtsTokenKind.Plugin;
                        return;
                    case R_MemReserve:
                        _state = State.V1;
                        tok.Kind = DtsTokenKind.MemReserve;
                        return;
                    case R_Bits:
                        _state = State.V1;
                        tok.Kind = DtsTokenKind.Bits;
                        return;
                    case R_DelProp:
                        _state = State.PropNodeName;
                        tok.Kind = DtsTokenKind.DeleteProperty;
                        return;
                    case R_DelNode:
                        _state = State.PropNodeName;
                        tok.Kind = DtsTokenKind.DeleteNode;
                        return;
                    case R_Omit:
                        _state = State.PropNodeName;
                        tok.Kind = DtsTokenKind.OmitIfNoRef;
                        return;
                    case R_Label:
                        tok.Kind = DtsTokenKind.Label;
                        tok.Text = Intern(s, start, bestLen - 1);
                        return;
                    case R_Literal:
                        tok.Kind = DtsTokenKind.Literal;
                        tok.Integer = ParseLiteral(s, start, bestLen, tok.Span);
                        return;
                    case R_CharLiteral:
                    {
                        tok.Kind = DtsTokenKind.CharLiteral;
                        var d = Escapes.Decode(s, start + 1, start + bestLen - 1, start + bestLen);
                        if (d.Length == 1)
                        {
                            LexicalError(tok.Span, "Empty character literal");
                            tok.Integer = 0;
                        }
                        else
                        {
                            tok.Integer = d[0];
                            if (d.Length > 2)
                                LexicalError(tok.Span, "Character literal has " + (d.Length - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " characters instead of 1");
                        }
                        return;
                    }
                    case R_LabelRef:
                        tok.Kind = DtsTokenKind.LabelRef;
                        tok.Text = Intern(s, start + 1, bestLen - 1);
                        return;
                    case R_PathRef:
                        tok.Kind = DtsTokenKind.PathRef;
                        tok.Text = Intern(s, start + 2, bestLen - 3);
                        return;
                    case R_Byte:
                        tok.Kind = DtsTokenKind.Byte;
                        tok.Char = (byte)(Escapes.HexValue(s[start]) * 16 + Escapes.HexValue(s[start + 1]));
                        return;
                    case R_ByteStringEnd:
                        _state = State.V1;
                        tok.Kind = DtsTokenKind.Char;
                        tok.Char = (byte)']';
                        return;
                    case R_PropNodeName:
                        _state = State.V1;
                        tok.Kind = DtsTokenKind.PropNodeName;
                        tok.Text = s[start] == (byte)'\\' ? Intern(s, start + 1, bestLen - 1) : Intern(s, start, bestLen);
                        return;
                    case R_IncBin:
                        tok.Kind = DtsTokenKind.IncBin;
                        return;
                    case R_LShift: tok.Kind = DtsTokenKind.LShift; return;
                    case R_RShift: tok.Kind = DtsTokenKind.RShift; return;
                    case R_Le: tok.Kind = DtsTokenKind.Le; return;
                    case R_Ge: tok.Kind = DtsTokenKind.Ge; return;
                    case R_Eq: tok.Kind = DtsTokenKind.Eq; return;
                    case R_Ne: tok.Kind = DtsTokenKind.Ne; return;
                    case R_And: tok.Kind = DtsTokenKind.And; return;
                    case R_Or: tok.Kind = DtsTokenKind.Or; return;
                    default:
                        tok.Kind = DtsTokenKind.Char;
                        tok.Char = c;
                        if (c == (byte)'[') _state = State.ByteString;
                        if (c == (byte)'{' || c == (byte)';') _state = State.PropNodeName;
                        return;
                }
            }
        }

        // Rule numbers follow the order of dtc-lexer.l, so ties break the same way (lower wins:
        // Consider only replaces on a strictly longer match, and candidates are offered in this order
        // within a first character; the few cross-group ties are ordered explicitly above).
        private const int R_Include = 1, R_LineMarker = 2, R_String = 3, R_V1 = 4, R_Plugin = 5, R_MemReserve = 6,
            R_Bits = 7, R_DelProp = 8, R_DelNode = 9, R_Omit = 10, R_Label = 11, R_Literal = 12, R_CharLiteral = 13,
            R_LabelRef = 14, R_PathRef = 15, R_Byte = 16, R_ByteStringEnd = 17, R_PropNodeName = 18, R_IncBin = 19,
            R_Comment = 21, R_LineComment = 22, R_LShift = 23, R_RShift = 24, R_Le = 25, R_Ge = 26, R_Eq = 27,
            R_Ne = 28, R_And = 29, R_Or = 30, R_AnyChar = 31;

        private void Advance(int len)
        {
            var f = _file;
            var s = f.Bytes;
            int first = f.Line, firstCol = f.Column;
            int end = f.Offset + len;
            for (int i = f.Offset; i < end; i++)
            {
                if (s[i] == (byte)'\n') { f.Line++; f.Column = 1; }
                else f.Column++;
            }
            f.Offset = end;
            if (len > 0) f.AtLineStart = s[end - 1] == (byte)'\n';
            _lastSpan = new SourceSpan(f.Name, first, firstCol, f.Line, f.Column);
        }

        private void PushFile(string name)
        {
            if (_depth++ >= MaxIncludeDepth) throw new DtcFatalException("Includes nested too deeply"); // dtc prints no newline here
            var bytes = _opener.Open(name, _file.Dir, out var full, _lastSpan);
            _file = new SourceFileState(bytes, full, SourceOpener.DirOf(full), _file);
        }

        private void LineMarker(byte[] s, int start, int len, SourceSpan span)
        {
            int end = start + len;
            int p = start;
            while (!(s[p] >= (byte)'0' && s[p] <= (byte)'9')) p++;
            long line = 0;
            while (p < end && s[p] >= (byte)'0' && s[p] <= (byte)'9')
            {
                line = Math.Min(line * 10 + (s[p] - '0'), long.MaxValue / 16);
                p++;
            }
            int fnStart = Array.IndexOf(s, (byte)'"', start);
            int fnEnd = end - 1;
            while (s[fnEnd] != (byte)'"') fnEnd--;
            var fn = Escapes.Decode(s, fnStart + 1, fnEnd, end);
            int nul = Array.IndexOf(fn, (byte)0);
            if (nul < fn.Length - 1) LexicalError(span, "nul in line number directive");
            _file.Name = Encoding.UTF8.GetString(fn, 0, nul);
            // atoi: long converted to int (glibc), then "-1 since #line is the number of the next line".
            _file.Line = unchecked((int)line) - 1;
        }

        private ulong ParseLiteral(byte[] s, int start, int len, SourceSpan span)
        {
            // strtoull(text, &e, 0), then the suffix check of dtc-lexer.l.
            int end = start + len;
            int p = start;
            int radix = 10;
            if (s[p] == (byte)'0')
            {
                if (p + 1 < end && (s[p + 1] == (byte)'x' || s[p + 1] == (byte)'X') && p + 2 < end && Escapes.HexValue(s[p + 2]) >= 0)
                {
                    radix = 16;
                    p += 2;
                }
                else radix = 8;
            }
            ulong value = 0;
            bool overflow = false;
            while (p < end)
            {
                int d = Escapes.HexValue(s[p]);
                if (d < 0 || d >= radix) break;
                ulong next = unchecked(value * (ulong)radix + (ulong)d);
                if (value > (ulong.MaxValue - (ulong)d) / (ulong)radix) overflow = true;
                value = next;
                p++;
            }
            int q = p;
            while (q < end && (s[q] == (byte)'U' || s[q] == (byte)'L')) q++;
            // The literal's text is only needed for messages: build it only then.
            if (p < end && q < end) LexicalError(span, "Bad integer literal '" + Latin(s, start, len) + "'");
            if (overflow)
            {
                LexicalError(span, "Integer literal '" + Latin(s, start, len) + "' out of range");
                value = ulong.MaxValue;
            }
            return value;
        }

        internal void LexicalError(SourceSpan span, string message)
        {
            _messages.Add(DtcMessage.ParseError("Lexical error", span, message));
            HadError = true;
        }

        private static string Intern(byte[] s, int start, int len) => NameInterner.ForThisThread.Intern(s, start, len);

        private static readonly Encoding s_latin1 = Encoding.GetEncoding(28591);

        internal static string Latin(byte[] s, int start, int len) => s_latin1.GetString(s, start, len);

        // ---- matchers: each returns the longest match length at p, or 0 --------------------

        private static int MatchWord(byte[] s, int p, string word)
        {
            if (p + word.Length > s.Length) return 0;
            for (int i = 0; i < word.Length; i++) if (s[p + i] != (byte)word[i]) return 0;
            return word.Length;
        }

        private static int MatchInclude(byte[] s, int p)
        {
            int n = MatchWord(s, p, "/include/");
            if (n == 0) return 0;
            int q = p + n;
            while (q < s.Length && Escapes.IsSpace(s[q])) q++;
            int str = MatchString(s, q);
            return str == 0 ? 0 : q + str - p;
        }

        // STRING  \"([^\\"]|\\.)*\"   ('.' is anything but newline)
        private static int MatchString(byte[] s, int p)
        {
            if (p >= s.Length || s[p] != (byte)'"') return 0;
            int q = p + 1;
            while (q < s.Length)
            {
                byte b = s[q];
                if (b == (byte)'"') return q + 1 - p;
                if (b == (byte)'\\')
                {
                    if (q + 1 >= s.Length || s[q + 1] == (byte)'\n') return 0;
                    q += 2;
                    continue;
                }
                q++;
            }
            return 0;
        }

        // CHAR_LITERAL  '([^']|\\')*'  : longest end such that every inner quote follows a backslash.
        private static int MatchCharLiteral(byte[] s, int p)
        {
            int best = 0;
            for (int q = p + 1; q < s.Length; q++)
            {
                if (s[q] != (byte)'\'') continue;
                best = q + 1 - p;
                if (!(q - 1 > p && s[q - 1] == (byte)'\\')) break;
            }
            return best;
        }

        // ^"#"(line)?[ \t]+[0-9]+[ \t]+{STRING}([ \t]+[0-9]+)*
        private static int MatchLineMarker(byte[] s, int p)
        {
            int a = MarkerAfterHash(s, p + 1);
            int b = MatchWord(s, p + 1, "line") == 4 ? MarkerAfterHash(s, p + 5) : 0;
            return Math.Max(a, b) == 0 ? 0 : Math.Max(a, b) - p;
        }

        private static int MarkerAfterHash(byte[] s, int q)
        {
            int n = Blanks(s, q);
            if (n == 0) return 0;
            q += n;
            n = Digits(s, q);
            if (n == 0) return 0;
            q += n;
            n = Blanks(s, q);
            if (n == 0) return 0;
            q += n;
            n = MatchString(s, q);
            if (n == 0) return 0;
            q += n;
            while (true)
            {
                int b = Blanks(s, q);
                if (b == 0) break;
                int d = Digits(s, q + b);
                if (d == 0) break;
                q += b + d;
            }
            return q;
        }

        private static int Blanks(byte[] s, int q)
        {
            int n = 0;
            while (q + n < s.Length && (s[q + n] == (byte)' ' || s[q + n] == (byte)'\t')) n++;
            return n;
        }

        private static int Digits(byte[] s, int q)
        {
            int n = 0;
            while (q + n < s.Length && s[q + n] >= (byte)'0' && s[q + n] <= (byte)'9') n++;
            return n;
        }

        private static bool IsLabelStart(byte c) => c >= (byte)'a' && c <= (byte)'z' || c >= (byte)'A' && c <= (byte)'Z' || c == (byte)'_';

        private static bool IsLabelChar(byte c) => IsLabelStart(c) || c >= (byte)'0' && c <= (byte)'9';

        internal static bool IsPropNodeChar(byte c) =>
            IsLabelChar(c) || c == (byte)',' || c == (byte)'.' || c == (byte)'+' || c == (byte)'*' ||
            c == (byte)'#' || c == (byte)'?' || c == (byte)'@' || c == (byte)'-';

        // {LABEL}:
        private static int MatchLabel(byte[] s, int p)
        {
            int q = p + 1;
            while (q < s.Length && IsLabelChar(s[q])) q++;
            return q < s.Length && s[q] == (byte)':' ? q + 1 - p : 0;
        }

        // \&{LABEL}
        private static int MatchLabelRef(byte[] s, int p)
        {
            if (p + 1 >= s.Length || !IsLabelStart(s[p + 1])) return 0;
            int q = p + 2;
            while (q < s.Length && IsLabelChar(s[q])) q++;
            return q - p;
        }

        // "&{/"{PATHCHAR}*\}
        private static int MatchPathRef(byte[] s, int p)
        {
            if (MatchWord(s, p, "&{/") == 0) return 0;
            int q = p + 3;
            while (q < s.Length && (IsPropNodeChar(s[q]) || s[q] == (byte)'/')) q++;
            return q < s.Length && s[q] == (byte)'}' ? q + 1 - p : 0;
        }

        // ([0-9]+|0[xX][0-9a-fA-F]+)(U|L|UL|LL|ULL)?
        private static int MatchLiteral(byte[] s, int p)
        {
            int q = p + Digits(s, p);
            if (s[p] == (byte)'0' && p + 2 < s.Length && (s[p + 1] == (byte)'x' || s[p + 1] == (byte)'X') && Escapes.HexValue(s[p + 2]) >= 0)
            {
                int h = p + 2;
                while (h < s.Length && Escapes.HexValue(s[h]) >= 0) h++;
                if (h > q) q = h;
            }
            int suffix = 0;
            foreach (var sfx in s_suffixes)
            {
                int n = MatchWord(s, q, sfx);
                if (n > suffix) suffix = n;
            }
            return q + suffix - p;
        }

        private static readonly string[] s_suffixes = { "U", "L", "UL", "LL", "ULL" };

        // \\?{PROPNODECHAR}+
        private static int MatchPropNodeName(byte[] s, int p)
        {
            int q = s[p] == (byte)'\\' ? p + 1 : p;
            int start = q;
            while (q < s.Length && IsPropNodeChar(s[q])) q++;
            return q == start ? 0 : q - p;
        }

        // {COMMENT}+  with COMMENT "/*"([^*]|\*+[^*/])*\*+"/"
        private static int MatchComments(byte[] s, int p)
        {
            int q = p;
            while (true)
            {
                if (MatchWord(s, q, "/*") == 0) break;
                int r = q + 2;
                int end = -1;
                while (r + 1 < s.Length)
                {
                    if (s[r] == (byte)'*' && s[r + 1] == (byte)'/') { end = r + 2; break; }
                    r++;
                }
                if (end < 0) break;
                q = end;
            }
            return q - p;
        }

        // {LINECOMMENT}+  with LINECOMMENT "//".*\n
        private static int MatchLineComments(byte[] s, int p)
        {
            int q = p;
            while (MatchWord(s, q, "//") != 0)
            {
                int nl = Array.IndexOf(s, (byte)'\n', q + 2);
                if (nl < 0) break;
                q = nl + 1;
            }
            return q - p;
        }
    }
}

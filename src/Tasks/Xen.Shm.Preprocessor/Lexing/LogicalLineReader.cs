using System;
using System.Collections.Generic;
using System.Text;

namespace Xen.Shm.Preprocessor.Lexing
{
    /// <summary>Where a piece of a logical line came from, after a splice or a comment moved it.</summary>
    internal readonly struct ColumnAnchor
    {
        public ColumnAnchor(int index, int line, int column)
        {
            Index = index;
            Line = line;
            Column = column;
        }

        public int Index { get; }
        public int Line { get; }
        public int Column { get; }
    }

    /// <summary>
    /// Translation phases 1–3 for one file, a line at a time: backslash-newline splices (also with blanks
    /// between, as GCC), comments to one space (a block comment may join lines), string and character
    /// literals kept whole when closed on their line (assembler mode: an unclosed quote is one character,
    /// libcpp lex_string for CLK_ASM). Positions are physical lines and byte columns, 1-based.
    /// </summary>
    internal sealed class LogicalLineReader
    {
        private readonly string _s;
        private readonly StringBuilder _sb = new StringBuilder();
        private int _pos;
        private int _line = 1;
        private int _lineStart;

        public LogicalLineReader(string text)
        {
            _s = text;
        }

        /// <summary>Called with the line and column of a /* that never closes.</summary>
        public Action<int, int>? UnterminatedComment { get; set; }

        /// <summary>Physical line of the next logical line.</summary>
        public int NextLine => _line;

        public bool AtEnd => _pos >= _s.Length;

        public bool Next(out string text, out int firstLine, out List<ColumnAnchor>? anchors)
        {
            anchors = null;
            firstLine = _line;
            text = string.Empty;
            if (_pos >= _s.Length) return false;
            _sb.Clear();
            string s = _s;
            while (_pos < s.Length)
            {
                char c = s[_pos];
                if (c == '\n') { _pos++; NewLine(); break; }
                if (c == '\r' && _pos + 1 < s.Length && s[_pos + 1] == '\n') { _pos += 2; NewLine(); break; }
                if (c == '\\' && SpliceLength(_pos) is int n && n > 0) { _pos += n; NewLine(); Anchor(ref anchors); continue; }
                if (c == '/' && _pos + 1 < s.Length && s[_pos + 1] == '*') { BlockComment(); Anchor(ref anchors); continue; }
                if (c == '/' && _pos + 1 < s.Length && s[_pos + 1] == '/') { LineComment(); continue; }
                if (c == '"' || c == '\'') { Quoted(c, ref anchors); continue; }
                _sb.Append(c);
                _pos++;
            }
            text = _sb.ToString();
            return true;
        }

        private void NewLine()
        {
            _line++;
            _lineStart = _pos;
        }

        private void Anchor(ref List<ColumnAnchor>? anchors)
        {
            (anchors ??= new List<ColumnAnchor>()).Add(new ColumnAnchor(_sb.Length, _line, _pos - _lineStart + 1));
        }

        /// <summary>Length of a backslash, optional blanks, newline at <paramref name="p"/>; 0 if none.</summary>
        private int SpliceLength(int p)
        {
            int q = p + 1;
            while (q < _s.Length && (_s[q] == ' ' || _s[q] == '\t' || _s[q] == '\f' || _s[q] == '\v')) q++;
            if (q < _s.Length && _s[q] == '\n') return q + 1 - p;
            if (q + 1 < _s.Length && _s[q] == '\r' && _s[q + 1] == '\n') return q + 2 - p;
            return 0;
        }

        private void BlockComment()
        {
            int line = _line, column = _pos - _lineStart + 1;
            _pos += 2;
            while (_pos < _s.Length)
            {
                char c = _s[_pos];
                if (c == '*' && _pos + 1 < _s.Length && _s[_pos + 1] == '/') { _pos += 2; _sb.Append(' '); return; }
                _pos++;
                if (c == '\n') NewLine();
            }
            UnterminatedComment?.Invoke(line, column);
            _sb.Append(' ');
        }

        private void LineComment()
        {
            while (_pos < _s.Length)
            {
                char c = _s[_pos];
                if (c == '\\' && SpliceLength(_pos) is int n && n > 0) { _pos += n; NewLine(); continue; }
                if (c == '\n' || (c == '\r' && _pos + 1 < _s.Length && _s[_pos + 1] == '\n')) break;
                _pos++;
            }
            _sb.Append(' ');
        }

        /// <summary>A literal closed on its logical line is copied whole; otherwise only the quote.</summary>
        private void Quoted(char quote, ref List<ColumnAnchor>? anchors)
        {
            int pos = _pos, line = _line, lineStart = _lineStart, length = _sb.Length, anchorCount = anchors?.Count ?? 0;
            _sb.Append(quote);
            _pos++;
            while (_pos < _s.Length)
            {
                char c = _s[_pos];
                if (c == '\\' && SpliceLength(_pos) is int n && n > 0) { _pos += n; NewLine(); Anchor(ref anchors); continue; }
                if (c == '\n' || (c == '\r' && _pos + 1 < _s.Length && _s[_pos + 1] == '\n')) break;
                _sb.Append(c);
                _pos++;
                if (c == quote) return;
                if (c == '\\' && _pos < _s.Length && _s[_pos] != '\n' && SpliceLength(_pos) == 0)
                {
                    _sb.Append(_s[_pos]);
                    _pos++;
                }
            }
            // Unclosed: back to just after the quote.
            _pos = pos + 1;
            _line = line;
            _lineStart = lineStart;
            _sb.Length = length + 1;
            if (anchors != null && anchors.Count > anchorCount) anchors.RemoveRange(anchorCount, anchors.Count - anchorCount);
        }
    }
}

using System.Globalization;
using System.Text;
using Xen.Shm.Preprocessor.Lexing;

namespace Xen.Shm.Preprocessor.Output
{
    /// <summary>
    /// c-ppoutput.cc: prints tokens with cpp's spacing (PREV_WHITE, padding, cpp_avoid_paste), one
    /// output line per source line, blank lines for gaps under 8 lines and GNU line markers
    /// (<c># 12 "file" 1</c>) otherwise and at every file change, so dtc maps positions back.
    /// </summary>
    internal sealed class PpPrinter
    {
        private readonly StringBuilder _sb = new StringBuilder(1 << 16);
        private readonly long _limit;
        private PpToken? _prev;
        private PpToken? _source;
        private bool _avoidPaste;
        private bool _printed;
        private int _srcLine;
        private string _srcFile = string.Empty;

        public PpPrinter(long limit)
        {
            _limit = limit;
        }

        public bool Overflowed => _sb.Length > _limit;

        public void Print(PpToken t)
        {
            if (t.Kind == PpKind.Padding)
            {
                _avoidPaste = true;
                if (_source == null || (!_source.PrevWhite && t.Source == null)) _source = t.Source;
                return;
            }
            if (t.Kind == PpKind.Placemarker) return;
            if (_avoidPaste)
            {
                var src = _source ?? t;
                if (src.PrevWhite || (_prev != null && AvoidPaste.Needed(_prev, t)) || (_prev == null && t.Is("#"))) _sb.Append(' ');
            }
            else if (t.PrevWhite) _sb.Append(' ');
            _avoidPaste = false;
            _source = null;
            _prev = t;
            _sb.Append(t.Text);
            _printed = true;
        }

        /// <summary>cb_line_change: a new source line; indentation approximated as cpp does (column - 2 spaces).</summary>
        public void LineChange(int line, string file, int column)
        {
            SyncLine(line, file);
            _prev = null;
            _source = null;
            for (int i = 0; i < column - 2; i++) _sb.Append(' ');
            _printed = true;
        }

        /// <summary>maybe_print_line: end the current line, then newlines (under 8) or a marker.</summary>
        public void SyncLine(int line, string file)
        {
            if (_printed)
            {
                _sb.Append('\n');
                _srcLine++;
                _printed = false;
            }
            if (file == _srcFile && line >= _srcLine && line < _srcLine + 8)
            {
                while (line > _srcLine)
                {
                    _sb.Append('\n');
                    _srcLine++;
                }
            }
            else Marker(line, file, string.Empty);
        }

        /// <summary>print_line_1: <c># line "file"flags</c>.</summary>
        public void Marker(int line, string file, string flags)
        {
            if (_printed) _sb.Append('\n');
            _printed = false;
            _sb.Append("# ").Append(line.ToString(CultureInfo.InvariantCulture)).Append(' ')
               .Append(Engine.PpEngine.Quote(file)).Append(flags).Append('\n');
            _srcLine = line;
            _srcFile = file;
        }

        /// <summary>A line cpp passes through whole (#pragma).</summary>
        public void RawLine(int line, string file, string text)
        {
            SyncLine(line, file);
            _sb.Append(text);
            _printed = true;
            _prev = null;
        }

        public byte[] ToBytes()
        {
            if (_printed) _sb.Append('\n');
            _printed = false;
            return Engine.PpEngine.Latin1(_sb);
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Xen.Shm.Diagnostics;
using Xen.Shm.Inputs;
using Xen.Shm.Preprocessor.Lexing;

namespace Xen.Shm.Preprocessor.Engine
{
    internal sealed partial class PpEngine
    {
        private readonly Stack<PpToken> _lookahead = new Stack<PpToken>();
        private readonly HashSet<string> _pragmaOnce = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>
        /// libcpp _cpp_lex_token: the next token of the current file; handles directives at line
        /// starts, skips excluded groups, leaves included files at their end (cpp's EOF only at the
        /// end of the main file, or of any file while an argument list is being read).
        /// </summary>
        private PpToken LexToken()
        {
            if (_lookahead.Count > 0) return LineStart(_lookahead.Pop());
            while (true)
            {
                var f = _frame!;
                if (_stopped) return End(f);
                if (f.TokenIndex < f.Tokens.Count) return LineStart(f.Tokens[f.TokenIndex++]);
                if (!f.Reader.Next(out string text, out int line, out var anchors))
                {
                    if (_parsingArgs > 0 || !PopFrame()) return End(f);
                    continue;
                }
                var tokens = LineLexer.Lex(text, 0, f.PresumedName, line, f.LineDelta, anchors);
                if (tokens.Count > 0 && tokens[0].Is("#") && HandleDirective(f, tokens, text)) continue;
                if (f.Skipping || tokens.Count == 0) continue;
                tokens[0].StartsLine = true;
                if (_parsingArgs > 0) tokens[0].PrevWhite = true; // a newline inside arguments is white space
                f.Tokens = tokens;
                f.TokenIndex = 0;
            }
        }

        /// <summary>c-ppoutput.cc cb_line_change: a token that starts a source line, outside arguments, starts an output line.</summary>
        private PpToken LineStart(PpToken t)
        {
            if (t.StartsLine && _parsingArgs == 0) _printer.LineChange(t.Line, t.File, t.Column);
            return t;
        }

        private static PpToken End(SourceFrame f) =>
            new PpToken(PpKind.EndOfInput, string.Empty, false, f.PresumedName, f.NextPresumedLine, 1);

        private void PushFrame(string path, string text, int foundInDir, bool enter)
        {
            var parent = _frame;
            if (enter && parent != null) _printer.SyncLine(parent.NextPresumedLine - 1, parent.PresumedName);
            var frame = new SourceFrame(path, text, parent, foundInDir);
            frame.Reader.UnterminatedComment = (line, column) =>
                Report(DiagnosticCodes.PpUnterminatedComment, new SourceSpan(frame.PresumedName, line + frame.LineDelta, column), "unterminated comment");
            _frame = frame;
            _printer.Marker(1, path, enter ? " 1" : string.Empty);
        }

        /// <summary>End of a file: unclosed groups are errors; back in the includer with a flag-2 marker.</summary>
        private bool PopFrame()
        {
            var f = _frame!;
            foreach (var c in f.Conditionals)
                Report(DiagnosticCodes.PpUnterminatedConditional, c.At, "unterminated #" + c.Directive);
            f.Conditionals.Clear();
            if (f.Parent == null) return false;
            _frame = f.Parent;
            _includeDepth--;
            _printer.Marker(_frame.NextPresumedLine, _frame.PresumedName, " 2");
            return true;
        }

        /// <summary>Reads a whole file as Latin-1 (one char per byte: bytes pass through unchanged); null after reporting.</summary>
        private string? ReadSource(string path, SourceSpan at)
        {
            var kind = InputFile.KindOf(path, out long size);
            if (kind == InputFileKind.Missing)
                return Unreadable(DiagnosticCodes.PpIncludeNotFound, at, path + ": No such file or directory");
            if (kind != InputFileKind.Regular)
                return Unreadable(DiagnosticCodes.PpInputUnreadable, at, $"{path}: {InputFile.Describe(kind)}, not a regular file");
            if (size > _options.MaxInputBytes)
                return Unreadable(DiagnosticCodes.PpInputUnreadable, at, $"{path}: {size} bytes, more than the {_options.MaxInputBytes} read from one file");
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                return Unreadable(DiagnosticCodes.PpInputUnreadable, at, path + ": " + (e is UnauthorizedAccessException ? "Permission denied" : e.Message));
            }
            if (_dependencySet.Add(path)) _dependencies.Add(path);
            return Latin1(bytes);
        }

        private string? Unreadable(DiagnosticDescriptor code, SourceSpan at, string message)
        {
            Report(code, at, message);
            _stopped = true; // cpp: "fatal error: …", compilation terminated
            return null;
        }

        internal static string Latin1(byte[] bytes)
        {
            var chars = new char[bytes.Length];
            for (int i = 0; i < bytes.Length; i++) chars[i] = (char)bytes[i];
            return new string(chars);
        }

        internal static byte[] Latin1(StringBuilder text)
        {
            var bytes = new byte[text.Length];
            for (int i = 0; i < bytes.Length; i++) bytes[i] = unchecked((byte)text[i]);
            return bytes;
        }

        /// <summary>libcpp append_file_to_dir: "" + name is name; a '/' is added unless the folder ends in one.</summary>
        internal static string Join(string dir, string name)
        {
            if (dir.Length == 0 || Path.IsPathRooted(name)) return name;
            char last = dir[dir.Length - 1];
            return last == '/' || last == '\\' ? dir + name : dir + "/" + name;
        }

        private static string FullPath(string path)
        {
            try
            {
                return Path.GetFullPath(path);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
            {
                return path;
            }
        }
    }
}

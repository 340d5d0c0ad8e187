using System.Collections.Generic;
using System.Text;
using Xen.Shm.Diagnostics;
using Xen.Shm.Inputs;
using Xen.Shm.Preprocessor.Lexing;

namespace Xen.Shm.Preprocessor.Engine
{
    internal sealed partial class PpEngine
    {
        /// <summary>
        /// #include "f" (the includer's folder, then each -I), &lt;f&gt; (each -I), #include_next (the -I
        /// after the one the includer came from), or a macro-expanded form. Not found stops, as cpp's fatal error.
        /// </summary>
        private void DoInclude(SourceFrame f, List<PpToken> tokens, string text)
        {
            var d = tokens[1];
            if (!HeaderName(tokens, text, out string name, out bool angle)) return;
            if (name.Length == 0)
            {
                Report(DiagnosticCodes.PpIncludeSyntax, d, $"empty filename in #{d.Text}");
                return;
            }
            if (_includeDepth + 1 >= _options.MaxIncludeDepth)
            {
                Report(DiagnosticCodes.PpIncludeTooDeep, d, $"#include nested depth {_includeDepth + 1} exceeds maximum of {_options.MaxIncludeDepth}");
                return;
            }
            string? path = Resolve(f, name, angle, d.Text == "include_next", out int dirIndex);
            if (path == null)
            {
                Stop(DiagnosticCodes.PpIncludeNotFound, tokens[2], name + ": No such file or directory");
                return;
            }
            if (_pragmaOnce.Count > 0 && _pragmaOnce.Contains(FullPath(path))) return;
            if (++_filesOpened > _options.MaxIncludedFiles)
            {
                Stop(DiagnosticCodes.PpTooManyIncludes, d, $"more than {_options.MaxIncludedFiles} files included");
                return;
            }
            string? source = ReadSource(path, Span(tokens[2]));
            if (source == null) return;
            _includeDepth++;
            PushFrame(path, source, dirIndex, enter: true);
        }

        private bool HeaderName(List<PpToken> tokens, string text, out string name, out bool angle)
        {
            var d = tokens[1];
            int p = d.Offset + d.Text.Length;
            while (p < text.Length && LineLexer.IsBlank(text[p])) p++;
            char open = p < text.Length ? text[p] : '\0';
            int close = open == '"' ? text.IndexOf('"', p + 1) : open == '<' ? text.IndexOf('>', p + 1) : -1;
            if (close > 0)
            {
                name = text.Substring(p + 1, close - p - 1);
                angle = open == '<';
                var after = LineLexer.Lex(text, close + 1, d.File, d.Line, 0, null);
                if (after.Count > 0) Report(DiagnosticCodes.PpExtraTokens, d, $"extra tokens at end of #{d.Text} directive");
                return true;
            }
            return ComputedHeaderName(tokens, d, out name, out angle);
        }

        /// <summary>#include MACRO: the expansion must be a string or &lt; … &gt; (spelled with its spaces).</summary>
        private bool ComputedHeaderName(List<PpToken> tokens, PpToken d, out string name, out bool angle)
        {
            name = string.Empty;
            angle = false;
            var expanded = tokens.Count > 2 ? ExpandDirectiveLine(tokens, 2, d, evaluateDefined: false) : null;
            if (expanded != null && expanded.Count > 0 && expanded[0].Kind == PpKind.String)
            {
                name = expanded[0].Text.Substring(1, expanded[0].Text.Length - 2);
                return true;
            }
            if (expanded != null && expanded.Count > 1 && expanded[0].Is("<"))
            {
                var sb = new StringBuilder();
                for (int i = 1; i < expanded.Count && !expanded[i].Is(">"); i++)
                    sb.Append(i > 1 && expanded[i].PrevWhite ? " " : string.Empty).Append(expanded[i].Text);
                name = sb.ToString();
                angle = true;
                return true;
            }
            Report(DiagnosticCodes.PpIncludeSyntax, d, $"#{d.Text} expects \"FILENAME\" or <FILENAME>");
            return false;
        }

        private string? Resolve(SourceFrame f, string name, bool angle, bool next, out int dirIndex)
        {
            dirIndex = -1;
            if (!angle && !(next && f.FoundInDir >= 0) && Exists(Join(f.Dir, name))) return Join(f.Dir, name);
            int first = next && f.FoundInDir >= 0 ? f.FoundInDir + 1 : 0;
            for (int i = first; i < _options.IncludeDirs.Count; i++)
            {
                string candidate = Join(_options.IncludeDirs[i], name);
                if (!Exists(candidate)) continue;
                dirIndex = i;
                return candidate;
            }
            return null;
        }

        /// <summary>A folder is skipped (libcpp open_file: ENOENT); a FIFO or device is found, then refused by ReadSource.</summary>
        private static bool Exists(string path)
        {
            var kind = InputFile.KindOf(path, out _);
            return kind == InputFileKind.Regular || kind == InputFileKind.Special;
        }

        /// <summary>#line N ["file"] and GNU markers <c># N "file" flags</c>: the next line is N of file.</summary>
        private void DoLine(SourceFrame f, List<PpToken> tokens, int start, bool marker)
        {
            var d = tokens[start - 1];
            var args = marker ? tokens.GetRange(start, tokens.Count - start) : ExpandDirectiveLine(tokens, start, d, evaluateDefined: false);
            if (args == null) return;
            if (args.Count == 0 || args[0].Kind != PpKind.Number || !uint.TryParse(args[0].Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out uint line))
            {
                Report(DiagnosticCodes.PpBadLineDirective, args.Count > 0 ? args[0] : d, $"\"{(args.Count > 0 ? args[0].Text : string.Empty)}\" after #{(marker ? string.Empty : "line")} is not a positive integer");
                return;
            }
            string flags = string.Empty;
            if (args.Count > 1)
            {
                if (args[1].Kind != PpKind.String)
                {
                    Report(DiagnosticCodes.PpBadLineDirective, args[1], $"invalid filename \"{args[1].Text}\"");
                    return;
                }
                f.PresumedName = Unquote(args[1].Text);
                for (int i = 2; marker && i < args.Count; i++) flags += " " + args[i].Text;
            }
            f.LineDelta = (int)System.Math.Min(line, int.MaxValue) - f.Reader.NextLine;
            _printer.Marker(f.NextPresumedLine, f.PresumedName, flags);
        }

        private static string Unquote(string literal)
        {
            var sb = new StringBuilder();
            for (int i = 1; i < literal.Length - 1; i++)
            {
                if (literal[i] == '\\' && i + 1 < literal.Length - 1) i++;
                sb.Append(literal[i]);
            }
            return sb.ToString();
        }
    }
}

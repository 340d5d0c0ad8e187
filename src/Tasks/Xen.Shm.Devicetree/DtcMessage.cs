using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Devicetree
{
    /// <summary>How bad a <see cref="DtcMessage"/> is.</summary>
    public enum DtcSeverity
    {
        Warning,
        Error,

        /// <summary>dtc's die(): the run stops.</summary>
        Fatal,
    }

    /// <summary>
    /// One line (or block) dtc would print on stderr, with its parts. <see cref="ToString"/> renders
    /// exactly dtc 1.6.1's text, e.g. <c>in.dts:3.9-22: Warning (reg_format): /n@1:reg: property has invalid length …</c>
    /// or <c>Error: in.dts:2.5-6 syntax error</c>.
    /// </summary>
    public sealed class DtcMessage
    {
        private readonly string _rendered;
        private readonly bool _noNewline;

        private readonly DiagnosticDescriptor? _code;

        private DtcMessage(DtcSeverity severity, SourceSpan span, string? checkName, string text, string rendered, bool noNewline = false,
            DiagnosticDescriptor? code = null)
        {
            _code = code;
            _noNewline = noNewline;
            Severity = severity;
            Span = span;
            CheckName = checkName;
            Text = text;
            _rendered = rendered;
        }

        public DtcSeverity Severity { get; }

        /// <summary>File and dtc positions: Line.Column to EndLine.EndColumn (end column exclusive). Empty if none.</summary>
        public SourceSpan Span { get; }

        public string? File => Span.IsEmpty ? null : Span.File;
        public int Line => Span.Line;
        public int Column => Span.Column;
        public int EndLine => Span.EndLine;
        public int EndColumn => Span.EndColumn;

        /// <summary>dtc check name (<c>reg_format</c>, <c>duplicate_node_names</c>, …) for check messages.</summary>
        public string? CheckName { get; }

        /// <summary>The message proper, without position and prefix.</summary>
        public string Text { get; }

        /// <summary>Exactly what dtc prints (may span lines; no trailing newline unless dtc's text has an extra one).</summary>
        public override string ToString() => _rendered;

        /// <summary>All messages as dtc writes them to stderr.</summary>
        public static string Render(IEnumerable<DtcMessage> messages)
        {
            var sb = new StringBuilder();
            foreach (var m in messages)
            {
                sb.Append(m._rendered);
                if (!m._noNewline) sb.Append('\n');
            }
            return sb.ToString();
        }

        /// <summary>srcpos.c srcpos_string.</summary>
        public static string FormatPosition(SourceSpan s)
        {
            var c = CultureInfo.InvariantCulture;
            string f = string.IsNullOrEmpty(s.File) ? "<no-file>" : s.File;
            if (s.Line != s.EndLine)
                return string.Format(c, "{0}:{1}.{2}-{3}.{4}", f, s.Line, s.Column, s.EndLine, s.EndColumn);
            if (s.Column != s.EndColumn)
                return string.Format(c, "{0}:{1}.{2}-{3}", f, s.Line, s.Column, s.EndColumn);
            return string.Format(c, "{0}:{1}.{2}", f, s.Line, s.Column);
        }

        internal static DtcMessage ParseError(string prefix, SourceSpan span, string text) =>
            new DtcMessage(DtcSeverity.Error, span, null, text, prefix + ": " + FormatPosition(span) + " " + text);

        internal static DtcMessage Fatal(string text) => Fatal(text, null, default);

        /// <summary>A fatal stop; with <paramref name="code"/>, one of ours (XSHM3006/3007) at <paramref name="span"/>, printed as dtc prints die().</summary>
        internal static DtcMessage Fatal(string text, DiagnosticDescriptor? code, SourceSpan span)
        {
            // die() text carries its own newline (mostly); we store lines without the final one.
            bool newline = text.EndsWith("\n", System.StringComparison.Ordinal);
            string t = newline ? text.Substring(0, text.Length - 1) : text;
            return new DtcMessage(DtcSeverity.Fatal, code is null ? default : span, null, t, "FATAL ERROR: " + t, noNewline: !newline, code);
        }

        /// <summary>A preprocessor diagnostic (XSHM36xx), printed as cpp prints it: <c>file:line:col: error: text</c>.</summary>
        internal static DtcMessage FromPreprocessor(Diagnostic d)
        {
            var c = CultureInfo.InvariantCulture;
            bool error = d.IsError;
            string where = d.Span.IsEmpty ? string.Empty : string.Format(c, "{0}:{1}:{2}: ", d.Span.File, d.Span.Line, d.Span.Column);
            string rendered = where + (error ? "error: " : "warning: ") + d.Message;
            var span = d.Span.IsEmpty ? default : new SourceSpan(d.Span.File, d.Span.Line, d.Span.Column, d.Span.Line, d.Span.EndColumn + 1);
            return new DtcMessage(error ? DtcSeverity.Error : DtcSeverity.Warning, span, null, d.Message, rendered, code: d.Descriptor);
        }

        internal static DtcMessage Plain(DtcSeverity severity, string text, bool noNewline = false) =>
            new DtcMessage(severity, default, null, text, text, noNewline);

        internal static DtcMessage Check(bool error, string checkName, SourceSpan span, string text, string rendered) =>
            new DtcMessage(error ? DtcSeverity.Error : DtcSeverity.Warning, span, checkName, text, rendered);

        internal static string Where(string? position, string outName) => position ?? outName;

        /// <summary>
        /// This message as a project <see cref="Diagnostic"/> (codes XSHM3001–3005). The span keeps dtc's
        /// 1-based line and column; the end column is made inclusive for MSBuild.
        /// </summary>
        public Diagnostic ToDiagnostic()
        {
            DiagnosticDescriptor d;
            if (_code != null) d = _code;
            else if (CheckName != null) d = Severity == DtcSeverity.Error ? DiagnosticCodes.DtcCheckError : DiagnosticCodes.DtcCheckWarning;
            else if (Severity == DtcSeverity.Fatal) d = DiagnosticCodes.DtcFatal;
            else if (!Span.IsEmpty) d = DiagnosticCodes.DtsSyntaxError;
            else d = Severity == DtcSeverity.Error ? DiagnosticCodes.DtcCheckError : DiagnosticCodes.DtcOtherWarning;
            var span = Span.IsEmpty ? SourceSpan.None
                : new SourceSpan(Span.File, Span.Line, Span.Column, Span.EndLine, System.Math.Max(Span.Column, Span.EndColumn - 1));
            var sev = Severity == DtcSeverity.Warning ? Diagnostics.Severity.Warning : Diagnostics.Severity.Error;
            string text = CheckName != null ? CheckName + ": " + Text.TrimEnd('\n') : Text;
            return new Diagnostic(d, sev, text, span);
        }
    }
}

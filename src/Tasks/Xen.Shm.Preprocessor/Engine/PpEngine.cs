using System.Collections.Generic;
using System.Globalization;
using Xen.Shm.Diagnostics;
using Xen.Shm.Preprocessor.Lexing;
using Xen.Shm.Preprocessor.Macros;
using Xen.Shm.Preprocessor.Output;

namespace Xen.Shm.Preprocessor.Engine
{
    /// <summary>
    /// One preprocessing run, shaped like libcpp's cpp_reader: a stack of files (lexer), a stack of
    /// macro contexts (expander), the directives, and the printer of c-ppoutput.cc's
    /// scan_translation_unit. Split over files by concern (Engine, Macros, Directives, Expressions).
    /// </summary>
    internal sealed partial class PpEngine
    {
        private readonly PreprocessorOptions _options;
        private readonly List<Diagnostic> _diagnostics = new List<Diagnostic>();
        private readonly Dictionary<string, Macro> _macros = new Dictionary<string, Macro>(System.StringComparer.Ordinal);
        private readonly List<string> _dependencies = new List<string>();
        private readonly HashSet<string> _dependencySet = new HashSet<string>(System.StringComparer.Ordinal);
        private readonly PpPrinter _printer;
        private SourceFrame? _frame;
        private int _includeDepth;
        private int _filesOpened;
        private string _baseFile = string.Empty;

        /// <summary>A stop like cpp's fatal errors (missing #include) or a limit: nothing more is read.</summary>
        private bool _stopped;

        public PpEngine(PreprocessorOptions options)
        {
            _options = options;
            _printer = new PpPrinter(options.MaxOutputBytes);
            DefineBuiltins();
        }

        public PreprocessResult RunFile(string path)
        {
            _baseFile = path;
            string? text = ReadSource(path, default);
            if (text != null) Run(path, text);
            return Finish();
        }

        public PreprocessResult RunText(string text, string fileName)
        {
            _baseFile = fileName;
            Run(fileName, text);
            return Finish();
        }

        private void Run(string name, string text)
        {
            PushFrame(name, text, -1, enter: false);
            while (true)
            {
                var t = NextToken();
                if (t.Kind == PpKind.EndOfInput) break;
                _printer.Print(t);
                if (_printer.Overflowed) Stop(DiagnosticCodes.PpExpansionTooLarge, t, $"preprocessed output exceeds {_options.MaxOutputBytes} bytes");
            }
        }

        private PreprocessResult Finish() =>
            new PreprocessResult(_printer.ToBytes(), _diagnostics, _dependencies);

        internal void Report(DiagnosticDescriptor code, SourceSpan at, string message) =>
            _diagnostics.Add(code.Create(at, message));

        internal void Report(DiagnosticDescriptor code, PpToken at, string message) =>
            Report(code, Span(at), message);

        private void Stop(DiagnosticDescriptor code, PpToken at, string message)
        {
            if (_stopped) return;
            Report(code, at, message);
            _stopped = true;
        }

        internal static SourceSpan Span(PpToken t) => new SourceSpan(t.File, t.Line, t.Column, t.Line, t.Column + System.Math.Max(0, t.Text.Length - 1));

        private static string Str(long n) => n.ToString(CultureInfo.InvariantCulture);
    }
}

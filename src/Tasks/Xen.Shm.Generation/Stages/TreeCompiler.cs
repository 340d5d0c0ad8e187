using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Generation.Stages
{
    /// <summary>The compiler calls every stage shares, and how their messages become diagnostics.</summary>
    internal static class TreeCompiler
    {
        public static DtcResult Compile(string source, string name, IReadOnlyList<string> includeDirs)
        {
            var options = new DtcOptions();
            options.IncludeDirs.AddRange(includeDirs);
            return Dtc.Compile(source, name, options);
        }

        /// <summary>A generated tree's bytes, or null after XSHM6002.</summary>
        public static byte[]? Generated(DtcResult r, string name, SourceSpan span, DiagnosticBag diagnostics)
        {
            if (r.Succeeded && r.Output != null) return r.Output;
            diagnostics.Add(DiagnosticCodes.GeneratedTreeDoesNotCompile, span, $"generated '{name}' does not compile: {FirstError(r.Messages)}");
            return null;
        }

        /// <summary>Where dtc saw the first error (the board.dts line), else the YAML's deviceTree value.</summary>
        public static SourceSpan FirstErrorSpan(IReadOnlyList<DtcMessage> messages, SourceSpan fallback)
        {
            var first = messages.FirstOrDefault(m => m.Severity != DtcSeverity.Warning && !m.Span.IsEmpty);
            return first == null ? fallback : first.ToDiagnostic().Span;
        }

        // The compiler's own errors that have a place in the user's source (a syntax error, an
        // /incbin/ of a FIFO) also go out at that place, so the IDE can jump to the line (issue 17).
        public static void AtTheirPositions(IReadOnlyList<DtcMessage> messages, DiagnosticBag diagnostics)
        {
            foreach (var m in messages)
                if (m.Severity != DtcSeverity.Warning && !m.Span.IsEmpty) diagnostics.Add(m.ToDiagnostic());
        }

        public static string FirstError(IReadOnlyList<DtcMessage> messages)
        {
            string text = DtcMessage.Render(messages).Trim();
            int nl = text.IndexOf('\n');
            foreach (var line in text.Split('\n'))
                if (line.IndexOf("ERROR", StringComparison.OrdinalIgnoreCase) >= 0 || line.IndexOf("FATAL", StringComparison.OrdinalIgnoreCase) >= 0)
                    return line.Trim();
            return nl < 0 ? text : text.Substring(0, nl);
        }

        public static byte[] Utf8(string s) => new UTF8Encoding(false).GetBytes(s);
    }
}

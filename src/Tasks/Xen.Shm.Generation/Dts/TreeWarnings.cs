using System;
using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Generation.Dts
{
    /// <summary>
    /// dtc's warnings on the trees the boot loads (the patched host tree, the partial trees) as
    /// XSHM3003/3005 warnings with dtc's check name, at the line dtc names. The host tree is the
    /// board source followed by our blocks: lines up to the board's last are the board's own
    /// (board.dts or the file it /include/s), later ones are in the generated host.dts. The
    /// overlay is left out: compiled without its base tree, dtc always warns about it.
    /// </summary>
    internal static class TreeWarnings
    {
        /// <param name="compiledAs">The name the tree was compiled under (the spans' file).</param>
        /// <param name="sourceLines">Lines that are the user's source (board.dts); 0 when the text is ours.</param>
        /// <param name="generatedPath">Boot-folder-relative path of the generated source (host.dts, domU1/domU1.dts).</param>
        /// <param name="fallback">Where a warning without a position goes.</param>
        public static void Add(DtcResult result, string compiledAs, int sourceLines, string generatedPath, SourceSpan fallback, DiagnosticBag diagnostics)
        {
            foreach (var m in result.Messages)
            {
                if (m.Severity != DtcSeverity.Warning) continue;
                var d = m.ToDiagnostic();
                var s = d.Span;
                // dtc's own words after its position: "Warning (check): /node: text".
                string rendered = m.ToString().TrimEnd('\n');
                string marker = $"Warning ({m.CheckName}): ";
                int at = m.CheckName is null ? -1 : rendered.LastIndexOf(marker, StringComparison.Ordinal);
                string text = at >= 0 ? $"dtc warning ({m.CheckName}): {rendered.Substring(at + marker.Length)}"
                    : m.CheckName is null ? "dtc warning: " + m.Text.TrimEnd('\n') : $"dtc warning ({m.CheckName}): {m.Text.TrimEnd('\n')}";
                SourceSpan span = s.IsEmpty ? fallback
                    : string.Equals(s.File, compiledAs, StringComparison.Ordinal) && s.Line > sourceLines
                        ? new SourceSpan(generatedPath, s.Line, s.Column, s.EndLine, s.EndColumn)
                        : s;
                diagnostics.Add(new Diagnostic(d.Descriptor, Severity.Warning, text, span));
            }
        }

        /// <summary>Lines of a source text as dtc counts them (a last line without newline counts).</summary>
        public static int Lines(string? text)
        {
            if (string.IsNullOrEmpty(text)) return 0;
            int n = 0;
            foreach (char c in text!) if (c == '\n') n++;
            return text![text.Length - 1] == '\n' ? n : n + 1;
        }
    }
}

using System.Collections.Generic;
using Xen.Shm.Diagnostics;
using Xen.Shm.Preprocessor.Lexing;

namespace Xen.Shm.Preprocessor.Engine
{
    internal sealed partial class PpEngine
    {
        /// <summary>
        /// libcpp _cpp_handle_directive for a line starting with '#'. False: no directive, the line is
        /// text (assembler mode: <c>#address-cells = &lt;1&gt;;</c> or any unknown name passes through).
        /// In a skipped group only the conditionals count.
        /// </summary>
        private bool HandleDirective(SourceFrame f, List<PpToken> tokens, string text)
        {
            bool skipping = f.Skipping;
            if (tokens.Count == 1) return true; // the null directive
            var d = tokens[1];
            // `# 33 "file"` is no line marker in assembler mode (libcpp: CPP_NUMBER && lang != CLK_ASM): text.
            if (d.Kind != PpKind.Identifier) return skipping;
            if (HandleConditional(f, d, tokens)) return true;
            if (skipping) return true;
            switch (d.Text)
            {
                case "define": DoDefine(tokens); return true;
                case "undef": DoUndef(tokens); return true;
                case "include":
                case "import":
                case "include_next": DoInclude(f, tokens, text); return true;
                case "error": DoMessage(DiagnosticCodes.PpErrorDirective, d, text); return true;
                case "warning": DoMessage(DiagnosticCodes.PpWarningDirective, d, text); return true;
                case "line": DoLine(f, tokens, 2, marker: false); return true;
                case "pragma": DoPragma(f, d, text); return true;
                case "ident":
                case "sccs":
                case "assert":
                case "unassert": return true;
                default:
                    // Printed " #name …": cpp's failed directive lookup leaves padding before the '#'
                    // (seen in GCC 12's output), which also keeps it from reading as a line marker.
                    tokens[0].PrevWhite = true;
                    return false;
            }
        }

        private bool HandleConditional(SourceFrame f, PpToken d, List<PpToken> tokens)
        {
            switch (d.Text)
            {
                case "if":
                case "ifdef":
                case "ifndef": DoIf(f, d, tokens); return true;
                case "elif": DoElif(f, d, tokens); return true;
                case "else": DoElse(f, d, tokens); return true;
                case "endif": DoEndif(f, d, tokens); return true;
                default: return false;
            }
        }

        /// <summary>#error / #warning: the rest of the line as written (comments gone), as cpp prints it.</summary>
        private void DoMessage(DiagnosticDescriptor code, PpToken d, string text)
        {
            string rest = text.Substring(d.Offset + d.Text.Length).Trim();
            Report(code, tokensSpan(d), "#" + d.Text + (rest.Length > 0 ? " " + rest : string.Empty));
        }

        private static SourceSpan tokensSpan(PpToken d) => new SourceSpan(d.File, d.Line, System.Math.Max(1, d.Column - 1));

        /// <summary>#pragma once remembers the file; any other pragma is printed, as cpp does.</summary>
        private void DoPragma(SourceFrame f, PpToken d, string text)
        {
            string rest = text.Substring(d.Offset + d.Text.Length).Trim();
            if (rest == "once")
            {
                _pragmaOnce.Add(FullPath(f.Path));
                return;
            }
            _printer.RawLine(d.Line, d.File, "#pragma " + rest);
        }

        private void ExtraTokens(List<PpToken> tokens, int used, PpToken d)
        {
            if (tokens.Count > used)
                Report(DiagnosticCodes.PpExtraTokens, tokens[used], $"extra tokens at end of #{d.Text} directive");
        }
    }
}

using System.Collections.Generic;
using Xen.Shm.Diagnostics;
using Xen.Shm.Preprocessor.Lexing;
using Xen.Shm.Preprocessor.Macros;

namespace Xen.Shm.Preprocessor.Engine
{
    internal sealed partial class PpEngine
    {
        /// <summary>libcpp _cpp_create_definition: name, parameters when '(' touches the name, body.</summary>
        private void DoDefine(List<PpToken> tokens)
        {
            var name = MacroName(tokens, "define");
            if (name == null) return;
            int p = 3;
            var parameters = new List<string>();
            bool function = false, variadic = false;
            if (p < tokens.Count && tokens[p].Is("(") && !tokens[p].PrevWhite)
            {
                function = true;
                if (!ReadParameters(tokens, ref p, parameters, out variadic)) return;
            }
            var body = ReadBody(tokens, p, function ? parameters : null);
            if (body == null) return;
            var macro = new Macro(name.Text, function, parameters, variadic, body);
            if (_macros.TryGetValue(name.Text, out var old) && !old.SameAs(macro))
                Report(DiagnosticCodes.PpMacroRedefined, name, $"\"{name.Text}\" redefined");
            _macros[name.Text] = macro;
        }

        private void DoUndef(List<PpToken> tokens)
        {
            var name = MacroName(tokens, "undef");
            if (name == null) return;
            ExtraTokens(tokens, 3, tokens[1]);
            _macros.Remove(name.Text);
        }

        private PpToken? MacroName(List<PpToken> tokens, string directive)
        {
            if (tokens.Count < 3)
            {
                Report(DiagnosticCodes.PpBadDefinition, tokens[1], $"no macro name given in #{directive} directive");
                return null;
            }
            var name = tokens[2];
            if (name.Kind != PpKind.Identifier)
            {
                Report(DiagnosticCodes.PpBadDefinition, name, "macro names must be identifiers");
                return null;
            }
            if (name.Text == "defined")
            {
                Report(DiagnosticCodes.PpBadDefinition, name, "\"defined\" cannot be used as a macro name");
                return null;
            }
            return name;
        }

        /// <summary>( a, b, ... ) or ( a, rest... ); <paramref name="p"/> ends after the ')'. GCC 12's messages.</summary>
        private bool ReadParameters(List<PpToken> tokens, ref int p, List<string> parameters, out bool variadic)
        {
            variadic = false;
            p++;
            if (p < tokens.Count && tokens[p].Is(")")) { p++; return true; }
            while (true)
            {
                if (p >= tokens.Count) return BadParameters(tokens[tokens.Count - 1], "expected parameter name before end of line");
                var t = tokens[p++];
                if (t.Is("...")) { variadic = true; parameters.Add("__VA_ARGS__"); }
                else if (t.Kind != PpKind.Identifier) return BadParameters(t, $"expected parameter name, found \"{t.Text}\"");
                else if (parameters.Contains(t.Text)) return BadParameters(t, $"duplicate macro parameter \"{t.Text}\"");
                else
                {
                    parameters.Add(t.Text);
                    if (p < tokens.Count && tokens[p].Is("...")) { variadic = true; p++; }
                }
                if (p >= tokens.Count) return BadParameters(tokens[tokens.Count - 1], "expected ')' before end of line");
                var next = tokens[p++];
                if (next.Is(")")) return true;
                if (variadic) return BadParameters(next, "expected ')' after \"...\"");
                if (!next.Is(",")) return BadParameters(next, $"expected ',' or ')', found \"{next.Text}\"");
            }
        }

        private bool BadParameters(PpToken at, string message)
        {
            Report(DiagnosticCodes.PpBadDefinition, at, message);
            return false;
        }

        /// <summary>
        /// The replacement list: parameters marked, # before a parameter a stringify (elsewhere a plain
        /// '#', assembler mode), ## folded into PASTE_LEFT of its left operand; no leading white space.
        /// </summary>
        private PpToken[]? ReadBody(List<PpToken> tokens, int p, List<string>? parameters)
        {
            var body = new List<PpToken>(tokens.Count - p);
            for (int k = p; k < tokens.Count; k++)
            {
                var t = tokens[k];
                int index = parameters == null || t.Kind != PpKind.Identifier ? -1 : parameters.IndexOf(t.Text);
                if (t.Is("#") && parameters != null && k + 1 < tokens.Count && tokens[k + 1].Kind == PpKind.Identifier &&
                    parameters.IndexOf(tokens[k + 1].Text) is int param && param >= 0)
                {
                    body.Add(new PpToken(PpKind.Stringify, "#", t.PrevWhite, t.File, t.Line, t.Column) { ParamIndex = param });
                    k++;
                    continue;
                }
                if (t.Is("##"))
                {
                    if (body.Count == 0 || k == tokens.Count - 1)
                    {
                        Report(DiagnosticCodes.PpBadDefinition, t, "'##' cannot appear at either end of a macro expansion");
                        return null;
                    }
                    body[body.Count - 1] = body[body.Count - 1].Copy(pasteLeft: true);
                    continue;
                }
                var copy = t.Copy();
                copy.ParamIndex = index;
                copy.StartsLine = false;
                body.Add(copy);
            }
            if (body.Count > 0) body[0] = body[0].Copy(prevWhite: false);
            return body.ToArray();
        }
    }
}

using System.Collections.Generic;
using System.Text;
using Xen.Shm.Preprocessor.Lexing;
using Xen.Shm.Preprocessor.Macros;

namespace Xen.Shm.Preprocessor.Engine
{
    internal sealed partial class PpEngine
    {
        /// <summary>
        /// libcpp replace_args: parameters replaced by their expanded argument (raw next to ##,
        /// stringified after #), padding around each argument; then the pastes.
        /// </summary>
        private List<PpToken> Substitute(Macro m, List<MacroArgument> args)
        {
            var body = m.Body;
            var result = new List<PpToken>(body.Length + 8);
            for (int i = 0; i < body.Length; i++)
            {
                var src = body[i];
                if (src.Kind == PpKind.Stringify)
                    result.Add(new PpToken(PpKind.String, Stringify(args[src.ParamIndex].Raw), src.PrevWhite, src.File, src.Line, src.Column) { PasteLeft = src.PasteLeft });
                else if (src.ParamIndex < 0)
                    result.Add(src);
                else if (src.PasteLeft || i > 0 && body[i - 1].PasteLeft)
                    AddRawArgument(m, args[src.ParamIndex], body, i, result);
                else
                {
                    var arg = args[src.ParamIndex];
                    arg.Expanded ??= ExpandArgument(arg.Raw);
                    if (i > 0) result.Add(PpToken.Padding(src));
                    result.AddRange(arg.Expanded);
                    result.Add(PpToken.Padding(null));
                }
            }
            return m.HasPaste ? Paste(result) : result;
        }

        /// <summary>An operand of ##: unexpanded; empty is a placemarker, or drops a GNU <c>, ## __VA_ARGS__</c> comma.</summary>
        private static void AddRawArgument(Macro m, MacroArgument arg, PpToken[] body, int i, List<PpToken> result)
        {
            var src = body[i];
            bool afterPaste = i > 0 && body[i - 1].PasteLeft;
            if (afterPaste && body[i - 1].Is(",") && m.Variadic && src.ParamIndex == m.Parameters.Count - 1)
            {
                if (arg.IsEmpty)
                {
                    result.RemoveAt(result.Count - 1);
                    return;
                }
                result[result.Count - 1] = result[result.Count - 1].Copy(pasteLeft: false);
                afterPaste = false;
            }
            if (arg.IsEmpty)
            {
                result.Add(new PpToken(PpKind.Placemarker, string.Empty, false) { PasteLeft = src.PasteLeft });
                return;
            }
            if (!afterPaste && i > 0) result.Add(PpToken.Padding(src));
            for (int k = 0; k < arg.Raw.Count; k++)
                result.Add(k == arg.Raw.Count - 1 ? arg.Raw[k].Copy(pasteLeft: src.PasteLeft) : arg.Raw[k]);
            if (!src.PasteLeft) result.Add(PpToken.Padding(null));
        }

        /// <summary>libcpp stringify_arg: spellings, one space where there was white space, \ and " escaped in literals.</summary>
        private static string Stringify(List<PpToken> raw)
        {
            var sb = new StringBuilder("\"");
            PpToken? source = null;
            foreach (var t in raw)
            {
                if (t.Kind == PpKind.Padding)
                {
                    if (source == null || (!source.PrevWhite && t.Source == null)) source = t.Source;
                    continue;
                }
                if (sb.Length > 1 && (source ?? t).PrevWhite) sb.Append(' ');
                source = null;
                if (t.Kind == PpKind.String || t.Kind == PpKind.CharLiteral)
                {
                    foreach (char c in t.Text)
                    {
                        if (c == '"' || c == '\\') sb.Append('\\');
                        sb.Append(c);
                    }
                }
                else sb.Append(t.Text);
            }
            return sb.Append('"').ToString();
        }

        /// <summary>
        /// libcpp paste_all_tokens: each ## joins spellings into one token; in assembler mode a join that
        /// is no single token keeps both, silently (paste_tokens). Each result is wrapped in padding.
        /// </summary>
        private static List<PpToken> Paste(List<PpToken> list)
        {
            var output = new List<PpToken>(list.Count);
            for (int k = 0; k < list.Count; k++)
            {
                var t = list[k];
                if (!t.PasteLeft)
                {
                    if (t.Kind != PpKind.Placemarker) output.Add(t);
                    continue;
                }
                PpToken origin = t, lhs = t;
                while (lhs.PasteLeft)
                {
                    int r = k + 1;
                    while (r < list.Count && list[r].Kind == PpKind.Padding) r++;
                    if (r >= list.Count) break;
                    var rhs = list[r];
                    k = r;
                    if (lhs.Kind == PpKind.Placemarker) lhs = rhs;
                    else if (rhs.Kind == PpKind.Placemarker) lhs = lhs.Copy(pasteLeft: rhs.PasteLeft);
                    else if (LineLexer.Single(lhs.Text + rhs.Text, lhs.PrevWhite, lhs.File, lhs.Line, lhs.Column) is PpToken pasted)
                    {
                        pasted.PasteLeft = rhs.PasteLeft;
                        lhs = pasted;
                    }
                    else
                    {
                        AddPasted(output, origin, lhs);
                        origin = lhs = rhs;
                    }
                }
                if (lhs.Kind != PpKind.Placemarker) AddPasted(output, origin, lhs);
            }
            return output;
        }

        private static void AddPasted(List<PpToken> output, PpToken origin, PpToken token)
        {
            output.Add(PpToken.Padding(origin));
            output.Add(token.PasteLeft ? token.Copy(pasteLeft: false) : token);
            output.Add(PpToken.Padding(null));
        }
    }
}

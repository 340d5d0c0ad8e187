using System.Collections.Generic;
using Xen.Shm.Diagnostics;
using Xen.Shm.Preprocessor.Lexing;
using Xen.Shm.Preprocessor.Macros;

namespace Xen.Shm.Preprocessor.Engine
{
    internal sealed partial class PpEngine
    {
        /// <summary>
        /// libcpp funlike_invocation_p + collect_args: the arguments after <paramref name="name"/>, over
        /// line ends and context ends; null (tokens after the name read again) when no '(' follows.
        /// </summary>
        private List<MacroArgument>? CollectArguments(Macro m, PpToken name)
        {
            _preventExpansion++;
            _parsingArgs++;
            try
            {
                if (!OpenParenthesisFollows()) return null;
                var args = ReadArguments(m, name);
                return args != null && CheckCount(m, name, args) ? args : null;
            }
            finally
            {
                _preventExpansion--;
                _parsingArgs--;
            }
        }

        private bool OpenParenthesisFollows()
        {
            PpToken? padding = null;
            PpToken t;
            while ((t = NextToken()).Kind == PpKind.Padding)
                if (padding == null || padding.Source == null || (!padding.Source.PrevWhite && t.Source == null)) padding = t;
            if (t.Is("(")) return true;
            Backup(t);
            if (padding != null) PushContext(null, new[] { padding });
            return false;
        }

        private List<MacroArgument>? ReadArguments(Macro m, PpToken name)
        {
            var args = new List<MacroArgument> { new MacroArgument() };
            int depth = 0;
            PpToken? last = null;
            while (true)
            {
                var t = NextToken();
                if (t.Kind != PpKind.Padding && t.Kind != PpKind.EndOfInput) last = t;
                var current = args[args.Count - 1];
                if (t.Kind == PpKind.Padding)
                {
                    if (current.Raw.Count > 0) current.Raw.Add(t); // leading padding dropped
                    continue;
                }
                if (t.Kind == PpKind.EndOfInput)
                {
                    // cpp reports where the file ended: at the last token read.
                    Report(DiagnosticCodes.PpUnterminatedArguments, last ?? name, $"unterminated argument list invoking macro \"{m.Name}\"");
                    return null;
                }
                if (t.Is("(")) depth++;
                else if (t.Is(")") && depth-- == 0) break;
                else if (t.Is(",") && depth == 0 && !(m.Variadic && args.Count == m.Parameters.Count))
                {
                    TrimPadding(current.Raw);
                    args.Add(new MacroArgument());
                    continue;
                }
                current.Raw.Add(t);
            }
            TrimPadding(args[args.Count - 1].Raw);
            return args;
        }

        private static void TrimPadding(List<PpToken> raw)
        {
            while (raw.Count > 0 && raw[raw.Count - 1].Kind == PpKind.Padding) raw.RemoveAt(raw.Count - 1);
        }

        /// <summary>libcpp _cpp_arguments_ok: () for no parameters; a missing variadic argument is empty (GNU).</summary>
        private bool CheckCount(Macro m, PpToken name, List<MacroArgument> args)
        {
            int given = args.Count, wanted = m.Parameters.Count;
            if (given == 1 && wanted == 0 && args[0].IsEmpty)
            {
                args.Clear();
                return true;
            }
            if (given == wanted) return true;
            if (given < wanted && given + 1 == wanted && m.Variadic)
            {
                args.Add(new MacroArgument());
                return true;
            }
            string message = given < wanted
                ? $"macro \"{m.Name}\" requires {wanted} arguments, but only {given} given"
                : $"macro \"{m.Name}\" passed {given} arguments, but takes just {wanted}";
            Report(DiagnosticCodes.PpArgumentCount, name, message);
            return false;
        }
    }
}

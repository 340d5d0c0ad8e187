using System;
using System.Collections.Generic;
using System.Text;
using Xen.Shm.Preprocessor.Lexing;
using Xen.Shm.Preprocessor.Macros;

namespace Xen.Shm.Preprocessor.Engine
{
    internal sealed partial class PpEngine
    {
        private int _counter;

        /// <summary>
        /// What <c>cpp -undef -x assembler-with-cpp</c> still defines (its -dM list: __STDC__,
        /// __STDC_HOSTED__, __ASSEMBLER__, plus the dynamic ones), then -D/-U. __DATE__ and __TIME__
        /// are those of SOURCE_DATE_EPOCH=0, so outputs never depend on the clock.
        /// </summary>
        private void DefineBuiltins()
        {
            DefineObject("__STDC__", "1");
            DefineObject("__STDC_HOSTED__", "1");
            DefineObject("__ASSEMBLER__", "1");
            var builtins = new Dictionary<string, BuiltinMacro>
            {
                ["__FILE__"] = BuiltinMacro.File,
                ["__LINE__"] = BuiltinMacro.Line,
                ["__BASE_FILE__"] = BuiltinMacro.BaseFile,
                ["__INCLUDE_LEVEL__"] = BuiltinMacro.IncludeLevel,
                ["__COUNTER__"] = BuiltinMacro.Counter,
                ["__DATE__"] = BuiltinMacro.Date,
                ["__TIME__"] = BuiltinMacro.Time,
            };
            foreach (var b in builtins)
                _macros[b.Key] = new Macro(b.Key, false, Array.Empty<string>(), false, Array.Empty<PpToken>(), b.Value);
            if (_options.DefineDts) DefineObject("__DTS__", "1");
            foreach (var d in _options.Defines) DefineObject(d.Key, d.Value ?? "1");
            foreach (string u in _options.Undefines) _macros.Remove(u);
        }

        /// <summary>-D NAME=VALUE: the value lexed as a macro body (cpp reads "#define NAME VALUE").</summary>
        private void DefineObject(string name, string value)
        {
            var tokens = LineLexer.Lex(value, 0, "<command-line>", 0, 0, null);
            if (tokens.Count > 0) tokens[0].PrevWhite = false;
            _macros[name] = new Macro(name, false, Array.Empty<string>(), false, tokens.ToArray());
        }

        private PpToken BuiltinToken(Macro m, PpToken at)
        {
            switch (m.Builtin)
            {
                case BuiltinMacro.File: return Literal(PpKind.String, Quote(_frame!.PresumedName), at);
                case BuiltinMacro.BaseFile: return Literal(PpKind.String, Quote(_baseFile), at);
                case BuiltinMacro.Line: return Literal(PpKind.Number, Str(_contexts.Count == 0 ? at.Line : _expansionLine), at);
                case BuiltinMacro.IncludeLevel: return Literal(PpKind.Number, Str(_includeDepth), at);
                case BuiltinMacro.Counter: return Literal(PpKind.Number, Str(_counter++), at);
                case BuiltinMacro.Date: return Literal(PpKind.String, "\"Jan  1 1970\"", at);
                default: return Literal(PpKind.String, "\"00:00:00\"", at);
            }
        }

        private static PpToken Literal(PpKind kind, string text, PpToken at) =>
            new PpToken(kind, text, false, at.File, at.Line, at.Column);

        /// <summary>A file name as a string literal (\ and " escaped, as cpp's __FILE__ and line markers).</summary>
        internal static string Quote(string name)
        {
            var sb = new StringBuilder(name.Length + 2).Append('"');
            foreach (char c in name)
            {
                if (c == '\\' || c == '"') sb.Append('\\');
                sb.Append(c);
            }
            return sb.Append('"').ToString();
        }
    }
}

using System.Collections.Generic;
using Xen.Shm.Preprocessor.Lexing;

namespace Xen.Shm.Preprocessor.Macros
{
    internal enum BuiltinMacro { None, File, Line, BaseFile, IncludeLevel, Counter, Date, Time }

    /// <summary>A #define: object- or function-like, its body with parameters marked (libcpp cpp_macro).</summary>
    internal sealed class Macro
    {
        public Macro(string name, bool isFunction, IReadOnlyList<string> parameters, bool variadic, PpToken[] body, BuiltinMacro builtin = BuiltinMacro.None)
        {
            Name = name;
            IsFunction = isFunction;
            Parameters = parameters;
            Variadic = variadic;
            Body = body;
            Builtin = builtin;
            foreach (var t in body)
                if (t.PasteLeft) HasPaste = true;
        }

        public string Name { get; }
        public bool IsFunction { get; }
        public IReadOnlyList<string> Parameters { get; }

        /// <summary>The last parameter takes the rest (<c>...</c> as __VA_ARGS__, or GNU <c>name...</c>).</summary>
        public bool Variadic { get; }
        public PpToken[] Body { get; }
        public bool HasPaste { get; }
        public BuiltinMacro Builtin { get; }

        /// <summary>libcpp NODE_DISABLED: inside its own expansion.</summary>
        public bool Disabled { get; set; }

        /// <summary>Same definition (C11 6.10.3p2): parameters, spellings and whitespace separation.</summary>
        public bool SameAs(Macro other)
        {
            if (IsFunction != other.IsFunction || Variadic != other.Variadic || Body.Length != other.Body.Length ||
                Parameters.Count != other.Parameters.Count) return false;
            for (int i = 0; i < Parameters.Count; i++)
                if (Parameters[i] != other.Parameters[i]) return false;
            for (int i = 0; i < Body.Length; i++)
            {
                PpToken a = Body[i], b = other.Body[i];
                if (a.Kind != b.Kind || a.Text != b.Text || a.ParamIndex != b.ParamIndex || a.PasteLeft != b.PasteLeft ||
                    i > 0 && a.PrevWhite != b.PrevWhite) return false;
            }
            return true;
        }
    }

    /// <summary>One collected argument: as written, and fully macro-expanded (computed once, when needed).</summary>
    internal sealed class MacroArgument
    {
        public List<PpToken> Raw { get; } = new List<PpToken>();
        public List<PpToken>? Expanded { get; set; }

        public bool IsEmpty
        {
            get
            {
                foreach (var t in Raw)
                    if (t.Kind != PpKind.Padding) return false;
                return true;
            }
        }
    }
}

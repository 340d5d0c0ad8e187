using System.Collections.Generic;
using Xen.Shm.Preprocessor.Lexing;

namespace Xen.Shm.Preprocessor.Macros
{
    /// <summary>
    /// libcpp cpp_context: tokens being read back from a macro expansion (its macro disabled until
    /// the context ends), or a barrier around an argument or directive line (ends in EOF, never read past).
    /// </summary>
    internal sealed class MacroContext
    {
        public MacroContext(Macro? macro, IReadOnlyList<PpToken> tokens, bool barrier)
        {
            Macro = macro;
            Tokens = tokens;
            Barrier = barrier;
        }

        public Macro? Macro { get; }
        public IReadOnlyList<PpToken> Tokens { get; }
        public int Position { get; set; }
        public bool Barrier { get; }
        public bool AtEnd => Position >= Tokens.Count;
    }
}

using System.Collections.Generic;

namespace Xen.Shm.Preprocessor
{
    /// <summary>
    /// What Kbuild passes to cpp for device trees (scripts/Makefile.lib dtc_cpp_flags):
    /// <c>-nostdinc -I… -undef -D__DTS__ -x assembler-with-cpp</c>, plus the limits a reader of hostile input needs.
    /// </summary>
    public sealed class PreprocessorOptions
    {
        /// <summary>-I: searched in order for <c>#include &lt;…&gt;</c>, and after the including file's folder for <c>#include "…"</c>.</summary>
        public List<string> IncludeDirs { get; } = new List<string>();

        /// <summary>-D NAME[=VALUE] in order (value null: 1, as cpp); -U NAME as a null entry in <see cref="Undefines"/>.</summary>
        public List<KeyValuePair<string, string?>> Defines { get; } = new List<KeyValuePair<string, string?>>();

        /// <summary>-U NAME, applied after the defines (cpp applies -D/-U in command-line order; callers rarely mix them).</summary>
        public List<string> Undefines { get; } = new List<string>();

        /// <summary>Define __DTS__ 1 (Kbuild's -D__DTS__). On by default.</summary>
        public bool DefineDts { get; set; } = true;

        /// <summary>cpp's -fmax-include-depth default.</summary>
        public int MaxIncludeDepth { get; set; } = 200;

        /// <summary>Files opened in one run (include bombs: a header that includes itself twice).</summary>
        public int MaxIncludedFiles { get; set; } = 100_000;

        /// <summary>Macro invocations nested inside arguments of each other.</summary>
        public int MaxExpansionDepth { get; set; } = 200;

        /// <summary>Tokens all macro expansions of one run may produce.</summary>
        public long MaxExpandedTokens { get; set; } = 50_000_000;

        /// <summary>Bytes of preprocessed text (a DTB is at most 4 GiB; kernel boards stay under 1 MiB).</summary>
        public long MaxOutputBytes { get; set; } = 256L << 20;

        /// <summary>Bytes read from one file.</summary>
        public long MaxInputBytes { get; set; } = 256L << 20;
    }
}

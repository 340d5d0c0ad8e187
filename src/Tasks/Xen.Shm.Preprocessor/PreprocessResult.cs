using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Preprocessor
{
    /// <summary>cpp's output (with GNU line markers) and messages.</summary>
    public sealed class PreprocessResult
    {
        internal PreprocessResult(byte[] output, IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<string> dependencies)
        {
            Output = output;
            Diagnostics = diagnostics;
            Dependencies = dependencies;
        }

        /// <summary>The preprocessed text, bytes as read (no decoding: what dtc reads from cpp's pipe).</summary>
        public byte[] Output { get; }

        /// <summary>Errors and warnings, positioned at the presumed file and line (as cpp prints them).</summary>
        public IReadOnlyList<Diagnostic> Diagnostics { get; }

        /// <summary>Every file read, main file first, each once, as named when opened.</summary>
        public IReadOnlyList<string> Dependencies { get; }

        /// <summary>cpp's exit status would be non-zero.</summary>
        public bool HasErrors => Diagnostics.Any(d => d.IsError);
    }
}

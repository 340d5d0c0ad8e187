using System;
using System.Collections.Generic;

namespace Xen.Shm.Topology
{
    /// <summary>
    /// How a device-tree source is preprocessed (Kbuild's cpp step, built in): cpp's -I folders (full
    /// paths, in order, after the source's own folder) and -D NAME[=VALUE] defines.
    /// </summary>
    public sealed class DtsPreprocessing
    {
        public static readonly DtsPreprocessing None = new DtsPreprocessing(Array.Empty<string>(), Array.Empty<KeyValuePair<string, string?>>());

        public DtsPreprocessing(IReadOnlyList<string> includeDirs, IReadOnlyList<KeyValuePair<string, string?>> defines)
        {
            IncludeDirs = includeDirs;
            Defines = defines;
        }

        public IReadOnlyList<string> IncludeDirs { get; }
        public IReadOnlyList<KeyValuePair<string, string?>> Defines { get; }

        /// <summary>The YAML asked for the preprocessor (otherwise only a source using a directive gets it).</summary>
        public bool IsRequested => IncludeDirs.Count > 0 || Defines.Count > 0;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;
using Xen.Shm.Preprocessor;

namespace Xen.Shm.Topology
{
    /// <summary>A device-tree source as the compiler reads it: preprocessed when it asks for it.</summary>
    public sealed class DeviceTreeSourceText
    {
        internal DeviceTreeSourceText(byte[] bytes, IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<string> dependencies)
        {
            Bytes = bytes;
            Diagnostics = diagnostics;
            Dependencies = dependencies;
        }

        /// <summary>What the compiler reads (cpp's output with line markers naming the original files and lines).</summary>
        public byte[] Bytes { get; }

        /// <summary>The preprocessor's errors and warnings (XSHM36xx), at the original file and line.</summary>
        public IReadOnlyList<Diagnostic> Diagnostics { get; }

        /// <summary>Every file the preprocessor read besides the source itself (its #includes).</summary>
        public IReadOnlyList<string> Dependencies { get; }

        public bool HasErrors => Diagnostics.Any(d => d.IsError);
    }

    /// <summary>
    /// Every place a .dts is read (the board's host.deviceTree, users' partial trees) goes through
    /// here, so a kernel board source with #include &lt;dt-bindings/…&gt; and macros builds without a
    /// native cpp. As Kbuild's cpp step: -nostdinc -undef -D__DTS__ -x assembler-with-cpp, the
    /// source's folder first for #include "…", then 'includeDirs'. A source is preprocessed when the
    /// YAML gives 'includeDirs' or 'defines', or when it holds a preprocessor directive; one without
    /// is read as dtc reads it (same bytes, same columns in messages).
    /// </summary>
    public static class DeviceTreeSource
    {
        private static readonly string[] Directives =
            { "include", "define", "if", "ifdef", "ifndef", "undef", "pragma", "error", "warning", "line", "import", "include_next" };

        public static DeviceTreeSourceText Read(BoardFile file, byte[] bytes)
        {
            if (!file.Preprocessing.IsRequested && !UsesPreprocessor(bytes))
                return new DeviceTreeSourceText(bytes, Array.Empty<Diagnostic>(), Array.Empty<string>());
            var options = new PreprocessorOptions();
            options.IncludeDirs.AddRange(file.Preprocessing.IncludeDirs);
            options.Defines.AddRange(file.Preprocessing.Defines);
            var result = DtsPreprocessor.RunBytes(bytes, file.FullPath, options);
            return new DeviceTreeSourceText(result.Output, result.Diagnostics, result.Dependencies);
        }

        /// <summary>A line whose first token is '#' and a directive name (#address-cells and the like are no directive).</summary>
        public static bool UsesPreprocessor(byte[] bytes)
        {
            int i = 0;
            while (i < bytes.Length)
            {
                while (i < bytes.Length && (bytes[i] == ' ' || bytes[i] == '\t')) i++;
                if (i < bytes.Length && bytes[i] == '#' && IsDirective(bytes, i + 1)) return true;
                while (i < bytes.Length && bytes[i] != '\n') i++;
                i++;
            }
            return false;
        }

        private static bool IsDirective(byte[] bytes, int i)
        {
            while (i < bytes.Length && (bytes[i] == ' ' || bytes[i] == '\t')) i++;
            int start = i;
            while (i < bytes.Length && (bytes[i] >= 'a' && bytes[i] <= 'z' || bytes[i] == '_')) i++;
            if (i == start || i < bytes.Length && (bytes[i] >= 'A' && bytes[i] <= 'Z' || bytes[i] >= '0' && bytes[i] <= '9' || bytes[i] == '-' || bytes[i] == ',')) return false;
            string word = System.Text.Encoding.ASCII.GetString(bytes, start, i - start);
            return Directives.Contains(word);
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xen.Shm.BootImage.Files;
using Xen.Shm.BootImage.Incremental;
using Xen.Shm.Generation;

namespace Xen.Shm.BootImage.Generated
{
    /// <summary>
    /// The generator's text outputs written into generated/ (XenShmGenerateDts): the DTS/DTSO sources
    /// (plus board.dts for the fdt apply route), the xl files and the creation-order script, each only
    /// when its bytes differ; and what the next steps need from it: the sources to compile, the dtc -i
    /// folders and every file read (like grpc's .protodep: the board source, its /include/s and
    /// /incbin/s, users' trees, measured images).
    /// </summary>
    public sealed class GeneratedSources
    {
        private GeneratedSources(IReadOnlyList<string> trees, IReadOnlyList<string> includeDirectories, IReadOnlyList<string> dependencies)
        {
            Trees = trees;
            IncludeDirectories = includeDirectories;
            Dependencies = dependencies;
        }

        /// <summary>The sources XenShmCompileDtb compiles, as paths in generated/, ordinal order.</summary>
        public IReadOnlyList<string> Trees { get; }

        /// <summary>dtc -i folders: the board source's folder first (its relative /include/s).</summary>
        public IReadOnlyList<string> IncludeDirectories { get; }

        /// <summary>Full paths of every file generation read, each once.</summary>
        public IReadOnlyList<string> Dependencies { get; }

        /// <summary>
        /// Writes <paramref name="generated"/>'s sources into <paramref name="generatedDirectory"/>;
        /// <paramref name="read"/> are the files read to make <paramref name="input"/>.
        /// </summary>
        public static GeneratedSources Write(string generatedDirectory, GenerationResult generated, GenerationInput input, IEnumerable<string> read)
        {
            string? boardSource = generated.Find(OutputKind.BoardDtb) is not null ? generated.BoardSource : null;
            string hostFolder = Path.GetDirectoryName(Path.GetFullPath(input.HostSourceName)) ?? string.Empty;
            return Write(generatedDirectory, OutputPaths.Distinct(generated.Files), boardSource, read.ToList(), generated.Dependencies,
                new[] { hostFolder }.Concat(input.IncludeDirs));
        }

        /// <param name="boardSource">the board as it is, for the fdt apply route's board.dts; null on the other routes</param>
        /// <param name="read">files read directly (the board source, users' trees, measured images)</param>
        /// <param name="included">files the sources /include/ or /incbin/ (some may be in <paramref name="read"/> too)</param>
        public static GeneratedSources Write(string generatedDirectory, IReadOnlyList<OutputFile> files, string? boardSource,
            IReadOnlyCollection<string> read, IEnumerable<string> included, IEnumerable<string> includeDirectories)
        {
            var folder = new OutputFolder(generatedDirectory);
            foreach (var file in files) folder.PathOf(file.Path);   // the wall: every path checked before the first write
            var includedList = included.ToList();
            DateTime newestInclude = NewestInclude(read, includedList);
            var trees = new List<string>();
            foreach (var file in files)
            {
                // DTBs are the next step's (XenShmCompileDtb); copies are packaging's.
                if (file.Content is null || IsCompiled(file.Kind) || file.Kind == OutputKind.XenUImage) continue;
                WriteSource(folder, file.Path, file.Content, file.Kind == OutputKind.HostDts || file.Kind == OutputKind.PartialDts, newestInclude);
                if (IsTreeSource(file.Kind)) trees.Add(file.Path);
            }

            if (boardSource is not null)
            {
                // fdt apply route: board.dtb is the board compiled as it is, from a copy beside it.
                WriteSource(folder, "board.dts", new UTF8Encoding(false).GetBytes(boardSource), true, newestInclude);
                trees.Add("board.dts");
            }

            return new GeneratedSources(
                trees.OrderBy(t => t, StringComparer.Ordinal).ToList(),
                includeDirectories.Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).ToList(),
                read.Concat(includedList).Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList());
        }

        /// <summary>Writes the three list files (one entry a line) the targets read, each only when it changed.</summary>
        public void WriteLists(string treeListFile, string includeListFile, string dependencyFile)
        {
            FileRefresh.Lines(treeListFile, Trees, touchUnchanged: false);
            FileRefresh.Lines(includeListFile, IncludeDirectories, touchUnchanged: false);
            FileRefresh.Lines(dependencyFile, Dependencies, touchUnchanged: false);
        }

        // The newest write time of the files the sources /include/ or /incbin/ (not the board source or users' trees themselves).
        private static DateTime NewestInclude(IEnumerable<string> read, IEnumerable<string> included)
        {
            var direct = new HashSet<string>(read.Select(Path.GetFullPath), StringComparer.Ordinal);
            var newest = DateTime.MinValue;   // a loop: LINQ over DateTime JIT-compiles a dozen framework generics (issue 21)
            foreach (string file in included.Select(Path.GetFullPath))
            {
                if (direct.Contains(file) || !File.Exists(file)) continue;
                var written = File.GetLastWriteTimeUtc(file);
                if (written > newest) newest = written;
            }

            return newest;
        }

        // A tree's text keeps the board's /include/ lines, so an edited .dtsi leaves it unchanged: it
        // is then touched, so XenShmCompileDtb's per-file check still sees it out of date.
        private static void WriteSource(OutputFolder folder, string path, byte[] content, bool includes, DateTime newestInclude)
        {
            string destination = folder.PathOf(path);
            bool stale = includes && File.Exists(destination) && File.GetLastWriteTimeUtc(destination) < newestInclude;
            FileRefresh.Write(destination, content, touchUnchanged: stale);
        }

        private static bool IsCompiled(OutputKind kind) =>
            kind == OutputKind.HostDtb || kind == OutputKind.HostOverlay || kind == OutputKind.PartialDtb || kind == OutputKind.BoardDtb;

        private static bool IsTreeSource(OutputKind kind) =>
            kind == OutputKind.HostDts || kind == OutputKind.HostOverlaySource || kind == OutputKind.PartialDts;
    }
}

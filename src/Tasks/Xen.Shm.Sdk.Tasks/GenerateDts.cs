using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Xen.Shm.BootImage.Files;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation;
using Xen.Shm.Sdk.Tasks.BootFolder;
using Xen.Shm.Topology;

namespace Xen.Shm.Sdk.Tasks
{
    /// <summary>
    /// Step 2 (XenShmGenerateDts): runs the generator with the layout-changing boot settings and
    /// writes into $(XenShmIntermediateDir)generated/ the DTS/DTSO sources (plus board.dts for the
    /// fdt apply route), the xl files and creation-order script (XenShmWriteXlConfigs is a hook
    /// only: one generator pass makes the xl files with the partial trees they name), each only
    /// when its bytes differ. Beside generated/: the boot layout (<see cref="LayoutFile"/>), the
    /// sources to compile (<see cref="TreeListFile"/>, include folders in
    /// <see cref="IncludeListFile"/>) and every file read (<see cref="DependencyFile"/>, like grpc's
    /// .protodep: the board source, its /include/s and /incbin/s, users' trees, measured images).
    /// </summary>
    public sealed class GenerateDts : BootSettingsTask
    {
        [Required] public ITaskItem Topology { get; set; } = null!;
        /// <summary>XenShmDomainImage items (Domain, Role metadata): files the build gives in place of YAML paths.</summary>
        public ITaskItem[] DomainImages { get; set; } = Array.Empty<ITaskItem>();

        [Required] public string GeneratedDirectory { get; set; } = string.Empty;
        [Required] public string LayoutFile { get; set; } = string.Empty;
        [Required] public string TreeListFile { get; set; } = string.Empty;
        [Required] public string IncludeListFile { get; set; } = string.Empty;
        [Required] public string DependencyFile { get; set; } = string.Empty;
        [Required] public string StampFile { get; set; } = string.Empty;

        protected override void Run()
        {
            var settings = ReadSettings();
            if (settings is null) return;
            var loaded = TopologyLoader.Load(Topology.GetMetadata("FullPath"), BuildImages.BuildImageItems.From(DomainImages));
            Report(loaded.Diagnostics.Where(d => d.IsError));
            if (loaded.HasErrors || loaded.Board is null) return;
            var board = loaded.Board;

            var diagnostics = new DiagnosticBag();
            OutputPaths.CheckCopies(board, diagnostics);
            if (board.Host.DeviceTree is null)
                // Xen boots with the host DTB (its /chosen names every module); without the board's tree there is nothing to patch or load.
                diagnostics.Add(DiagnosticCodes.NoBoardDeviceTree, board.HostSpan,
                    "'host' gives RAM banks but no 'deviceTree': the boot folder gets no host.dtb (Xen needs the board's device tree with /chosen naming every module) " +
                    "and no boot.scr (it loads and boots that DTB); only the images, xl files and manifest.json are written. Add 'deviceTree: <board>.dts' (or .dtb) to 'host'");
            Report(diagnostics);
            if (diagnostics.HasErrors) return;

            var read = new List<string>();
            var sourceDiagnostics = new DiagnosticBag();
            var input = GenerationInputReader.Read(board, settings.LayoutOptions, read, sourceDiagnostics);
            Report(sourceDiagnostics);
            if (sourceDiagnostics.HasErrors) return;
            var generated = BoardGenerator.Generate(input);
            Report(generated.Diagnostics.Select(d => OnDisk(d, generated, input.HostSourceName)));
            if (generated.HasErrors || generated.BootLayout is null) return;

            var files = OutputPaths.Distinct(generated.Files);
            var folder = new OutputFolder(GeneratedDirectory);
            foreach (var file in files) folder.PathOf(file.Path);   // the wall: every path checked before the first write
            var trees = new List<string>();
            // Files the sources /include/ or /incbin/ (not the board source or users' trees themselves).
            var direct = new HashSet<string>(read.Select(Path.GetFullPath), StringComparer.Ordinal);
            var included = generated.Dependencies.Select(Path.GetFullPath).Where(d => !direct.Contains(d) && File.Exists(d))
                .Select(File.GetLastWriteTimeUtc).DefaultIfEmpty(DateTime.MinValue).Max();
            foreach (var file in files)
            {
                // DTBs are the next step's (XenShmCompileDtb); copies are packaging's.
                if (file.Content is null || IsCompiled(file.Kind) || file.Kind == OutputKind.XenUImage) continue;
                bool tree = IsTreeSource(file.Kind);
                WriteSource(folder, file.Path, file.Content, file.Kind == OutputKind.HostDts || file.Kind == OutputKind.PartialDts, included);
                if (tree) trees.Add(file.Path);
            }

            if (generated.Find(OutputKind.BoardDtb) is not null && generated.BoardSource is string boardSource)
            {
                // fdt apply route: board.dtb is the board compiled as it is, from a copy beside it.
                WriteSource(folder, "board.dts", new System.Text.UTF8Encoding(false).GetBytes(boardSource), true, included);
                trees.Add("board.dts");
            }

            string hostDir = Path.GetDirectoryName(Path.GetFullPath(input.HostSourceName)) ?? string.Empty;
            var includes = new List<string> { hostDir };
            includes.AddRange(input.IncludeDirs);

            FileRefresh.Text(LayoutFile, generated.BootLayout.Write(), touchUnchanged: false);
            FileRefresh.Text(TreeListFile, Lines(trees.OrderBy(t => t, StringComparer.Ordinal)), touchUnchanged: false);
            FileRefresh.Text(IncludeListFile, Lines(includes.Where(d => d.Length > 0).Distinct(StringComparer.Ordinal)), touchUnchanged: false);
            FileRefresh.Text(DependencyFile, Lines(read.Concat(generated.Dependencies).Select(Path.GetFullPath).Distinct(StringComparer.Ordinal)), touchUnchanged: false);
            FileRefresh.Stamp(StampFile);
        }

        /// <summary>
        /// dtc's positions as files MSBuild can open: a generated tree's boot-folder path is its copy in
        /// generated/; another relative path is a file the board /include/s, relative to the board's folder.
        /// </summary>
        private Diagnostic OnDisk(Diagnostic d, GenerationResult generated, string hostSourceName)
        {
            string file = d.Span.File;
            if (string.IsNullOrEmpty(file) || Path.IsPathRooted(file)) return d;
            string onDisk = generated.Find(file) is not null ? InGenerated(file)
                : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(hostSourceName)) ?? string.Empty, file));
            var s = d.Span;
            return new Diagnostic(d.Descriptor, d.Severity, d.Message, new SourceSpan(onDisk, s.Line, s.Column, s.EndLine, s.EndColumn), d.Related);
        }

        // Where a generated tree's copy lies, for positions only: writes go through OutputFolder.
        private string InGenerated(string path) => Path.Combine(GeneratedDirectory, path.Replace('/', Path.DirectorySeparatorChar));

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

        private static string Lines(IEnumerable<string> lines) => string.Concat(lines.Select(l => l + "\n"));
    }
}

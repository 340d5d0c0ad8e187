using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Build.Framework;
using Xen.Shm.BootImage.Generated;
using Xen.Shm.BootImage.Incremental;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation;
using Xen.Shm.Sdk.Tasks.BootFolder;
using Xen.Shm.Topology;

namespace Xen.Shm.Sdk.Tasks
{
    /// <summary>
    /// Step 2 (XenShmGenerateDts): runs the generator with the layout-changing boot settings and
    /// (BootImage's GeneratedSources) writes into $(XenShmIntermediateDir)generated/ the DTS/DTSO sources (plus board.dts for the
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
            GenerationPreconditions.Check(board, diagnostics);
            Report(diagnostics);
            if (diagnostics.HasErrors) return;

            var read = new List<string>();
            var sourceDiagnostics = new DiagnosticBag();
            var input = GenerationInputReader.Read(board, settings.LayoutOptions, read, sourceDiagnostics);
            Report(sourceDiagnostics);
            if (sourceDiagnostics.HasErrors) return;
            var generated = BoardGenerator.Generate(input);
            Report(generated.Diagnostics.Select(d => GeneratedPositions.OnDisk(d, generated, input.HostSourceName, GeneratedDirectory)));
            if (generated.HasErrors || generated.BootLayout is null) return;

            var sources = GeneratedSources.Write(GeneratedDirectory, generated, input, read);
            FileRefresh.Text(LayoutFile, generated.BootLayout.Write(), touchUnchanged: false);
            sources.WriteLists(TreeListFile, IncludeListFile, DependencyFile);
            FileRefresh.Stamp(StampFile);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Stages;

namespace Xen.Shm.Generation
{
    /// <summary>
    /// Entry point: validated board → every generated artefact (host DTS/DTB with /chosen, host
    /// overlay, partial DTs, xl files, load plan, creation order). Pure: reads no file except what
    /// the board source itself /include/s through the compiler. Bad input gives diagnostics, never
    /// an exception; with an error, no files are returned. Each stage is a file in Stages/; what one
    /// stage hands the next is in its signature (README "Stages").
    /// </summary>
    public static class BoardGenerator
    {
        public static GenerationResult Generate(GenerationInput input)
        {
            if (input is null) throw new ArgumentNullException(nameof(input));
            var diagnostics = new DiagnosticBag();
            // Files the board source and the users' trees /include/ or /incbin/ (dtc -d): the
            // caller's up-to-date checks need them (like grpc's .protodep).
            var dependencies = new List<string>();
            var board = input.Board;

            // 1. The board as it is (host.overlays applied first): must compile.
            var source = BoardSource.Load(input, diagnostics, dependencies);
            if (source == null) return Failed(diagnostics);

            // 2. Every region's contribution to the host tree, the guests and /chosen, in declaration order.
            var regions = RegionChanges.Collect(input, source, diagnostics);
            if (regions == null) return Failed(diagnostics);

            // 3. Guest partial trees, compiled now: the dom0less ones are loaded, their sizes feed the plan.
            var bootFiles = new BootFileSet(input.Files, diagnostics);
            var guests = GuestTrees.Start(input, regions, diagnostics, dependencies);
            guests.CollectLoaded(bootFiles, diagnostics);

            // 4. The input files the boot loads or copies.
            bool xenAsUImage = BootInputs.Add(input, source, bootFiles);
            BootModuleLimits.Check(board, bootFiles.Planned, diagnostics);
            if (diagnostics.HasErrors) return Failed(diagnostics);

            // 5. Load plan, /chosen and the patched host tree, settled together.
            var memory = BoardMemory.Of(board);
            var host = HostTreePlanning.Run(input, source, regions, bootFiles, memory, diagnostics);
            if (host == null) return Failed(diagnostics);

            // 6. The same changes as an overlay (compiled next to the host tree), then the xl guests' trees.
            var overlay = host.Overlay ?? HostOverlay.Start(input, regions.Host);
            var overlayDtb = overlay.Blob(source.Span, diagnostics);
            guests.CollectXl(diagnostics);
            if (diagnostics.HasErrors) return Failed(diagnostics);

            // 7. The fdt apply route re-plans with board.dtb + overlay in the host DTB's place.
            var route = FdtApplyRoute.Choose(input, source, bootFiles, memory, host, overlayDtb, diagnostics);
            if (route == null) return Failed(diagnostics);

            // 8. xl files and the creation order (§6.4).
            var xl = XlFiles.Write(board, regions, guests.XlDomainsWithTree, diagnostics);
            if (diagnostics.HasErrors) return Failed(diagnostics);

            // 9. Outputs in a fixed order; the boot script must not land on one of them.
            var outputs = OutputList.Assemble(host, overlay, overlayDtb, route, bootFiles, guests, xl);
            if (host.Dtb != null && BootExtras.BootScriptClash.Find(board, input.Boot.ScriptName, outputs, diagnostics)) return Failed(diagnostics);

            // 10. The boot layout the boot-script and packaging steps read.
            var layout = BootLayouts.Of(board, memory, route, outputs, xenAsUImage, input.Boot.ScriptName);
            return new GenerationResult(outputs, route.Plan, xl.CreationOrder, diagnostics.ToList(), layout)
            {
                Dependencies = dependencies.Distinct(StringComparer.Ordinal).ToList(),
                BoardSource = source.Text,
            };
        }

        private static GenerationResult Failed(DiagnosticBag diagnostics) =>
            new GenerationResult(Array.Empty<OutputFile>(), null, Array.Empty<string>(), diagnostics.ToList());
    }
}

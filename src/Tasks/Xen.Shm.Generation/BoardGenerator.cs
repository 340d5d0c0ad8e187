using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Chosen;
using Xen.Shm.Generation.Cpupool;
using Xen.Shm.Generation.DomainShm;
using Xen.Shm.Generation.Dts;
using Xen.Shm.Generation.Evtchn;
using Xen.Shm.Generation.Guest;
using Xen.Shm.Generation.HostTree;
using Xen.Shm.Generation.Iomem;
using Xen.Shm.Generation.Layout;
using Xen.Shm.Generation.MmioSram;
using Xen.Shm.Generation.StaticShm;
using Xen.Shm.Generation.Uio;
using Xen.Shm.Generation.Stages;
using static Xen.Shm.Generation.Stages.TreeCompiler;
using Xen.Shm.Generation.Xl;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation
{
    /// <summary>
    /// Entry point: validated board → every generated artefact (host DTS/DTB with /chosen, host
    /// overlay, partial DTs, xl files, load plan, creation order). Pure: reads no file except what
    /// the board source itself /include/s through the compiler. Bad input gives diagnostics, never
    /// an exception; with an error, no files are returned.
    /// </summary>
    public static class BoardGenerator
    {
        /// <summary>fdt apply route: the room given to <c>fdt resize</c> is rounded up to this.</summary>
        private const ulong OverlayRoomStep = 0x1000;

        public static GenerationResult Generate(GenerationInput input)
        {
            if (input is null) throw new ArgumentNullException(nameof(input));
            var diagnostics = new DiagnosticBag();
            // Files the board source and the users' trees /include/ or /incbin/ (dtc -d): the
            // caller's up-to-date checks need them (like grpc's .protodep).
            var dependencies = new List<string>();
            var board = input.Board;
            var boardSpan = board.Host.DeviceTree?.Span ?? board.Host.Span;

            // 1. The board as it is (host.overlays applied first): must compile.
            var source = BoardSource.Load(input, diagnostics, dependencies);
            if (source == null) return Failed(diagnostics);
            string? hostSource = source.Text;

            // 2. Every region's contribution, in declaration order.
            var regions = RegionChanges.Collect(input, source, diagnostics);
            if (regions == null) return Failed(diagnostics);

            // 3. Guest partial trees (compiled now: the dom0less ones' sizes feed the load plan).
            var bootFiles = new BootFileSet(input.Files, diagnostics);
            var guests = GuestTrees.Start(input, regions, diagnostics, dependencies);
            guests.CollectLoaded(bootFiles, diagnostics);

            // 4. Boot-loaded inputs.
            bool xenAsUImage = BootInputs.Add(input, source, bootFiles);
            if (diagnostics.HasErrors) return Failed(diagnostics);

            var outputs = new List<OutputFile>();
            var copies = bootFiles.Copies;
            var planned = bootFiles.Planned;
            var partials = guests.Outputs;

            // 5. Load plan, /chosen and the patched host tree, settled together.
            var layout = BoardMemory.Of(board);
            var patched = HostTreePlanning.Run(input, source, regions, bootFiles, layout, diagnostics);
            if (patched == null) return Failed(diagnostics);
            LoadPlan? plan = patched.Plan;
            string? hostDts = patched.Dts;
            byte[]? hostDtb = patched.Dtb;

            // 6. The overlay: the same changes as &{/path} fragments (compiled next to the host tree), and the xl trees.
            var hostOverlay = patched.Overlay ?? HostOverlay.Start(input, regions.Host);
            string overlaySource = hostOverlay.Source;
            var overlay = hostOverlay.Blob(boardSpan, diagnostics);
            guests.CollectXl(diagnostics);
            if (diagnostics.HasErrors) return Failed(diagnostics);

            // 6b. fdt apply route (LAYOUT L1/L3): the boot medium gets the unmodified board DTB and the
            //     overlay in the host DTB's place (§10.3: overlays, then the DTB, after every module,
            //     so no module moves and /chosen stays right). The board DTB's slot keeps room for
            //     what `fdt resize` adds: the growth host.dtb shows, plus the overlay's size as margin.
            byte[]? boardDtb = null;
            ulong overlayRoom = 0;
            bool applyOverlay = input.Boot.ApplyOverlay && hostSource != null && hostDtb != null && overlay != null;
            if (applyOverlay)
            {
                var compiledBoard = Compile(hostSource!, input.HostSourceName, input.IncludeDirs);
                boardDtb = Generated(compiledBoard, BootFolder.BoardDtb, boardSpan, diagnostics);
                if (boardDtb == null) return Failed(diagnostics);
                ulong growth = hostDtb!.Length > boardDtb.Length ? (ulong)(hostDtb.Length - boardDtb.Length) : 0;
                overlayRoom = AlignUp(growth + (ulong)overlay!.Length, OverlayRoomStep);
                var files = new List<BootFile>(planned)
                {
                    new BootFile(BootFolder.HostOverlay, BootFileRole.HostDtbOverlay, (ulong)overlay.Length) { Span = boardSpan },
                    // MemorySize = file + room: the tree grows in place when the overlay is applied.
                    new BootFile(BootFolder.BoardDtb, BootFileRole.HostDtb, (ulong)boardDtb.Length, (ulong)boardDtb.Length + overlayRoom) { Span = boardSpan },
                };
                var bag = new DiagnosticBag();
                var replanned = LoadAddressPlanner.Plan(layout, files, bag, board.Host.Span);
                if (replanned == null)
                {
                    diagnostics.AddRange(bag);
                    return Failed(diagnostics);
                }
                foreach (var p in plan!.Files.Where(p => p.File.Role != BootFileRole.HostDtb))
                    if (replanned.Find(p.File.Name)?.Address != p.Address)
                        throw new InvalidOperationException($"planning the fdt apply route moved '{p.File.Name}'");
                plan = replanned;
            }

            // 7. xl files and the creation order (§6.4).
            var xlFiles = new List<OutputFile>();
            foreach (var d in board.Domains.Where(d => d.Kind.Value == DomainKind.Xl))
            {
                var cfg = XlConfigs.For(board, d, regions.Find(d.Name.Value), guests.XlDomainsWithTree.Contains(d.Name.Value));
                string? text = XlConfigWriter.Write(cfg, XlConfigs.Flavour(board), diagnostics);
                if (text == null) continue;
                xlFiles.Add(new OutputFile(BootFolder.InFolder(BootFolder.XlConfig(board, d)), OutputKind.XlConfig, Utf8(text), null, null, d.Name.Value));
                if (d.Kernel != null) xlFiles.Add(new OutputFile(BootFolder.InFolder(BootFolder.XlFile(board, d, d.Kernel)), OutputKind.Copy, null, d.Kernel.FullPath, null, d.Name.Value));
                if (d.Ramdisk != null) xlFiles.Add(new OutputFile(BootFolder.InFolder(BootFolder.XlFile(board, d, d.Ramdisk)), OutputKind.Copy, null, d.Ramdisk.FullPath, null, d.Name.Value));
            }
            var order = board.XlCreationOrder.Select(d => d.Name.Value).ToList();
            if (diagnostics.HasErrors) return Failed(diagnostics);

            // 8. Outputs in a fixed order; loaded files carry their address.
            // LAYOUT L1: sources never go on the boot medium; host.dtb, or board.dtb + the overlay.
            if (hostDts != null && hostDtb != null)
            {
                outputs.Add(new OutputFile(BootFolder.HostDts, OutputKind.HostDts, Utf8(hostDts), null, null, null) { OnBootMedium = false });
                outputs.Add(new OutputFile(BootFolder.HostDtb, OutputKind.HostDtb, hostDtb, null, plan!.Find(BootFolder.HostDtb)?.Address, null) { OnBootMedium = !applyOverlay });
            }
            if (boardDtb != null)
                outputs.Add(new OutputFile(BootFolder.BoardDtb, OutputKind.BoardDtb, boardDtb, null, plan!.Find(BootFolder.BoardDtb)?.Address, null));
            outputs.Add(new OutputFile(BootFolder.HostOverlaySource, OutputKind.HostOverlaySource, Utf8(overlaySource), null, null, null) { OnBootMedium = false });
            if (overlay != null)
                outputs.Add(new OutputFile(BootFolder.HostOverlay, OutputKind.HostOverlay, overlay, null, plan!.Find(BootFolder.HostOverlay)?.Address, null) { OnBootMedium = applyOverlay });
            foreach (var c in copies)
                outputs.Add(new OutputFile(c.Path, c.Kind, null, c.SourcePath, plan!.Find(c.Path)?.Address, c.Domain));
            foreach (var p in partials)
                outputs.Add(new OutputFile(p.Path, p.Kind, p.Content, null, p.Kind == OutputKind.PartialDtb ? plan!.Find(p.Path)?.Address : null, p.Domain)
                    { OnBootMedium = p.Kind == OutputKind.PartialDtb });
            outputs.AddRange(xlFiles);
            if (order.Count > 0)
            {
                string dir = BootFolder.XlDirectory(board);
                outputs.Add(new OutputFile(BootFolder.InFolder(dir + "/" + BootFolder.CreationOrderFile), OutputKind.CreationOrder, Utf8(StartScript.List(order)), null, null, null));
                outputs.Add(new OutputFile(BootFolder.InFolder(dir + "/" + BootFolder.StartScriptFile), OutputKind.StartScript, Utf8(StartScript.Script(order, dir.Length == 0 ? "/" : dir)), null, null, null));
            }
            if (hostDtb != null && BootExtras.BootScriptClash.Find(board, input.Boot.ScriptName, outputs, diagnostics)) return Failed(diagnostics);
            return new GenerationResult(outputs, plan, order, diagnostics.ToList(), BootLayoutOf(board, plan!, outputs, xenAsUImage, applyOverlay, overlayRoom, input.Boot.ScriptName))
            {
                Dependencies = dependencies.Distinct(StringComparer.Ordinal).ToList(),
                BoardSource = hostSource,
            };
        }

        /// <summary>The plan as the boot-script and packaging steps need it (see <see cref="BootLayout"/>).</summary>
        private static BootLayout BootLayoutOf(Board board, LoadPlan plan, List<OutputFile> outputs, bool xenAsUImage, bool applyOverlay, ulong overlayRoom, string scriptName)
        {
            var xen = plan.Find(BootFileRole.Xen);
            var dtb = plan.Find(BootFileRole.HostDtb);
            var overlay = applyOverlay ? plan.Find(BootFileRole.HostDtbOverlay) : null;
            var fpga = plan.Find(BootFileRole.Bitstream);
            var placed = BootLayoutMemory.Of(plan);
            return new BootLayout
            {
                ScriptAddress = plan.BootScriptAddress,
                ScriptName = scriptName,
                Loads = plan.Files.Where(f => f.File.Role != BootFileRole.XenRunArea).Select(f => (f.File.Name, f.Address)).ToList(),
                XenPath = xen?.File.Name,
                XenAddress = xen?.Address,
                XenSource = board.Xen.Image?.FullPath,
                XenRunAddress = xenAsUImage ? plan.Find(BootFileRole.XenRunArea)?.Address : null,
                DtbPath = dtb?.File.Name,
                DtbAddress = dtb?.Address,
                OverlayPath = overlay?.File.Name,
                OverlayAddress = overlay?.Address,
                OverlayRoom = overlay != null ? overlayRoom : (ulong?)null,
                Fpga = fpga != null ? new FpgaLoad(fpga.File.Name, fpga.Address, fpga.File.FileSize, BootExtras.BootExtrasNames.FpgaCommand(fpga.File.Name)) : null,
                Files = outputs.Where(o => o.OnBootMedium)
                    .GroupBy(o => o.Path, StringComparer.Ordinal).Select(g => g.First())
                    .OrderBy(o => o.Path, StringComparer.Ordinal)
                    // xen.uimg is written by the boot-script step (it wraps the raw Xen), so it is not a plain copy.
                    .Select(o => new BootLayoutFile(o.Path, o.LoadAddress, o.Kind == OutputKind.XenUImage ? null : o.SourcePath)).ToList(),
                // For the FIT step (BootImage/Fit): what each file is, and where memory after the plan is free.
                Roles = placed.Roles,
                LoadEnd = placed.LoadEnd,
                Memory = BoardMemory.Of(board),
            };
        }

        private static ulong AlignUp(ulong v, ulong step) => (v + step - 1) / step * step;

        private static GenerationResult Failed(DiagnosticBag diagnostics) =>
            new GenerationResult(Array.Empty<OutputFile>(), null, Array.Empty<string>(), diagnostics.ToList());
    }
}

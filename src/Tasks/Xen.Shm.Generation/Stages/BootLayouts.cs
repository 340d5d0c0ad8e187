using System;
using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Generation.BootExtras;
using Xen.Shm.Generation.Layout;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Stages
{
    /// <summary>Stage 10: the final plan as the boot-script and packaging steps read it (<see cref="BootLayout"/>).</summary>
    internal static class BootLayouts
    {
        /// <summary>Addresses of Xen, its run area, the DTB and overlay, the bitstream; every load and boot-medium file.</summary>
        public static BootLayout Of(Board board, LoadLayout memory, FdtApplyRoute route, IReadOnlyList<OutputFile> outputs, bool xenAsUImage, string scriptName)
        {
            var plan = route.Plan;
            var xen = plan.Find(BootFileRole.Xen);
            var dtb = plan.Find(BootFileRole.HostDtb);
            var overlay = route.Applies ? plan.Find(BootFileRole.HostDtbOverlay) : null;
            var fpga = plan.Find(BootFileRole.Bitstream);
            var placed = BootLayoutMemory.Of(plan);
            return new BootLayout
            {
                ScriptAddress = plan.BootScriptAddress,
                ScriptName = scriptName,
                Loads = Loads(plan),
                XenPath = xen?.File.Name,
                XenAddress = xen?.Address,
                XenSource = board.Xen.Image?.FullPath,
                XenRunAddress = xenAsUImage ? plan.Find(BootFileRole.XenRunArea)?.Address : null,
                DtbPath = dtb?.File.Name,
                DtbAddress = dtb?.Address,
                OverlayPath = overlay?.File.Name,
                OverlayAddress = overlay?.Address,
                OverlayRoom = overlay != null ? route.OverlayRoom : (ulong?)null,
                Fpga = fpga != null ? new FpgaLoad(fpga.File.Name, fpga.Address, fpga.File.FileSize, BootExtrasNames.FpgaCommand(fpga.File.Name)) : null,
                Files = outputs.Where(o => o.OnBootMedium)
                    .GroupBy(o => o.Path, StringComparer.Ordinal).Select(g => g.First())
                    .OrderBy(o => o.Path, StringComparer.Ordinal)
                    // xen.uimg is written by the boot-script step (it wraps the raw Xen), so it is not a plain copy.
                    .Select(o => new BootLayoutFile(o.Path, o.LoadAddress, o.Kind == OutputKind.XenUImage ? null : o.SourcePath)).ToList(),
                // For the FIT step (BootImage/Fit): what each file is, and where memory after the plan is free.
                Roles = placed.Roles,
                LoadEnd = placed.LoadEnd,
                Memory = memory,
            };
        }

        // A loop, not LINQ over tuples: fewer framework generics JIT-compiled per cold build (issue 21).
        private static List<(string, ulong)> Loads(LoadPlan plan)
        {
            var loads = new List<(string, ulong)>();
            foreach (var f in plan.Files)
                if (f.File.Role != BootFileRole.XenRunArea) loads.Add((f.File.Name, f.Address));
            return loads;
        }
    }
}

using System.Collections.Generic;
using Xen.Shm.Generation.Chosen;
using static Xen.Shm.Generation.Stages.TreeCompiler;

namespace Xen.Shm.Generation.Stages
{
    /// <summary>
    /// Stage 9: every output in a fixed order; loaded files carry their planned address. LAYOUT L1:
    /// sources never go on the boot medium; host.dtb does, or board.dtb + the overlay on the fdt apply route.
    /// </summary>
    internal static class OutputList
    {
        public static List<OutputFile> Assemble(PatchedHostTree host, HostOverlay overlay, byte[]? overlayDtb, FdtApplyRoute route,
            BootFileSet files, GuestTrees guests, XlFiles xl)
        {
            var plan = route.Plan;
            var outputs = new List<OutputFile>();
            if (host.Dts != null && host.Dtb != null)
            {
                outputs.Add(new OutputFile(BootFolder.HostDts, OutputKind.HostDts, Utf8(host.Dts), null, null, null) { OnBootMedium = false });
                outputs.Add(new OutputFile(BootFolder.HostDtb, OutputKind.HostDtb, host.Dtb, null, plan.Find(BootFolder.HostDtb)?.Address, null) { OnBootMedium = !route.Applies });
            }
            if (route.BoardDtb != null)
                outputs.Add(new OutputFile(BootFolder.BoardDtb, OutputKind.BoardDtb, route.BoardDtb, null, plan.Find(BootFolder.BoardDtb)?.Address, null));
            outputs.Add(new OutputFile(BootFolder.HostOverlaySource, OutputKind.HostOverlaySource, Utf8(overlay.Source), null, null, null) { OnBootMedium = false });
            if (overlayDtb != null)
                outputs.Add(new OutputFile(BootFolder.HostOverlay, OutputKind.HostOverlay, overlayDtb, null, plan.Find(BootFolder.HostOverlay)?.Address, null) { OnBootMedium = route.Applies });
            foreach (var c in files.Copies)
                outputs.Add(new OutputFile(c.Path, c.Kind, null, c.SourcePath, plan.Find(c.Path)?.Address, c.Domain));
            foreach (var p in guests.Outputs)
                outputs.Add(new OutputFile(p.Path, p.Kind, p.Content, null, p.Kind == OutputKind.PartialDtb ? plan.Find(p.Path)?.Address : null, p.Domain)
                    { OnBootMedium = p.Kind == OutputKind.PartialDtb });
            outputs.AddRange(xl.Configs);
            outputs.AddRange(xl.OrderFiles);
            return outputs;
        }
    }
}

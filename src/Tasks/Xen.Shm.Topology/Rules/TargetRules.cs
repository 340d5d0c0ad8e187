using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Rules
{
    /// <summary>XSHM2010: what the target Xen lacks (spec §2).</summary>
    internal static class TargetRules
    {
        public static void Check(RuleContext ctx)
        {
            var xen = ctx.Xen;
            var v = xen.Version.Value;
            string target = $"{(xen.IsXilinx ? "Xilinx" : "upstream")} Xen {v}";

            foreach (var d in ctx.Board.Domains)
                if (d.Kind.Value == DomainKind.Dom0less && !v.AtLeast(4, 12))
                    ctx.Report(DiagnosticCodes.NotInTargetXen, d.Kind.Span, $"dom0less domains need Xen 4.12 or later; the target is {target}", xen.Version.Span);

            foreach (var d in ctx.Board.Domains)
                // xen,static-mem's cells are the parent's (/chosen) since 4.17; 4.16 read #xen,static-mem-*-cells instead.
                // Xen must also be built with CONFIG_STATIC_MEMORY (UNSUPPORTED; Debian's build has it off).
                if (d.StaticMem.Count > 0 && !v.AtLeast(4, 17))
                    ctx.Report(DiagnosticCodes.NotInTargetXen, d.StaticMemSpan,
                        $"staticMem (xen,static-mem with the parent's cells) needs Xen 4.17 or later built with CONFIG_STATIC_MEMORY; the target is {target}", xen.Version.Span);

            foreach (var region in ctx.Board.Regions)
            {
                var at = region.Mechanism.Span;
                switch (region.Mechanism.Value)
                {
                    case Mechanism.IomemCacheable:
                        // X commit 3dfb993a35 (xilinx/release-2019.1, Xen 4.11) onward; never upstream.
                        if (!xen.IsXilinx || !v.AtLeast(4, 11))
                            ctx.Report(DiagnosticCodes.NotInTargetXen, at,
                                $"iomem-cacheable needs the Xilinx fork (4.11 or later; upstream xl rejects ',memory' and refuses iomem on reserved memory since 4.13); the target is {target}", xen.Flavour.Span);
                        break;
                    case Mechanism.StaticShm:
                        // xilinx/release-2018.3 (4.11) onward; the upstream series was never merged.
                        if (!xen.IsXilinx || !v.AtLeast(4, 11))
                            ctx.Report(DiagnosticCodes.NotInTargetXen, at,
                                $"static-shm (xl static_shm) exists only in the Xilinx fork (4.11 or later); the target is {target}", xen.Flavour.Span);
                        break;
                    case Mechanism.MmioSram:
                        if (!v.AtLeast(4, 13))
                            ctx.Report(DiagnosticCodes.NotInTargetXen, at, $"mmio-sram (dom0less xen,reg) needs Xen 4.13 or later; the target is {target}", xen.Version.Span);
                        if (region is MmioSramRegion sram && sram.IsCacheable && (!xen.IsXilinx || !v.AtLeast(4, 16)))
                            ctx.Report(DiagnosticCodes.NotInTargetXen, sram.Cacheable!.Value.Span,
                                $"cacheable: true needs xen,reg-cacheable, only in the Xilinx fork 4.16 or later (X commit a07fdc9bfb); the target is {target}", xen.Flavour.Span);
                        break;
                    case Mechanism.DomainShm:
                        if (!v.AtLeast(4, 17))
                            ctx.Report(DiagnosticCodes.NotInTargetXen, at,
                                $"dom0less-shm (xen,domain-shared-memory-v1) needs Xen 4.17 or later; the target is {target}", xen.Version.Span);
                        else if (region.Host is null && (xen.IsXilinx || !v.AtLeast(4, 19)))
                            ctx.Report(DiagnosticCodes.NotInTargetXen, at,
                                $"dom0less-shm without a host address (Xen picks the memory) needs upstream Xen 4.19 or later; the target is {target}", xen.Version.Span);
                        break;
                }
            }
        }
    }
}

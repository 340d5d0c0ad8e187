using System.Linq;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Rules
{
    /// <summary>XSHM2401: dom0 listed as a peer of an mmio-sram region it has no access to (spec §7).</summary>
    internal static class MmioSramRules
    {
        public static void Check(RuleContext ctx)
        {
            foreach (var region in ctx.Board.Regions.OfType<MmioSramRegion>())
            {
                if (region.HasDom0Access) continue;
                foreach (var peer in region.Peers)
                {
                    if (ctx.DomainOf(peer)?.Kind.Value != DomainKind.Dom0) continue;
                    ctx.Report(DiagnosticCodes.SramDom0NotAllowed, peer.Domain.Span,
                        $"dom0 '{peer.Domain.Value}' is a peer of mmio-sram region '{region.Id.Value}', whose dom0Access is false (xen,passthrough hides it from dom0)",
                        region.Dom0Access!.Value.Span);
                }
            }
        }
    }
}

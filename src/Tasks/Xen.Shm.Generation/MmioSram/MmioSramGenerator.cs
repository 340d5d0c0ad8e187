using Xen.Shm.Generation.Dts;
using Xen.Shm.Generation.Guest;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.MmioSram
{
    /// <summary>
    /// Mechanism 4 (spec §7, seed S3): carve-out (<see cref="HostTree.Carveouts"/>), a root
    /// <c>sram@&lt;host&gt;</c> node (§7.1, <c>xen,passthrough;</c> when dom0 has no access), and the
    /// window in each dom0less peer's §7.2 partial DT.
    /// </summary>
    internal static class MmioSramGenerator
    {
        public static void Apply(MmioSramRegion region, Regions ctx, int rootAddressCells, int rootSizeCells)
        {
            if (region.Host is null || region.Size is null) return;
            ulong host = region.Host.Value.Value, size = region.Size.Value.Value;
            var node = new DtsNode("sram@" + DtsFormat.UnitAddress(host),
                region.Id.Value + (region.HasDom0Access ? ": carved-out SRAM, dom0 keeps access (spec §7.1)" : ": carved-out SRAM, hidden from dom0 (spec §7.1)"));
            node.Property("compatible", DtsFormat.Strings("mmio-sram"));
            node.Property("reg", DtsFormat.Reg(new[] { (host, size) }, rootAddressCells, rootSizeCells));
            if (!region.HasDom0Access) node.Property("xen,passthrough", null);
            ctx.Host.RootNodes.Add(node);

            foreach (var peer in region.Peers)
            {
                var domain = ctx.Board.FindDomain(peer.Domain.Value);
                if (domain is null || domain.Kind.Value != DomainKind.Dom0less) continue;
                ctx.For(domain).Passthrough.Add(new PassthroughWindow(region.Id.Value, host, Regions.GuestAddress(region, peer), size, region.IsCacheable));
            }
        }
    }
}

using Xen.Shm.Generation.Dts;
using Xen.Shm.Generation.Xl;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Iomem
{
    /// <summary>
    /// Mechanism 1 (spec §4, seed S0): a <c>/reserved-memory/xen-shmem@&lt;host&gt;</c> node in the host
    /// tree (§4.1, node unchanged memory), and per xl peer an iomem entry with <c>@GFN,memory</c>
    /// (§4.3) plus the window in its §4.2 partial DT.
    /// </summary>
    internal static class IomemCacheableGenerator
    {
        public static void Apply(IomemCacheableRegion region, Regions ctx)
        {
            if (region.Host is null || region.Size is null) return;
            ulong host = region.Host.Value.Value, size = region.Size.Value.Value;
            var node = new DtsNode("xen-shmem@" + DtsFormat.UnitAddress(host), region.Id.Value + ": cacheable page(s) shared with dom0 (spec §4.1)");
            node.Property("compatible", DtsFormat.Strings("xen,shared-memory-v1"));
            node.Property("reg", DtsFormat.Reg(new[] { (host, size) }, ctx.Host.ReservedAddressCells, ctx.Host.ReservedSizeCells));
            ctx.Host.ReservedMemoryChildren.Add(node);

            foreach (var peer in region.Peers)
            {
                var domain = ctx.Board.FindDomain(peer.Domain.Value);
                if (domain is null || domain.Kind.Value != DomainKind.Xl) continue;
                ulong guest = Regions.GuestAddress(region, peer);
                var parts = ctx.For(domain);
                parts.Iomem.Add(IomemMapping.FromAddresses(host, size, guest, IomemCacheability.Memory));
                parts.SharedMemoryWindows.Add((guest, size, region.Id.Value));
            }
        }
    }
}

using Xen.Shm.Generation.Dts;
using Xen.Shm.Generation.Xl;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Uio
{
    /// <summary>
    /// Mechanism 2 (spec §5, seed S1): carve-out (done by <see cref="HostTree.Carveouts"/>), a root
    /// <c>shared_mem@&lt;host&gt;</c> node with the UIO compatible, <c>uio_pdrv_genirq.of_id</c> on dom0's
    /// command line, and a plain (device memory) iomem entry per xl peer (§5.2).
    /// </summary>
    public static class UioGenerator
    {
        internal static void Apply(UioRegion region, Regions ctx, int rootAddressCells, int rootSizeCells)
        {
            if (region.Host is null || region.Size is null) return;
            ulong host = region.Host.Value.Value, size = region.Size.Value.Value;
            var node = new DtsNode("shared_mem@" + DtsFormat.UnitAddress(host), region.Id.Value + ": UIO device for dom0 (spec §5.1)");
            node.Property("compatible", DtsFormat.Strings(region.CompatibleValue));
            node.Property("reg", DtsFormat.Reg(new[] { (host, size) }, rootAddressCells, rootSizeCells));
            ctx.Host.RootNodes.Add(node);
            // All UIO regions share one compatible (XSHM2201), so the first one names it.
            ctx.UioOfId ??= region.CompatibleValue;

            foreach (var peer in region.Peers)
            {
                var domain = ctx.Board.FindDomain(peer.Domain.Value);
                if (domain is null || domain.Kind.Value != DomainKind.Xl) continue;
                ctx.For(domain).Iomem.Add(IomemMapping.FromAddresses(host, size, Regions.GuestAddress(region, peer)));
            }
        }

        public const string OfIdParameter = "uio_pdrv_genirq.of_id=";

        /// <summary>
        /// §5.1 step 3: append <c> uio_pdrv_genirq.of_id=&lt;compatible&gt;</c> once; a command line that
        /// already names the same value is left as is (a different one is XSHM2203, reported by the topology).
        /// </summary>
        public static string AppendOfId(string? bootargs, string compatible)
        {
            string current = bootargs ?? string.Empty;
            foreach (string word in current.Split(' '))
                if (word.StartsWith(OfIdParameter, System.StringComparison.Ordinal)) return current;
            return current.Length == 0 ? OfIdParameter + compatible : current + " " + OfIdParameter + compatible;
        }
    }
}

using Xen.Shm.Generation.Dts;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.DomainShm
{
    /// <summary>
    /// Mechanism 5 (spec §8.1): one <c>shared-mem-&lt;id&gt;</c> node per participant, under
    /// <c>/chosen</c> for dom0 and under <c>/chosen/&lt;domU&gt;</c> for a dom0less domU (both 2/2 cells).
    /// Roles: an explicit owner gets "owner" and everyone else "borrower"; without an owner no node
    /// has a role and Xen gives the pages to DOMID_IO (U static-shmem.c handle_shared_mem_bank).
    /// </summary>
    internal static class DomainShmGenerator
    {
        public const int Cells = 2;

        public static void Apply(DomainShmRegion region, Regions ctx)
        {
            if (region.Size is null) return;
            ulong size = region.Size.Value.Value;
            bool hasOwner = region.Owner is not null;
            foreach (var peer in region.Peers)
            {
                var domain = ctx.Board.FindDomain(peer.Domain.Value);
                if (domain is null || domain.Kind.Value == DomainKind.Xl) continue;
                ulong guest = peer.Guest?.Value ?? region.Host?.Value ?? 0;
                var node = new DtsNode("shared-mem-" + region.Id.Value, region.Id.Value + " (spec §8.1)");
                node.Property("compatible", DtsFormat.Strings("xen,domain-shared-memory-v1"));
                if (hasOwner) node.Property("role", DtsFormat.Strings(peer.IsOwner ? "owner" : "borrower"));
                node.Property("xen,shm-id", DtsFormat.Strings(region.Id.Value));
                node.Property("xen,shared-mem", region.Host is { } host
                    ? DtsFormat.Cells((host.Value, Cells), (guest, Cells), (size, Cells))
                    : DtsFormat.Cells((guest, Cells), (size, Cells)));
                ctx.For(domain).ShmNodes.Add(node);
            }
        }
    }
}

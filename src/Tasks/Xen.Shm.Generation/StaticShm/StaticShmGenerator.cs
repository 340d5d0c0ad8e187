using Xen.Shm.Generation.Xl;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.StaticShm
{
    /// <summary>
    /// Mechanism 3 (spec §6): no host change, no guest DT (libxl makes it, §6.5); one xl
    /// <c>static_shm</c> item per participant in the §6.2 canonical form.
    /// </summary>
    internal static class StaticShmGenerator
    {
        public static void Apply(StaticShmRegion region, Regions ctx)
        {
            if (region.Size is null) return;
            foreach (var peer in region.Peers)
            {
                var domain = ctx.Board.FindDomain(peer.Domain.Value);
                if (domain is null || domain.Kind.Value != DomainKind.Xl || peer.Guest is null) continue;
                ulong begin = peer.Guest.Value.Value;
                StaticShmSpec spec = peer.IsOwner
                    ? new StaticShmSpec(region.Id.Value, StaticShmRole.Owner, begin, region.Size.Value.Value)
                    : new StaticShmSpec(region.Id.Value, StaticShmRole.Borrower, begin,
                        region.BorrowerSize(peer) ?? 0, peer.Offset?.Value ?? 0);
                ctx.For(domain).StaticShm.Add(spec);
            }
        }
    }
}

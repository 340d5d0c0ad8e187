using System.Collections.Generic;
using System.Linq;

namespace Xen.Shm.Topology
{
    /// <summary>
    /// The order dom0 creates its xl domUs (spec §6.4): a stable topological sort over the
    /// static-shm owner → borrower edges, Kahn's algorithm always taking the lowest declaration
    /// index among ready domains.
    /// </summary>
    public sealed class CreationOrder
    {
        private CreationOrder(IReadOnlyList<Domain> order, IReadOnlyList<Domain> inCycle)
        {
            Order = order;
            Blocked = inCycle;
        }

        /// <summary>xl domUs in creation order (those blocked by a cycle are left out).</summary>
        public IReadOnlyList<Domain> Order { get; }

        /// <summary>xl domUs on or behind an owner/borrower cycle (XSHM2311); empty when valid.</summary>
        public IReadOnlyList<Domain> Blocked { get; }

        public static CreationOrder Compute(IReadOnlyList<Domain> domains, IEnumerable<Region> regions)
        {
            var xl = domains.Where(d => d.Kind.Value == DomainKind.Xl).ToList();
            var byName = new Dictionary<string, Domain>();
            foreach (var d in xl) if (!byName.ContainsKey(d.Name.Value)) byName[d.Name.Value] = d;

            var successors = new Dictionary<Domain, HashSet<Domain>>();
            var indegree = xl.ToDictionary(d => d, _ => 0);
            foreach (var region in regions.OfType<StaticShmRegion>())
            {
                var ownerPeer = region.Owner;
                if (ownerPeer is null || !byName.TryGetValue(ownerPeer.Domain.Value, out var owner)) continue;
                foreach (var b in region.Borrowers)
                {
                    if (!byName.TryGetValue(b.Domain.Value, out var borrower) || borrower == owner) continue;
                    if (!successors.TryGetValue(owner, out var set)) successors[owner] = set = new HashSet<Domain>();
                    if (set.Add(borrower)) indegree[borrower]++;
                }
            }

            var ready = new SortedSet<int>(xl.Where(d => indegree[d] == 0).Select(d => d.Index));
            var byIndex = xl.ToDictionary(d => d.Index);
            var order = new List<Domain>(xl.Count);
            while (ready.Count > 0)
            {
                var d = byIndex[ready.Min];
                ready.Remove(d.Index);
                order.Add(d);
                if (!successors.TryGetValue(d, out var next)) continue;
                foreach (var s in next)
                    if (--indegree[s] == 0) ready.Add(s.Index);
            }
            var blocked = xl.Where(d => indegree[d] > 0).ToList();
            return new CreationOrder(order, blocked);
        }
    }
}

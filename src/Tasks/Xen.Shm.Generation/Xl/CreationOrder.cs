using System;
using System.Collections.Generic;
using System.Linq;

namespace Xen.Shm.Generation.Xl
{
    /// <summary>The outcome of <see cref="CreationOrder.Sort"/>.</summary>
    public sealed class CreationOrderResult
    {
        internal CreationOrderResult(IReadOnlyList<string> order, IReadOnlyList<string> cycle)
        {
            Order = order;
            Cycle = cycle;
        }

        /// <summary>Every domain, owners before borrowers; empty when there is a cycle.</summary>
        public IReadOnlyList<string> Order { get; }

        /// <summary>The domains that could not be ordered (on a cycle or behind one), in declaration order; empty when none.</summary>
        public IReadOnlyList<string> Cycle { get; }

        public bool HasCycle => Cycle.Count > 0;
    }

    /// <summary>
    /// The order dom0 creates its xl domUs in (spec §6.4): Kahn's topological sort over the
    /// owner → borrower edges, always taking the ready domain with the lowest declaration index,
    /// so the result is stable. A pure function; the topology validator turns a cycle into XSHM2311.
    /// </summary>
    public static class CreationOrder
    {
        /// <param name="domains">Domain names in declaration order (unique).</param>
        /// <param name="edges">(owner, borrower) pairs; names not in <paramref name="domains"/> are ignored, as are self-edges' duplicates.</param>
        public static CreationOrderResult Sort(IReadOnlyList<string> domains, IEnumerable<(string Owner, string Borrower)> edges)
        {
            if (domains is null) throw new ArgumentNullException(nameof(domains));
            if (edges is null) throw new ArgumentNullException(nameof(edges));

            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < domains.Count; i++)
            {
                if (!index.ContainsKey(domains[i])) index.Add(domains[i], i);
            }

            var successors = new List<int>[domains.Count];
            for (int i = 0; i < successors.Length; i++) successors[i] = new List<int>();
            var inDegree = new int[domains.Count];
            var seen = new HashSet<(int, int)>();
            foreach (var (owner, borrower) in edges)
            {
                if (owner is null || borrower is null) continue;
                if (!index.TryGetValue(owner, out int o) || !index.TryGetValue(borrower, out int b)) continue;
                if (!seen.Add((o, b))) continue;
                successors[o].Add(b);
                inDegree[b]++;
            }

            // Ready set as a sorted set of declaration indexes: always take the lowest.
            var ready = new SortedSet<int>(Enumerable.Range(0, domains.Count).Where(i => inDegree[i] == 0 && index[domains[i]] == i));
            var order = new List<string>();
            var placed = new bool[domains.Count];
            while (ready.Count > 0)
            {
                int next = ready.Min;
                ready.Remove(next);
                placed[next] = true;
                order.Add(domains[next]);
                foreach (int s in successors[next])
                {
                    if (--inDegree[s] == 0) ready.Add(s);
                }
            }

            var stuck = new List<string>();
            for (int i = 0; i < domains.Count; i++)
            {
                if (!placed[i] && index[domains[i]] == i) stuck.Add(domains[i]);
            }

            return stuck.Count == 0
                ? new CreationOrderResult(order, Array.Empty<string>())
                : new CreationOrderResult(Array.Empty<string>(), stuck);
        }

        /// <summary>Order of xl domUs from their static_shm items: one edge from each id's owner to each of its borrowers.</summary>
        public static CreationOrderResult Sort(IReadOnlyList<XlDomainConfig> domains)
        {
            if (domains is null) throw new ArgumentNullException(nameof(domains));
            var owners = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var borrowers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var d in domains)
            {
                foreach (var s in d.StaticShm)
                {
                    var map = s.Role == StaticShmRole.Owner ? owners : borrowers;
                    if (!map.TryGetValue(s.Id, out var list)) map[s.Id] = list = new List<string>();
                    list.Add(d.Name);
                }
            }

            var edges = new List<(string, string)>();
            foreach (var pair in owners)
            {
                if (!borrowers.TryGetValue(pair.Key, out var bs)) continue;
                foreach (string o in pair.Value)
                {
                    foreach (string b in bs) edges.Add((o, b));
                }
            }

            return Sort(domains.Select(d => d.Name).ToList(), edges);
        }
    }
}

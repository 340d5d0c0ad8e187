using System;
using System.Collections.Generic;
using System.Linq;

namespace Xen.Shm.Generation.Xl
{
    /// <summary>The outcome of <see cref="CreationOrder.Sort"/>.</summary>
    public sealed class CreationOrderResult
    {
        internal CreationOrderResult(IReadOnlyList<string> order, IReadOnlyList<string> cycle, IReadOnlyList<string> blocked)
        {
            Order = order;
            Cycle = cycle;
            Blocked = blocked;
        }

        /// <summary>Every domain, owners before borrowers; empty when there is a cycle.</summary>
        public IReadOnlyList<string> Order { get; }

        /// <summary>The domains on an owner → borrower cycle, in declaration order; empty when none.</summary>
        public IReadOnlyList<string> Cycle { get; }

        /// <summary>Domains not on a cycle that wait for one (borrowers of a domain on a cycle), in declaration order.</summary>
        public IReadOnlyList<string> Blocked { get; }

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

            var stuck = new List<int>();
            for (int i = 0; i < domains.Count; i++)
            {
                if (!placed[i] && index[domains[i]] == i) stuck.Add(i);
            }

            if (stuck.Count == 0) return new CreationOrderResult(order, Array.Empty<string>(), Array.Empty<string>());

            var onCycle = OnCycle(successors, seen);
            return new CreationOrderResult(Array.Empty<string>(),
                stuck.Where(i => onCycle[i]).Select(i => domains[i]).ToList(),
                stuck.Where(i => !onCycle[i]).Select(i => domains[i]).ToList());
        }

        // A node is on a cycle when it can reach itself: its strongly connected component has
        // more than one node, or it has a self-edge (Tarjan's algorithm, iterative).
        private static bool[] OnCycle(List<int>[] successors, HashSet<(int, int)> edges)
        {
            int n = successors.Length, counter = 0;
            var indexOf = Enumerable.Repeat(-1, n).ToArray();
            var low = new int[n];
            var onStack = new bool[n];
            var stack = new Stack<int>();
            var result = new bool[n];
            for (int root = 0; root < n; root++)
            {
                if (indexOf[root] >= 0) continue;
                var work = new Stack<(int Node, int Next)>();
                work.Push((root, 0));
                indexOf[root] = low[root] = counter++;
                stack.Push(root);
                onStack[root] = true;
                while (work.Count > 0)
                {
                    var (v, next) = work.Pop();
                    if (next < successors[v].Count)
                    {
                        work.Push((v, next + 1));
                        int w = successors[v][next];
                        if (indexOf[w] < 0)
                        {
                            indexOf[w] = low[w] = counter++;
                            stack.Push(w);
                            onStack[w] = true;
                            work.Push((w, 0));
                        }
                        else if (onStack[w])
                        {
                            low[v] = Math.Min(low[v], indexOf[w]);
                        }

                        continue;
                    }

                    if (work.Count > 0)
                    {
                        int parent = work.Peek().Node;
                        low[parent] = Math.Min(low[parent], low[v]);
                    }

                    if (low[v] != indexOf[v]) continue;
                    var component = new List<int>();
                    int x;
                    do
                    {
                        x = stack.Pop();
                        onStack[x] = false;
                        component.Add(x);
                    }
                    while (x != v);

                    if (component.Count > 1 || edges.Contains((v, v)))
                    {
                        foreach (int c in component) result[c] = true;
                    }
                }
            }

            return result;
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

using System;
using System.Collections.Generic;
using System.Linq;

namespace Xen.Shm.Topology
{
    /// <summary>
    /// Host RAM after the carve-outs of mechanisms 2 (uio) and 4 (mmio-sram) (spec §1.6):
    /// each bank entry is replaced in place by its part below the region and its part above.
    /// Regions outside all RAM are not carved; a region straddling banks is XSHM2013 and is
    /// skipped here. O((banks + regions) log n).
    /// </summary>
    public sealed class HostRamCarve
    {
        private HostRamCarve(IReadOnlyList<RamBank> remaining, IReadOnlyList<(string Node, IReadOnlyList<Region> CarvedBy)> emptied)
        {
            Remaining = remaining;
            EmptiedNodes = emptied;
        }

        /// <summary>RAM entries left, in the original node/entry order, split where carved.</summary>
        public IReadOnlyList<RamBank> Remaining { get; }

        /// <summary>Memory nodes left without any entry (XSHM2017), with the regions that carved them.</summary>
        public IReadOnlyList<(string Node, IReadOnlyList<Region> CarvedBy)> EmptiedNodes { get; }

        public static bool Carves(Region region) =>
            region.Mechanism.Value == Mechanism.Uio || region.Mechanism.Value == Mechanism.MmioSram;

        /// <summary>Index of the one bank that fully contains <paramref name="range"/>, or −1.</summary>
        public static int FindBank(IReadOnlyList<RamBank> banksByBase, AddressRange range)
        {
            int lo = 0, hi = banksByBase.Count - 1, found = -1;
            while (lo <= hi)
            {
                int mid = (lo + hi) / 2;
                if (banksByBase[mid].Range.Base <= range.Base) { found = mid; lo = mid + 1; }
                else hi = mid - 1;
            }
            // Banks may overlap in a bad DT: walk back while an earlier bank could still contain it.
            for (int i = found; i >= 0 && i > found - 4; i--)
                if (banksByBase[i].Range.Contains(range)) return i;
            return -1;
        }

        public static HostRamCarve Compute(IReadOnlyList<RamBank> ram, IEnumerable<Region> regions)
        {
            var order = Sorted.By(Indices(ram.Count), (a, b) => ram[a].Range.Base.CompareTo(ram[b].Range.Base));
            var byBase = new List<RamBank>(order.Length);
            foreach (int i in order) byBase.Add(ram[i]);
            var cuts = new List<Region>[ram.Count];
            foreach (var region in regions)
            {
                if (!Carves(region) || region.HostRange is not AddressRange r || r.Size == 0 || r.Wraps) continue;
                int k = FindBank(byBase, r);
                if (k < 0) continue;
                int bank = order[k];
                (cuts[bank] ??= new List<Region>()).Add(region);
            }

            var remaining = new List<RamBank>(ram.Count);
            var nodeHasEntry = new Dictionary<string, bool>(StringComparer.Ordinal);
            var nodeCarvers = new Dictionary<string, List<Region>>(StringComparer.Ordinal);
            var nodeOrder = new List<string>();
            for (int b = 0; b < ram.Count; b++)
            {
                var bank = ram[b];
                if (!nodeHasEntry.ContainsKey(bank.Node)) { nodeHasEntry[bank.Node] = false; nodeOrder.Add(bank.Node); }
                if (cuts[b] is null)
                {
                    remaining.Add(bank);
                    nodeHasEntry[bank.Node] = true;
                    continue;
                }
                if (!nodeCarvers.TryGetValue(bank.Node, out var carvers)) nodeCarvers[bank.Node] = carvers = new List<Region>();
                carvers.AddRange(cuts[b]);
                ulong cursor = bank.Range.Base;
                ulong end = bank.Range.End;
                foreach (var carver in Sorted.By(cuts[b], (x, y) => x.HostRange!.Value.Base.CompareTo(y.HostRange!.Value.Base)))
                {
                    var cut = carver.HostRange!.Value;
                    if (cut.Base > cursor)
                    {
                        remaining.Add(new RamBank(bank.Node, new AddressRange(cursor, cut.Base - cursor), bank.Span));
                        nodeHasEntry[bank.Node] = true;
                    }
                    if (cut.End > cursor) cursor = cut.End;
                }
                if (cursor < end)
                {
                    remaining.Add(new RamBank(bank.Node, new AddressRange(cursor, end - cursor), bank.Span));
                    nodeHasEntry[bank.Node] = true;
                }
            }

            var emptied = nodeOrder.Where(n => !nodeHasEntry[n])
                .Select(n => (n, (IReadOnlyList<Region>)nodeCarvers[n].OrderBy(r => r.Index).ToList()))
                .ToList();
            return new HostRamCarve(remaining, emptied);
        }

        private static int[] Indices(int count)
        {
            var indices = new int[count];
            for (int i = 0; i < count; i++) indices[i] = i;
            return indices;
        }
    }
}

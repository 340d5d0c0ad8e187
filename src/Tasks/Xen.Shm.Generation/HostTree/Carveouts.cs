using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.HostTree
{
    /// <summary>
    /// Spec §1.6: mechanisms 2 and 4 remove their range from host RAM. The topology computes the
    /// remaining banks (<see cref="Board.Carve"/>); here every memory node that lost something
    /// gets its whole <c>reg</c> rewritten in place, entry order kept, a split bank giving two entries.
    /// </summary>
    internal static class Carveouts
    {
        public static void Apply(Board board, HostChanges changes)
        {
            var original = board.Host.Ram;
            var remaining = board.HostRamAfterCarve;
            var nodes = original.Select(b => b.Node).Distinct().ToList();
            foreach (string node in nodes)
            {
                var before = Entries(original, node);
                var after = Entries(remaining, node);
                if (Same(before, after)) continue;
                var ids = board.Regions
                    .Where(r => HostRamCarve.Carves(r) && r.HostRange is AddressRange hr &&
                                original.Any(b => b.Node == node && b.Range.Contains(hr)))
                    .Select(r => r.Id.Value)
                    .ToList();
                changes.MemoryEdits.Add(new MemoryNodeEdit(node, after, ids));
            }
        }

        // Loops, not LINQ: LINQ over these tuples JIT-compiles ~25 framework generics per cold build (issue 21).
        private static List<(ulong Address, ulong Size)> Entries(IReadOnlyList<RamBank> banks, string node)
        {
            var entries = new List<(ulong, ulong)>();
            foreach (var b in banks)
                if (b.Node == node) entries.Add((b.Range.Base, b.Range.Size));
            return entries;
        }

        private static bool Same(List<(ulong Address, ulong Size)> a, List<(ulong Address, ulong Size)> b)
        {
            if (a.Count != b.Count) return false;
            for (int i = 0; i < a.Count; i++)
                if (a[i].Address != b[i].Address || a[i].Size != b[i].Size) return false;
            return true;
        }
    }
}

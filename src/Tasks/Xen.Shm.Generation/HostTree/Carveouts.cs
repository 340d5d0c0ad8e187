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
                var before = original.Where(b => b.Node == node).Select(b => (b.Range.Base, b.Range.Size)).ToList();
                var after = remaining.Where(b => b.Node == node).Select(b => (b.Range.Base, b.Range.Size)).ToList();
                if (before.SequenceEqual(after)) continue;
                var ids = board.Regions
                    .Where(r => HostRamCarve.Carves(r) && r.HostRange is AddressRange hr &&
                                original.Any(b => b.Node == node && b.Range.Contains(hr)))
                    .Select(r => r.Id.Value)
                    .ToList();
                changes.MemoryEdits.Add(new MemoryNodeEdit(node, after, ids));
            }
        }
    }
}

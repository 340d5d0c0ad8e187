using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Generation.Layout;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Stages
{
    /// <summary>The board's memory as the load planner sees it (spec §10.3).</summary>
    internal static class BoardMemory
    {
        /// <summary>RAM after carving, MEMORY_START/END, and every range a boot file must not touch.</summary>
        public static LoadLayout Of(Board board)
        {
            var reserved = new List<AddressRange>();
            foreach (var r in board.Regions)
                if (r.HostRange is AddressRange hr) reserved.Add(hr);
            foreach (var r in board.Host.Reserved) reserved.Add(r.Range);
            // Xen hands static memory to its domain at boot: a module loaded there would be overwritten.
            foreach (var d in board.Domains)
                foreach (var b in d.StaticMem) reserved.Add(b.Range);
            // Xen's static heap (§10.3: IB skips it too).
            foreach (var b in board.Xen.StaticHeap) reserved.Add(b.Range);
            return new LoadLayout(board.HostRamAfterCarve.Select(b => b.Range).ToList())
            {
                MemoryStart = board.Host.BootStart.Value,
                MemoryEnd = board.Host.BootEnd.Value,
                Reserved = reserved,
            };
        }
    }
}

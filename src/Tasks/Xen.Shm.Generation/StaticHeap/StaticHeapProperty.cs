using System.Linq;
using Xen.Shm.Generation.Dts;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.StaticHeap
{
    /// <summary>
    /// <c>xen,static-heap</c> under <c>/chosen</c>: (address, size) pairs in the ROOT node's cells, not
    /// /chosen's (booting.txt "Static Heap Memory"; bootinfo-fdt.c process_chosen_node reads it with
    /// the root's address_cells/size_cells).
    /// </summary>
    internal static class StaticHeapProperty
    {
        public static void Add(Board board, DtsNode chosen)
        {
            if (board.Xen.StaticHeap.Count == 0) return;
            chosen.Property("xen,static-heap",
                DtsFormat.Reg(board.Xen.StaticHeap.Select(b => (b.Base.Value, b.Size.Value)).ToList(), board.Host.AddressCells.Value, board.Host.SizeCells.Value),
                "Xen's heap is these banks alone (xen.staticHeap)");
        }
    }
}

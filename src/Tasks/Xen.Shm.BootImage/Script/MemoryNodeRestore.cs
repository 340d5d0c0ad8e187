using System;
using System.Collections.Generic;

namespace Xen.Shm.BootImage.Script
{
    /// <summary>
    /// A /memory node whose <c>reg</c> the bootm sequence writes back after U-Boot's fixups
    /// (qemu-boot README §7): the node path and the reg value as 32-bit cells.
    /// </summary>
    public sealed class MemoryNodeRestore
    {
        public MemoryNodeRestore(string path, IReadOnlyList<uint> reg)
        {
            Path = path ?? string.Empty;
            Reg = reg ?? throw new ArgumentNullException(nameof(reg));
        }

        public string Path { get; }
        public IReadOnlyList<uint> Reg { get; }

        /// <summary>Cells for (base, size) pairs with the parent's #address-cells / #size-cells (1 or 2 each, spec §1.2).</summary>
        public static MemoryNodeRestore FromRanges(string path, int addressCells, int sizeCells, IEnumerable<(ulong Base, ulong Size)> ranges)
        {
            if (addressCells < 1 || addressCells > 2 || sizeCells < 1 || sizeCells > 2)
                throw new ArgumentOutOfRangeException(nameof(addressCells), "cells must be 1 or 2");
            var cells = new List<uint>();
            foreach (var (b, s) in ranges)
            {
                Put(cells, b, addressCells);
                Put(cells, s, sizeCells);
            }

            return new MemoryNodeRestore(path, cells);
        }

        private static void Put(List<uint> cells, ulong v, int count)
        {
            if (count == 2) cells.Add((uint)(v >> 32));
            else if (v > uint.MaxValue) throw new ArgumentOutOfRangeException(nameof(v), "value does not fit one cell (XSHM2004 is checked earlier)");
            cells.Add((uint)v);
        }
    }
}

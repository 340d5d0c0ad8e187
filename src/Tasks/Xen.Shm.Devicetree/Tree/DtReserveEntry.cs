using System.Collections.Generic;

namespace Xen.Shm.Devicetree
{
    /// <summary>One <c>/memreserve/ address size;</c> entry of the reservation block.</summary>
    public sealed class DtReserveEntry
    {
        public DtReserveEntry(ulong address, ulong size)
        {
            Address = address;
            Size = size;
        }

        public ulong Address { get; set; }
        public ulong Size { get; set; }

        /// <summary>Labels written in front of the entry (no effect on bytes).</summary>
        public List<string> Labels { get; } = new List<string>();

        public override string ToString() => $"/memreserve/ 0x{Address:x} 0x{Size:x};";
    }
}

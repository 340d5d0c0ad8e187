using System.Globalization;

namespace Xen.Shm.Topology
{
    /// <summary>A half-open range <c>[Base, Base+Size)</c> (spec §1.1). <see cref="End"/> saturates at 2^64−1.</summary>
    public readonly struct AddressRange
    {
        public AddressRange(ulong @base, ulong size)
        {
            Base = @base;
            Size = size;
        }

        public ulong Base { get; }
        public ulong Size { get; }

        /// <summary>True when <c>Base + Size</c> passes 2^64 (XSHM2003). Exactly 2^64 is allowed.</summary>
        public bool Wraps => Size != 0 && Base + (Size - 1) < Base;

        /// <summary>Exclusive end; ulong.MaxValue stands for 2^64 (and for any wrapped end).</summary>
        public ulong End => Wraps || Base + Size < Base ? ulong.MaxValue : Base + Size;

        /// <summary>Last byte inside the range (inclusive), exact even when the range ends at 2^64.</summary>
        public ulong Last => Wraps ? ulong.MaxValue : Base + (Size - 1);

        public bool Overlaps(AddressRange other) =>
            Size != 0 && other.Size != 0 && Base <= other.Last && other.Base <= Last;

        public bool Contains(AddressRange inner) =>
            inner.Size != 0 && Size != 0 && inner.Base >= Base && inner.Last <= Last;

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "[0x{0:x}, 0x{1:x})", Base, End);
    }
}

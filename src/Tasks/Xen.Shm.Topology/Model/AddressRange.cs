using System;
using System.Globalization;

namespace Xen.Shm.Topology
{
    /// <summary>
    /// A physical address range, spec §1.1: <see cref="Base"/> and <see cref="Size"/>, covering
    /// <c>[Base, Base+Size)</c>. Its end is given two ways, both exact for a range that ends at 2^64:
    /// <see cref="End"/> is exclusive (first byte after; saturates at 2^64−1, which stands for 2^64) and
    /// <see cref="Last"/> is inclusive (last byte inside; meaningful only when the range is not empty).
    /// Compare ends with <see cref="Last"/>; use <see cref="End"/> where "may end exactly here" is meant.
    /// </summary>
    public readonly struct AddressRange : IEquatable<AddressRange>
    {
        public AddressRange(ulong @base, ulong size)
        {
            Base = @base;
            Size = size;
        }

        public ulong Base { get; }
        public ulong Size { get; }

        public bool IsEmpty => Size == 0;

        /// <summary>True when <c>Base + Size</c> passes 2^64 (XSHM2003). Exactly 2^64 is allowed.</summary>
        public bool Wraps => Size != 0 && Base + (Size - 1) < Base;

        /// <summary>Exclusive end; ulong.MaxValue stands for 2^64 (and for any wrapped end).</summary>
        public ulong End => Wraps || Base + Size < Base ? ulong.MaxValue : Base + Size;

        /// <summary>Last byte inside the range (inclusive), exact even when the range ends at 2^64; saturates when it wraps.</summary>
        public ulong Last => Wraps ? ulong.MaxValue : Base + (Size - 1);

        public bool Overlaps(AddressRange other) =>
            Size != 0 && other.Size != 0 && Base <= other.Last && other.Base <= Last;

        public bool Contains(AddressRange inner) =>
            inner.Size != 0 && Size != 0 && inner.Base >= Base && inner.Last <= Last;

        public bool Equals(AddressRange other) => Base == other.Base && Size == other.Size;
        public override bool Equals(object? obj) => obj is AddressRange r && Equals(r);
        public override int GetHashCode() => unchecked((Base.GetHashCode() * 397) ^ Size.GetHashCode());
        public static bool operator ==(AddressRange left, AddressRange right) => left.Equals(right);
        public static bool operator !=(AddressRange left, AddressRange right) => !left.Equals(right);

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "[0x{0:x}, 0x{1:x})", Base, End);
    }
}

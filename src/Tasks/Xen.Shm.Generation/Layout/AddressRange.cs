using System;
using System.Globalization;

namespace Xen.Shm.Generation.Layout
{
    /// <summary>
    /// A half-open host physical range [Base, Base + Size) (spec §1.1). <see cref="Last"/> is the
    /// last byte, so a range that ends exactly at 2^64 still compares correctly.
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

        /// <summary>Last byte inside the range (saturates at 2^64−1; meaningless when Size is 0).</summary>
        public ulong Last => Size == 0 ? Base : (Base > ulong.MaxValue - (Size - 1) ? ulong.MaxValue : Base + (Size - 1));

        public bool IsEmpty => Size == 0;

        public bool Overlaps(AddressRange other) =>
            !IsEmpty && !other.IsEmpty && Base <= other.Last && other.Base <= Last;

        public bool Contains(AddressRange inner) =>
            !IsEmpty && !inner.IsEmpty && inner.Base >= Base && inner.Last <= Last;

        public bool Equals(AddressRange other) => Base == other.Base && Size == other.Size;
        public override bool Equals(object? obj) => obj is AddressRange r && Equals(r);
        public override int GetHashCode() => unchecked((Base.GetHashCode() * 397) ^ Size.GetHashCode());

        public override string ToString() =>
            "[0x" + Base.ToString("x", CultureInfo.InvariantCulture) + ", +0x" + Size.ToString("x", CultureInfo.InvariantCulture) + ")";
    }
}

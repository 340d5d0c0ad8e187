using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology
{
    /// <summary>
    /// One <c>staticMem</c> bank of a dom0less domain: host memory Xen gives that domain alone
    /// (<c>xen,static-mem</c>, Xen docs/misc/arm/device-tree/booting.txt "Static Allocation").
    /// </summary>
    public sealed class StaticMemBank
    {
        public StaticMemBank(Spanned<ulong> @base, Spanned<ulong> size, SourceSpan span)
        {
            Base = @base;
            Size = size;
            Span = span;
        }

        public Spanned<ulong> Base { get; }
        public Spanned<ulong> Size { get; }

        /// <summary>The <c>{ base, size }</c> mapping.</summary>
        public SourceSpan Span { get; }

        public AddressRange Range => new AddressRange(Base.Value, Size.Value);

        public override string ToString() => Range.ToString();
    }
}

using System;
using System.Collections.Generic;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology
{
    public enum XenFlavour
    {
        /// <summary>xen-project/xen.</summary>
        Upstream,
        /// <summary>Xilinx/xen (xilinx/release-20xx.y, xlnx_rebase_4.1x).</summary>
        Xilinx,
    }

    /// <summary>MAJOR.MINOR of the Xen release (Xilinx branches: the Xen release they rebase, e.g. 4.17).</summary>
    public readonly struct XenVersion : IComparable<XenVersion>, IEquatable<XenVersion>
    {
        public XenVersion(int major, int minor)
        {
            Major = major;
            Minor = minor;
        }

        public int Major { get; }
        public int Minor { get; }

        public int CompareTo(XenVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

        public bool Equals(XenVersion other) => Major == other.Major && Minor == other.Minor;
        public override bool Equals(object? obj) => obj is XenVersion other && Equals(other);
        public override int GetHashCode() => unchecked((Major * 397) ^ Minor);
        public static bool operator ==(XenVersion left, XenVersion right) => left.Equals(right);
        public static bool operator !=(XenVersion left, XenVersion right) => !left.Equals(right);
        public static bool operator <(XenVersion left, XenVersion right) => left.CompareTo(right) < 0;
        public static bool operator <=(XenVersion left, XenVersion right) => left.CompareTo(right) <= 0;
        public static bool operator >(XenVersion left, XenVersion right) => left.CompareTo(right) > 0;
        public static bool operator >=(XenVersion left, XenVersion right) => left.CompareTo(right) >= 0;

        public bool AtLeast(int major, int minor) => CompareTo(new XenVersion(major, minor)) >= 0;

        public bool Between(int major, int minorFrom, int minorTo) =>
            Major == major && Minor >= minorFrom && Minor <= minorTo;

        public override string ToString() => Major + "." + Minor;
    }

    /// <summary>The <c>xen:</c> section: which Xen the board boots and how.</summary>
    public sealed class XenTarget
    {
        public XenTarget(Spanned<XenFlavour> flavour, Spanned<XenVersion> version, BoardFile? image, Spanned<string>? bootargs, SourceSpan span)
        {
            Flavour = flavour;
            Version = version;
            Image = image;
            Bootargs = bootargs;
            Span = span;
        }

        public Spanned<XenFlavour> Flavour { get; }
        public Spanned<XenVersion> Version { get; }

        /// <summary>The Xen binary (<c>xen.image</c>).</summary>
        public BoardFile? Image { get; }

        /// <summary>Xen command line (<c>/chosen/xen,xen-bootargs</c>); null = not given.</summary>
        public Spanned<string>? Bootargs { get; }

        public SourceSpan Span { get; }

        /// <summary><c>staticHeap</c> banks (<c>/chosen/xen,static-heap</c>, Xen 4.17+); empty when not given.</summary>
        public IReadOnlyList<StaticMemBank> StaticHeap { get; init; } = Array.Empty<StaticMemBank>();

        /// <summary>Where <c>staticHeap</c> was written, for diagnostics about the whole list.</summary>
        public SourceSpan? StaticHeapSpan { get; init; }

        /// <summary><c>xen.llcColors</c>: Xen's own LLC colours ("0-1"); null when not given.</summary>
        public Spanned<string>? LlcColors { get; init; }

        public bool IsXilinx => Flavour.Value == XenFlavour.Xilinx;
        public bool IsUpstream => Flavour.Value == XenFlavour.Upstream;
    }
}

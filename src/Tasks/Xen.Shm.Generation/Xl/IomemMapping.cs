using System;

namespace Xen.Shm.Generation.Xl
{
    /// <summary>Cacheability word of Xilinx xl's iomem (spec §4.3): <c>memory</c> = normal cacheable, <c>devmem</c> = device.</summary>
    public enum IomemCacheability
    {
        Devmem,
        Memory,
    }

    /// <summary>
    /// One generated xl <c>iomem</c> entry (spec §1.1, §1.3, §4.3, §5.2): host frame <see cref="Mfn"/>,
    /// page count <see cref="PageCount"/>, optional guest frame <see cref="Gfn"/> (null = 1:1 and
    /// not written unless a cacheability word forces it), optional Xilinx cacheability word.
    /// Frames and counts are in 4 KiB pages.
    /// </summary>
    public sealed class IomemMapping
    {
        public const int PageShift = 12;

        public IomemMapping(ulong mfn, ulong pageCount, ulong? gfn = null, IomemCacheability? cacheability = null)
        {
            Mfn = mfn;
            PageCount = pageCount;
            Gfn = gfn;
            Cacheability = cacheability;
        }

        public ulong Mfn { get; }
        public ulong PageCount { get; }
        public ulong? Gfn { get; }
        public IomemCacheability? Cacheability { get; }

        /// <summary>
        /// From byte addresses: host address, size, guest address (null = same as host). All must be
        /// multiples of 4 KiB (the topology validator reports XSHM2001 before we get here).
        /// A guest address equal to the host address is kept as 1:1 (no @GFN unless a word is written).
        /// </summary>
        public static IomemMapping FromAddresses(ulong hostAddress, ulong size, ulong? guestAddress = null,
            IomemCacheability? cacheability = null)
        {
            const ulong mask = (1UL << PageShift) - 1;
            if ((hostAddress & mask) != 0 || (size & mask) != 0 || ((guestAddress ?? 0) & mask) != 0)
                throw new ArgumentException("iomem addresses and size must be 4 KiB multiples (XSHM2001 is checked earlier)");
            ulong? gfn = guestAddress is ulong g && g != hostAddress ? g >> PageShift : (ulong?)null;
            return new IomemMapping(hostAddress >> PageShift, size >> PageShift, gfn, cacheability);
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology
{
    /// <summary>The five ways of sharing memory (spec §4–§8), spelled in YAML as in the comments.</summary>
    public enum Mechanism
    {
        /// <summary><c>iomem-cacheable</c>: §4, Xilinx xl iomem <c>,memory</c>.</summary>
        IomemCacheable,
        /// <summary><c>uio</c>: §5, host carve-out + UIO node + xl iomem.</summary>
        Uio,
        /// <summary><c>static-shm</c>: §6, Xilinx xl <c>static_shm</c>.</summary>
        StaticShm,
        /// <summary><c>mmio-sram</c>: §7, dom0less <c>xen,reg</c> of a carved <c>mmio-sram</c> node.</summary>
        MmioSram,
        /// <summary><c>dom0less-shm</c>: §8, Xen's <c>xen,domain-shared-memory-v1</c>.</summary>
        DomainShm,
    }

    /// <summary>One participant of a region (an entry of <c>peers:</c>).</summary>
    public sealed class Peer
    {
        public Peer(Spanned<string> domain, Spanned<ulong>? guest, Spanned<string>? role, Spanned<ulong>? offset,
            Spanned<ulong>? size, Spanned<string>? cachePolicy, Spanned<string>? prot, SourceSpan span)
        {
            Domain = domain;
            Guest = guest;
            Role = role;
            Offset = offset;
            Size = size;
            CachePolicy = cachePolicy;
            Prot = prot;
            Span = span;
        }

        public Spanned<string> Domain { get; }

        /// <summary>Guest address of the window; null = the host address (1:1). static-shm: xl <c>begin</c>.</summary>
        public Spanned<ulong>? Guest { get; }

        /// <summary>static-shm and dom0less-shm: <c>owner</c> or <c>borrower</c> as written.</summary>
        public Spanned<string>? Role { get; }

        /// <summary>static-shm borrowers: offset into the owner's region.</summary>
        public Spanned<ulong>? Offset { get; }

        /// <summary>static-shm borrowers: window size; null = owner's size − offset.</summary>
        public Spanned<ulong>? Size { get; }

        /// <summary>static-shm owner: xl <c>cache_policy</c> as written.</summary>
        public Spanned<string>? CachePolicy { get; }

        /// <summary>static-shm: xl <c>prot</c> as written (only <c>rw</c> is valid).</summary>
        public Spanned<string>? Prot { get; }

        public SourceSpan Span { get; }

        public bool IsOwner => Role?.Value == "owner";
    }

    /// <summary>A shared-memory region of one mechanism; see the subclasses for what each adds.</summary>
    public abstract class Region
    {
        protected Region(int index, Spanned<string> id, Spanned<Mechanism> mechanism, Spanned<ulong>? host, Spanned<ulong>? size,
            IReadOnlyList<Peer> peers, SourceSpan span)
        {
            Index = index;
            Id = id;
            Mechanism = mechanism;
            Host = host;
            Size = size;
            Peers = peers;
            Span = span;
        }

        /// <summary>Declaration order (0-based).</summary>
        public int Index { get; }

        /// <summary>Unique on the board; also the static_shm id (§6) and the shm id (§8).</summary>
        public Spanned<string> Id { get; }
        public Spanned<Mechanism> Mechanism { get; }

        /// <summary>Host physical address; always null for static-shm, optional for dom0less-shm (Xen ≥ 4.19).</summary>
        public Spanned<ulong>? Host { get; }

        /// <summary>Size in bytes (static-shm: the owner's region).</summary>
        public Spanned<ulong>? Size { get; }

        public IReadOnlyList<Peer> Peers { get; }
        public SourceSpan Span { get; }

        /// <summary>The host range, when both host and size are known.</summary>
        public AddressRange? HostRange => Host is null || Size is null ? null : new AddressRange(Host.Value.Value, Size.Value.Value);

        public override string ToString() => Id.Value;
    }

    /// <summary>§4: host <c>/reserved-memory/xen-shmem@</c> + xl iomem <c>,memory</c> (Xilinx).</summary>
    public sealed class IomemCacheableRegion : Region
    {
        public IomemCacheableRegion(int index, Spanned<string> id, Spanned<Mechanism> mechanism, Spanned<ulong>? host, Spanned<ulong>? size,
            IReadOnlyList<Peer> peers, SourceSpan span) : base(index, id, mechanism, host, size, peers, span) { }
    }

    /// <summary>§5: host carve-out + <c>shared_mem@</c> UIO node + xl iomem.</summary>
    public sealed class UioRegion : Region
    {
        public const string DefaultCompatible = "uio-dev";

        public UioRegion(int index, Spanned<string> id, Spanned<Mechanism> mechanism, Spanned<ulong>? host, Spanned<ulong>? size,
            IReadOnlyList<Peer> peers, Spanned<string>? compatible, SourceSpan span) : base(index, id, mechanism, host, size, peers, span) =>
            Compatible = compatible;

        /// <summary>Node compatible and <c>uio_pdrv_genirq.of_id</c>; null = <see cref="DefaultCompatible"/> (S1).</summary>
        public Spanned<string>? Compatible { get; }

        public string CompatibleValue => Compatible?.Value ?? DefaultCompatible;
    }

    /// <summary>§6: xl <c>static_shm</c>, one owner and borrowers, all xl domUs (Xilinx).</summary>
    public sealed class StaticShmRegion : Region
    {
        public StaticShmRegion(int index, Spanned<string> id, Spanned<Mechanism> mechanism, Spanned<ulong>? size,
            IReadOnlyList<Peer> peers, SourceSpan span) : base(index, id, mechanism, null, size, peers, span) { }

        /// <summary>The first peer with role owner (XSHM2303/2304 report none or several).</summary>
        public Peer? Owner => Peers.FirstOrDefault(p => p.IsOwner);

        public IEnumerable<Peer> Borrowers => Peers.Where(p => !p.IsOwner);

        /// <summary>Borrower window size: written, else the owner's size minus the offset.</summary>
        public ulong? BorrowerSize(Peer borrower)
        {
            if (borrower.Size is { } s) return s.Value;
            if (Size is null) return null;
            ulong offset = borrower.Offset?.Value ?? 0;
            return offset < Size.Value.Value ? Size.Value.Value - offset : (ulong?)null;
        }
    }

    /// <summary>§7: carved <c>sram@</c> node + dom0less <c>xen,reg</c> / <c>xen,reg-cacheable</c>.</summary>
    public sealed class MmioSramRegion : Region
    {
        public MmioSramRegion(int index, Spanned<string> id, Spanned<Mechanism> mechanism, Spanned<ulong>? host, Spanned<ulong>? size,
            IReadOnlyList<Peer> peers, Spanned<bool>? cacheable, Spanned<bool>? dom0Access, SourceSpan span)
            : base(index, id, mechanism, host, size, peers, span)
        {
            Cacheable = cacheable;
            Dom0Access = dom0Access;
        }

        /// <summary>True: <c>xen,reg-cacheable</c> (Xilinx ≥ 4.16); null/false: <c>xen,reg</c>.</summary>
        public Spanned<bool>? Cacheable { get; }

        /// <summary>False: the host node gets <c>xen,passthrough;</c>; null = true.</summary>
        public Spanned<bool>? Dom0Access { get; }

        public bool IsCacheable => Cacheable?.Value ?? false;
        public bool HasDom0Access => Dom0Access?.Value ?? true;
    }

    /// <summary>§8: Xen's dom0less static shared memory (<c>xen,domain-shared-memory-v1</c>).</summary>
    public sealed class DomainShmRegion : Region
    {
        public DomainShmRegion(int index, Spanned<string> id, Spanned<Mechanism> mechanism, Spanned<ulong>? host, Spanned<ulong>? size,
            IReadOnlyList<Peer> peers, SourceSpan span) : base(index, id, mechanism, host, size, peers, span) { }

        /// <summary>The explicit owner, or null: then no node gets a role and DOMID_IO owns the pages (§8.1).</summary>
        public Peer? Owner => Peers.FirstOrDefault(p => p.IsOwner);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology
{
    public enum DomainKind
    {
        /// <summary>The control domain booted by Xen (at most one).</summary>
        Dom0,
        /// <summary>A domU created from dom0 by <c>xl create</c>.</summary>
        Xl,
        /// <summary>A domU built by Xen at boot from <c>/chosen</c>.</summary>
        Dom0less,
    }

    /// <summary>One entry of <c>domains:</c>.</summary>
    public sealed class Domain
    {
        public Domain(int index, Spanned<string> name, Spanned<DomainKind> kind, Spanned<ulong>? memory, Spanned<int>? vcpus,
            BoardFile? kernel, BoardFile? ramdisk, BoardFile? deviceTree, Spanned<string>? bootargs,
            IReadOnlyList<Spanned<string>> extraIomem, IReadOnlyList<Spanned<uint>> irqs, IReadOnlyList<Spanned<string>> passthrough,
            Spanned<bool>? directMap, Spanned<bool>? enhanced, Spanned<bool>? vpl011, Spanned<string>? xlDir, SourceSpan span,
            IReadOnlyList<StaticMemBank>? staticMem = null, SourceSpan? staticMemSpan = null)
        {
            Index = index;
            Name = name;
            Kind = kind;
            Memory = memory;
            Vcpus = vcpus;
            Kernel = kernel;
            Ramdisk = ramdisk;
            DeviceTree = deviceTree;
            Bootargs = bootargs;
            ExtraIomem = extraIomem;
            Irqs = irqs;
            Passthrough = passthrough;
            DirectMap = directMap;
            Enhanced = enhanced;
            Vpl011 = vpl011;
            XlDir = xlDir;
            Span = span;
            StaticMem = staticMem ?? Array.Empty<StaticMemBank>();
            StaticMemSpan = staticMemSpan ?? span;
            GuestRam = kind.Value == DomainKind.Dom0 || memory is null ? Array.Empty<AddressRange>()
                : IsDirectMapped && StaticMem.Count > 0 ? StaticMem.Select(b => b.Range).ToArray()
                : GuestLayout.RamBanks(memory.Value.Value);
        }

        /// <summary>Declaration order (0-based), the tie-breaker of every ordering.</summary>
        public int Index { get; }
        public Spanned<string> Name { get; }
        public Spanned<DomainKind> Kind { get; }

        /// <summary>RAM in bytes (xl <c>memory</c> MiB, dom0less <c>memory</c> KiB, dom0 <c>dom0_mem</c>).</summary>
        public Spanned<ulong>? Memory { get; }

        /// <summary>vCPUs; null = 1 (dom0: Xen's default).</summary>
        public Spanned<int>? Vcpus { get; }

        public BoardFile? Kernel { get; }
        public BoardFile? Ramdisk { get; }

        /// <summary>User partial device tree for a domU (merged by the generator).</summary>
        public BoardFile? DeviceTree { get; }

        public Spanned<string>? Bootargs { get; }

        /// <summary>xl domUs: raw xl iomem entries appended after the generated ones (spec §5.2).</summary>
        public IReadOnlyList<Spanned<string>> ExtraIomem { get; }

        /// <summary>xl domUs: xl <c>irqs</c>.</summary>
        public IReadOnlyList<Spanned<uint>> Irqs { get; }

        /// <summary>Host DT paths passed through (xl <c>dtdev</c>; dom0less <c>xen,path</c>).</summary>
        public IReadOnlyList<Spanned<string>> Passthrough { get; }

        /// <summary>dom0less: <c>direct-map</c>.</summary>
        public Spanned<bool>? DirectMap { get; }

        /// <summary>dom0less: <c>xen,enhanced = "enabled"</c>; null = on when a dom0 exists (IB rule, spec §10.2).</summary>
        public Spanned<bool>? Enhanced { get; }

        /// <summary>dom0less: <c>vpl011</c>; null = on (IB default).</summary>
        public Spanned<bool>? Vpl011 { get; }

        /// <summary>dom0: folder in dom0 for xl configs and partial DTBs; null = <c>/etc/xen</c> (spec §4.3).</summary>
        public Spanned<string>? XlDir { get; }

        public SourceSpan Span { get; }

        /// <summary>dom0less: the name of its boot-time cpupool (<c>domain-cpupool</c>); null = Pool-0.</summary>
        public Spanned<string>? Cpupool { get; init; }

        /// <summary>dom0less: <c>xen,static-mem</c> banks (host memory for this domain alone); empty = Xen allocates from its heap.</summary>
        public IReadOnlyList<StaticMemBank> StaticMem { get; }

        /// <summary><c>llcColors</c> (dom0, dom0less): the domain's LLC colours in Xen's syntax ("0-3,6"); null when not given.</summary>
        public Spanned<string>? LlcColors { get; init; }

        /// <summary>The <c>staticMem</c> key (or the domain when it is absent).</summary>
        public SourceSpan StaticMemSpan { get; }

        /// <summary>Guest RAM banks (spec §1.5); a direct-mapped domU's are its static banks (Xen assign_static_memory_11);
        /// empty for dom0 (direct-mapped) and when memory is unknown.</summary>
        public IReadOnlyList<AddressRange> GuestRam { get; }

        /// <summary>Guest address == host address (spec §1.5): dom0 and dom0less domUs with direct-map.</summary>
        public bool IsDirectMapped => Kind.Value == DomainKind.Dom0 || (DirectMap?.Value ?? false);

        public override string ToString() => Name.Value;
    }
}

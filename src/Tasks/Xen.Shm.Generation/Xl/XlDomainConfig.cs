using System;
using System.Collections.Generic;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Generation.Xl
{
    /// <summary>
    /// Everything the xl config file of one xl domU says, already decided (no defaults left):
    /// the generator maps the topology's xl domain and its regions onto this.
    /// Paths are dom0 paths (e.g. <c>/etc/xen/guest1.dtb</c>); null optional values are not written.
    /// </summary>
    public sealed class XlDomainConfig
    {
        public XlDomainConfig(string name, ulong memoryMiB, uint vcpus, string kernel)
        {
            Name = name ?? string.Empty;
            MemoryMiB = memoryMiB;
            Vcpus = vcpus;
            Kernel = kernel ?? string.Empty;
        }

        /// <summary>xl <c>name</c>; also the file name <c>&lt;name&gt;.cfg</c>.</summary>
        public string Name { get; }

        /// <summary>xl <c>memory</c>, MiB.</summary>
        public ulong MemoryMiB { get; }

        /// <summary>xl <c>vcpus</c>.</summary>
        public uint Vcpus { get; }

        /// <summary>xl <c>kernel</c>: the kernel's path in dom0.</summary>
        public string Kernel { get; }

        /// <summary>xl <c>ramdisk</c>, or null.</summary>
        public string? Ramdisk { get; init; }

        /// <summary>xl <c>extra</c>: the guest kernel command line, or null.</summary>
        public string? Extra { get; init; }

        /// <summary>xl <c>device_tree</c>: the partial DTB's path in dom0, or null.</summary>
        public string? DeviceTree { get; init; }

        /// <summary>xl <c>dtdev</c>: host device-tree paths of devices assigned through the IOMMU.</summary>
        public IReadOnlyList<string> Dtdev { get; init; } = Array.Empty<string>();

        /// <summary>Generated iomem entries, in region declaration order (written first).</summary>
        public IReadOnlyList<IomemMapping> Iomem { get; init; } = Array.Empty<IomemMapping>();

        /// <summary>The user's own iomem entries, written verbatim after the generated ones (XSHM2016 if not xl grammar).</summary>
        public IReadOnlyList<string> RawIomem { get; init; } = Array.Empty<string>();

        /// <summary>xl <c>irqs</c> (SPI numbers as the guest sees them), in order.</summary>
        public IReadOnlyList<uint> Irqs { get; init; } = Array.Empty<uint>();

        /// <summary>xl <c>static_shm</c> items, in region declaration order (Xilinx only).</summary>
        public IReadOnlyList<StaticShmSpec> StaticShm { get; init; } = Array.Empty<StaticShmSpec>();

        /// <summary>Where the domain is declared, for diagnostics.</summary>
        public SourceSpan Span { get; init; }
    }
}

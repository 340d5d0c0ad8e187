using System.Collections.Generic;
using Xen.Shm.Generation.Dts;
using Xen.Shm.Generation.Xl;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Guest
{
    /// <summary>What the regions contribute to one domU, collected in region declaration order.</summary>
    public sealed class GuestParts
    {
        public GuestParts(Domain domain) => Domain = domain;

        public Domain Domain { get; }

        /// <summary>xl: generated iomem entries (§4.3, §5.2).</summary>
        public List<IomemMapping> Iomem { get; } = new List<IomemMapping>();

        /// <summary>xl: static_shm items (§6.2).</summary>
        public List<StaticShmSpec> StaticShm { get; } = new List<StaticShmSpec>();

        /// <summary>xl: mechanism-1 windows for the §4.2 partial DT (guest address, size, region id).</summary>
        public List<(ulong Guest, ulong Size, string Id)> SharedMemoryWindows { get; } = new List<(ulong, ulong, string)>();

        /// <summary>dom0less: <c>/passthrough</c> children of the §7.2 partial DT.</summary>
        public List<PassthroughWindow> Passthrough { get; } = new List<PassthroughWindow>();

        /// <summary>xl: IRQs of passed-through devices (SPI + 32), each once, after the domain's own <c>irqs</c>.</summary>
        public List<uint> DeviceIrqs { get; } = new List<uint>();

        /// <summary>xl: <c>dtdev</c> host paths (devices behind an IOMMU).</summary>
        public List<string> Dtdev { get; } = new List<string>();

        /// <summary>dom0less and xl: host devices copied into <c>/passthrough</c> (dom0less adds xen,path).</summary>
        public List<PassthroughDevice> Devices { get; } = new List<PassthroughDevice>();

        /// <summary>dom0less (and dom0): §8.1 nodes for this domain's <c>/chosen</c> node.</summary>
        public List<DtsNode> ShmNodes { get; } = new List<DtsNode>();
    }

    /// <summary>One mmio-sram window of a dom0less domU (§7.2).</summary>
    public sealed class PassthroughWindow
    {
        public PassthroughWindow(string id, ulong host, ulong guest, ulong size, bool cacheable)
        {
            Id = id;
            Host = host;
            Guest = guest;
            Size = size;
            Cacheable = cacheable;
        }

        public string Id { get; }
        public ulong Host { get; }
        public ulong Guest { get; }
        public ulong Size { get; }
        public bool Cacheable { get; }
    }
}

using System;
using System.Collections.Generic;

namespace Xen.Shm.Topology.Yaml
{
    /// <summary>Every key the format knows, per mapping (README.md documents each).</summary>
    internal static class Keys
    {
        public static readonly string[] Top = { "xen", "host", "domains", "regions", "eventChannels", "cpupools" };
        public static readonly string[] Xen = { "flavour", "version", "image", "bootargs", "staticHeap", "llcColors" };
        public static readonly string[] Host = { "deviceTree", "cells", "ram", "reserved", "boot", "includeDirs", "defines", "overlays" };
        public static readonly string[] Cells = { "address", "size" };
        public static readonly string[] RamBank = { "node", "base", "size" };
        public static readonly string[] Reserved = { "name", "base", "size" };
        public static readonly string[] Boot = { "start", "end", "bitstream", "files" };
        public static readonly string[] StaticMemBank = { "base", "size" };

        public static readonly string[] Domain =
        {
            "name", "kind", "memory", "vcpus", "kernel", "ramdisk", "bootargs", "deviceTree", "extraIomem", "irqs",
            "passthrough", "directMap", "staticMem", "enhanced", "vpl011", "xlDir", "includeDirs", "defines", "cpupool", "llcColors",
        };

        public static readonly string[] EventChannel = { "ends" };
        public static readonly string[] EventChannelEnd = { "domain", "port" };
        public static readonly string[] Cpupool = { "name", "cpus", "scheduler" };

        public static readonly string[] Region = { "id", "mechanism", "host", "size", "compatible", "cacheable", "dom0Access", "peers" };
        public static readonly string[] Peer = { "domain", "guest", "role", "offset", "size", "cachePolicy", "prot" };

        public static readonly IReadOnlyDictionary<string, XenFlavour> Flavours = new Dictionary<string, XenFlavour>(StringComparer.Ordinal)
        {
            ["upstream"] = XenFlavour.Upstream,
            ["xilinx"] = XenFlavour.Xilinx,
        };

        public static readonly IReadOnlyDictionary<string, DomainKind> Kinds = new Dictionary<string, DomainKind>(StringComparer.Ordinal)
        {
            ["dom0"] = DomainKind.Dom0,
            ["xl"] = DomainKind.Xl,
            ["dom0less"] = DomainKind.Dom0less,
        };

        public static readonly IReadOnlyDictionary<string, Mechanism> Mechanisms = new Dictionary<string, Mechanism>(StringComparer.Ordinal)
        {
            ["iomem-cacheable"] = Mechanism.IomemCacheable,
            ["uio"] = Mechanism.Uio,
            ["static-shm"] = Mechanism.StaticShm,
            ["mmio-sram"] = Mechanism.MmioSram,
            ["dom0less-shm"] = Mechanism.DomainShm,
        };

        public static string Name(Mechanism m) => m switch
        {
            Mechanism.IomemCacheable => "iomem-cacheable",
            Mechanism.Uio => "uio",
            Mechanism.StaticShm => "static-shm",
            Mechanism.MmioSram => "mmio-sram",
            _ => "dom0less-shm",
        };

        public static string Name(DomainKind k) => k switch
        {
            DomainKind.Dom0 => "dom0",
            DomainKind.Xl => "xl",
            _ => "dom0less",
        };
    }
}

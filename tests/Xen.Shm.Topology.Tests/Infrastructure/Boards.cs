namespace Xen.Shm.Topology.Tests.Infrastructure;

/// <summary>
/// A board that loads with no diagnostic at all, to which each test adds exactly one mistake.
/// Xilinx 4.17 (so every mechanism is available); xl windows sit below guest RAM (0x0a000000…),
/// where Xen advertises no extended region, and the dom0less domUs are not enhanced, so no
/// XSHM2014 warning fires unless a test wants it.
/// </summary>
internal static class Boards
{
    public const string XenSection = """
        xen:
          flavour: xilinx
          version: "4.17"
          image: images/xen
          bootargs: "console=dtuart dtuart=serial0 dom0_mem=1024M"
        """;

    public const string HostSection = """
        host:
          ram:
            - { node: /memory@0, base: 0x0, size: 0x80000000 }
            - { node: /memory@0, base: 0x800000000, size: 0x80000000 }
        """;

    public const string DomainsSection = """
        domains:
          - { name: dom0, kind: dom0, memory: 1024M, kernel: images/Image, ramdisk: images/rootfs.cpio.gz, bootargs: "console=hvc0" }
          - { name: guest1, kind: xl, memory: 512M, kernel: images/Image }
          - { name: guest2, kind: xl, memory: 512M, kernel: images/Image }
          - { name: domU1, kind: dom0less, memory: 256M, kernel: images/Image, enhanced: false }
          - { name: domU2, kind: dom0less, memory: 256M, kernel: images/Image, enhanced: false }
        """;

    /// <summary>One valid region per mechanism.</summary>
    public const string RegionsSection = """
        regions:
          - { id: page0, mechanism: iomem-cacheable, host: 0x70000000, size: 0x1000, peers: [ { domain: guest1, guest: 0x0a000000 } ] }
          - { id: uio0, mechanism: uio, host: 0x7ffff000, size: 0x1000, peers: [ { domain: guest1, guest: 0x0a001000 } ] }
          - { id: shm_1, mechanism: static-shm, size: 0x1000, peers: [ { domain: guest1, role: owner, guest: 0x40000000 }, { domain: guest2, role: borrower, guest: 0x0a000000 } ] }
          - { id: sram0, mechanism: mmio-sram, host: 0x7e000000, size: 16M, peers: [ { domain: domU1 } ] }
          - { id: dshm0, mechanism: dom0less-shm, host: 0x10000000, size: 16M, peers: [ { domain: dom0, role: owner }, { domain: domU1, role: borrower, guest: 0x0b000000 } ] }
        """;

    public static string With(string? xen = null, string? host = null, string? domains = null, string? regions = null) =>
        string.Join("\n", xen ?? XenSection, host ?? HostSection, domains ?? DomainsSection, regions ?? RegionsSection) + "\n";

    /// <summary>The standard board with <paramref name="region"/> (one "  - {...}" line or block) as its only region.</summary>
    public static string WithRegion(string region) => With(regions: "regions:\n" + region);
}

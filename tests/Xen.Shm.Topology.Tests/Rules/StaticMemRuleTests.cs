using Xen.Shm.Topology.Tests.Infrastructure;

namespace Xen.Shm.Topology.Tests.Rules;

/// <summary>
/// Issue 19 item 1: staticMem (xen,static-mem) and direct-map, with the rules Xen applies at boot
/// (xen/arch/arm/domain_build.c 4.17, common/device-tree/static-memory.c 4.21). The standard board
/// plus a direct-mapped domU3 with 64 MiB of static memory at 0x20000000, clear of every region.
/// </summary>
[TestClass]
public sealed class StaticMemRuleTests
{
    private static string WithDomU3(string domU3, string? xen = null) =>
        Boards.With(xen: xen, domains: Boards.DomainsSection + "\n  - " + domU3);

    private const string Good = "{ name: domU3, kind: dom0less, memory: 64M, kernel: images/Image, enhanced: false, directMap: true, staticMem: [ { base: 0x20000000, size: 64M } ] }";

    [TestMethod]
    public void DirectMappedDomainWithStaticMemory_LoadsClean()
    {
        var r = Topo.AssertClean(WithDomU3(Good));

        var d = r.Board!.FindDomain("domU3")!;
        Assert.HasCount(1, d.StaticMem);
        Assert.AreEqual(0x20000000UL, d.StaticMem[0].Base.Value);
        // A direct-mapped domain's guest RAM is its static memory, 1:1 (Xen assign_static_memory_11).
        Assert.AreEqual(new AddressRange(0x20000000, 0x4000000), d.GuestRam.Single());
    }

    [TestMethod]
    public void StaticMemoryWithoutDirectMap_LoadsClean()
    {
        Topo.AssertClean(WithDomU3("{ name: domU3, kind: dom0less, memory: 64M, kernel: images/Image, enhanced: false, staticMem: [ { base: 0x20000000, size: 32M }, { base: 0x30000000, size: 32M } ] }"));
    }

    [TestMethod]
    public void XSHM2020_DirectMapWithoutStaticMemory()
    {
        Topo.AssertOnly(WithDomU3("{ name: domU3, kind: dom0less, memory: 64M, kernel: images/Image, enhanced: false, directMap: »true }"), "XSHM2020");
    }

    [TestMethod]
    public void XSHM2021_StaticMemoryOutsideHostRam()
    {
        Topo.AssertOnly(WithDomU3("{ name: domU3, kind: dom0less, memory: 64M, kernel: images/Image, enhanced: false, directMap: true, staticMem: [ { base: »0x90000000, size: 64M } ] }"), "XSHM2021");
    }

    [TestMethod]
    public void XSHM2021_StaticMemoryStraddlingTheEndOfABank()
    {
        Topo.AssertOnly(WithDomU3("{ name: domU3, kind: dom0less, memory: 64M, kernel: images/Image, enhanced: false, staticMem: [ { base: »0x87f000000, size: 64M } ] }"), "XSHM2021");
    }

    [TestMethod]
    public void XSHM2022_StaticMemoryOverlapsARegion()
    {
        // sram0 is carved at 0x7e000000 (16 MiB).
        Topo.AssertOnly(WithDomU3("{ name: domU3, kind: dom0less, memory: 16M, kernel: images/Image, enhanced: false, staticMem: [ { base: »0x7d800000, size: 16M } ] }"), "XSHM2022");
    }

    [TestMethod]
    public void XSHM2022_TwoDomainsShareStaticMemory()
    {
        string domains = Boards.DomainsSection +
            "\n  - " + Good +
            "\n  - { name: domU4, kind: dom0less, memory: 64M, kernel: images/Image, enhanced: false, staticMem: [ { base: »0x22000000, size: 64M } ] }";
        Topo.AssertOnly(Boards.With(domains: domains), "XSHM2022");
    }

    [TestMethod]
    public void XSHM2022_BanksOfOneDomainOverlap()
    {
        Topo.AssertOnly(WithDomU3("{ name: domU3, kind: dom0less, memory: 64M, kernel: images/Image, enhanced: false, staticMem: [ { base: 0x20000000, size: 32M }, { base: »0x21000000, size: 32M } ] }"), "XSHM2022");
    }

    [TestMethod]
    public void XSHM2022_StaticMemoryOverlapsBoardReservedMemory()
    {
        string host = Boards.HostSection + "\n  reserved:\n    - { name: tee, base: 0x20000000, size: 1M }";
        Topo.AssertOnly(Boards.With(host: host, domains: Boards.DomainsSection +
            "\n  - { name: domU3, kind: dom0less, memory: 64M, kernel: images/Image, enhanced: false, staticMem: [ { base: »0x20000000, size: 64M } ] }"), "XSHM2022");
    }

    [TestMethod]
    public void XSHM2023_StaticMemoryTotalDiffersFromMemory()
    {
        Topo.AssertOnly(WithDomU3("{ name: domU3, kind: dom0less, memory: 128M, kernel: images/Image, enhanced: false, directMap: true, »staticMem: [ { base: 0x20000000, size: 64M } ] }"), "XSHM2023");
    }

    [TestMethod]
    public void XSHM2001_StaticMemoryBaseNotPageAligned()
    {
        Topo.AssertOnly(WithDomU3("{ name: domU3, kind: dom0less, memory: 64M, kernel: images/Image, enhanced: false, staticMem: [ { base: »0x20000800, size: 64M } ] }"), "XSHM2001");
    }

    [TestMethod]
    public void XSHM2010_StaticMemoryBeforeXen417()
    {
        string xen = Boards.XenSection.Replace("\"4.17\"", "\"4.16\"");
        // 4.16 has no dom0less-shm: only the domain rows of the standard board, no regions.
        Topo.AssertOnly(Boards.With(xen: xen, regions: "regions: []", domains: Boards.DomainsSection +
            "\n  - { name: domU3, kind: dom0less, memory: 64M, kernel: images/Image, enhanced: false, »staticMem: [ { base: 0x20000000, size: 64M } ] }"), "XSHM2010");
    }

    [TestMethod]
    public void XSHM1003_StaticMemoryOnAnXlDomain()
    {
        string domains = Boards.DomainsSection + "\n  - { name: guest3, kind: xl, memory: 64M, kernel: images/Image, »staticMem: [ { base: 0x20000000, size: 64M } ] }";
        Topo.AssertOnly(Boards.With(domains: domains), "XSHM1003");
    }
}

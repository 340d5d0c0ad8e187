using Xen.Shm.Topology.Tests.Infrastructure;

namespace Xen.Shm.Topology.Tests.Rules;

/// <summary>
/// One test per cross-mechanism code of spec §11 (XSHM2001–2019): the standard clean board
/// plus one mistake; the code must be the only diagnostic, at the marked value (» marks it).
/// </summary>
[TestClass]
public sealed class CommonRuleTests
{
    [TestMethod]
    public void XSHM2001_HostAddressNotPageAligned()
    {
        Topo.AssertOnly(Boards.WithRegion("  - { id: sram9, mechanism: mmio-sram, host: »0x7e000800, size: 16M, peers: [ { domain: domU1 } ] }"), "XSHM2001");
    }

    [TestMethod]
    public void XSHM2001_BorrowerOffsetNotPageAligned()
    {
        Topo.AssertOnly(Boards.WithRegion(
            "  - { id: shm_1, mechanism: static-shm, size: 0x2000, peers: [ { domain: guest1, role: owner, guest: 0x40000000 }, { domain: guest2, guest: 0x0a000000, offset: »0x800, size: 0x1000 } ] }"),
            "XSHM2001");
    }

    [TestMethod]
    public void XSHM2002_SizeZero()
    {
        Topo.AssertOnly(Boards.WithRegion("  - { id: sram9, mechanism: mmio-sram, host: 0x7e000000, size: »0, peers: [ { domain: domU1 } ] }"), "XSHM2002");
    }

    [TestMethod]
    public void XSHM2003_HostRangeWrapsPast2To64()
    {
        Topo.AssertOnly(Boards.WithRegion("  - { id: sram9, mechanism: mmio-sram, host: »0xfffffffffffff000, size: 0x2000, peers: [ { domain: domU1 } ] }"), "XSHM2003");
    }

    [TestMethod]
    public void XSHM2003_RangeEndingExactlyAt2To64_DoesNotWrap()
    {
        // [0xfffffffffffff000, 2^64) ends exactly at 2^64: allowed (spec §1.1 "MUST NOT exceed").
        Topo.AssertClean(Boards.WithRegion("  - { id: uio9, mechanism: uio, host: 0xfffffffffffff000, size: 0x1000, peers: [ { domain: guest1, guest: 0x0a001000 } ] }"));
    }

    [TestMethod]
    public void XSHM2004_HostAddressAbove4GiB_WithOneAddressCell()
    {
        string host = "host:\n  cells: { address: 1, size: 1 }\n  ram: [ { base: 0x0, size: 0x80000000 } ]";
        Topo.AssertOnly(Boards.With(host: host, regions:
            "regions:\n  - { id: uio9, mechanism: uio, host: »0x100000000, size: 0x1000, peers: [ { domain: guest1, guest: 0x0a001000 } ] }"), "XSHM2004");
    }

    [TestMethod]
    public void XSHM2005_HostRangesOverlap_ReportedAtTheLaterRegion()
    {
        Topo.AssertOnly(Boards.WithRegion(
            "  - { id: uio0, mechanism: uio, host: 0x7ffff000, size: 0x1000, peers: [ { domain: guest1, guest: 0x0a001000 } ] }\n" +
            "  - { id: uio1, mechanism: uio, host: »0x7ffff000, size: 0x1000, peers: [ { domain: guest2, guest: 0x0a002000 } ] }"), "XSHM2005");
    }

    [TestMethod]
    public void XSHM2005_RegionOverlapsBoardReservedMemory()
    {
        string host = Boards.HostSection + "\n  reserved:\n    - { name: pmu-firmware, base: 0x7ff00000, size: 0x100000 }";
        var r = Topo.AssertOnly(Boards.With(host: host, regions:
            "regions:\n  - { id: uio0, mechanism: uio, host: »0x7ffff000, size: 0x1000, peers: [ { domain: guest1, guest: 0x0a001000 } ] }"), "XSHM2005");
        Assert.HasCount(1, r.Diagnostics[0].Related, "the reserved range is the related position");
    }

    [TestMethod]
    public void XSHM2006_GuestWindowsOfOneDomainOverlap()
    {
        var r = Topo.AssertOnly(Boards.WithRegion(
            "  - { id: page0, mechanism: iomem-cacheable, host: 0x70000000, size: 0x1000, peers: [ { domain: guest1, guest: 0x0a000000 } ] }\n" +
            "  - { id: uio0, mechanism: uio, host: 0x7ffff000, size: 0x1000, peers: [ { domain: guest1, guest: »0x0a000000 } ] }"), "XSHM2006");
        Assert.AreEqual(17, r.Diagnostics[0].Related[0].Line, "related: page0's window, line 17 (5 xen + 4 host + 6 domains lines, then regions:)");
    }

    [TestMethod]
    public void XSHM2006_UserIomemEntryOverlapsAGeneratedWindow()
    {
        string domains = Boards.DomainsSection + "\n  - { name: guest3, kind: xl, memory: 512M, kernel: images/Image, extraIomem: [ \"0x0a000,1\" ] }";
        Topo.AssertOnly(Boards.With(domains: domains, regions:
            "regions:\n  - { id: uio0, mechanism: uio, host: 0x7ffff000, size: 0x1000, peers: [ { domain: guest3, guest: »0x0a000000 } ] }"), "XSHM2006");
    }

    [TestMethod]
    public void XSHM2007_GuestWindowInGuestRam()
    {
        // guest1 has 512 MiB: RAM [0x40000000, 0x60000000).
        Topo.AssertOnly(Boards.WithRegion("  - { id: page0, mechanism: iomem-cacheable, host: 0x70000000, size: 0x1000, peers: [ { domain: guest1, guest: »0x50000000 } ] }"), "XSHM2007");
    }

    [TestMethod]
    public void XSHM2007_S0WindowCollidesOnceTheGuestHas1GiB()
    {
        // spec §4.4: with guest1 at 1024 MiB the guest RAM is [0x40000000, 0x80000000) and the 1:1 page collides.
        string domains = Boards.DomainsSection.Replace("{ name: guest1, kind: xl, memory: 512M", "{ name: guest1, kind: xl, memory: 1024M");
        Topo.AssertOnly(Boards.With(domains: domains, regions:
            "regions:\n  - { id: page0, mechanism: iomem-cacheable, host: 0x70000000, size: 0x1000, peers: [ { domain: guest1, guest: »0x70000000 } ] }"), "XSHM2007");
    }

    [TestMethod]
    [DataRow("0x22000000", DisplayName = "vPL011")]
    [DataRow("0x03001000", DisplayName = "vGIC")]
    [DataRow("0x38800000", DisplayName = "grant table")]
    [DataRow("0x10000000000", DisplayName = "past 1 TiB")]
    public void XSHM2008_GuestWindowHitsAFixedWindow(string guest)
    {
        Topo.AssertOnly(Boards.WithRegion($"  - {{ id: page0, mechanism: iomem-cacheable, host: 0x70000000, size: 0x1000, peers: [ {{ domain: guest1, guest: »{guest} }} ] }}"), "XSHM2008");
    }

    [TestMethod]
    public void XSHM2009_UnknownParticipant()
    {
        var r = Topo.AssertOnly(Boards.WithRegion(
            "  - { id: uio0, mechanism: uio, host: 0x7ffff000, size: 0x1000, peers: [ { domain: guest1, guest: 0x0a001000 }, { domain: »guest9 } ] }"), "XSHM2009");
        StringAssert.Contains(r.Diagnostics[0].Message, "not declared");
    }

    [TestMethod]
    public void XSHM2009_Dom0lessDomainInAnXlMechanism()
    {
        Topo.AssertOnly(Boards.WithRegion(
            "  - { id: uio0, mechanism: uio, host: 0x7ffff000, size: 0x1000, peers: [ { domain: guest1, guest: 0x0a001000 }, { domain: »domU2, guest: 0x0c000000 } ] }"), "XSHM2009");
    }

    [TestMethod]
    public void XSHM2009_UioWithoutDom0()
    {
        string domains = "domains:\n  - { name: guest1, kind: xl, memory: 512M, kernel: images/Image }\n  - { name: guest2, kind: xl, memory: 512M, kernel: images/Image }\n  - { name: domU1, kind: dom0less, memory: 256M, kernel: images/Image }";
        Topo.AssertOnly(Boards.With(domains: domains, regions:
            "regions:\n  - { id: uio0, mechanism: »uio, host: 0x7ffff000, size: 0x1000, peers: [ { domain: guest1, guest: 0x0a001000 }, { domain: guest2, guest: 0x0a001000 } ] }"), "XSHM2009");
    }

    [TestMethod]
    public void XSHM2010_StaticShmOnUpstreamXen()
    {
        string xen = "xen:\n  flavour: upstream\n  version: \"4.17\"\n  image: images/xen";
        Topo.AssertOnly(Boards.With(xen: xen, regions:
            "regions:\n  - { id: shm_1, mechanism: »static-shm, size: 0x1000, peers: [ { domain: guest1, role: owner, guest: 0x40000000 }, { domain: guest2, role: borrower, guest: 0x0a000000 } ] }"), "XSHM2010");
    }

    [TestMethod]
    public void XSHM2010_CacheableSramOnUpstreamXen()
    {
        string xen = "xen:\n  flavour: upstream\n  version: \"4.17\"\n  image: images/xen";
        Topo.AssertOnly(Boards.With(xen: xen, regions:
            "regions:\n  - { id: sram0, mechanism: mmio-sram, host: 0x7e000000, size: 16M, cacheable: »true, dom0Access: false, peers: [ { domain: domU1 }, { domain: domU2 } ] }"), "XSHM2010");
    }

    [TestMethod]
    public void XSHM2011_DuplicateRegionId()
    {
        Topo.AssertOnly(Boards.WithRegion(
            "  - { id: page0, mechanism: iomem-cacheable, host: 0x70000000, size: 0x1000, peers: [ { domain: guest1, guest: 0x0a000000 } ] }\n" +
            "  - { id: »page0, mechanism: iomem-cacheable, host: 0x70001000, size: 0x1000, peers: [ { domain: guest2, guest: 0x0a000000 } ] }"), "XSHM2011");
    }

    [TestMethod]
    public void XSHM2012_ReservedMemoryRegionOutsideHostRam()
    {
        Topo.AssertOnly(Boards.WithRegion("  - { id: page0, mechanism: iomem-cacheable, host: »0x90000000, size: 0x1000, peers: [ { domain: guest1, guest: 0x0a000000 } ] }"), "XSHM2012");
    }

    [TestMethod]
    public void XSHM2013_CarveOutStraddlesTheEndOfABank()
    {
        Topo.AssertOnly(Boards.WithRegion("  - { id: uio0, mechanism: uio, host: »0x7ffff000, size: 0x2000, peers: [ { domain: guest1, guest: 0x0a001000 } ] }"), "XSHM2013");
    }

    [TestMethod]
    public void XSHM2013_RegionFullyOutsideRam_IsNotCarvedAndAccepted()
    {
        var r = Topo.AssertClean(Boards.WithRegion("  - { id: ocm, mechanism: uio, host: 0xfffc0000, size: 0x1000, peers: [ { domain: guest1, guest: 0x0a001000 } ] }"));
        Assert.HasCount(2, r.Board!.HostRamAfterCarve, "nothing carved");
    }

    [TestMethod]
    public void XSHM2014_S0PageInTheAdvertisedExtendedRegion_IsAWarning()
    {
        // spec §12.10: 0x70000000 is above guest1's RAM (ends 0x60000000) but inside RAM0's window.
        var r = Topo.AssertOnly(Boards.WithRegion("  - { id: page0, mechanism: iomem-cacheable, host: 0x70000000, size: 0x1000, peers: [ { domain: guest1, guest: »0x70000000 } ] }"), "XSHM2014");
        Assert.IsFalse(r.HasErrors);
        Assert.AreEqual(Xen.Shm.Diagnostics.Severity.Warning, r.Diagnostics[0].Severity);
    }

    [TestMethod]
    public void XSHM2014_NotRaisedOnXen421()
    {
        string xen = "xen:\n  flavour: upstream\n  version: \"4.21\"\n  image: images/xen";
        Topo.AssertClean(Boards.With(xen: xen, regions:
            "regions:\n  - { id: uio0, mechanism: uio, host: 0x7ffff000, size: 0x1000, peers: [ { domain: guest1, guest: 0x70000000 } ] }"));
    }

    [TestMethod]
    public void XSHM2015_DirectMappedDom0WithAnotherGuestAddress()
    {
        Topo.AssertOnly(Boards.WithRegion(
            "  - { id: dshm0, mechanism: dom0less-shm, host: 0x10000000, size: 16M, peers: [ { domain: dom0, role: owner, guest: »0x20000000 }, { domain: domU1, role: borrower, guest: 0x0b000000 } ] }"),
            "XSHM2015");
    }

    [TestMethod]
    public void XSHM2016_S1ExampleIomemEntryDoesNotParse()
    {
        // spec §5.2: S1's "0xFFFF0@0x0,1" puts @GFN before the page count.
        string domains = Boards.DomainsSection + "\n  - { name: guest3, kind: xl, memory: 512M, kernel: images/Image, extraIomem: [ »\"0xFFFF0@0x0,1\" ] }";
        Topo.AssertOnly(Boards.With(domains: domains), "XSHM2016");
    }

    [TestMethod]
    public void XSHM2017_CarveOutEmptiesAMemoryNode()
    {
        string host = "host:\n  ram:\n    - { node: /memory@0, base: 0x0, size: 0x80000000 }\n    - { node: /memory@800000000, base: 0x800000000, size: 16M }";
        Topo.AssertOnly(Boards.With(host: host, regions:
            "regions:\n  - { id: sram9, mechanism: mmio-sram, host: »0x800000000, size: 16M, peers: [ { domain: domU1, guest: 0x0c000000 } ] }"), "XSHM2017");
    }

    [TestMethod]
    public void XSHM2018_DomainListedTwiceInOneRegion()
    {
        Topo.AssertOnly(Boards.WithRegion(
            "  - { id: page0, mechanism: iomem-cacheable, host: 0x70000000, size: 0x2000, peers: [ { domain: guest1, guest: 0x0a000000 }, { domain: »guest1, guest: 0x0a004000 } ] }"),
            "XSHM2018");
    }

    [TestMethod]
    public void XSHM2019_RegionWithOneParticipant_IsAWarning()
    {
        var r = Topo.AssertOnly(Boards.WithRegion(
            "  - { id: »lonely, mechanism: dom0less-shm, host: 0x10000000, size: 16M, peers: [ { domain: domU1, guest: 0x0b000000 } ] }"), "XSHM2019");
        Assert.IsFalse(r.HasErrors);
    }

    [TestMethod]
    public void XSHM2019_CacheableSramWhileDom0KeepsDeviceAccess_IsAWarning()
    {
        Topo.AssertOnly(Boards.WithRegion(
            "  - { id: sram0, mechanism: mmio-sram, host: 0x7e000000, size: 16M, cacheable: »true, peers: [ { domain: domU1 } ] }"), "XSHM2019");
    }
}

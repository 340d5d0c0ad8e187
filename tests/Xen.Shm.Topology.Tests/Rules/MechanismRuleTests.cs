using Xen.Shm.Topology.Tests.Infrastructure;

namespace Xen.Shm.Topology.Tests.Rules;

/// <summary>One test per mechanism-specific code (XSHM22xx–25xx) and the boot codes 2602/2603.</summary>
[TestClass]
public sealed class MechanismRuleTests
{
    private const string Owner = "{ domain: guest1, role: owner, guest: 0x40000000 }";
    private const string Borrower = "{ domain: guest2, role: borrower, guest: 0x0a000000 }";

    private static string Shm(string id = "shm_1", string size = "0x1000", string owner = Owner, string borrower = Borrower) =>
        $"  - {{ id: {id}, mechanism: static-shm, size: {size}, peers: [ {owner}, {borrower} ] }}";

    private static string Upstream(string version) => $"xen:\n  flavour: upstream\n  version: \"{version}\"\n  image: images/xen";

    // --- UIO (spec §5.1) ---

    [TestMethod]
    public void XSHM2201_UioRegionsWithDifferentCompatibles()
    {
        Topo.AssertOnly(Boards.WithRegion(
            "  - { id: uio0, mechanism: uio, host: 0x7ffff000, size: 0x1000, compatible: uio-dev, peers: [ { domain: guest1, guest: 0x0a001000 } ] }\n" +
            "  - { id: uio1, mechanism: uio, host: 0x7fffe000, size: 0x1000, compatible: »other-dev, peers: [ { domain: guest2, guest: 0x0a001000 } ] }"), "XSHM2201");
    }

    [TestMethod]
    [DataRow("\"uio dev\"")]
    [DataRow("\"\"")]
    [DataRow("\"a=b\"")]
    public void XSHM2202_UioCompatibleUnsafeOnTheCommandLine(string compatible)
    {
        Topo.AssertOnly(Boards.WithRegion(
            $"  - {{ id: uio0, mechanism: uio, host: 0x7ffff000, size: 0x1000, compatible: »{compatible}, peers: [ {{ domain: guest1, guest: 0x0a001000 }} ] }}"), "XSHM2202");
    }

    [TestMethod]
    public void XSHM2203_Dom0BootargsNameAnotherOfId()
    {
        string domains = Boards.DomainsSection.Replace("bootargs: \"console=hvc0\"", "bootargs: »\"console=hvc0 uio_pdrv_genirq.of_id=generic-uio\"");
        Topo.AssertOnly(Boards.With(domains: domains, regions:
            "regions:\n  - { id: uio0, mechanism: uio, host: 0x7ffff000, size: 0x1000, peers: [ { domain: guest1, guest: 0x0a001000 } ] }"), "XSHM2203");
    }

    [TestMethod]
    public void XSHM2203_NotRaisedWhenBootargsAlreadyNameTheSameOfId()
    {
        string domains = Boards.DomainsSection.Replace("bootargs: \"console=hvc0\"", "bootargs: \"console=hvc0 uio_pdrv_genirq.of_id=uio-dev\"");
        Topo.AssertClean(Boards.With(domains: domains, regions:
            "regions:\n  - { id: uio0, mechanism: uio, host: 0x7ffff000, size: 0x1000, peers: [ { domain: guest1, guest: 0x0a001000 } ] }"));
    }

    // --- xl static_shm (spec §6.3) ---

    [TestMethod]
    [DataRow("shm-1")]
    [DataRow("shm.1")]
    [DataRow("\"shm 1\"")] // a newline here is refused earlier, as a control character (XSHM1026)
    public void XSHM2301_StaticShmIdWithCharactersXlRejects(string id)
    {
        Topo.AssertOnly(Boards.WithRegion(Shm(id: "»" + id)), "XSHM2301");
    }

    [TestMethod]
    public void XSHM2302_StaticShmIdLongerThan128()
    {
        Topo.AssertOnly(Boards.WithRegion(Shm(id: "»" + new string('a', 129))), "XSHM2302");
    }

    [TestMethod]
    public void XSHM2302_StaticShmIdOf128_IsAccepted()
    {
        Topo.AssertClean(Boards.WithRegion(Shm(id: new string('a', 128))));
    }

    [TestMethod]
    public void XSHM2303_NoOwner()
    {
        Topo.AssertOnly(Boards.WithRegion(
            "  - { id: »shm_1, mechanism: static-shm, size: 0x1000, peers: [ { domain: guest1, role: borrower, guest: 0x0a000000 }, { domain: guest2, guest: 0x0a000000 } ] }"),
            "XSHM2303");
    }

    [TestMethod]
    public void XSHM2304_TwoOwners()
    {
        Topo.AssertOnly(Boards.WithRegion(Shm(borrower: "{ domain: guest2, role: »owner, guest: 0x40000000 }")), "XSHM2304");
    }

    [TestMethod]
    public void XSHM2305_OffsetOnTheOwner()
    {
        Topo.AssertOnly(Boards.WithRegion(Shm(owner: "{ domain: guest1, role: owner, guest: 0x40000000, offset: »0x0 }")), "XSHM2305");
    }

    [TestMethod]
    public void XSHM2306_CachePolicyOnABorrower()
    {
        Topo.AssertOnly(Boards.WithRegion(Shm(borrower: "{ domain: guest2, guest: 0x0a000000, cachePolicy: »ARM_normal }")), "XSHM2306");
    }

    [TestMethod]
    public void XSHM2307_X86NormalCachePolicyOnArm()
    {
        Topo.AssertOnly(Boards.WithRegion(Shm(owner: "{ domain: guest1, role: owner, guest: 0x40000000, cachePolicy: »x86_normal }")), "XSHM2307");
    }

    [TestMethod]
    public void XSHM2308_ProtOtherThanRw()
    {
        Topo.AssertOnly(Boards.WithRegion(Shm(borrower: "{ domain: guest2, guest: 0x0a000000, prot: »ro }")), "XSHM2308");
    }

    [TestMethod]
    public void XSHM2309_BorrowerWindowExceedsTheOwnerRegion()
    {
        Topo.AssertOnly(Boards.WithRegion(Shm(borrower: "{ domain: guest2, guest: 0x0a000000, offset: 0x1000, size: »0x1000 }", size: "0x1000")
            .Replace("offset: 0x1000, size: »0x1000", "size: »0x2000")), "XSHM2309");
    }

    [TestMethod]
    public void XSHM2309_OffsetPastTheOwnerRegion()
    {
        Topo.AssertOnly(Boards.WithRegion(Shm(borrower: "{ domain: guest2, guest: 0x0a000000, offset: »0x1000 }")), "XSHM2309");
    }

    /// <summary>The fork's libxl_arm.c make_reserved_nodes: node and reg at begin + offset; libxl_sshm.c maps at begin.</summary>
    [TestMethod]
    public void XSHM2313_BorrowerWithAnOffset_WarnsWhereXlPutsItsNode()
    {
        var r = Topo.AssertOnly(Boards.WithRegion(Shm(size: "0x2000", borrower: "{ domain: guest2, guest: 0x0a000000, offset: »0x1000 }")), "XSHM2313");
        Assert.AreEqual(Xen.Shm.Diagnostics.Severity.Warning, r.Diagnostics[0].Severity);
        StringAssert.Contains(r.Diagnostics[0].Message, "xen-shmem@a001000");
        StringAssert.Contains(r.Diagnostics[0].Message, "at begin 0xa000000");
    }

    [TestMethod]
    public void XSHM2313_NotForOffsetZero() =>
        Topo.AssertClean(Boards.WithRegion(Shm(size: "0x2000", borrower: "{ domain: guest2, guest: 0x0a000000, offset: 0x0 }")));

    [TestMethod]
    public void XSHM2310_OwnerRangeOutsideItsGuestRam()
    {
        Topo.AssertOnly(Boards.WithRegion(Shm(owner: "{ domain: guest1, role: owner, guest: »0x0c000000 }")), "XSHM2310");
    }

    [TestMethod]
    public void XSHM2311_OwnerBorrowerCycle()
    {
        var r = Topo.AssertOnly(Boards.WithRegion(
            "  - { id: »A, mechanism: static-shm, size: 0x1000, peers: [ { domain: guest1, role: owner, guest: 0x40000000 }, { domain: guest2, guest: 0x0a000000 } ] }\n" +
            "  - { id: B, mechanism: static-shm, size: 0x1000, peers: [ { domain: guest2, role: owner, guest: 0x40000000 }, { domain: guest1, guest: 0x0a000000 } ] }"), "XSHM2311");
        Assert.HasCount(2, r.Board!.Creation.Blocked);
    }

    [TestMethod]
    public void XSHM2312_InvalidRole()
    {
        Topo.AssertOnly(Boards.WithRegion(Shm(borrower: "{ domain: guest2, role: »lender, guest: 0x0a000000 }")), "XSHM2312");
    }

    // --- mmio-sram (spec §7) ---

    [TestMethod]
    public void XSHM2401_Dom0PeerOfARegionHiddenFromDom0()
    {
        Topo.AssertOnly(Boards.WithRegion(
            "  - { id: sram0, mechanism: mmio-sram, host: 0x7e000000, size: 16M, dom0Access: false, peers: [ { domain: domU1 }, { domain: »dom0 } ] }"), "XSHM2401");
    }

    // --- dom0less static shared memory (spec §8.2) ---

    [TestMethod]
    public void XSHM2501_ShmIdOf16Bytes()
    {
        Topo.AssertOnly(Boards.WithRegion(
            "  - { id: »shm-0123456789ab, mechanism: dom0less-shm, host: 0x10000000, size: 16M, peers: [ { domain: dom0 }, { domain: domU1, guest: 0x0b000000 } ] }"), "XSHM2501");
    }

    [TestMethod]
    public void XSHM2501_ShmIdOf15Bytes_IsAccepted()
    {
        Topo.AssertClean(Boards.WithRegion(
            "  - { id: my-shared-mem-0, mechanism: dom0less-shm, host: 0x10000000, size: 16M, peers: [ { domain: dom0 }, { domain: domU1, guest: 0x0b000000 } ] }"));
    }

    [TestMethod]
    public void XSHM2502_ShmIdNotANodeName()
    {
        Topo.AssertOnly(Boards.WithRegion(
            "  - { id: »\"shm@0\", mechanism: dom0less-shm, host: 0x10000000, size: 16M, peers: [ { domain: dom0 }, { domain: domU1, guest: 0x0b000000 } ] }"), "XSHM2502");
    }

    [TestMethod]
    public void XSHM2503_TwoOwners()
    {
        Topo.AssertOnly(Boards.WithRegion(
            "  - { id: dshm0, mechanism: dom0less-shm, host: 0x10000000, size: 16M, peers: [ { domain: dom0, role: owner }, { domain: domU1, role: »owner, guest: 0x0b000000 } ] }"),
            "XSHM2503");
    }

    [TestMethod]
    public void XSHM2504_NoHostAddressWhileDom0TakesPart()
    {
        Topo.AssertOnly(Boards.With(xen: Upstream("4.19"), regions:
            "regions:\n  - { id: »dshm0, mechanism: dom0less-shm, size: 16M, peers: [ { domain: dom0, guest: 0x10000000 }, { domain: domU1, guest: 0x0b000000 } ] }"),
            "XSHM2504");
    }

    [TestMethod]
    public void XSHM2504_NoHostAddressBetweenDomUs_IsAcceptedOn419()
    {
        Topo.AssertClean(Boards.With(xen: Upstream("4.19"), regions:
            "regions:\n  - { id: dshm0, mechanism: dom0less-shm, size: 16M, peers: [ { domain: domU1, guest: 0x0b000000 }, { domain: domU2, guest: 0x0b000000 } ] }"));
    }

    [TestMethod]
    public void XSHM2505_ThirtyThirdRegion()
    {
        var lines = new List<string>();
        for (int i = 0; i < 33; i++)
        {
            string addr = "0x" + (0x10000000 + i * 0x1000).ToString("x");
            string guest = "0x" + (0x0b000000 + i * 0x1000).ToString("x");
            lines.Add($"  - {{ id: {(i == 32 ? "»" : "")}s{i}, mechanism: dom0less-shm, host: {addr}, size: 0x1000, peers: [ {{ domain: dom0 }}, {{ domain: domU1, guest: {guest} }} ] }}");
        }
        Topo.AssertOnly(Boards.WithRegion(string.Join("\n", lines)), "XSHM2505");
    }

    // --- boot (spec §10.3) ---

    [TestMethod]
    public void XSHM2602_NeitherDom0NorDom0lessDomain()
    {
        string domains = "»domains:\n  - { name: guest1, kind: xl, memory: 512M, kernel: images/Image }";
        Topo.AssertOnly(Boards.With(domains: domains, regions: "regions: []"), "XSHM2602");
    }

    [TestMethod]
    public void XSHM2603_Dom0lessDomainWithoutMemory()
    {
        string domains = Boards.DomainsSection + "\n  - »{ name: domU3, kind: dom0less, kernel: images/Image }";
        Topo.AssertOnly(Boards.With(domains: domains), "XSHM2603");
    }

    [TestMethod]
    [DataRow("1025K")]
    [DataRow("0")]
    [DataRow("0x10000000000")]
    public void XSHM2603_MemoryZeroNotMiBOrAboveTheGuestMaximum(string memory)
    {
        string domains = Boards.DomainsSection + $"\n  - {{ name: domU3, kind: dom0less, memory: »{memory}, kernel: images/Image }}";
        Topo.AssertOnly(Boards.With(domains: domains), "XSHM2603");
    }
}

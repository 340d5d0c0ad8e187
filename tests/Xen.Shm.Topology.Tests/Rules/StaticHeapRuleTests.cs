using Xen.Shm.Topology.Tests.Infrastructure;

namespace Xen.Shm.Topology.Tests.Rules;

/// <summary>
/// xen.staticHeap (/chosen/xen,static-heap, Xen booting.txt "Static Heap Memory", 4.17+). The standard
/// board: RAM [0, 2 GiB) and [0x800000000, +2 GiB), sram0 carved at 0x7e000000, dom0 1 GiB and two
/// dom0less domUs of 256 MiB each: Xen allocates 1.5 GiB from the heap at boot.
/// </summary>
[TestClass]
public sealed class StaticHeapRuleTests
{
    private static string WithHeap(string banks, string version = "4.17", string? regions = null, string? host = null) =>
        Boards.With(xen: Boards.XenSection.Replace("\"4.17\"", "\"" + version + "\"") + "\n  staticHeap: " + banks, regions: regions, host: host);

    [TestMethod]
    public void HeapInTheHighBank_LoadsClean()
    {
        var r = Topo.AssertClean(WithHeap("[ { base: 0x800000000, size: 1536M } ]"));
        Assert.AreEqual(new AddressRange(0x800000000, 0x60000000), r.Board!.Xen.StaticHeap.Single().Range);
    }

    [TestMethod]
    public void XSHM2080_BeforeXen417() =>
        Topo.AssertOnly(Boards.With(xen: Boards.XenSection.Replace("\"4.17\"", "\"4.16\"") + "\n  »staticHeap: [ { base: 0x800000000, size: 1536M } ]",
            regions: "regions: []"), "XSHM2080");

    [TestMethod]
    [DataRow("[ »{ base: 0x800008000, size: 1536M } ]")]
    [DataRow("[ »{ base: 0x800000000, size: 0x60001000 } ]")]
    [DataRow("[ { base: 0x800000000, size: 1536M }, »{ base: 0x860000000, size: 0 } ]")]
    public void XSHM2081_NotAligned64KOrEmpty(string banks) => Topo.AssertOnly(WithHeap(banks), "XSHM2081");

    [TestMethod]
    [DataRow("[ »{ base: 0x900000000, size: 1536M } ]")]      // past the second bank
    [DataRow("[ »{ base: 0x7e000000, size: 64K }, { base: 0x800000000, size: 1536M } ]")] // inside sram0's carve-out
    [DataRow("[ »{ base: 0x40000000, size: 2G } ]")]          // straddles the end of the first bank
    public void XSHM2082_NotInRamLeftAfterCarving(string banks) => Topo.AssertOnly(WithHeap(banks), "XSHM2082");

    [TestMethod]
    public void XSHM2083_OverlapsAnotherBank() =>
        Topo.AssertOnly(WithHeap("[ { base: 0x800000000, size: 1G }, »{ base: 0x83ff00000, size: 1G } ]"), "XSHM2083");

    [TestMethod]
    public void XSHM2083_OverlapsADom0lessShmRegion() =>
        // dshm0's host range [0x10000000, +16M) is not carved from /memory: Xen owns it as shared memory.
        Topo.AssertOnly(WithHeap("[ »{ base: 0x10000000, size: 64K }, { base: 0x800000000, size: 1536M } ]"), "XSHM2083");

    [TestMethod]
    public void XSHM2084_SmallerThanWhatXenAllocatesAtBoot() =>
        Topo.AssertOnly(Boards.With(xen: Boards.XenSection + "\n  »staticHeap: [ { base: 0x800000000, size: 1535M } ]"), "XSHM2084");

    [TestMethod]
    public void XSHM2085_DoesNotFitOneCell() =>
        Topo.AssertOnly(WithHeap("[ »{ base: 0x100000000, size: 64K } ]", regions: "regions: []",
            host: "host:\n  cells: { address: 1, size: 1 }\n  ram:\n    - { node: /memory@0, base: 0x0, size: 0x80000000 }"), "XSHM2085");
}

using Xen.Shm.Topology.Tests.Infrastructure;

namespace Xen.Shm.Topology.Tests.Model;

/// <summary>Facts the generators read: creation order (spec §6.4), carve-outs (§1.6), extended regions (§9).</summary>
[TestClass]
public sealed class DerivedFactsTests
{
    [TestMethod]
    public void CreationOrder_IsKahnTakingTheLowestDeclarationIndex()
    {
        // guest2 owns a region guest1 borrows. Ready at first: guest2, guest3 → guest2 (lowest index); then
        // guest1 becomes ready and, being declared before guest3, goes next (spec §6.4).
        string domains = Boards.DomainsSection + "\n  - { name: guest3, kind: xl, memory: 512M, kernel: images/Image }";
        var r = Topo.Parse(Boards.With(domains: domains, regions:
            "regions:\n  - { id: A, mechanism: static-shm, size: 0x1000, peers: [ { domain: guest2, role: owner, guest: 0x40000000 }, { domain: guest1, guest: 0x0a000000 } ] }"));
        Assert.IsFalse(r.HasErrors, Topo.Describe(r.Diagnostics));
        CollectionAssert.AreEqual(new[] { "guest2", "guest1", "guest3" }, r.Board!.XlCreationOrder.Select(d => d.Name.Value).ToArray());
    }

    [TestMethod]
    public void Carve_InTheMiddleOfABank_SplitsItInTwoEntriesOfTheSameNode()
    {
        var r = Topo.Parse(Boards.WithRegion("  - { id: sram0, mechanism: mmio-sram, host: 0x40000000, size: 16M, peers: [ { domain: domU1, guest: 0x0c000000 } ] }"));
        Assert.IsFalse(r.HasErrors, Topo.Describe(r.Diagnostics));
        var left = r.Board!.HostRamAfterCarve;
        CollectionAssert.AreEqual(new[] { "[0x0, 0x40000000)", "[0x41000000, 0x80000000)", "[0x800000000, 0x880000000)" }, left.Select(b => b.Range.ToString()).ToArray());
        Assert.IsTrue(left.All(b => b.Node == "/memory@0"));
    }

    [TestMethod]
    [DataRow("4.18", true)]
    [DataRow("4.19", false)]
    public void ShmWindowOfAnEnhancedDomU_IsInAnExtendedRegionOn417To418(string version, bool warned)
    {
        string xen = $"xen:\n  flavour: upstream\n  version: \"{version}\"\n  image: images/xen";
        string domains = Boards.DomainsSection.Replace("{ name: domU1, kind: dom0less, memory: 256M, kernel: images/Image, enhanced: false }",
            "{ name: domU1, kind: dom0less, memory: 256M, kernel: images/Image }");
        var r = Topo.Parse(Boards.With(xen: xen, domains: domains, regions:
            "regions:\n  - { id: dshm0, mechanism: dom0less-shm, host: 0x10000000, size: 16M, peers: [ { domain: dom0 }, { domain: domU1, guest: 0x60000000 } ] }"));
        CollectionAssert.AreEqual(warned ? new[] { "XSHM2014" } : Array.Empty<string>(), r.Diagnostics.Select(d => d.Code).ToArray(), Topo.Describe(r.Diagnostics));
    }
}

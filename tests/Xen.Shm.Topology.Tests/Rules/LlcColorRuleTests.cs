using Xen.Shm.Topology.Tests.Infrastructure;

namespace Xen.Shm.Topology.Tests.Rules;

/// <summary>xen.llcColors / a domain's llcColors: Xen's syntax (xen/common/llc-coloring.c parse_color_config, cache-coloring.rst), limits, target gate.</summary>
[TestClass]
public sealed class LlcColorRuleTests
{
    private static string Board(string xenColors, string domU1Colors = "\"2-3\"", string flavour = "xilinx", string version = "4.17") =>
        Boards.With(xen: Boards.XenSection.Replace("xilinx", flavour).Replace("\"4.17\"", "\"" + version + "\"") + "\n  llcColors: " + xenColors,
            domains: Boards.DomainsSection.Replace("{ name: domU1, kind: dom0less, memory: 256M, kernel: images/Image, enhanced: false }",
                "{ name: domU1, kind: dom0less, memory: 256M, kernel: images/Image, enhanced: false, llcColors: " + domU1Colors + " }"),
            regions: "regions: []");

    [TestMethod]
    [DataRow("\"0-1\"", "\"2-3,5,31\"", "xilinx", "4.17")]
    [DataRow("\"0\"", "\"4-8,10,11,12,127\"", "upstream", "4.20")]
    public void GoodLists_LoadClean(string xen, string domU, string flavour, string version) => Topo.AssertClean(Board(xen, domU, flavour, version));

    [TestMethod]
    [DataRow("»\"0 -1\"")]
    [DataRow("»\"1,0\"")]
    [DataRow("»\"0-3,3\"")]
    [DataRow("»\"3-1\"")]
    [DataRow("»\"0,,1\"")]
    [DataRow("»\"0x1\"")]
    [DataRow("»\"\"")]
    public void XSHM2086_NotXensSyntax(string xen) => Topo.AssertOnly(Board(xen), "XSHM2086");

    /// <summary>dom0 owns a dom0less-shm bank at 32 GiB, in guest RAM window 1, which its 1024M (all in window 0) leaves unused.</summary>
    private static string ColouredBoard(string flavour, string version, string xenColors = "\"0\"") =>
        Boards.With(xen: Boards.XenSection.Replace("xilinx", flavour).Replace("\"4.17\"", "\"" + version + "\"") + (xenColors.Length > 0 ? "\n  llcColors: " + xenColors : ""),
            regions: "regions:\n  - { id: dshm0, mechanism: dom0less-shm, host: »0x800000000, size: 16M, peers: [ { domain: dom0, role: owner }, { domain: domU1, role: borrower, guest: 0x0b000000 } ] }");

    /// <summary>With colouring on, the fork does not direct-map dom0 and advertises its guest RAM windows' unused
    /// tails whole (find_domU_holes), over dom0's static shm bank: booted in LlcColouringBootTests (Xilinx fork).</summary>
    [TestMethod]
    public void XSHM2014_ColouredDom0OnTheXilinxFork_ItsWindowInAnExtendedRegion()
    {
        var r = Topo.AssertOnly(ColouredBoard("xilinx", "4.17"), "XSHM2014");
        StringAssert.Contains(r.Diagnostics[0].Message, "dom0 is not direct-mapped");
    }

    /// <summary>Upstream lays a coloured dom0 out as the host (find_host_extended_regions), and the fork without colouring direct-maps it.</summary>
    [TestMethod]
    [DataRow("upstream", "4.21", "\"0\"")]
    [DataRow("xilinx", "4.17", "")]
    public void XSHM2014_NotForDom0_UpstreamOrWithoutColouring(string flavour, string version, string xenColors) =>
        Topo.AssertClean(ColouredBoard(flavour, version, xenColors).Replace("»", ""));

    [TestMethod]
    public void XSHM2087_BeyondTheDefaultBuild() => Topo.AssertOnly(Board("»\"0-128\"", flavour: "upstream", version: "4.21"), "XSHM2087");

    [TestMethod]
    public void XSHM2087_XilinxDomUBeyondOneBitmaskCell() => Topo.AssertOnly(Board("\"0\"", "»\"30-32\""), "XSHM2087");

    [TestMethod]
    public void XSHM2088_UpstreamBefore420() => Topo.AssertOnly(Board("»\"0\"", flavour: "upstream", version: "4.19"), "XSHM2088");

    /// <summary>Xen 4.20+ panics on a domain with xen,static-mem once colouring is on, even when that domain has no
    /// colours of its own (dom0less-bindings.c); the fork documents the pair as unsupported.</summary>
    [TestMethod]
    [DataRow("upstream", "4.21")]
    [DataRow("xilinx", "4.17")]
    public void XSHM2089_ColouringWithAStaticMemDomain(string flavour, string version)
    {
        var yaml = Board("\"0\"", flavour: flavour, version: version).Replace(
            "{ name: domU2, kind: dom0less, memory: 256M, kernel: images/Image, enhanced: false }",
            "{ name: domU2, kind: dom0less, memory: 256M, kernel: images/Image, enhanced: false, »staticMem: [ { base: 0x60000000, size: 256M } ] }");
        Topo.AssertOnly(yaml, "XSHM2089");
    }
}

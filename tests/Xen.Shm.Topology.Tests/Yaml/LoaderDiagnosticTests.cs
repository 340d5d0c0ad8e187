using Xen.Shm.Topology.Tests.Infrastructure;

namespace Xen.Shm.Topology.Tests.Yaml;

/// <summary>One test per XSHM1xxx code: the code, alone, at the hand-marked position (» marks it).</summary>
[TestClass]
public sealed class LoaderDiagnosticTests
{
    private static string Domains(string extraDomain) => Boards.DomainsSection + "\n" + extraDomain;

    [TestMethod]
    public void XSHM1001_YamlSyntax_ReportedAtTheParserMark()
    {
        // A second ': ' on one line: YAML forbids a mapping value there; the parser stops at that colon.
        var r = Topo.AssertOnly("xen:\n  flavour: xilinx»: oops\n", "XSHM1001");
        Assert.IsNull(r.Board);
    }

    [TestMethod]
    public void XSHM1002_UnknownKey_SuggestsTheClosestKey()
    {
        var r = Topo.AssertOnly(Boards.With(domains: Domains("  - { name: guest3, kind: xl, »memroy: 512M, memory: 512M, kernel: images/Image }")), "XSHM1002");
        StringAssert.Contains(r.Diagnostics[0].Message, "did you mean 'memory'?");
    }

    [TestMethod]
    public void XSHM1002_UnknownKey_FarFromEveryKey_HasNoSuggestion()
    {
        var r = Topo.AssertOnly(Boards.With(domains: Domains("  - { name: guest3, kind: xl, memory: 512M, kernel: images/Image, »colour: blue }")), "XSHM1002");
        Assert.DoesNotContain("did you mean", r.Diagnostics[0].Message);
    }

    [TestMethod]
    public void XSHM1003_KeyOfAnotherKind_IsNotAllowed()
    {
        Topo.AssertOnly(Boards.With(domains: Domains("  - { name: guest3, kind: xl, memory: 512M, kernel: images/Image, »directMap: true }")), "XSHM1003");
    }

    [TestMethod]
    public void XSHM1004_WrongType_ListWhereANumberGoes()
    {
        Topo.AssertOnly(Boards.With(domains: Domains("  - { name: guest3, kind: xl, memory: 512M, vcpus: »[ 1 ], kernel: images/Image }")), "XSHM1004");
    }

    [TestMethod]
    [DataRow("1.5M")]
    [DataRow("-4096")]
    [DataRow("4096 bytes")]
    [DataRow("0x10g0")]
    public void XSHM1005_InvalidNumber(string size)
    {
        Topo.AssertOnly(Boards.WithRegion($"  - {{ id: sram9, mechanism: mmio-sram, host: 0x7e000000, size: »{size}, peers: [ {{ domain: domU1 }} ] }}"), "XSHM1005");
    }

    [TestMethod]
    [DataRow("size: »0x10000000000000000", DisplayName = "size over 64 bits")]
    [DataRow("size: »18446744073709551616", DisplayName = "decimal over 64 bits")]
    [DataRow("size: »17179869184G", DisplayName = "suffix over 64 bits")]
    public void XSHM1006_NumberOverflow(string sizeEntry)
    {
        Topo.AssertOnly(Boards.WithRegion($"  - {{ id: sram9, mechanism: mmio-sram, host: 0x7e000000, {sizeEntry}, peers: [ {{ domain: domU1 }} ] }}"), "XSHM1006");
    }

    [TestMethod]
    public void XSHM1006_VcpusZero_IsOutOfRange()
    {
        Topo.AssertOnly(Boards.With(domains: Domains("  - { name: guest3, kind: xl, memory: 512M, vcpus: »0, kernel: images/Image }")), "XSHM1006");
    }

    [TestMethod]
    public void XSHM1007_MissingSize_ReportedAtTheRegion()
    {
        Topo.AssertOnly(Boards.WithRegion("  - »{ id: sram9, mechanism: mmio-sram, host: 0x7e000000, peers: [ { domain: domU1 } ] }"), "XSHM1007");
    }

    [TestMethod]
    public void XSHM1008_DuplicateKey_ReportedAtTheSecond()
    {
        Topo.AssertOnly(Boards.WithRegion("  - { id: sram9, mechanism: mmio-sram, host: 0x7e000000, size: 16M, »size: 16M, peers: [ { domain: domU1 } ] }"), "XSHM1008");
    }

    [TestMethod]
    public void XSHM1009_UnknownMechanism_SuggestsTheClosest()
    {
        var r = Topo.AssertOnly(Boards.WithRegion("  - { id: sram9, mechanism: »mmio-srma, host: 0x7e000000, size: 16M, peers: [ { domain: domU1 } ] }"), "XSHM1009");
        StringAssert.Contains(r.Diagnostics[0].Message, "did you mean 'mmio-sram'?");
    }

    [TestMethod]
    public void XSHM1010_MissingKernelFile()
    {
        var r = Topo.AssertOnly(Boards.With(domains: Domains("  - { name: guest3, kind: xl, memory: 512M, kernel: »images/Image-missing }")), "XSHM1010");
        StringAssert.Contains(r.Diagnostics[0].Message, "images/Image-missing");
    }

    [TestMethod]
    public void XSHM1011_NestingTooDeep()
    {
        string deep = new string('[', 70) + new string(']', 70);
        // The 65th '[' is the first node past the limit of 64 levels (the document mapping is level 1).
        string marked = "xen: " + deep.Substring(0, 63) + "»" + deep.Substring(63) + "\n";
        var r = Topo.AssertOnly(marked, "XSHM1011");
        Assert.IsNull(r.Board);
    }

    [TestMethod]
    public void XSHM1012_DocumentTooLarge_IsRefusedBeforeParsing()
    {
        string big = "»# " + new string('x', 16 * 1024 * 1024) + "\n";
        Topo.AssertOnly(big, "XSHM1012");
    }

    [TestMethod]
    public void XSHM1013_BillionLaughs_IsStoppedWithoutExpanding()
    {
        var lines = new List<string> { "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]" };
        for (int i = 1; i <= 9; i++)
            lines.Add($"a{i}: &a{i} [" + string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10)) + "]");
        // a(k) expands to 1 + 10 * a(k-1) nodes: a5 = 1,111,111 and the six first anchors about 1.23 million;
        // a6 (line 7) adds 1,111,111 per alias, so its third alias passes the limit of 4 million.
        var r = Topo.Parse(string.Join("\n", lines) + "\n");
        Assert.HasCount(1, r.Diagnostics, Topo.Describe(r.Diagnostics));
        Assert.AreEqual("XSHM1013", r.Diagnostics[0].Code);
        Assert.AreEqual(7, r.Diagnostics[0].Span.Line, "a6 is on line 7");
        Assert.IsNull(r.Board);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("# nothing but a comment\n")]
    public void XSHM1014_EmptyFile(string text)
    {
        var r = Topo.Parse(text);
        Assert.HasCount(1, r.Diagnostics);
        Assert.AreEqual("XSHM1014", r.Diagnostics[0].Code);
    }

    [TestMethod]
    public void XSHM1015_SecondDocument_ReportedAtItsMarker()
    {
        Topo.AssertOnly(Boards.With() + "»---\nxen: {}\n", "XSHM1015");
    }

    [TestMethod]
    public void XSHM1016_DuplicateDomainName()
    {
        Topo.AssertOnly(Boards.With(domains: Domains("  - { name: »guest1, kind: xl, memory: 512M, kernel: images/Image }")), "XSHM1016");
    }

    [TestMethod]
    public void XSHM1017_SecondDom0()
    {
        Topo.AssertOnly(Boards.With(domains: Domains("  - { name: control2, kind: »dom0, kernel: images/Image }")), "XSHM1017");
    }

    [TestMethod]
    [DataRow("4.17.1")]
    [DataRow("four")]
    public void XSHM1018_InvalidVersion(string version)
    {
        Topo.AssertOnly(Boards.With(xen: $"xen:\n  flavour: xilinx\n  version: »\"{version}\"\n  image: images/xen"), "XSHM1018");
    }

    [TestMethod]
    [DataRow("my guest")]
    [DataRow("a-name-that-is-longer-than-31-chars")]
    public void XSHM1019_DomainNameNotANodeName(string name)
    {
        Topo.AssertOnly(Boards.With(domains: Domains($"  - {{ name: »\"{name}\", kind: xl, memory: 512M, kernel: images/Image }}")), "XSHM1019");
    }

    [TestMethod]
    public void XSHM1020_HostWithoutRamOrDeviceTree()
    {
        // No RAM: the regions that must sit in RAM would also fail, so this board has no regions.
        Topo.AssertOnly(Boards.With(host: "host:\n  »cells: { address: 2, size: 2 }", regions: "regions: []"), "XSHM1020");
    }

    [TestMethod]
    public void XSHM1021_AliasWithoutAnchor()
    {
        Topo.AssertOnly(Boards.With(xen: "xen:\n  flavour: »*nowhere\n  version: \"4.17\"\n  image: images/xen"), "XSHM1021");
    }

    [TestMethod]
    public void XSHM1022_BootWindowEndBelowStart()
    {
        Topo.AssertOnly(Boards.With(host: Boards.HostSection + "\n  boot: { start: 0x10000000, end: »0x8000000 }"), "XSHM1022");
    }
}

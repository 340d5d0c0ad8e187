using Xen.Shm.Topology.Tests.Infrastructure;

namespace Xen.Shm.Topology.Tests.Scenarios;

/// <summary>
/// testassets/errors/*/board.yaml: each mistake rejected with its code at the position counted
/// by hand from the file (line, 1-based column of the offending value), all in one pass.
/// </summary>
[TestClass]
public sealed class ErrorScenarioTests
{
    private static void AssertDiagnostics(string scenario, params (int Line, int Column, string Code)[] expected)
    {
        string path = Repo.Asset("errors", scenario, "board.yaml");
        var r = TopologyLoader.Load(path);
        var got = r.Diagnostics.Select(d => (d.Span.Line, d.Span.Column, d.Code)).ToArray();
        CollectionAssert.AreEqual(expected, got, "got:\n" + Topo.Describe(r.Diagnostics));
        Assert.IsTrue(r.HasErrors);
        Assert.IsTrue(r.Diagnostics.All(d => d.Span.File == path));
    }

    [TestMethod]
    public void UnknownKey_WithSuggestion()
    {
        AssertDiagnostics("unknown-key", (14, 5, "XSHM1002"));
        StringAssert.Contains(TopologyLoader.Load(Repo.Asset("errors", "unknown-key", "board.yaml")).Diagnostics[0].Message, "did you mean 'bootargs'?");
    }

    [TestMethod]
    public void StaticShm_S4AsPrinted_FailsItsThreeArmChecks()
    {
        // spec §6.7: x86_normal (2307), owners at 0x100000 and 0x300000 below GUEST_RAM0_BASE (2310 twice),
        // ID2's borrower 0x10000 + 0x110000 > 0x100000 (2309).
        AssertDiagnostics("static-shm-s4-as-printed", (24, 44, "XSHM2310"), (24, 67, "XSHM2307"), (30, 44, "XSHM2310"), (31, 80, "XSHM2309"));
    }

    [TestMethod]
    public void StaticShm_X86NormalCachePolicy() => AssertDiagnostics("static-shm-x86-normal", (22, 69, "XSHM2307"));

    [TestMethod]
    public void StaticShm_OwnerOutsideGuestRam() => AssertDiagnostics("static-shm-owner-outside-ram", (22, 44, "XSHM2310"));

    [TestMethod]
    public void StaticShm_BorrowerTooLarge() => AssertDiagnostics("static-shm-borrower-too-large", (23, 80, "XSHM2309"));

    [TestMethod]
    public void MalformedIomemExtraEntry() => AssertDiagnostics("iomem-malformed", (18, 19, "XSHM2016"));

    [TestMethod]
    public void OverlappingHostRanges() => AssertDiagnostics("overlapping-host-ranges", (24, 11, "XSHM2005"));

    [TestMethod]
    public void MissingKernelFile() => AssertDiagnostics("missing-kernel", (17, 13, "XSHM1010"));

    [TestMethod]
    public void YamlSyntaxError() => AssertDiagnostics("yaml-syntax", (3, 18, "XSHM1001"));

    [TestMethod]
    public void SeveralMistakes_AllReportedInOnePass_InDocumentOrder()
    {
        AssertDiagnostics("several-mistakes",
            (14, 12, "XSHM1006"),   // dom0 vcpus: 0
            (21, 13, "XSHM2603"),   // domU1 memory 1025K is not whole MiB
            (24, 52, "XSHM2012"),   // page0 host 0x90000000 outside host RAM
            (24, 112, "XSHM2007"),  // page0 window 0x50000000 inside guest1's RAM
            (25, 11, "XSHM2019"),   // sram0: only dom0 is a valid participant (warning)
            (25, 46, "XSHM2001"),   // sram0 host 0x7f000800 not page-aligned
            (25, 46, "XSHM2013"),   // … and [0x7f000800, 0x80000800) straddles the end of RAM
            (25, 88, "XSHM2009"),   // an xl domain in an mmio-sram region
            (26, 11, "XSHM2019"),   // second page0: only dom0 is a valid participant (warning)
            (26, 11, "XSHM2011"),   // duplicate id page0
            (26, 78, "XSHM2202"),   // "uio dev" has a space
            (26, 108, "XSHM2009")); // guest9 is not declared
    }
}

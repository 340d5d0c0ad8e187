using Xen.Shm.Generation.Tests.Infrastructure;

namespace Xen.Shm.Generation.Tests.Overlay;

/// <summary>
/// The host overlay applied by Debian's fdtoverlay to the board DTB (compiled by dtc) gives the same
/// tree as our patched host DTB. Compared as `dtc -s` decompilations: libfdt inserts every property
/// and subnode an overlay adds at the front of its parent (fdt_add_property_/fdt_add_subnode), so
/// fdtoverlay's order of added items is reversed; the set of nodes and values is what must agree.
/// </summary>
[TestClass]
public sealed class FdtOverlayTests
{
    [TestMethod]
    [DataRow("iomem-cacheable")]
    [DataRow("uio")]
    [DataRow("static-shm")]
    [DataRow("mmio-sram")]
    [DataRow("domain-shm")]
    public void FdtOverlayOfOurDtbo_GivesOurHostTree(string name)
    {
        var scenario = Scenario.Load(name);
        var result = scenario.Generate();
        using var tmp = new TempFolder();
        byte[] boardDtb = RealTools.CompileDts(tmp.Path, "board.dts", scenario.HostSource!);
        string boardFile = Path.Combine(tmp.Path, "board.dtb"), overlayFile = Path.Combine(tmp.Path, "host.dtbo"), merged = Path.Combine(tmp.Path, "merged.dtb");
        File.WriteAllBytes(boardFile, boardDtb);
        File.WriteAllBytes(overlayFile, result.HostOverlay!);
        var (code, _, err) = RealTools.Run(RealTools.FdtOverlay, "-i", boardFile, "-o", merged, overlayFile);
        Assert.AreEqual(0, code, "fdtoverlay failed: " + err);

        string viaOverlay = RealTools.Decompile(tmp.Path, "a.dtb", File.ReadAllBytes(merged));
        string ours = RealTools.Decompile(tmp.Path, "b.dtb", result.HostDtb!);
        Assert.AreEqual(ours, viaOverlay);
        Assert.AreNotEqual(RealTools.Decompile(tmp.Path, "c.dtb", boardDtb), ours, "the overlay must change something");
    }
}

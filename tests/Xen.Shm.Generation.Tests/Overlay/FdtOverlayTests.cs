using Xen.Shm.Generation.Layout;
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
    /// <summary>
    /// The fdt apply route's room: U-Boot's `fdt resize &lt;room&gt;` gives the board DTB at least its length + room
    /// (common/fdt_support.c fdt_shrink_to_minimum: strings end + 5 reserve entries + room, rounded up to 4 KiB), and
    /// `fdt apply` must find the applied tree's space in it. fdtoverlay runs libfdt's fdt_overlay_apply in a buffer it
    /// grows until the overlay fits, then fdt_pack()s: its output's length is the space the applied tree needs.
    /// (Booted for real in Xen.Shm.Boot.Tests FdtApplyRouteBootTests, on the mmio-sram board.)
    /// </summary>
    [TestMethod]
    [DataRow("iomem-cacheable")]
    [DataRow("uio")]
    [DataRow("static-shm")]
    [DataRow("mmio-sram")]
    [DataRow("domain-shm")]
    public void FdtApplyRoute_FdtoverlaysAppliedTree_FitsInTheBoardDtbPlusTheResizeRoom(string name)
    {
        var scenario = Scenario.Load(name);
        var input = scenario.Input();
        var result = BoardGenerator.Generate(new GenerationInput(input.Board)
        {
            HostSource = input.HostSource, HostBlob = input.HostBlob, HostSourceName = input.HostSourceName,
            IncludeDirs = input.IncludeDirs, UserTrees = input.UserTrees, Files = input.Files,
            Boot = new BootLayoutOptions { ApplyOverlay = true },
        });
        Assert.IsFalse(result.HasErrors, string.Join("\n", result.Diagnostics));
        var board = result.Find(OutputKind.BoardDtb)!.Content!;
        ulong room = result.BootLayout!.OverlayRoom!.Value;
        using var tmp = new TempFolder();
        string boardFile = Path.Combine(tmp.Path, "board.dtb"), overlayFile = Path.Combine(tmp.Path, "host.dtbo"), merged = Path.Combine(tmp.Path, "merged.dtb");
        File.WriteAllBytes(boardFile, board);
        File.WriteAllBytes(overlayFile, result.HostOverlay!);
        var (code, _, err) = RealTools.Run(RealTools.FdtOverlay, "-i", boardFile, "-o", merged, overlayFile);
        Assert.AreEqual(0, code, "fdtoverlay failed: " + err);
        long applied = new FileInfo(merged).Length;
        Assert.IsLessThanOrEqualTo((long)board.Length + (long)room, applied,
            $"applied tree {applied} bytes, board.dtb {board.Length} + room {room}");
        // The planner keeps free what U-Boot grows board.dtb to: `fdt resize room` (strings end + 5 reserve entries + room,
        // up to 4 KiB), then bootm's CONFIG_SYS_FDT_PAD (largest default 0x13000).
        ulong resized = ((ulong)board.Length + 80 + room + 0xfff) & ~0xfffUL;
        Assert.AreEqual(resized + 0x13000, result.LoadPlan!.Find(BootFileRole.HostDtb)!.File.MemorySize);
    }
}

using Xen.Shm.Generation.Layout;
using Xen.Shm.Generation.Tests.Infrastructure;

namespace Xen.Shm.Generation.Tests.Layout;

/// <summary>
/// The generator plans the final layout for the boot settings (LAYOUT L1/L3, spec §10.3 order):
/// bootm route = xen.uimg (64-byte legacy header + Xen) in Xen's slot then Xen's run area; fdt apply
/// route = host-overlay.dtbo then board.dtb (with its resize room) in the host DTB's place. Modules
/// named in /chosen never move. Stand-ins (uio testasset): Image 64 bytes with image_size 32 MiB,
/// rootfs 50 bytes, xen with image_size 2 MiB.
/// </summary>
[TestClass]
public sealed class BootLayoutTests
{
    private static GenerationResult Generate(TempBoard b, BootLayoutOptions options)
    {
        var s = b.Load();
        var input = s.Input();
        var r = BoardGenerator.Generate(new GenerationInput(input.Board)
        {
            HostSource = input.HostSource, HostBlob = input.HostBlob, HostSourceName = input.HostSourceName,
            IncludeDirs = input.IncludeDirs, UserTrees = input.UserTrees, Files = input.Files, Boot = options,
        });
        Assert.IsFalse(r.HasErrors, string.Join("\n", r.Diagnostics));
        return r;
    }

    [TestMethod]
    public void UImageRoute_XenUImageThenRunArea_ModulesUnmoved()
    {
        using var b = new TempBoard(TempBoard.Yaml());
        var plain = Generate(b, BootLayoutOptions.Plain);
        var uimg = Generate(b, new BootLayoutOptions { XenAsUImage = true });

        ulong xenSize = (ulong)new FileInfo(Path.Combine(b.Folder, "images", "xen")).Length;
        var image = uimg.LoadPlan!.Find(BootFileRole.Xen)!;
        var run = uimg.LoadPlan.Find(BootFileRole.XenRunArea)!;
        Assert.AreEqual("xen.uimg", image.File.Name);
        Assert.AreEqual(xenSize + 64, image.File.FileSize);
        // Same slot as the raw Xen of the plain plan; the run area is the next 2 MiB slot after it.
        Assert.AreEqual(plain.LoadPlan!.Find(BootFileRole.Xen)!.Address, image.Address);
        Assert.AreEqual(image.Address + 0x200000, run.Address);
        Assert.IsGreaterThanOrEqualTo(run.Address + run.File.MemorySize, uimg.LoadPlan.Find(BootFileRole.HostDtb)!.Address);
        foreach (var role in new[] { BootFileRole.Dom0Kernel, BootFileRole.Dom0Ramdisk })
            Assert.AreEqual(plain.LoadPlan.Find(role)!.Address, uimg.LoadPlan.Find(role)!.Address, role.ToString());

        var layout = uimg.BootLayout!;
        Assert.AreEqual(run.Address, layout.XenRunAddress);
        Assert.AreEqual("xen.uimg", layout.XenPath);
        Assert.IsFalse(layout.Files.Any(f => f.Path == "xen"), "no raw xen beside xen.uimg");
        Assert.IsNull(layout.Files.Single(f => f.Path == "xen.uimg").SourcePath, "xen.uimg is made by the script step");
        Assert.IsFalse(layout.Loads.Any(l => l.Address == run.Address), "the run area is memory, not a file to load");
    }

    [TestMethod]
    public void OverlayRoute_OverlayThenBoardDtbWithRoom_HostDtbNotShipped()
    {
        using var b = new TempBoard(TempBoard.Yaml());
        var plain = Generate(b, BootLayoutOptions.Plain);
        var route = Generate(b, new BootLayoutOptions { ApplyOverlay = true });

        var overlay = route.LoadPlan!.Find(BootFileRole.HostDtbOverlay)!;
        var dtb = route.LoadPlan.Find(BootFileRole.HostDtb)!;
        Assert.AreEqual("host-overlay.dtbo", overlay.File.Name);
        Assert.AreEqual("board.dtb", dtb.File.Name);
        // bootm grows host.dtb in place by CONFIG_SYS_FDT_PAD (largest default 0x13000): the plan keeps that free.
        var plainDtb = plain.LoadPlan!.Find(BootFileRole.HostDtb)!.File;
        Assert.AreEqual(plainDtb.FileSize + 0x13000, plainDtb.MemorySize);
        // §10.3: the overlay takes the host DTB's old slot, the board DTB the next one.
        Assert.AreEqual(plain.LoadPlan!.Find(BootFileRole.HostDtb)!.Address, overlay.Address);
        Assert.IsLessThanOrEqualTo(dtb.Address, overlay.Address + overlay.File.MemorySize);
        var layout = route.BootLayout!;
        Assert.AreEqual(dtb.Address, layout.DtbAddress);
        Assert.AreEqual(overlay.Address, layout.OverlayAddress);
        // The room fdt resize adds covers the host tree's growth, and the slot keeps it free.
        ulong growth = (ulong)(route.HostDtb!.Length - route.Find(OutputKind.BoardDtb)!.Content!.Length);
        Assert.IsGreaterThanOrEqualTo(growth, layout.OverlayRoom!.Value);
        Assert.IsGreaterThanOrEqualTo(dtb.File.FileSize + layout.OverlayRoom!.Value + 0x3000, dtb.File.MemorySize);
        CollectionAssert.AreEquivalent(new[] { "board.dtb", "host-overlay.dtbo" },
            layout.Files.Where(f => f.Path.EndsWith(".dtb", StringComparison.Ordinal) && !f.Path.Contains('/') || f.Path.EndsWith(".dtbo", StringComparison.Ordinal)).Select(f => f.Path).ToArray());
        // board.dtb is the board as it is: real dtc's compile of board.dts.
        CollectionAssert.AreEqual(RealTools.CompileDts(b.Folder, "board-copy.dts", File.ReadAllText(Path.Combine(b.Folder, "board.dts"))),
            route.Find(OutputKind.BoardDtb)!.Content);
    }

    [TestMethod]
    public void Layout_WriteThenParse_GivesItBack_EvenWithTabsAndBackslashesInPaths()
    {
        var layout = new BootLayout
        {
            ScriptAddress = 0xc00000,
            Loads = [("dom0/Image", 0xe00000UL), ("xen.uimg", 0x5400000UL)],
            XenPath = "xen.uimg", XenAddress = 0x5400000, XenSource = "/boards/a\tb\\c/xen", XenRunAddress = 0x5600000,
            DtbPath = "host.dtb", DtbAddress = 0x5800000,
            Files = [new BootLayoutFile("dom0/Image", 0xe00000, "/boards/x\ny/Image"), new BootLayoutFile("etc/xen/guest1.cfg", null, null)],
        };

        string text = layout.Write();
        var back = BootLayout.Parse(text)!;

        Assert.AreEqual(text, back.Write());
        Assert.AreEqual("/boards/a\tb\\c/xen", back.XenSource);
        Assert.AreEqual("/boards/x\ny/Image", back.Files[0].SourcePath);
        Assert.IsNull(back.Files[1].LoadAddress);
        Assert.IsNull(back.OverlayPath);
        Assert.IsNull(BootLayout.Parse("something else\n"), "not a layout");
    }
}

using System.Globalization;
using Xen.Shm.Generation.Layout;
using Xen.Shm.Generation.Tests.Infrastructure;

namespace Xen.Shm.Generation.Tests.StaticHeap;

/// <summary>
/// xen.staticHeap → /chosen/xen,static-heap in the ROOT's cells (booting.txt "Static Heap Memory":
/// "determined by the root node #address-cells and #size-cells"; the uio board's root is 2/2, /chosen
/// is 2/2 too, so the test reads the root's), read back from real dtc's DTB with real fdtget; and the
/// load planner keeps boot files out of it (spec §10.3).
/// </summary>
[TestClass]
public sealed class StaticHeapTests
{
    private static string Yaml(string heap) => TempBoard.Yaml().Replace("bootargs: \"console=dtuart dom0_mem=1024M\" }", "bootargs: \"console=dtuart dom0_mem=1024M\"" + heap + " }");

    [TestMethod]
    public void HeapAtTheBottomOfRam_IsInChosen_AndBootFilesGoAboveIt()
    {
        string fdtget = RealTools.Require("fdtget");
        // [0xe00000, 0x40e00000): 1 GiB, exactly dom0's memory.
        using var b = new TempBoard(Yaml(", staticHeap: [ { base: 0xe00000, size: 1G } ]"));
        var r = b.Load().Generate();
        using var tmp = new TempFolder();
        string file = Path.Combine(tmp.Path, "host.dtb");
        File.WriteAllBytes(file, RealTools.CompileDts(tmp.Path, "host.dts", r.HostDts!));
        CollectionAssert.AreEqual(r.HostDtb, File.ReadAllBytes(file), "our host DTB is real dtc's");
        Assert.AreEqual("2 2", Get(fdtget, file, "/", "#address-cells") + " " + Get(fdtget, file, "/", "#size-cells"));
        Assert.AreEqual("0 e00000 0 40000000", Get(fdtget, file, "/chosen", "xen,static-heap"));

        // boot.scr's slot [0xc00000, 0xe00000) ends where the heap starts; the first file (dom0's
        // kernel) would go at 0xe00000, inside the heap, so it moves to align_up(0x40e00000, 2 MiB).
        Assert.AreEqual(0xc00000UL, r.LoadPlan!.BootScriptAddress);
        Assert.AreEqual(0x40e00000UL, r.LoadPlan.Find(BootFileRole.Dom0Kernel)!.Address);
        foreach (var f in r.LoadPlan.Files)
            Assert.IsTrue(f.Address >= 0x40e00000UL, f.File.Name);

        // Negative control: the same board without the heap loads dom0's kernel at 0xe00000.
        using var plain = new TempBoard(Yaml(""));
        var p = plain.Load().Generate();
        Assert.AreEqual(0xe00000UL, p.LoadPlan!.Find(BootFileRole.Dom0Kernel)!.Address);
        Assert.DoesNotContain("xen,static-heap", p.HostDts!);
    }

    private static string Get(string fdtget, string file, string node, string prop)
    {
        var (code, stdout, stderr) = RealTools.Run(fdtget, "-t", "x", file, node, prop);
        Assert.AreEqual(0, code, stderr);
        return stdout.Trim();
    }
}

using Xen.Shm.Generation.Layout;
using Xen.Shm.Generation.Tests.Infrastructure;

namespace Xen.Shm.Generation.Tests.Layout;

/// <summary>
/// One input file in two roles of one domain (here dom0's kernel and ramdisk are both images/Image)
/// has one boot-folder name. The planner used to tell files apart by that name, so /chosen got two
/// modules at the first slot and the generated tree failed with XSHM6002 (duplicate node
/// module@…). Now each role has its own slot, named by role and domain (spec §10.3 order).
/// </summary>
[TestClass]
public sealed class SharedFileNameTests
{
    private static string Yaml => TempBoard.Yaml().Replace("ramdisk: images/rootfs.cpio.gz", "ramdisk: images/Image");

    [TestMethod]
    public void KernelAndRamdiskFromOneFile_GetTwoSlots_AndTwoModules()
    {
        using var b = new TempBoard(Yaml);

        var r = b.Load().Generate();

        Assert.IsFalse(r.HasErrors, string.Join("\n", r.Diagnostics));
        var kernel = r.LoadPlan!.Find(BootFileRole.Dom0Kernel, b.Load().Board.Dom0!.Index)!;
        var ramdisk = r.LoadPlan.Find(BootFileRole.Dom0Ramdisk, b.Load().Board.Dom0!.Index)!;
        Assert.AreEqual("dom0/Image", kernel.File.Name);
        Assert.AreEqual("dom0/Image", ramdisk.File.Name);
        // Image (64 bytes, image_size 32 MiB) at 0xe00000; the ramdisk is the same 64 bytes, placed next: 0x2e00000.
        Assert.AreEqual(0xe00000UL, kernel.Address);
        Assert.AreEqual(0x2e00000UL, ramdisk.Address);
        StringAssert.Contains(r.HostDts, "module@e00000 {");
        StringAssert.Contains(r.HostDts, "module@2e00000 {");
        // The script loads the one file into both slots.
        CollectionAssert.AreEqual(new[] { ("dom0/Image", 0xe00000UL), ("dom0/Image", 0x2e00000UL) },
            r.BootLayout!.Loads.Where(l => l.Path == "dom0/Image").ToArray());
    }

    [TestMethod]
    public void KernelAndRamdiskFromOneFile_HostTreeCompilesWithRealDtc()
    {
        using var b = new TempBoard(Yaml);
        var r = b.Load().Generate();
        Assert.IsFalse(r.HasErrors, string.Join("\n", r.Diagnostics));

        // Real dtc 1.6.1 rejects duplicate node names; our bytes equal its compile.
        CollectionAssert.AreEqual(RealTools.CompileDts(b.Folder, "host.dts", r.HostDts!, "-i", b.Folder), r.HostDtb);
    }
}

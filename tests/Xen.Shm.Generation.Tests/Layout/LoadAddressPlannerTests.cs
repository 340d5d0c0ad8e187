using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Layout;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Tests.Layout;

[TestClass]
public sealed class LoadAddressPlannerTests
{
    private static readonly AddressRange QemuRam2G = new(0x40000000, 0x80000000);

    private static LoadPlan Plan(LoadLayout layout, params BootFile[] files)
    {
        var bag = new DiagnosticBag();
        var plan = LoadAddressPlanner.Plan(layout, files, bag);
        Assert.IsEmpty(bag, string.Join("\n", bag));
        return plan!;
    }

    private static ulong At(LoadPlan plan, string name) => plan.Find(name)!.Address;

    [TestMethod]
    public void FirstSlotIsBootScr_FilesFollowIn2MiBSteps()
    {
        // MEMORY_START 0x40000000: boot.scr at +2 MiB; kernel 0x1f6da00 bytes at 0x40400000 ends
        // 0x4236da00 -> next 0x42400000 (hand-computed).
        var plan = Plan(new LoadLayout(new[] { QemuRam2G }),
            new BootFile("Image", BootFileRole.Dom0Kernel, 0x1f6da00),
            new BootFile("rootfs.cpio.gz", BootFileRole.Dom0Ramdisk, 0xf1103));
        Assert.AreEqual(0x40200000UL, plan.BootScriptAddress);
        Assert.AreEqual(0x40400000UL, At(plan, "Image"));
        Assert.AreEqual(0x42400000UL, At(plan, "rootfs.cpio.gz"));
    }

    [TestMethod]
    public void MemoryStartZero_BootScrAt0xC00000()
    {
        // ZCU102-like: MEMORY_START 0 -> max(0x200000, 0xC00000) = 0xC00000 (IB's floor).
        var plan = Plan(new LoadLayout(new[] { new AddressRange(0, 0x80000000), new AddressRange(0x800000000, 0x80000000) }),
            new BootFile("xen", BootFileRole.Xen, 0x100000));
        Assert.AreEqual(0xC00000UL, plan.BootScriptAddress);
        Assert.AreEqual(0xE00000UL, At(plan, "xen"));
    }

    [TestMethod]
    public void QemuBootReadme_ModuleAddresses()
    {
        // qemu-boot README §2/§3: modules 2 MiB aligned from 0x50000000 with the README's sizes:
        // dom0 kernel 0x1f6da00 @0x50000000, ramdisk 0xf1103 @0x52000000, domU1 kernel @0x52200000,
        // ramdisk @0x54200000, partial DT 0x1d0 @0x54400000. RAM carved to 0x7f000000 (§3).
        var layout = new LoadLayout(new[] { new AddressRange(0x40000000, 0x3f000000) }) { MemoryStart = 0x4fc00000 };
        var plan = Plan(layout,
            new BootFile("domU-partial.dtb", BootFileRole.DomUDeviceTree, 0x1d0, domainIndex: 0),
            new BootFile("initrd-domU", BootFileRole.DomURamdisk, 0xf1103, domainIndex: 0),
            new BootFile("vmlinuz-domU", BootFileRole.DomUKernel, 0x1f6da00, domainIndex: 0),
            new BootFile("initrd.cpio.gz", BootFileRole.Dom0Ramdisk, 0xf1103),
            new BootFile("vmlinuz-6.1.0-56-arm64", BootFileRole.Dom0Kernel, 0x1f6da00));
        Assert.AreEqual(0x4fe00000UL, plan.BootScriptAddress);
        Assert.AreEqual(0x50000000UL, At(plan, "vmlinuz-6.1.0-56-arm64"));
        Assert.AreEqual(0x52000000UL, At(plan, "initrd.cpio.gz"));
        Assert.AreEqual(0x52200000UL, At(plan, "vmlinuz-domU"));
        Assert.AreEqual(0x54200000UL, At(plan, "initrd-domU"));
        Assert.AreEqual(0x54400000UL, At(plan, "domU-partial.dtb"));
    }

    [TestMethod]
    public void Order_FollowsSpec10_3()
    {
        var files = new[]
        {
            new BootFile("bit", BootFileRole.Bitstream, 1),
            new BootFile("host.dtb", BootFileRole.HostDtb, 1),
            new BootFile("ov2", BootFileRole.HostDtbOverlay, 1),
            new BootFile("ov1", BootFileRole.HostDtbOverlay, 1),
            new BootFile("xen", BootFileRole.Xen, 1),
            new BootFile("u1.dtb", BootFileRole.DomUDeviceTree, 1, domainIndex: 1),
            new BootFile("u1.k", BootFileRole.DomUKernel, 1, domainIndex: 1),
            new BootFile("u0.r", BootFileRole.DomURamdisk, 1, domainIndex: 0),
            new BootFile("u0.k", BootFileRole.DomUKernel, 1, domainIndex: 0),
            new BootFile("d0.r", BootFileRole.Dom0Ramdisk, 1),
            new BootFile("d0.k", BootFileRole.Dom0Kernel, 1),
        };
        CollectionAssert.AreEqual(
            new[] { "d0.k", "d0.r", "u0.k", "u0.r", "u1.k", "u1.dtb", "xen", "ov2", "ov1", "host.dtb", "bit" },
            LoadAddressPlanner.Order(files).Select(f => f.Name).ToArray());
        var plan = Plan(new LoadLayout(new[] { QemuRam2G }), files);
        // One byte each: every file takes one 2 MiB slot after boot.scr's.
        for (int i = 0; i < plan.Files.Count; i++)
            Assert.AreEqual(0x40400000UL + (ulong)i * 0x200000, plan.Files[i].Address, plan.Files[i].File.Name);
    }

    [TestMethod]
    public void ReservedRange_FileMovesToAlignUpOfItsEnd()
    {
        // A shared page at 0x40400000: the kernel moves to align_up(0x40401000) = 0x40600000.
        var layout = new LoadLayout(new[] { QemuRam2G }) { Reserved = new[] { new AddressRange(0x40400000, 0x1000) } };
        var plan = Plan(layout, new BootFile("Image", BootFileRole.Dom0Kernel, 0x300000), new BootFile("rd", BootFileRole.Dom0Ramdisk, 0x10));
        Assert.AreEqual(0x40600000UL, At(plan, "Image"));
        Assert.AreEqual(0x40A00000UL, At(plan, "rd")); // 0x40600000 + 0x300000 = 0x40900000 -> 0x40a00000
    }

    [TestMethod]
    public void ReservedChain_IsRecheckedAgainstAllRanges()
    {
        // Kernel 0x300000 at 0x40400000 hits R1 [0x40600000,0x40700000) -> 0x40800000;
        // [0x40800000,0x40b00000) hits R2 [0x40700000,0x40a00000) -> 0x40a00000; then R3
        // [0x40c00000,+0x1000) -> 0x40e00000. The list order is scrambled so a single pass would miss R2.
        var layout = new LoadLayout(new[] { QemuRam2G })
        {
            Reserved = new[]
            {
                new AddressRange(0x40c00000, 0x1000),
                new AddressRange(0x40700000, 0x300000),
                new AddressRange(0x40600000, 0x100000),
            },
        };
        var plan = Plan(layout, new BootFile("Image", BootFileRole.Dom0Kernel, 0x300000));
        Assert.AreEqual(0x40e00000UL, At(plan, "Image"));
    }

    [TestMethod]
    public void BootScrSlot_ObeysReservedRanges()
    {
        var layout = new LoadLayout(new[] { QemuRam2G }) { Reserved = new[] { new AddressRange(0x40300000, 0x1000) } };
        var plan = Plan(layout, new BootFile("xen", BootFileRole.Xen, 0x10));
        Assert.AreEqual(0x40400000UL, plan.BootScriptAddress);
        Assert.AreEqual(0x40600000UL, At(plan, "xen"));
    }

    [TestMethod]
    public void BankGap_FileThatDoesNotFitGoesToNextBank()
    {
        // Bank0 [0, 2 GiB), bank1 [32 GiB, 34 GiB). boot.scr 0xC00000; a 0x7F400000-byte file at
        // 0xE00000 would end 0x80200000 > 2 GiB -> 0x800000000; the next file follows it.
        var layout = new LoadLayout(new[] { new AddressRange(0x800000000, 0x80000000), new AddressRange(0, 0x80000000) });
        var plan = Plan(layout, new BootFile("big", BootFileRole.Dom0Ramdisk, 0x7F400000), new BootFile("xen", BootFileRole.Xen, 0x100));
        Assert.AreEqual(0x800000000UL, At(plan, "big"));
        Assert.AreEqual(0x87F400000UL, At(plan, "xen"));
    }

    [TestMethod]
    public void CarvedHole_IsAGap_AndAFileMayEndExactlyAtBankEnd()
    {
        // RAM [0x40000000, 0x7f000000) after carving [0x7f000000, 0x80000000): a file ending
        // exactly at 0x7f000000 fits; one byte more does not.
        var layout = new LoadLayout(new[] { new AddressRange(0x40000000, 0x3f000000) });
        ulong size = 0x7f000000 - 0x40400000;
        var plan = Plan(layout, new BootFile("exact", BootFileRole.Dom0Ramdisk, size));
        Assert.AreEqual(0x40400000UL, At(plan, "exact"));

        var bag = new DiagnosticBag();
        Assert.IsNull(LoadAddressPlanner.Plan(layout, new[] { new BootFile("over", BootFileRole.Dom0Ramdisk, size + 1) }, bag));
        Assert.AreEqual("XSHM2601", bag.Single().Code);
    }

    [TestMethod]
    public void Exhaustion_IsXshm2601_NamingTheFileThatDidNotFit()
    {
        var span = new SourceSpan("board.yaml", 12, 7);
        var layout = new LoadLayout(new[] { QemuRam2G }) { MemoryEnd = 0x41000000 };
        var bag = new DiagnosticBag();
        var plan = LoadAddressPlanner.Plan(layout, new[]
        {
            new BootFile("Image", BootFileRole.Dom0Kernel, 0x600000),
            new BootFile("rootfs", BootFileRole.Dom0Ramdisk, 0x600000) { Span = span },
            new BootFile("xen", BootFileRole.Xen, 0x10),
        }, bag);
        Assert.IsNull(plan);
        // Image [0x40400000, 0x40a00000); rootfs at 0x40a00000 would end 0x41000000 = MEMORY_END: fits!
        // So the one that fails is xen at 0x41000000.
        Assert.AreEqual("XSHM2601", bag.Single().Code);
        StringAssert.Contains(bag[0].Message, "'xen'");
    }

    [TestMethod]
    public void Exhaustion_ByReservedRangeUpToMemoryEnd()
    {
        var span = new SourceSpan("board.yaml", 3, 9);
        var layout = new LoadLayout(new[] { QemuRam2G }) { MemoryEnd = 0x50000000, Reserved = new[] { new AddressRange(0x41000000, 0x0f000000) } };
        var bag = new DiagnosticBag();
        Assert.IsNull(LoadAddressPlanner.Plan(layout, new[] { new BootFile("rootfs", BootFileRole.Dom0Ramdisk, 0x1000000) { Span = span } }, bag));
        Assert.AreEqual("XSHM2601", bag.Single().Code);
        Assert.AreEqual(span, bag[0].Span);
        StringAssert.Contains(bag[0].Message, "'rootfs'");
    }

    [TestMethod]
    public void NoRamOrWrapAtTopOfAddressSpace_IsXshm2601NotACrash()
    {
        var bag = new DiagnosticBag();
        Assert.IsNull(LoadAddressPlanner.Plan(new LoadLayout(Array.Empty<AddressRange>()), new[] { new BootFile("x", BootFileRole.Xen, 1) }, bag));
        Assert.AreEqual("XSHM2601", bag.Single().Code);

        bag = new DiagnosticBag();
        var top = new LoadLayout(new[] { new AddressRange(0xFFFFFFFFFFC00000, 0x400000) });
        Assert.IsNull(LoadAddressPlanner.Plan(top, new[] { new BootFile("x", BootFileRole.Xen, 0x300000) }, bag));
        Assert.AreEqual("XSHM2601", bag.Single().Code);
    }

    [TestMethod]
    public void Arm64ImageSize_WhenLarger_SetsTheNextAddress()
    {
        // A 0x100-byte file whose Image header says image_size 0x2a00000 (BSS): the next file goes
        // to align_up(0x40400000 + 0x2a00000) = 0x42e00000, not 0x40600000.
        var header = new byte[64];
        BitConverter.GetBytes(0x2a00000UL).CopyTo(header, 16);
        "ARM\x64"u8.ToArray().CopyTo(header, 56);
        string dir = Path.Combine(Path.GetTempPath(), "xenshm-img-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string path = Path.Combine(dir, "Image");
            File.WriteAllBytes(path, header.Concat(new byte[0xc0]).ToArray());
            var kernel = BootFile.FromFile(path, "Image", BootFileRole.Dom0Kernel);
            Assert.AreEqual(0x100UL, kernel.FileSize);
            Assert.AreEqual(0x2a00000UL, kernel.ImageSize);
            var plan = Plan(new LoadLayout(new[] { QemuRam2G }), kernel, new BootFile("rd", BootFileRole.Dom0Ramdisk, 1));
            Assert.AreEqual(0x42e00000UL, At(plan, "rd"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [TestMethod]
    public void Arm64Image_HeaderRules()
    {
        var header = new byte[64];
        BitConverter.GetBytes(0x1234UL).CopyTo(header, 16);
        Assert.IsNull(Arm64Image.ReadImageSize(header), "no magic");
        "ARM\x64"u8.ToArray().CopyTo(header, 56);
        Assert.AreEqual(0x1234UL, Arm64Image.ReadImageSize(header));
        Assert.IsNull(Arm64Image.ReadImageSize(header.Take(63).ToArray()), "short");
        // image_size smaller than the file: the file size wins (§10.3 "and that field is larger").
        Assert.AreEqual(0x5000UL, new BootFile("k", BootFileRole.Dom0Kernel, 0x5000, 0x1234).MemorySize);
    }
}

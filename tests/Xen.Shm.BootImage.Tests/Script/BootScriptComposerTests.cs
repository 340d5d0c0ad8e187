using System.Text;
using Xen.Shm.BootImage.Script;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.BootImage.Tests.Script;

[TestClass]
public sealed class BootScriptComposerTests
{
    private static string Compose(BootScriptRequest r)
    {
        var bag = new DiagnosticBag();
        string? text = BootScriptComposer.Compose(r, bag);
        Assert.IsEmpty(bag, string.Join("\n", bag));
        return text!;
    }

    private static DiagnosticBag Fail(BootScriptRequest r)
    {
        var bag = new DiagnosticBag();
        Assert.IsNull(BootScriptComposer.Compose(r, bag));
        return bag;
    }

    private static readonly ScriptLoad[] ReadmeLoads =
    {
        new("xen.uimg", 0x47000000),
        new("host.dtb", 0x48000000),
        new("vmlinuz-6.1.0-56-arm64", 0x50000000),
    };

    [TestMethod]
    public void DefaultBootm_IsTheQemuReadmeSequence()
    {
        // qemu-boot README §7 (its load lines use the distro ${devtype} variables; here the
        // LOAD_CMD is given): bootm start/loados/prep, /memory restored, bootm go.
        var r = new BootScriptRequest(ReadmeLoads)
        {
            LoadCommand = "load virtio 0:1",
            XenAddress = 0x47000000,
            DtbAddress = 0x48000000,
            MemoryNodes = new[] { MemoryNodeRestore.FromRanges("/memory@40000000", 2, 2, new[] { (0x40000000UL, 0x7f000000UL) }) },
        };
        Assert.AreEqual(
            "load virtio 0:1 0x47000000 xen.uimg\n" +
            "load virtio 0:1 0x48000000 host.dtb\n" +
            "load virtio 0:1 0x50000000 vmlinuz-6.1.0-56-arm64\n" +
            "setenv fdt_high 0xffffffffffffffff\n" +
            "fdt addr 0x48000000\n" +
            "bootm start 0x47000000 - 0x48000000\n" +
            "bootm loados\n" +
            "bootm prep\n" +
            "fdt set /memory@40000000 reg <0x0 0x40000000 0x0 0x7f000000>\n" +
            "bootm go\n",
            Compose(r));
    }

    [TestMethod]
    public void SeveralMemoryNodesAndBanks_OneFdtSetEach()
    {
        // Spec §1.6 seed S3 carve: <0x0 0x0 0x0 0x7f000000 0x8 0x0 0x0 0x80000000>.
        var r = new BootScriptRequest(ReadmeLoads)
        {
            XenAddress = 0x1000000,
            DtbAddress = 0x2000000,
            MemoryNodes = new[]
            {
                MemoryNodeRestore.FromRanges("/memory@0", 2, 2, new[] { (0x0UL, 0x7f000000UL), (0x800000000UL, 0x80000000UL) }),
                MemoryNodeRestore.FromRanges("/memory@c0000000", 1, 1, new[] { (0xc0000000UL, 0x1000000UL) }),
            },
        };
        string text = Compose(r);
        StringAssert.Contains(text, "bootm prep\nfdt set /memory@0 reg <0x0 0x0 0x0 0x7f000000 0x8 0x0 0x0 0x80000000>\nfdt set /memory@c0000000 reg <0xc0000000 0x1000000>\nbootm go\n");
    }

    [TestMethod]
    [DataRow(BootCommand.Booti, "booti 0x40400000 - 0x48000000\n")]
    [DataRow(BootCommand.Bootm, "bootm 0x40400000 - 0x48000000\n")]
    [DataRow(BootCommand.Bootefi, "bootefi 0x40400000 0x48000000\n")]
    [DataRow(BootCommand.None, "setenv host_kernel_addr 0x40400000\nsetenv host_fdt_addr 0x48000000\n")]
    public void OtherBootCommands_ImageBuilderForms(BootCommand boot, string tail)
    {
        var r = new BootScriptRequest(new[] { new ScriptLoad("xen", 0x40400000), new ScriptLoad("host.dtb", 0x48000000) })
        {
            LoadCommand = "tftpb",
            Boot = boot,
            XenAddress = 0x40400000,
            DtbAddress = 0x48000000,
        };
        // Spec §10.4: loads, then setenv fdt_high, then the boot command.
        Assert.AreEqual("tftpb 0x40400000 xen\ntftpb 0x48000000 host.dtb\nsetenv fdt_high 0xffffffffffffffff\n" + tail, Compose(r));
    }

    [TestMethod]
    public void LoadCommandPrefixExtrasAndOverlay()
    {
        var r = new BootScriptRequest(new[] { new ScriptLoad("xen", 0xe00000), new ScriptLoad("board.dtb", 0x1000000), new ScriptLoad("shm.dtbo", 0x1200000) })
        {
            LoadCommand = "fatload mmc 0:1",
            PathPrefix = "boot/",
            Boot = BootCommand.Booti,
            XenAddress = 0xe00000,
            DtbAddress = 0x1000000,
            ExtraCommands = new[] { "echo starting Xen", "  setenv bootdelay 0  " },
            Overlay = new FdtOverlay(0x1200000, 0x10000),
        };
        Assert.AreEqual(
            "fatload mmc 0:1 0xe00000 boot/xen\n" +
            "fatload mmc 0:1 0x1000000 boot/board.dtb\n" +
            "fatload mmc 0:1 0x1200000 boot/shm.dtbo\n" +
            "setenv fdt_high 0xffffffffffffffff\n" +
            "fdt addr 0x1000000\n" +
            "fdt resize 0x10000\n" +
            "fdt apply 0x1200000\n" +
            "echo starting Xen\n" +
            "setenv bootdelay 0\n" +
            "booti 0xe00000 - 0x1000000\n",
            Compose(r));
    }

    [TestMethod]
    [DataRow("a b")]
    [DataRow("x;reset")]
    [DataRow("$(evil)")]
    [DataRow("new\nline")]
    [DataRow("")]
    public void UnsafeFileName_IsXshm5010(string name)
    {
        var bag = Fail(new BootScriptRequest(new[] { new ScriptLoad(name, 0x1000000) }) { XenAddress = 1, DtbAddress = 2 });
        Assert.AreEqual("XSHM5010", bag.Single().Code);
    }

    [TestMethod]
    public void MultilineCommands_AreXshm5011_AndBadPaths5012_AndMissingAddresses5013()
    {
        var span = new SourceSpan("board.yaml", 4, 3);
        var bag = Fail(new BootScriptRequest(Array.Empty<ScriptLoad>())
        {
            LoadCommand = "load mmc 0:1\nreset",
            ExtraCommands = new[] { "echo a\nreset" },
            MemoryNodes = new[] { new MemoryNodeRestore("/memory@0; reset", new uint[] { 1 }) },
            PathPrefix = "a b/",
            Span = span,
        });
        CollectionAssert.AreEquivalent(new[] { "XSHM5011", "XSHM5010", "XSHM5011", "XSHM5013", "XSHM5012" }, bag.Select(d => d.Code).ToArray());
        Assert.IsTrue(bag.All(d => d.Span.Equals(span)));
    }

    [TestMethod]
    public void BootScriptFiles_WritesSourceAndAnImageMkimageAgreesWith()
    {
        using var dir = new TempFolder();
        string text = Compose(new BootScriptRequest(ReadmeLoads) { XenAddress = 0x47000000, DtbAddress = 0x48000000 });
        Assert.IsTrue(BootScriptFiles.Write(dir.Path, text, 0xc00000, 1234, new DiagnosticBag()));
        CollectionAssert.AreEqual(Encoding.UTF8.GetBytes(text), File.ReadAllBytes(dir.File("boot.source")));
        byte[] expected = UBootTools.MkImage(dir, "1234",
            "-A", "arm64", "-O", "linux", "-T", "script", "-C", "none", "-a", "0xc00000", "-e", "0xc00000", "-d", dir.File("boot.source"));
        CollectionAssert.AreEqual(expected, File.ReadAllBytes(dir.File("boot.scr")));
    }
}

[TestClass]
public sealed class ScriptLoadFromPlanTests
{
    [TestMethod]
    public void FromPlan_KeepsPlanOrder_SkipsXenRunArea()
    {
        var bag = new DiagnosticBag();
        var plan = Xen.Shm.Generation.Layout.LoadAddressPlanner.Plan(
            new Xen.Shm.Generation.Layout.LoadLayout(new[] { new Xen.Shm.Topology.AddressRange(0x40000000, 0x40000000) }),
            new[]
            {
                new Xen.Shm.Generation.Layout.BootFile("host.dtb", Xen.Shm.Generation.Layout.BootFileRole.HostDtb, 0x3000),
                new Xen.Shm.Generation.Layout.BootFile("xen-run", Xen.Shm.Generation.Layout.BootFileRole.XenRunArea, 0x400000),
                new Xen.Shm.Generation.Layout.BootFile("xen.uimg", Xen.Shm.Generation.Layout.BootFileRole.Xen, 0x100040),
            }, bag)!;
        var loads = ScriptLoad.FromPlan(plan);
        // Hand-computed: boot.scr 0x40200000, xen.uimg 0x40400000 (ends 0x40500040 -> 0x40600000),
        // run area 0x40600000 (4 MiB -> 0x40a00000), host.dtb 0x40a00000.
        CollectionAssert.AreEqual(new[] { "xen.uimg@40400000", "host.dtb@40a00000" },
            loads.Select(l => $"{l.File}@{l.Address:x}").ToArray());
        Assert.AreEqual(0x40600000UL, plan.Find(Xen.Shm.Generation.Layout.BootFileRole.XenRunArea)!.Address);
    }
}

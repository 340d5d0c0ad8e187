using System.Text;
using Xen.Shm.BootImage.Fit;
using Xen.Shm.BootImage.Script;
using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Layout;
using Xen.Shm.Topology;

namespace Xen.Shm.BootImage.Tests.Fit;

/// <summary>
/// FitBootFiles on a small hand-made layout (Xen, dom0 kernel + ramdisk, one dom0less kernel + partial DTB,
/// host DTB), checked against U-Boot's mkimage: our FIT lists exactly as mkimage's own FIT built from the
/// equivalent .its (written here by hand, ImageBuilder's create_its_file shape), and the coded refusals.
/// </summary>
[TestClass]
public sealed class FitBootFilesTests
{
    private static readonly SourceSpan Project = new("/p/board.csproj", 0, 0);

    private sealed record Board(TempFolder Dir, BootLayout Layout, Func<string, string> SourceOf);

    private static Board MakeBoard(ulong ramSize = 0x40000000, string? dropFile = null)
    {
        var dir = new TempFolder();
        var rng = new Random(13);
        foreach (var name in new[] { "xen", "Image", "rootfs.cpio.gz", "Image1", "domU1.dtb" })
        {
            var bytes = new byte[1000 + rng.Next(3000)];
            rng.NextBytes(bytes);
            if (name != dropFile) File.WriteAllBytes(dir.File(name), bytes);
        }

        var tree = new DtTree();
        tree.Root.SetProperty("#address-cells", 2u);
        tree.Root.SetProperty("#size-cells", 2u);
        var memory = tree.Root.AddChild("memory@40000000");
        memory.SetProperty("device_type", "memory");
        memory.SetProperty("reg", 0u, 0x40000000u, 0u, 0x3f000000u);
        File.WriteAllBytes(dir.File("host.dtb"), FdtWriter.Write(tree));

        var roles = new (string, BootFileRole, int)[]
        {
            ("dom0/Image", BootFileRole.Dom0Kernel, 0), ("dom0/rootfs.cpio.gz", BootFileRole.Dom0Ramdisk, 0),
            ("domU1/Image", BootFileRole.DomUKernel, 1), ("domU1/domU1.dtb", BootFileRole.DomUDeviceTree, 1),
            ("xen.uimg", BootFileRole.Xen, 0), ("host.dtb", BootFileRole.HostDtb, 0),
        };
        var layout = new BootLayout
        {
            ScriptAddress = 0x40c00000,
            Loads = new (string, ulong)[]
            {
                ("dom0/Image", 0x40e00000), ("dom0/rootfs.cpio.gz", 0x41000000), ("domU1/Image", 0x41200000),
                ("domU1/domU1.dtb", 0x41400000), ("xen.uimg", 0x41600000), ("host.dtb", 0x41a00000),
            },
            XenPath = "xen.uimg", XenAddress = 0x41600000, XenSource = dir.File("xen"), XenRunAddress = 0x41800000,
            DtbPath = "host.dtb", DtbAddress = 0x41a00000,
            Roles = roles, LoadEnd = 0x41a01000,
            Memory = new LoadLayout(new[] { new AddressRange(0x40000000, ramSize) }),
        };
        var map = new Dictionary<string, string>
        {
            ["dom0/Image"] = dir.File("Image"), ["dom0/rootfs.cpio.gz"] = dir.File("rootfs.cpio.gz"), ["domU1/Image"] = dir.File("Image1"),
            ["domU1/domU1.dtb"] = dir.File("domU1.dtb"), ["host.dtb"] = dir.File("host.dtb"),
        };
        return new Board(dir, layout, p => map[p]);
    }

    private static IReadOnlyList<BootScriptFile>? Plan(Board b, DiagnosticBag bag, BootScriptSettings? settings = null, uint time = 0) =>
        FitBootFiles.Plan(b.Layout, settings ?? new BootScriptSettings(), b.SourceOf, "board", time, Project, bag);

    [TestMethod]
    public void Fit_ListsAsMkimagesOwnFitFromTheEquivalentIts()
    {
        var b = MakeBoard();
        using var _ = b.Dir;
        var bag = new DiagnosticBag();
        var files = Plan(b, bag, time: 1700000000);
        Assert.IsEmpty(bag, string.Join("\n", bag));
        string ours = b.Dir.File("ours.itb");
        File.WriteAllBytes(ours, files!.Single(f => f.Path == "board.itb").Content);

        // The .its for the same images, written by hand after ImageBuilder's create_its_file.
        string its = b.Dir.File("board.its");
        File.WriteAllText(its, Its(b.Dir));
        var made = UBootTools.MkImage(b.Dir, "1700000000", "-f", its);
        string theirs = b.Dir.File("theirs.itb");
        File.WriteAllBytes(theirs, made);

        var (oc, oursList, oe) = UBootTools.Run("mkimage", new[] { "-l", "-T", "flat_dt", ours });
        var (tc, theirList, te) = UBootTools.Run("mkimage", new[] { "-l", "-T", "flat_dt", theirs });
        Assert.AreEqual(0, oc, oe);
        Assert.AreEqual(0, tc, te);
        Assert.AreEqual(theirList, oursList);
        StringAssert.Contains(oursList, "Hash algo:    sha256");
    }

    private static string Its(TempFolder d)
    {
        static string Image(string name, string description, string file, string type, string? os, uint load, bool entry) =>
            $"        {name} {{\n            description = \"{description}\";\n            data = /incbin/(\"{file}\");\n            type = \"{type}\";\n" +
            "            arch = \"arm64\";\n" + (os is null ? "" : $"            os = \"{os}\";\n") + "            compression = \"none\";\n" +
            $"            load = <0x{load:x}>;\n" + (entry ? $"            entry = <0x{load:x}>;\n" : "") +
            "            hash-1 {\n                algo = \"sha256\";\n            };\n        };\n";
        return "/dts-v1/;\n/ {\n    description = \"Xen dom0less boot\";\n    #address-cells = <1>;\n    images {\n" +
            Image("xen", "Xen hypervisor", d.File("xen"), "kernel", "linux", 0x41800000, true) +
            Image("dom0-kernel", "dom0 kernel (dom0/Image)", d.File("Image"), "kernel", "linux", 0x40e00000, false) +
            Image("dom0-ramdisk", "dom0 ramdisk (dom0/rootfs.cpio.gz)", d.File("rootfs.cpio.gz"), "ramdisk", "linux", 0x41000000, false) +
            Image("domu1-kernel", "dom0less domain 1 kernel (domU1/Image)", d.File("Image1"), "kernel", "linux", 0x41200000, false) +
            Image("domu1-fdt", "dom0less domain 1 partial device tree (domU1/domU1.dtb)", d.File("domU1.dtb"), "flat_dt", null, 0x41400000, false) +
            Image("host-fdt", "host device tree (host.dtb)", d.File("host.dtb"), "flat_dt", null, 0x41a00000, false) +
            "    };\n    configurations {\n        default = \"config-1\";\n        config-1 {\n            description = \"Xen dom0less boot\";\n" +
            "            kernel = \"xen\";\n            fdt = \"host-fdt\";\n            loadables = \"dom0-kernel\", \"dom0-ramdisk\", \"domu1-kernel\", \"domu1-fdt\";\n" +
            "        };\n    };\n};\n";
    }

    [TestMethod]
    public void Fit_SameInputsSameBytes_ScriptBootsTheConfigurationAfterThePlan()
    {
        var b = MakeBoard();
        using var _ = b.Dir;
        var first = Plan(b, new DiagnosticBag())!;
        var second = Plan(b, new DiagnosticBag())!;
        for (int i = 0; i < first.Count; i++) CollectionAssert.AreEqual(first[i].Content, second[i].Content, first[i].Path);

        var fit = first.Single(f => f.Path == "board.itb");
        Assert.AreEqual(0x41c00000UL, fit.LoadAddress, "first 2 MiB step after the last planned file (0x41a01000)");
        string script = Encoding.UTF8.GetString(first.Single(f => f.Path == FitBootFiles.ScriptSourceName).Content);
        StringAssert.StartsWith(script, "load ${devtype} ${devnum}:${distro_bootpart} 0x41c00000 board.itb\n");
        StringAssert.Contains(script, "bootm start 0x41c00000#config-1\nbootm loados\nbootm prep\nfdt addr 0x41a00000\n" +
            "fdt set /memory@40000000 reg <0x0 0x40000000 0x0 0x3f000000>\nbootm go\n");
    }

    [TestMethod]
    public void Fit_NoRoomAfterThePlan_XSHM5042()
    {
        var b = MakeBoard(ramSize: 0x1c00000);   // RAM ends at 0x41c00000: the FIT has no 2 MiB step left
        using var _ = b.Dir;
        var bag = new DiagnosticBag();
        Assert.IsNull(Plan(b, bag));
        Assert.AreEqual("XSHM5042", bag.Single().Code);
        Assert.AreEqual(Project, bag.Single().Span);
    }

    [TestMethod]
    public void Fit_MissingFile_XSHM5043()
    {
        var b = MakeBoard(dropFile: "rootfs.cpio.gz");
        using var _ = b.Dir;
        var bag = new DiagnosticBag();
        Assert.IsNull(Plan(b, bag));
        Assert.AreEqual("XSHM5043", bag.Single().Code);
        StringAssert.Contains(bag.Single().Message, "dom0/rootfs.cpio.gz");
    }

    [TestMethod]
    public void Fit_BootiRoute_XSHM5041()
    {
        var b = MakeBoard();
        using var _ = b.Dir;
        var bag = new DiagnosticBag();
        var booti = BootScriptSettings.Parse(null, null, "booti", null, null, Project, new DiagnosticBag())!;
        Assert.IsNull(Plan(b, bag, booti));
        Assert.AreEqual("XSHM5041", bag.Single().Code);
    }
}

using System.Text;
using Xen.Shm.BootImage.Script;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Layout;

namespace Xen.Shm.BootImage.Tests.BootExtras;

/// <summary>
/// XenShmBootScriptName (ImageBuilder UBOOT_SCRIPT; `-o NAME` gives NAME.scr and NAME.source): the
/// planner writes the script under that name and its source beside it, the image byte for byte
/// mkimage's; names that are not plain file names or that are the SDK's own files are XSHM5060.
/// </summary>
[TestClass]
public sealed class ScriptNameTests
{
    [TestMethod]
    public void CustomName_ScriptAndSourceUnderThatName_IdenticalToMkimage()
    {
        var layout = new BootLayout
        {
            ScriptAddress = 0xc00000, ScriptName = "xen-boot.scr",
            Loads = new[] { ("xen", 0x1000000UL), ("host.dtb", 0x1200000UL) },
            XenPath = "xen", XenAddress = 0x1000000, DtbPath = "host.dtb", DtbAddress = 0x1200000,
        };
        var bag = new DiagnosticBag();
        var settings = BootScriptSettings.Parse(null, null, "booti", null, null, default, bag)!;
        settings.ScriptName = BootScriptNames.Check("xen-boot.scr", default, bag)!;
        var files = BootScriptPlanner.Plan(BootLayout.Parse(layout.Write())!, settings, null, null, 0, bag, out _)!;
        Assert.IsEmpty(bag);
        CollectionAssert.AreEqual(new[] { "xen-boot.source", "xen-boot.scr" }, files.Select(f => f.Path).ToArray());
        string source = Encoding.UTF8.GetString(files[0].Content);
        Assert.AreEqual("load ${devtype} ${devnum}:${distro_bootpart} 0x1000000 xen\nload ${devtype} ${devnum}:${distro_bootpart} 0x1200000 host.dtb\n" +
            "setenv fdt_high 0xffffffffffffffff\nbooti 0x1000000 - 0x1200000\n", source);
        using var dir = new TempFolder();
        File.WriteAllBytes(dir.File("xen-boot.source"), files[0].Content);
        CollectionAssert.AreEqual(UBootTools.MkImage(dir, "0", "-A", "arm64", "-O", "linux", "-T", "script", "-C", "none", "-a", "0xc00000", "-e", "0xc00000",
            "-d", dir.File("xen-boot.source")), files[1].Content);
        Assert.AreEqual(0xc00000UL, files[1].LoadAddress);

        // The layout was planned for another name: the SDK's steps disagree, never a silent rename.
        settings.ScriptName = "boot.scr";
        Assert.ThrowsExactly<InvalidOperationException>(() => BootScriptPlanner.Plan(layout, settings, null, null, 0, bag, out _));
    }

    [TestMethod]
    [DataRow(null, "boot.scr", "boot.source")]
    [DataRow("", "boot.scr", "boot.source")]
    [DataRow("uboot.scr", "uboot.scr", "uboot.source")]
    [DataRow("bootscript", "bootscript", "bootscript.source")]
    public void GoodNames(string? given, string name, string source)
    {
        var bag = new DiagnosticBag();
        Assert.AreEqual(name, BootScriptNames.Check(given, default, bag));
        Assert.AreEqual(source, BootScriptNames.SourceFor(name));
        Assert.IsEmpty(bag);
    }

    [TestMethod]
    [DataRow("../boot.scr")]
    [DataRow("sub/boot.scr")]
    [DataRow(".boot.scr")]
    [DataRow("my boot.scr")]
    [DataRow("boot$x.scr")]
    [DataRow("manifest.json")]
    [DataRow("host.dtb")]
    [DataRow("xen.uimg")]
    public void BadNames_AreXshm5060(string given)
    {
        var bag = new DiagnosticBag();
        Assert.IsNull(BootScriptNames.Check(given, new SourceSpan("p.proj", 0, 0), bag));
        Assert.AreEqual("XSHM5060", bag.Single().Code);
        Assert.AreEqual("p.proj", bag.Single().Span.File);
    }
}

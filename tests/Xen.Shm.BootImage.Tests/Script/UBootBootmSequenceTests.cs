using Xen.Shm.BootImage.Script;
using Xen.Shm.BootImage.UImage;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.BootImage.Tests.Script;

/// <summary>
/// Real U-Boot (Debian u-boot-qemu, qemu_arm64) runs our boot.scr from a virtio disk: it must
/// verify our script and our kernel uImage, run the bootm sequence, and our 'fdt set' must put
/// back the /memory reg that bootm prep's fixups rewrote (qemu-boot README §7). The "kernel" is
/// one arm64 instruction (b .), so nothing boots; the log tells the story.
/// </summary>
[TestClass]
public sealed class UBootBootmSequenceTests
{
    private const string Dts =
        "/dts-v1/;\n/ {\n #address-cells = <2>; #size-cells = <2>;\n model = \"xshm-test\"; compatible = \"linux,dummy-virt\";\n" +
        " chosen { };\n memory@40000000 { device_type = \"memory\"; reg = <0x0 0x40000000 0x0 0x1f000000>; };\n};\n";

    [TestMethod]
    [TestCategory("Qemu")]
    [Timeout(180_000, CooperativeCancellation = true)]
    public void UBoot_RunsOurScript_AndRestoresMemoryAfterBootmPrep()
    {
        string dtc = UBootOnQemu.Tool("dtc", "device-tree-compiler");

        using var dir = new TempFolder();
        string bootfs = dir.File("bootfs");
        Directory.CreateDirectory(bootfs);
        File.WriteAllText(dir.File("host.dts"), Dts);
        UBootOnQemu.Run(dtc, "-q", "-I", "dts", "-O", "dtb", "-o", Path.Combine(bootfs, "host.dtb"), dir.File("host.dts"));

        var bag = new DiagnosticBag();
        // "b ." = 0x14000000, little-endian.
        byte[] uimg = LegacyImage.Kernel(new byte[] { 0, 0, 0, 0x14 }, 0x40600000, 0x40600000, 0, bag, "xen")!;
        File.WriteAllBytes(Path.Combine(bootfs, "xen.uimg"), uimg);

        string script = BootScriptComposer.Compose(new BootScriptRequest(new[] { new ScriptLoad("xen.uimg", 0x40800000), new ScriptLoad("host.dtb", 0x40a00000) })
        {
            LoadCommand = "load virtio 0:1",
            XenAddress = 0x40800000,
            DtbAddress = 0x40a00000,
            MemoryNodes = new[] { MemoryNodeRestore.FromRanges("/memory@40000000", 2, 2, new[] { (0x40000000UL, 0x1f000000UL) }) },
        }, bag)!;
        Assert.IsEmpty(bag);
        // Test instrumentation only: show the node after the fixups and right before 'bootm go'.
        Assert.IsTrue(script.EndsWith("bootm go\n", StringComparison.Ordinal));
        script = script.Replace("bootm prep\n", "bootm prep\nfdt print /memory@40000000\necho XSHM-AFTER-PREP\n");
        script = script.Substring(0, script.Length - "bootm go\n".Length) + "fdt print /memory@40000000\necho XSHM-BEFORE-GO\nbootm go\n";
        Assert.IsTrue(BootScriptFiles.Write(bootfs, script, 0xc00000, 0, bag));
        File.Delete(Path.Combine(bootfs, "boot.source"));

        string text = UBootOnQemu.Run(dir, bootfs, until: "Starting kernel");
        StringAssert.Contains(text, "Found U-Boot script /boot.scr", text);
        StringAssert.Contains(text, "Image Type:   AArch64 Linux Kernel Image (uncompressed)");
        StringAssert.Contains(text, "Verifying Checksum ... OK");
        StringAssert.Contains(text, "Using Device Tree in place at 0000000040a00000");
        int afterPrep = text.IndexOf("XSHM-AFTER-PREP", StringComparison.Ordinal);
        int beforeGo = text.IndexOf("XSHM-BEFORE-GO", StringComparison.Ordinal);
        Assert.IsGreaterThan(0, afterPrep, text);
        Assert.IsGreaterThan(afterPrep, beforeGo, text);
        // bootm prep's fixup set /memory to all 512 MiB; our fdt set put the carve-out back.
        StringAssert.EndsWith(text.Substring(0, afterPrep), "reg = <0x00000000 0x40000000 0x00000000 0x20000000>;\n};\n", text);
        StringAssert.EndsWith(text.Substring(0, beforeGo), "reg = <0x00000000 0x40000000 0x00000000 0x1f000000>;\n};\n", text);
        StringAssert.Contains(text.Substring(beforeGo), "Starting kernel");
    }
}

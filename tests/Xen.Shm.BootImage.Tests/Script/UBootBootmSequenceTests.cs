using System.Diagnostics;
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
        string uboot = Environment.GetEnvironmentVariable("XEN_SHM_UBOOT_BIN") is { Length: > 0 } u ? u : "/usr/lib/u-boot/qemu_arm64/u-boot.bin";
        if (!File.Exists(uboot)) Missing("U-Boot for qemu_arm64 not installed: apt-get install u-boot-qemu (or set XEN_SHM_UBOOT_BIN)");
        string qemu = Tool("qemu-system-aarch64", "qemu-system-arm");
        string dtc = Tool("dtc", "device-tree-compiler");
        string sfdisk = Tool("sfdisk", "fdisk");
        string mke2fs = Tool("mke2fs", "e2fsprogs");

        using var dir = new TempFolder();
        string bootfs = dir.File("bootfs");
        Directory.CreateDirectory(bootfs);
        File.WriteAllText(dir.File("host.dts"), Dts);
        Run(dtc, "-q", "-I", "dts", "-O", "dtb", "-o", Path.Combine(bootfs, "host.dtb"), dir.File("host.dts"));

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

        string disk = dir.File("disk.img");
        using (var f = File.Create(disk)) f.SetLength(9 * 1024 * 1024);
        Run(sfdisk, new[] { "-q", disk }, "start=2048, type=83\n");
        Run(mke2fs, "-q", "-t", "ext2", "-E", "offset=1048576", "-d", bootfs, "-F", disk, "8M");

        string log = dir.File("serial.log");
        var psi = new ProcessStartInfo(qemu) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "-machine", "virt", "-cpu", "cortex-a57", "-m", "512", "-display", "none", "-monitor", "none",
                     "-serial", "file:" + log, "-no-reboot", "-nic", "none", "-bios", uboot,
                     "-drive", "if=none,file=" + disk + ",format=raw,id=d0", "-device", "virtio-blk-device,drive=d0" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string text = string.Empty;
        try
        {
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(150) && !p.HasExited)
            {
                Thread.Sleep(500);
                text = File.Exists(log) ? File.ReadAllText(log) : string.Empty;
                if (text.Contains("Starting kernel", StringComparison.Ordinal)) break;
            }
        }
        finally
        {
            if (!p.HasExited) p.Kill();
            p.WaitForExit();
        }

        text = File.ReadAllText(log).Replace("\r\n", "\n");
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

    private static string Tool(string name, string package)
    {
        string? path = (Environment.GetEnvironmentVariable("PATH") + ":/usr/sbin:/sbin").Split(':')
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
        return path ?? Missing($"{name} not installed: apt-get install {package}");
    }

    private static string Missing(string message)
    {
        if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(message);
        Assert.Inconclusive(message);
        return null!;
    }

    private static void Run(string file, params string[] args) => Run(file, args, null);

    private static void Run(string file, string[] args, string? stdin)
    {
        var run = ToolProcess.Run(file, args, stdin: stdin is null ? null : System.Text.Encoding.UTF8.GetBytes(stdin));
        Assert.AreEqual(0, run.ExitCode, $"{file} {string.Join(' ', args)}: {run.StdoutText}{run.Stderr}");
    }
}

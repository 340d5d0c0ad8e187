using System.Diagnostics;

namespace Xen.Shm.BootImage.Tests.Script;

/// <summary>
/// Real U-Boot (Debian u-boot-qemu, qemu_arm64) on QEMU's virt machine, running the boot.scr of a folder put on an
/// ext2 virtio disk; the serial log is what the tests read. Missing tools fail under CI and are inconclusive elsewhere.
/// </summary>
internal static class UBootOnQemu
{
    /// <summary>Boots U-Boot on <paramref name="bootfs"/>'s files and returns the serial log once <paramref name="until"/> is printed (or U-Boot stops).</summary>
    public static string Run(TempFolder dir, string bootfs, string until)
    {
        string uboot = Environment.GetEnvironmentVariable("XEN_SHM_UBOOT_BIN") is { Length: > 0 } u ? u : "/usr/lib/u-boot/qemu_arm64/u-boot.bin";
        if (!File.Exists(uboot)) Missing("U-Boot for qemu_arm64 not installed: apt-get install u-boot-qemu (or set XEN_SHM_UBOOT_BIN)");
        string qemu = Tool("qemu-system-aarch64", "qemu-system-arm");
        string disk = Disk(dir, bootfs);
        string log = dir.File("serial.log");
        var psi = new ProcessStartInfo(qemu) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "-machine", "virt", "-cpu", "cortex-a57", "-m", "512", "-display", "none", "-monitor", "none",
                     "-serial", "file:" + log, "-no-reboot", "-nic", "none", "-bios", uboot,
                     "-drive", "if=none,file=" + disk + ",format=raw,id=d0", "-device", "virtio-blk-device,drive=d0" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        try
        {
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(150) && !p.HasExited)
            {
                Thread.Sleep(500);
                if (File.Exists(log) && File.ReadAllText(log).Contains(until, StringComparison.Ordinal)) break;
            }
        }
        finally
        {
            if (!p.HasExited) p.Kill();
            p.WaitForExit();
        }

        return File.ReadAllText(log).Replace("\r\n", "\n");
    }

    /// <summary>An MBR disk whose one partition is an ext2 file system holding <paramref name="bootfs"/>.</summary>
    private static string Disk(TempFolder dir, string bootfs)
    {
        string sfdisk = Tool("sfdisk", "fdisk");
        string mke2fs = Tool("mke2fs", "e2fsprogs");
        long bytes = Directory.EnumerateFiles(bootfs).Sum(f => new FileInfo(f).Length);
        long mib = 8 + bytes / (1024 * 1024) * 2;
        string disk = dir.File("disk.img");
        using (var f = File.Create(disk)) f.SetLength((mib + 1) * 1024 * 1024);
        Run(sfdisk, new[] { "-q", disk }, "start=2048, type=83\n");
        Run(mke2fs, "-q", "-t", "ext2", "-E", "offset=1048576", "-d", bootfs, "-F", disk, mib + "M");
        return disk;
    }

    public static string Tool(string name, string package)
    {
        string? path = (Environment.GetEnvironmentVariable("PATH") + ":/usr/sbin:/sbin").Split(':')
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
        return path ?? Missing($"{name} not installed: apt-get install {package}");
    }

    public static void Run(string file, params string[] args) => Run(file, args, null);

    private static void Run(string file, string[] args, string? stdin)
    {
        var run = ToolProcess.Run(file, args, stdin: stdin is null ? null : System.Text.Encoding.UTF8.GetBytes(stdin));
        Assert.AreEqual(0, run.ExitCode, $"{file} {string.Join(' ', args)}: {run.StdoutText}{run.Stderr}");
    }

    private static string Missing(string message)
    {
        if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(message);
        Assert.Inconclusive(message);
        return null!;
    }
}

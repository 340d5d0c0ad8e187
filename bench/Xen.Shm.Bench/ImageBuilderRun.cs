using System.Diagnostics;

namespace Xen.Shm.Bench;

/// <summary>
/// The reference for the full build: Xilinx/imagebuilder's scripts/uboot-script-gen (a bash script
/// the user passes by path; nothing is fetched here) on the same board: the same Xen, the one
/// 32 MiB kernel for dom0 and both domUs, the same ramdisk, the board's DTB (compiled once by dtc,
/// outside the timing: ImageBuilder takes a DTB). It plans the load addresses (a `stat` and a
/// `file` per image, gunzip of the ramdisk), writes boot.source and boot.scr (mkimage); it copies
/// and hashes nothing: the images are loaded from its folder.
/// </summary>
internal sealed class ImageBuilderRun
{
    private readonly string _script;
    private readonly string _dir;

    public ImageBuilderRun(string script, string board, string dir)
    {
        if (!File.Exists(script)) throw new FileNotFoundException("uboot-script-gen not found", script);
        _script = Path.GetFullPath(script);
        _dir = dir;
        Directory.CreateDirectory(dir);
        foreach (string name in new[] { "xen", "Image", "rootfs.cpio.gz" })
            File.Copy(Path.Combine(board, "images", name), Path.Combine(dir, name), overwrite: true);
        Run("dtc", "-I", "dts", "-O", "dtb", "-o", Path.Combine(dir, "board.dtb"), Path.Combine(board, "board.dts"));
        File.WriteAllText(Path.Combine(dir, "config"), """
            MEMORY_START="0x0"
            MEMORY_END="0x80000000"
            DEVICE_TREE="board.dtb"
            XEN="xen"
            XEN_CMD="console=dtuart dtuart=serial0 dom0_mem=1024M dom0_max_vcpus=1 bootscrub=0 vwfi=native sched=null"
            DOM0_KERNEL="Image"
            DOM0_CMD="console=hvc0 earlycon=xen earlyprintk=xen clk_ignore_unused"
            DOM0_RAMDISK="rootfs.cpio.gz"
            NUM_DOMUS=2
            DOMU_KERNEL[0]="Image"
            DOMU_RAMDISK[0]="rootfs.cpio.gz"
            DOMU_MEM[0]=256
            DOMU_KERNEL[1]="Image"
            DOMU_RAMDISK[1]="rootfs.cpio.gz"
            DOMU_MEM[1]=256
            UBOOT_SOURCE="boot.source"
            UBOOT_SCRIPT="boot.scr"

            """.Replace("\r\n", "\n"));
    }

    /// <summary>One run: wall and CPU ms (no targets: the third value is 0).</summary>
    public (double Wall, double Cpu, double Ours) Time()
    {
        double cpu0 = ChildCpu.TotalMs();
        var sw = Stopwatch.StartNew();
        Run("bash", _script, "-c", Path.Combine(_dir, "config"), "-d", _dir, "-t", "tftp");
        double wall = sw.Elapsed.TotalMilliseconds;
        if (!File.Exists(Path.Combine(_dir, "boot.scr"))) throw new InvalidOperationException("ImageBuilder wrote no boot.scr");
        return (wall, ChildCpu.TotalMs() - cpu0, 0);
    }

    private void Run(string exe, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{exe} {string.Join(' ', args)} failed ({p.ExitCode}):\n{stdout.Result}{stderr.Result}");
    }
}

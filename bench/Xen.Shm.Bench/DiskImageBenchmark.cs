using System.Diagnostics;
using Xen.Shm.BootImage.Disk;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Bench;

/// <summary>
/// Writing a 200 MB disk image (MBR + FAT32) from a boot folder with our own writer, as one process, so
/// farm-bench can time it and read its peak memory beside the reference (mkfs.fat + mcopy of the same
/// files into a partition file of the same size). `prepare` makes the folder once.
/// </summary>
public sealed class DiskImageBenchmark : IBenchmark
{
    public string Name => "disk-image";

    public string Description => "prepare <dir> | write <dir> <image>: a ~200 MB boot folder into an MBR+FAT32 image (time it with farm-bench vs mkfs.fat + mcopy)";

    public int Run(string[] args)
    {
        if (args.Length == 2 && args[0] == "prepare") return Prepare(args[1]);
        if (args.Length == 3 && args[0] == "write") return Write(args[1], args[2]);
        Console.Error.WriteLine("usage: disk-image prepare <dir> | disk-image write <dir> <image>");
        return 2;
    }

    // A boot folder's shape at 200 MB: Xen, two kernels, a large ramdisk, DTBs, a few small files.
    private static int Prepare(string dir)
    {
        var files = new (string Path, int Size)[]
        {
            ("xen.uimg", 1_200_000), ("host.dtb", 65_536), ("boot.scr", 2_000), ("manifest.json", 1_500),
            ("dom0/Image", 40_000_000), ("dom0/rootfs.cpio.gz", 120_000_000),
            ("domU1/Image", 30_000_000), ("domU1/domU1.dtb", 4_096), ("etc/xen/domU2.cfg", 600),
        };
        var random = new Random(200);
        var buffer = new byte[1 << 20];
        foreach (var (path, size) in files)
        {
            string full = Path.Combine(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using var f = File.Create(full);
            for (int left = size; left > 0; left -= buffer.Length)
            {
                random.NextBytes(buffer);
                f.Write(buffer, 0, Math.Min(left, buffer.Length));
            }
        }

        Console.WriteLine($"{dir}: {files.Sum(f => (long)f.Size)} bytes in {files.Length} files");
        return 0;
    }

    private static int Write(string dir, string image)
    {
        var clock = Stopwatch.StartNew();
        var diagnostics = new DiagnosticBag();
        var root = DiskImageContent.Build(DiskImageContent.FromFolder(dir), diagnostics);
        if (root is null)
        {
            foreach (var d in diagnostics) Console.Error.WriteLine(d);
            return 1;
        }

        var layout = FatLayout.Plan(root, extraBytes: 8L << 20);
        if (File.Exists(image)) File.Delete(image);
        using (var stream = new FileStream(image, FileMode.CreateNew, FileAccess.Write))
            DiskImageWriter.Write(stream, layout, 0x12345678, FatTime.FromUnixSeconds(0));
        Console.WriteLine($"{image}: {new FileInfo(image).Length} bytes, {layout.Geometry.ClusterCount} clusters of {layout.Geometry.ClusterSize} bytes, {clock.ElapsedMilliseconds} ms, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MiB");
        return 0;
    }
}

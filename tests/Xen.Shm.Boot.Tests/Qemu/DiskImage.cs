using System.Globalization;
using Xen.Shm.Boot.Tests.Prerequisites;

namespace Xen.Shm.Boot.Tests.Qemu;

/// <summary>
/// A raw disk image holding the boot folder as a board's SD card would: one Linux partition at sector 2048
/// (sfdisk), ext2 filled from the folder by mke2fs -d (no root, no mount). U-Boot's distro boot finds
/// /boot.scr on it (guide qemu-boot section 7).
/// </summary>
public static class DiskImage
{
    private const long PartitionOffset = 2048L * 512;

    public static string Build(BootPrerequisites tools, string folder, string imagePath)
    {
        var bytes = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        // ext2 metadata and block rounding: 1/8 plus 16 MiB of slack is ample for a few dozen files.
        var fsMiB = (bytes + bytes / 8) / (1024 * 1024) + 16;
        if (File.Exists(imagePath)) File.Delete(imagePath);
        using (var f = File.Create(imagePath)) f.SetLength(PartitionOffset + fsMiB * 1024 * 1024);
        ExternalTool.Check(tools.Sfdisk, new[] { "-q", imagePath }, stdin: "start=2048, type=83\n");
        ExternalTool.Check(tools.Mke2fs, new[] { "-q", "-t", "ext2", "-E", $"offset={PartitionOffset.ToString(CultureInfo.InvariantCulture)}",
            "-d", folder, "-F", imagePath, fsMiB.ToString(CultureInfo.InvariantCulture) + "M" });
        return imagePath;
    }
}

using System.Diagnostics;
using Xen.Shm.BootImage.Disk;

namespace Xen.Shm.BootImage.Tests.Disk;

/// <summary>
/// The reference readers of a disk image: dosfstools' fsck.fat, mtools' mdir/mcopy (through
/// "image@@offset"), util-linux's sfdisk/fdisk. Missing: fail on CI=true, else Inconclusive.
/// </summary>
internal static class FatTools
{
    public const long PartitionOffset = DiskImageWriter.PartitionStartSector * 512;

    public static (int Code, string Output) Run(string tool, params string[] args)
    {
        string hint = tool.StartsWith('m') && tool != "mkfs.fat" ? "apt-get install mtools" : tool.Contains("disk") ? "apt-get install fdisk" : "apt-get install dosfstools";
        string path = Prerequisite.FindOnPath(tool) ?? FindSbin(tool) ?? Prerequisite.Missing($"{tool} not installed: {hint}");
        var run = ToolProcess.Run(path, args, environment: new Dictionary<string, string?>
        {
            ["LC_ALL"] = "C.UTF-8",   // mtools prints long names in the locale's charset
            ["TZ"] = "UTC",
        });
        return (run.ExitCode, run.StdoutText + run.Stderr);
    }

    public static string Check(string tool, params string[] args)
    {
        var (code, output) = Run(tool, args);
        Assert.AreEqual(0, code, $"{tool} {string.Join(' ', args)}:\n{output}");
        return output;
    }

    /// <summary>mtools' view of the partition inside <paramref name="image"/>.</summary>
    public static string Mtools(string image) => image + "@@" + PartitionOffset;

    /// <summary>The partition's bytes as a file of its own, which fsck.fat needs (it has no offset option).</summary>
    public static string ExtractPartition(string image, string to)
    {
        using var source = File.OpenRead(image);
        source.Position = PartitionOffset;
        using var target = File.Create(to);
        source.CopyTo(target);
        return to;
    }

    /// <summary>fsck.fat -n (no changes) on the image's partition: exit code and its report.</summary>
    public static (int Code, string Output) Fsck(string image, TempFolder dir) =>
        Run("fsck.fat", "-n", "-v", ExtractPartition(image, dir.File("partition-" + Guid.NewGuid().ToString("N") + ".fat")));

    private static string? FindSbin(string tool) =>
        new[] { "/usr/sbin", "/sbin" }.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
}

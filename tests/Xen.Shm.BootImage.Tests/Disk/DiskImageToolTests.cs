using System.Text.RegularExpressions;
using Xen.Shm.BootImage.Disk;

namespace Xen.Shm.BootImage.Tests.Disk;

/// <summary>
/// The disk image as the real tools read it: fsck.fat -n finds nothing to fix, mtools copies every
/// file back byte for byte, sfdisk/fdisk see one bootable FAT32 (LBA) partition at sector 2048.
/// </summary>
[TestClass]
public sealed class DiskImageToolTests
{
    // A boot folder's shape plus what stresses the names: long, mixed case, the same 6-letter basis,
    // a dotless name, a leading dot, unicode, an empty file, a file of exactly one cluster.
    private static readonly (string Path, int Size)[] Files =
    {
        ("boot.scr", 1200), ("BOOT.SCR.bak", 10), ("host.dtb", 65536), ("xen.uimg", 900_000), ("manifest.json", 700),
        ("domU1/Image", 300_001), ("domU1/domU1.dtb", 2048), ("domU1/initrd.cpio.gz", 77_777),
        ("etc/xen/domU2.cfg", 512), ("etc/xen/domU2/a rather long kernel image name.bin", 5000),
        ("etc/xen/create-order.sh", 0), ("verylongname1.txt", 3), ("verylongname2.txt", 4), ("Makefile", 33),
        (".hidden", 17), ("ünïcode-名前.txt", 99), ("deep/a/b/c/d/e/leaf", 1),
    };

    /// <summary>What fsck.fat -n prints for anything it would fix (it exits 0 for some, e.g. a long-name checksum).</summary>
    internal static readonly Regex Findings = new("differ|[Ww]arning|[Bb]ad|[Ww]rong|correct|[Ff]ree cluster summary wrong|[Rr]eclaim|[Tt]runcat|[Dd]uplicate|[Ii]nvalid");

    private static string MakeFolder(TempFolder dir)
    {
        string folder = Path.Combine(dir.Path, "boot");
        foreach (var (path, size) in Files) DiskImageBuilder.RandomFile(folder, path, size);
        return folder;
    }

    [TestMethod]
    public void BootFolder_FsckFindsNoError_McopyReadsEveryFileBack()
    {
        using var dir = new TempFolder();
        string folder = MakeFolder(dir), image = dir.File("boot.img");
        DiskImageBuilder.Write(folder, image, extraBytes: 1 << 20);

        var (code, report) = FatTools.Fsck(image, dir);
        Assert.AreEqual(0, code, report);
        StringAssert.Contains(report, "2 FATs, 32 bit entries");
        StringAssert.DoesNotMatch(report, Findings, report);

        string back = Path.Combine(dir.Path, "back");
        Directory.CreateDirectory(back);
        FatTools.Check("mcopy", "-s", "-n", "-i", FatTools.Mtools(image), "::/", back + "/");
        var expected = DiskImageBuilder.Read(folder);
        var actual = DiskImageBuilder.Read(back);
        CollectionAssert.AreEqual(expected.Keys.ToList(), actual.Keys.ToList());
        foreach (var (path, bytes) in expected) CollectionAssert.AreEqual(bytes, actual[path], path);
    }

    [TestMethod]
    public void Mdir_ListsLongNamesAndTheEpochDate()
    {
        using var dir = new TempFolder();
        string folder = MakeFolder(dir), image = dir.File("boot.img");
        DiskImageBuilder.Write(folder, image, epoch: 1_700_000_000);   // 2023-11-14 22:13:20 UTC

        string root = FatTools.Check("mdir", "-i", FatTools.Mtools(image), "::/");
        foreach (string name in new[] { "boot.scr", "BOOT.SCR.bak", "verylongname1.txt", "verylongname2.txt", "ünïcode-名前.txt", ".hidden", "manifest.json" })
            StringAssert.Contains(root, name);
        StringAssert.Contains(root, "2023-11-14  22:13");
        StringAssert.Contains(root, "Volume Serial Number is 1234-ABCD");
        string sub = FatTools.Check("mdir", "-i", FatTools.Mtools(image), "::/etc/xen/domU2");
        StringAssert.Contains(sub, "a rather long kernel image name.bin");
    }

    [TestMethod]
    public void Sfdisk_And_Fdisk_ShowOneBootableFat32PartitionAt2048()
    {
        using var dir = new TempFolder();
        string folder = MakeFolder(dir), image = dir.File("boot.img");
        var layout = DiskImageBuilder.Write(folder, image);

        string dump = FatTools.Check("sfdisk", "--dump", image);
        StringAssert.Contains(dump, "label: dos");
        StringAssert.Contains(dump, "label-id: 0x1234abcd");
        StringAssert.Matches(dump, new Regex($@"boot\.img1 : start=\s*2048, size=\s*{layout.Geometry.TotalSectors}, type=c, bootable"));
        Assert.AreEqual(1, Regex.Matches(dump, "start=").Count, dump);
        Assert.AreEqual(2048 * 512 + layout.Geometry.TotalSectors * 512, new FileInfo(image).Length);

        string list = FatTools.Check("fdisk", "-l", image);
        StringAssert.Matches(list, new Regex($@"boot\.img1 \*\s+2048\s+{2048 + layout.Geometry.TotalSectors - 1}\s+{layout.Geometry.TotalSectors}\s.*W95 FAT32 \(LBA\)"));
    }

    [TestMethod]
    public void SmallestVolume_IsFat32AtItsMinimumClusterCount_FsckClean()
    {
        using var dir = new TempFolder();
        string folder = Path.Combine(dir.Path, "boot"), image = dir.File("min.img");
        DiskImageBuilder.RandomFile(folder, "boot.scr", 100);
        var layout = DiskImageBuilder.Write(folder, image);

        Assert.AreEqual(FatGeometry.MinClusters, layout.Geometry.ClusterCount);
        var (code, report) = FatTools.Fsck(image, dir);
        Assert.AreEqual(0, code, report);
        StringAssert.Contains(report, "2 FATs, 32 bit entries");
        StringAssert.Contains(report, "65525 data clusters");
        string info = FatTools.Check("minfo", "-i", FatTools.Mtools(image), "::");
        StringAssert.Contains(info, "Big fatlen=512");        // FAT32's 32-bit FAT size, 16-bit one 0
        StringAssert.Contains(info, "sectors per fat: 0");
        StringAssert.Contains(info, "free clusters=65523");
    }

    [TestMethod]
    public void ManyLongNamedFiles_FolderSpanningManyClusters_FsckCleanAndReadBack()
    {
        using var dir = new TempFolder();
        string folder = Path.Combine(dir.Path, "boot"), image = dir.File("many.img");
        // 1500 names of 60 characters: 6 entries each, about 280 KiB of folder, the same 6-letter basis.
        for (int i = 0; i < 1500; i++)
            DiskImageBuilder.RandomFile(folder, $"many/kernel-module-with-a-long-descriptive-name-number-{i:D5}.ko", i % 7);
        DiskImageBuilder.Write(folder, image);

        var (code, report) = FatTools.Fsck(image, dir);
        Assert.AreEqual(0, code, report);
        StringAssert.DoesNotMatch(report, Findings, report);
        string back = Path.Combine(dir.Path, "back");
        Directory.CreateDirectory(back);
        FatTools.Check("mcopy", "-s", "-n", "-i", FatTools.Mtools(image), "::/many", back + "/");
        var expected = DiskImageBuilder.Read(Path.Combine(folder, "many"));
        var actual = DiskImageBuilder.Read(Path.Combine(back, "many"));
        Assert.AreEqual(1500, actual.Count);
        foreach (var (path, bytes) in expected) CollectionAssert.AreEqual(bytes, actual[path], path);
    }

    [TestMethod]
    public void ExtraRoom_ShowsAsFreeSpace_AndIsNotWritten()
    {
        using var dir = new TempFolder();
        string folder = MakeFolder(dir), image = dir.File("room.img");
        long extra = 300L << 20;
        var layout = DiskImageBuilder.Write(folder, image, extraBytes: extra);

        string root = FatTools.Check("mdir", "-i", FatTools.Mtools(image), "::/");
        long free = long.Parse(Regex.Match(root, @"([\d ]+) bytes free").Groups[1].Value.Replace(" ", ""));
        Assert.IsGreaterThanOrEqualTo(extra, free, root);
        Assert.IsLessThan(extra + 2 * layout.Geometry.ClusterSize, free, root);
        // Written sparse: far fewer blocks than the image's length (st_blocks from stat, 512-byte units).
        long blocks = long.Parse(FatTools.Check("stat", "-c", "%b", image).Trim());
        Assert.IsLessThan(new FileInfo(image).Length / 4, blocks * 512, "image written with its zero runs");
    }
}

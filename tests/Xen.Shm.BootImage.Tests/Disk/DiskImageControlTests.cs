using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Xen.Shm.BootImage.Disk;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.BootImage.Tests.Disk;

/// <summary>
/// Negative controls (the checks can fail: a corrupted image is reported by fsck.fat and mtools),
/// determinism, and names FAT cannot take.
/// </summary>
[TestClass]
public sealed class DiskImageControlTests
{
    private static (string Image, FatLayout Layout) Small(TempFolder dir, long epoch = 0, string name = "a.img")
    {
        string folder = Path.Combine(dir.Path, "boot");
        if (!Directory.Exists(folder))
        {
            DiskImageBuilder.RandomFile(folder, "boot.scr", 1500);
            DiskImageBuilder.RandomFile(folder, "domU1/Image", 4000);
            DiskImageBuilder.RandomFile(folder, "etc/xen/a-long-file-name.cfg", 10);
        }

        string image = dir.File(name);
        return (image, DiskImageBuilder.Write(folder, image, epoch: epoch));
    }

    private static void Poke(string image, long offset, params byte[] bytes)
    {
        using var f = new FileStream(image, FileMode.Open, FileAccess.ReadWrite);
        f.Position = offset;
        f.Write(bytes);
    }

    private static long FatEntry(FatLayout layout, int fat, uint cluster) =>
        FatTools.PartitionOffset + (FatGeometry.ReservedSectors + (long)fat * layout.Geometry.FatSectors) * 512 + cluster * 4L;

    [TestMethod]
    public void NegativeControl_BrokenChainInBothFats_FsckReportsIt()
    {
        using var dir = new TempFolder();
        var (image, layout) = Small(dir);
        var file = layout.Root.PreOrder().Single(n => n.Name == "boot.scr");   // 3 clusters of 512 bytes
        Assert.AreEqual(3u, file.ClusterCount);
        foreach (int fat in new[] { 0, 1 }) Poke(image, FatEntry(layout, fat, file.FirstCluster), 0, 0, 0, 0);

        var (code, report) = FatTools.Fsck(image, dir);
        Assert.AreNotEqual(0, code, report);
        StringAssert.Matches(report, new Regex("boot.scr", RegexOptions.IgnoreCase));
    }

    [TestMethod]
    public void NegativeControl_FatCopiesDiffer_FsckReportsIt()
    {
        using var dir = new TempFolder();
        var (image, layout) = Small(dir);
        Poke(image, FatEntry(layout, 1, layout.UsedClusters + 10), 0xF7, 0xFF, 0xFF, 0x0F);   // a "bad cluster" in FAT 2 only

        var (code, report) = FatTools.Fsck(image, dir);
        Assert.AreNotEqual(0, code, report);
        StringAssert.Contains(report, "FATs differ");
    }

    [TestMethod]
    public void NegativeControl_LongNameChecksumWrong_MtoolsLosesTheLongNameAndFsckSaysWhy()
    {
        using var dir = new TempFolder();
        var (image, layout) = Small(dir);
        Assert.Contains("a-long-file-name.cfg", FatTools.Check("mdir", "-i", FatTools.Mtools(image), "::/etc/xen"));
        var xen = layout.Root.PreOrder().Single(n => n.Name == "xen");
        long entries = FatTools.PartitionOffset + (layout.Geometry.DataStartSector + xen.FirstCluster - 2) * 512;
        Poke(image, entries + 64 + 13, 0x00);   // the checksum of the first long-name slot after "." and ".."

        Assert.DoesNotContain("a-long-file-name.cfg", FatTools.Check("mdir", "-i", FatTools.Mtools(image), "::/etc/xen"));
        var (_, report) = FatTools.Fsck(image, dir);   // fsck.fat -n exits 0 here: the clean-image tests match its text
        StringAssert.Contains(report, "Wrong checksum for long file name \"a-long-file-name.cfg\"");
        StringAssert.Matches(report, DiskImageToolTests.Findings);
    }

    [TestMethod]
    public void SameInputs_SameBytes_OtherEpoch_OnlyTimestampsDiffer()
    {
        using var dir = new TempFolder();
        var (a, _) = Small(dir, epoch: 1_600_000_000, name: "a.img");
        var (b, _) = Small(dir, epoch: 1_600_000_000, name: "b.img");
        var (c, _) = Small(dir, epoch: 1_700_000_000, name: "c.img");
        Assert.AreEqual(Hash(a), Hash(b));
        Assert.AreNotEqual(Hash(a), Hash(c));
        Assert.AreEqual(new FileInfo(a).Length, new FileInfo(c).Length);
    }

    [TestMethod]
    public void EpochZeroOrBefore1980_Gives1980_01_01()
    {
        Assert.AreEqual((0x21, 0), (FatTime.FromUnixSeconds(0).Date, FatTime.FromUnixSeconds(0).Time));
        var t = FatTime.FromUnixSeconds(1_700_000_000);  // 2023-11-14 22:13:20
        Assert.AreEqual(((2023 - 1980) << 9) | (11 << 5) | 14, (int)t.Date);
        Assert.AreEqual((22 << 11) | (13 << 5) | 10, (int)t.Time);
    }

    [TestMethod]
    [DataRow("a:b", "XSHM5050")]
    [DataRow("bad?name", "XSHM5050")]
    [DataRow("trailing.", "XSHM5050")]
    public void NameFatCannotHold_IsXshm5050(string name, string code) => AssertRefused(new[] { name }, code);

    [TestMethod]
    public void NamesDifferingOnlyInCase_AreXshm5051() => AssertRefused(new[] { "dom/Image", "DOM/image" }, "XSHM5051");

    [TestMethod]
    public void LongNameOver255_IsXshm5050() => AssertRefused(new[] { new string('x', 256) }, "XSHM5050");

    private static void AssertRefused(string[] paths, string code)
    {
        using var dir = new TempFolder();
        string source = dir.File("source");
        File.WriteAllText(source, "x");
        var diagnostics = new DiagnosticBag();
        Assert.IsNull(DiskImageContent.Build(paths.Select(p => (p, source)), diagnostics));
        Assert.AreEqual(code, diagnostics.Single().Code, diagnostics.Single().ToString());
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}

using System.Security.Cryptography;
using System.Text.Json;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>
/// XenShmDiskImage=true through the packed SDK: bin/Debug/mmio-sram.img holds the boot folder on a FAT32
/// partition that mtools reads back byte for byte and fsck.fat finds clean; manifest.json names the image;
/// incremental; bad values are positioned errors.
/// </summary>
[TestClass]
public sealed class DiskImageTests : BoardTestBase
{
    private const long PartitionOffset = 2048 * 512;

    [TestMethod]
    public void DiskImage_HoldsTheBootFolder_ManifestNamesIt_IncrementalAndOffAgain()
    {
        string mcopy = ExternalTool.Require("mcopy", "apt-get install mtools");
        var board = BoardWorkspace.Create(TestContext, "mmio-sram");
        board.Build("-p:XenShmDiskImage=true").AssertSucceeded();
        string image = Path.Combine(board.Directory, "bin", "Debug", "mmio-sram.img");
        Assert.IsTrue(File.Exists(image), "no disk image");

        // manifest.json: the boot files as before, and "diskImage" with the image's real size and hash.
        using (var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(board.BootDirectory, "manifest.json"))))
        {
            var disk = json.RootElement.GetProperty("diskImage");
            Assert.AreEqual("../mmio-sram.img", disk.GetProperty("path").GetString());
            Assert.AreEqual(new FileInfo(image).Length, disk.GetProperty("size").GetInt64());
            Assert.AreEqual(Sha256(image), disk.GetProperty("sha256").GetString());
        }

        var listed = ManifestJson.AssertDescribesFolder(board.BootDirectory);
        string back = Path.Combine(board.Directory, "read-back");
        Directory.CreateDirectory(back);
        var (code, _, err) = ExternalTool.Run(mcopy, "-s", "-n", "-i", $"{image}@@{PartitionOffset}", "::/", back + "/");
        Assert.AreEqual(0, code, err);
        var inImage = BoardWorkspace.Snapshot(back);
        var folder = BoardWorkspace.Snapshot(board.BootDirectory);
        CollectionAssert.AreEqual(folder.Keys.ToArray(), inImage.Keys.ToArray());
        foreach (var entry in listed) CollectionAssert.AreEqual(folder[entry.Path], inImage[entry.Path], entry.Path);
        // The image's manifest.json is the folder's without "diskImage" (an image cannot hold its own hash).
        using (var copy = JsonDocument.Parse(inImage["manifest.json"]))
        {
            Assert.IsFalse(copy.RootElement.TryGetProperty("diskImage", out _));
            Assert.AreEqual(listed.Count, copy.RootElement.GetProperty("files").GetArrayLength());
        }

        AssertFsckClean(image, board.Directory);

        // Nothing changed: no step runs, the image is not rewritten.
        var written = File.GetLastWriteTimeUtc(image);
        var second = board.Build("-p:XenShmDiskImage=true");
        second.AssertSucceeded();
        Assert.AreEqual(written, File.GetLastWriteTimeUtc(image), "image rewritten by a no-op build");
        StringAssert.Contains(second.DetailedLog, "Skipping target \"XenShmWriteDiskImage\" because all output files are up-to-date");

        // More room: a bigger image; off again: IncrementalClean removes it, the manifest forgets it.
        // (The smallest FAT32 volume, about 33 MiB, already has more than 8M free: 64M makes it grow.)
        long content = listed.Sum(e => e.Size);
        board.Build("-p:XenShmDiskImage=true", "-p:XenShmDiskImageExtraSize=64M").AssertSucceeded();
        Assert.IsGreaterThanOrEqualTo(content + (64L << 20), new FileInfo(image).Length);
        AssertFsckClean(image, board.Directory);
        board.Build().AssertSucceeded();
        Assert.IsFalse(File.Exists(image), "image left after XenShmDiskImage went off");
        StringAssert.DoesNotMatch(File.ReadAllText(Path.Combine(board.BootDirectory, "manifest.json")), new System.Text.RegularExpressions.Regex("diskImage"));
    }

    [TestMethod]
    [DataRow("-p:XenShmDiskImage=maybe", "XSHM8030")]   // "yes"/"on" are MSBuild booleans: they mean true
    [DataRow("-p:XenShmDiskImageExtraSize=lots", "XSHM8031")]
    public void BadDiskImageProperty_IsAPositionedErrorAtTheProject(string property, string code)
    {
        var board = BoardWorkspace.Create(TestContext, "mmio-sram", folderSuffix: code);
        var run = board.Build("-p:XenShmDiskImage=true", property);
        run.AssertFailed();
        var lines = run.DiagnosticLines(code);
        Assert.IsNotEmpty(lines, run.ToString());
        StringAssert.StartsWith(lines[0].Trim(), board.ProjectPath, run.ToString());
        StringAssert.Contains(lines[0], $"error {code}: ", run.ToString());
        Assert.IsFalse(File.Exists(Path.Combine(board.Directory, "bin", "Debug", "mmio-sram.img")));
    }

    internal static void AssertFsckClean(string image, string work)
    {
        string fsck = ExternalTool.Require("fsck.fat", "apt-get install dosfstools");
        string partition = Path.Combine(work, "partition.fat");
        using (var source = File.OpenRead(image))
        using (var target = File.Create(partition))
        {
            source.Position = PartitionOffset;
            source.CopyTo(target);
        }

        var (code, stdout, err) = ExternalTool.Run(fsck, "-n", partition);
        string report = System.Text.Encoding.UTF8.GetString(stdout) + err;
        Assert.AreEqual(0, code, report);
        StringAssert.DoesNotMatch(report, new System.Text.RegularExpressions.Regex("differ|[Ww]rong|correct|[Bb]ad|[Ii]nvalid"));
        File.Delete(partition);
    }

    internal static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

using System.Security.Cryptography;
using Xen.Shm.BootImage.Files;

namespace Xen.Shm.BootImage.Tests.Files;

/// <summary>
/// The image hash cache: what it returns is always the SHA-256 of the file's current bytes
/// (checked against a fresh hash of them), across a save and load, after a rewrite, and after the
/// classic hole of a size + mtime cache: new bytes, same size, mtime put back.
/// </summary>
[TestClass]
public sealed class ContentHashesTests
{
    private static string Fresh(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();

    // Older than the racy window, so the entry is trusted when nothing changes.
    private static void WriteOld(string path, byte[] bytes)
    {
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-10));
    }

    [TestMethod]
    public void Sha256_IsTheFilesHash_FromACacheFileToo()
    {
        using var temp = new TempFolder();
        string image = temp.File("Image");
        WriteOld(image, Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray());
        var hashes = ContentHashes.Load(null);
        Assert.AreEqual(Fresh(image), hashes.Sha256(image));
        hashes.Save(temp.File("content.hashes"));

        var loaded = ContentHashes.Load(temp.File("content.hashes"));

        Assert.AreEqual(Fresh(image), loaded.Sha256(image));
        StringAssert.Contains(File.ReadAllText(temp.File("content.hashes")), Fresh(image));
    }

    [TestMethod]
    public void Sha256_FollowsARewrite()
    {
        using var temp = new TempFolder();
        string image = temp.File("Image");
        WriteOld(image, new byte[] { 1, 2, 3 });
        var hashes = ContentHashes.Load(null);
        hashes.Sha256(image);

        WriteOld(image, new byte[] { 1, 2, 3, 4 });

        Assert.AreEqual(Fresh(image), hashes.Sha256(image));
    }

    [TestMethod]
    public void Sha256_SeesNewBytesWithTheSameSizeAndMtime_OnLinux()
    {
        if (!OperatingSystem.IsLinux()) Assert.Inconclusive("only Linux gives the change time (statx) that closes this hole");
        using var temp = new TempFolder();
        string image = temp.File("Image");
        WriteOld(image, new byte[] { 1, 2, 3, 4 });
        DateTime mtime = File.GetLastWriteTimeUtc(image);
        var hashes = ContentHashes.Load(null);
        hashes.Sha256(image);
        hashes.Save(temp.File("content.hashes"));

        File.WriteAllBytes(image, new byte[] { 4, 3, 2, 1 });
        File.SetLastWriteTimeUtc(image, mtime);   // what touch -r, cp -p, tar or rsync -t do

        Assert.AreEqual(Fresh(image), hashes.Sha256(image));
        Assert.AreEqual(Fresh(image), ContentHashes.Load(temp.File("content.hashes")).Sha256(image));
    }

    [TestMethod]
    public void Load_IgnoresDamagedLines()
    {
        using var temp = new TempFolder();
        string image = temp.File("Image");
        WriteOld(image, new byte[] { 9 });
        File.WriteAllText(temp.File("content.hashes"), "garbage\n" + new string('0', 64) + "\t1\tx\t0\t0\t0\t" + image + "\n\t\t\t\t\t\t\n");

        Assert.AreEqual(Fresh(image), ContentHashes.Load(temp.File("content.hashes")).Sha256(image));
    }
}

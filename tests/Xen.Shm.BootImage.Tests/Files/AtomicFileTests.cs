using System.Text;
using Xen.Shm.BootImage.Files;

namespace Xen.Shm.BootImage.Tests.Files;

[TestClass]
public sealed class AtomicFileTests
{
    [TestMethod]
    public void WriteAllText_CreatesFileWithUtf8WithoutBomAndLeavesNoTempFile()
    {
        using var dir = new TempFolder();
        string target = dir.File("sub/a.txt");
        AtomicFile.WriteAllText(target, "é\n");
        CollectionAssert.AreEqual(new byte[] { 0xC3, 0xA9, 0x0A }, File.ReadAllBytes(target));
        CollectionAssert.AreEqual(new[] { "a.txt" }, Directory.GetFiles(dir.File("sub")).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public void WriteAllBytes_ReplacesExistingFile()
    {
        using var dir = new TempFolder();
        string target = dir.File("a.bin");
        File.WriteAllBytes(target, new byte[] { 1, 2, 3, 4, 5 });
        AtomicFile.WriteAllBytes(target, new byte[] { 9 });
        CollectionAssert.AreEqual(new byte[] { 9 }, File.ReadAllBytes(target));
        Assert.HasCount(1, Directory.GetFiles(dir.Path));
    }

    [TestMethod]
    public void Write_FailureMidWay_KeepsOldContentAndRemovesTempFile()
    {
        using var dir = new TempFolder();
        string target = dir.File("a.txt");
        File.WriteAllText(target, "old");
        Assert.ThrowsExactly<InvalidOperationException>(() => AtomicFile.Write(target, s =>
        {
            s.Write(Encoding.ASCII.GetBytes("half"), 0, 4);
            throw new InvalidOperationException("disk full");
        }));
        Assert.AreEqual("old", File.ReadAllText(target));
        CollectionAssert.AreEqual(new[] { "a.txt" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public void Write_FailureOnNewFile_LeavesNothing()
    {
        using var dir = new TempFolder();
        string target = dir.File("new.txt");
        Assert.ThrowsExactly<IOException>(() => AtomicFile.Write(target, _ => throw new IOException("boom")));
        Assert.IsEmpty(Directory.GetFiles(dir.Path));
    }

    [TestMethod]
    public void Copy_CopiesBytes()
    {
        using var dir = new TempFolder();
        var bytes = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(dir.File("src"), bytes);
        AtomicFile.Copy(dir.File("src"), dir.File("dst"));
        CollectionAssert.AreEqual(bytes, File.ReadAllBytes(dir.File("dst")));
    }
}

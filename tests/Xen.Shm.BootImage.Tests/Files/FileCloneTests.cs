using System.Security.Cryptography;
using Xen.Shm.BootImage.Files;

namespace Xen.Shm.BootImage.Tests.Files;

/// <summary>
/// The boot folder's copies: the same bytes as the source, and an independent file: an in-place
/// edit of the source (a kernel rebuilt over its old file) never shows in the copy, whichever way
/// the copy was made (clone, kernel copy or stream copy).
/// </summary>
[TestClass]
public sealed class FileCloneTests
{
    [TestMethod]
    [DataRow(0)]
    [DataRow(1)]
    [DataRow(3 << 20)]
    public void Copy_HasTheSourceBytes(int size)
    {
        using var temp = new TempFolder();
        string source = temp.File("Image");
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        File.WriteAllBytes(source, bytes);

        var method = FileClone.Copy(source, temp.File("boot/dom0/Image"));

        CollectionAssert.AreEqual(bytes, File.ReadAllBytes(temp.File("boot/dom0/Image")), $"copied by {method}");
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(3 << 20)]
    public void CopyUnflushed_ThenFlushToDisk_HasTheSourceBytes_AndAnotherInode(int size)
    {
        using var temp = new TempFolder();
        string source = temp.File("Image");
        var bytes = new byte[size];
        new Random(size + 1).NextBytes(bytes);
        File.WriteAllBytes(source, bytes);
        string[] copies = { temp.File("boot/dom0/Image"), temp.File("boot/domU1/Image") };

        foreach (string copy in copies) FileClone.CopyUnflushed(source, copy);
        FileClone.FlushToDisk(copies);

        foreach (string copy in copies)
        {
            CollectionAssert.AreEqual(bytes, File.ReadAllBytes(copy));
            if (FileIdentity.Of(copy).Inode != 0) Assert.AreNotEqual(FileIdentity.Of(source).Inode, FileIdentity.Of(copy).Inode, "a hard link would share the inode");
        }
    }

    [TestMethod]
    public void FlushToDisk_OfAMissingFile_Throws_AndCreatesNothing()
    {
        using var temp = new TempFolder();
        Assert.Throws<FileNotFoundException>(() => FileClone.FlushToDisk(new[] { temp.File("gone") }));
        Assert.IsFalse(File.Exists(temp.File("gone")));
    }

    [TestMethod]
    public void Copy_IsNotAffectedByAnInPlaceEditOfTheSource()
    {
        using var temp = new TempFolder();
        string source = temp.File("Image");
        var bytes = new byte[1 << 20];
        new Random(1).NextBytes(bytes);
        File.WriteAllBytes(source, bytes);
        string copy = temp.File("copy");
        FileClone.Copy(source, copy);

        using (var edit = new FileStream(source, FileMode.Open, FileAccess.Write))
        {
            edit.Position = 4096;
            edit.Write(new byte[] { 1, 2, 3, 4 });
        }

        CollectionAssert.AreEqual(SHA256.HashData(bytes), SHA256.HashData(File.ReadAllBytes(copy)));
        if (FileIdentity.Of(copy).Inode != 0) Assert.AreNotEqual(FileIdentity.Of(source).Inode, FileIdentity.Of(copy).Inode, "a hard link would share the inode");
    }

    [TestMethod]
    public void Copy_RefusesToOverwrite()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("a"), "new");
        File.WriteAllText(temp.File("b"), "old");

        Assert.Throws<IOException>(() => FileClone.Copy(temp.File("a"), temp.File("b")));
        Assert.AreEqual("old", File.ReadAllText(temp.File("b")));
    }
}

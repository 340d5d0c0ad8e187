using Xen.Shm.BootImage.Packaging;

namespace Xen.Shm.BootImage.Tests.Packaging;

/// <summary>Clean's folder removal: only folders left empty, up to and including the root, never above it.</summary>
[TestClass]
public sealed class EmptyFoldersTests
{
    [TestMethod]
    public void EmptiedFolders_UpToTheRoot_AreRemoved_AFolderWithAUserFileIsKept()
    {
        using var dir = new TempFolder();
        string root = dir.File("boot");
        Directory.CreateDirectory(Path.Combine(root, "etc", "xen"));
        Directory.CreateDirectory(Path.Combine(root, "domU1"));
        File.WriteAllText(Path.Combine(root, "domU1", "notes.txt"), "mine");
        var deleted = new[] { Path.Combine(root, "etc", "xen", "vm.cfg"), Path.Combine(root, "domU1", "Image") };

        EmptyFolders.Remove(deleted, root);

        Assert.IsFalse(Directory.Exists(Path.Combine(root, "etc")));
        Assert.IsTrue(File.Exists(Path.Combine(root, "domU1", "notes.txt")));
        Assert.IsTrue(Directory.Exists(root), "not empty: domU1 holds a user's file");
        Assert.IsTrue(Directory.Exists(dir.Path), "never above the root");
    }

    [TestMethod]
    public void AnEmptyRoot_IsRemoved_ItsParentNever()
    {
        using var dir = new TempFolder();
        string root = dir.File("boot");
        Directory.CreateDirectory(root);

        EmptyFolders.Remove(new[] { Path.Combine(root, "boot.scr") }, root + Path.DirectorySeparatorChar);

        Assert.IsFalse(Directory.Exists(root));
        Assert.IsTrue(Directory.Exists(dir.Path));
    }

    [TestMethod]
    public void NoFiles_RemoveNothing()
    {
        using var dir = new TempFolder();
        string root = dir.File("boot");
        Directory.CreateDirectory(root);

        EmptyFolders.Remove(Array.Empty<string>(), root);

        Assert.IsTrue(Directory.Exists(root));
    }
}

using Xen.Shm.BootImage.Packaging;

namespace Xen.Shm.BootImage.Tests.Packaging;

/// <summary>The FIT step's list of extra boot files, as packaging reads it back.</summary>
[TestClass]
public sealed class ExtraBootFilesTests
{
    [TestMethod]
    public void List_ReadsBackAsWritten()
    {
        using var dir = new TempFolder();
        var files = new (string, ulong?)[] { ("board.itb", 0x40c00000), ("boot-fit.source", null), ("boot-fit.scr", 0xffffffff00) };

        ExtraBootFiles.Write(dir.File("fit.files"), files);

        Assert.AreEqual("board.itb\t0x40c00000\nboot-fit.source\t-\nboot-fit.scr\t0xffffffff00\n", File.ReadAllText(dir.File("fit.files")));
        CollectionAssert.AreEqual(files, ExtraBootFiles.Read(dir.File("fit.files")).ToArray());
    }

    [TestMethod]
    public void NoListOrAMissingOne_IsNoFiles()
    {
        using var dir = new TempFolder();
        Assert.IsEmpty(ExtraBootFiles.Read(null));
        Assert.IsEmpty(ExtraBootFiles.Read(dir.File("absent")));
    }

    [TestMethod]
    public void ALineWithoutAnAddress_IsRefused()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("fit.files"), "board.itb\n");
        Assert.ThrowsExactly<InvalidDataException>(() => ExtraBootFiles.Read(dir.File("fit.files")));
    }
}

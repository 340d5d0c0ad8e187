using Xen.Shm.BootImage.Incremental;

namespace Xen.Shm.BootImage.Tests.Incremental;

/// <summary>A step's output rewritten only when its bytes differ; touched when unchanged only if asked (its own Output).</summary>
[TestClass]
public sealed class FileRefreshTests
{
    private static readonly DateTime LongAgo = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [TestMethod]
    public void SameBytes_AreNotRewritten_NorTouched()
    {
        using var dir = new TempFolder();
        File.WriteAllBytes(dir.File("a"), new byte[] { 1, 2, 3 });
        File.SetLastWriteTimeUtc(dir.File("a"), LongAgo);

        Assert.IsFalse(FileRefresh.Write(dir.File("a"), new byte[] { 1, 2, 3 }, touchUnchanged: false));
        Assert.AreEqual(LongAgo, File.GetLastWriteTimeUtc(dir.File("a")));
    }

    [TestMethod]
    public void SameBytes_AreTouched_WhenTheFileIsTheStepsOutput()
    {
        using var dir = new TempFolder();
        File.WriteAllBytes(dir.File("a"), new byte[] { 1, 2, 3 });
        File.SetLastWriteTimeUtc(dir.File("a"), LongAgo);

        Assert.IsFalse(FileRefresh.Write(dir.File("a"), new byte[] { 1, 2, 3 }, touchUnchanged: true));
        Assert.IsTrue(File.GetLastWriteTimeUtc(dir.File("a")) > LongAgo);
    }

    [TestMethod]
    public void OtherBytes_OfTheSameLength_AreWritten()
    {
        using var dir = new TempFolder();
        File.WriteAllBytes(dir.File("a"), new byte[] { 1, 2, 3 });

        Assert.IsTrue(FileRefresh.Write(dir.File("a"), new byte[] { 1, 2, 4 }, touchUnchanged: false));
        CollectionAssert.AreEqual(new byte[] { 1, 2, 4 }, File.ReadAllBytes(dir.File("a")));
    }

    [TestMethod]
    public void Lines_EndEachWithANewline_AndStampIsCreatedThenTouched()
    {
        using var dir = new TempFolder();
        FileRefresh.Lines(dir.File("list"), new[] { "b", "a" }, touchUnchanged: false);
        Assert.AreEqual("b\na\n", File.ReadAllText(dir.File("list")));

        FileRefresh.Stamp(dir.File("sub/stamp"));
        File.SetLastWriteTimeUtc(dir.File("sub/stamp"), LongAgo);
        FileRefresh.Stamp(dir.File("sub/stamp"));
        Assert.IsTrue(File.GetLastWriteTimeUtc(dir.File("sub/stamp")) > LongAgo);
    }
}

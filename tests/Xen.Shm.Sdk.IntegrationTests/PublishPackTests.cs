using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>
/// `dotnet publish -o` copies the boot folder (every file manifest.json lists, and manifest.json) to the
/// publish folder's root, plus the disk image when on, incrementally; `dotnet pack` stops with XSHM8032.
/// </summary>
[TestClass]
public sealed class PublishPackTests : BoardTestBase
{
    [TestMethod]
    public void Publish_CopiesTheBootFolderAndDiskImage_ToTheOutputFolder_Incrementally()
    {
        var board = BoardWorkspace.Create(TestContext, "mmio-sram");
        string target = Path.Combine(board.Directory, "sdcard");
        board.Publish("-o", target, "-p:XenShmDiskImage=true").AssertSucceeded();

        var boot = BoardWorkspace.Snapshot(board.BootDirectory);
        var published = BoardWorkspace.Snapshot(target);
        var expected = boot.Keys.Append("mmio-sram.img").Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(expected, published.Keys.ToArray());
        foreach (var (path, bytes) in boot) CollectionAssert.AreEqual(bytes, published[path], path);
        string image = Path.Combine(board.Directory, "bin", "Debug", "mmio-sram.img");
        Assert.AreEqual(DiskImageTests.Sha256(image), DiskImageTests.Sha256(Path.Combine(target, "mmio-sram.img")));
        Assert.IsEmpty(Directory.GetFiles(target, "*.dll", SearchOption.AllDirectories));

        // Again with nothing changed: no file copied (times kept).
        var times = Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        board.Publish("-o", target, "-p:XenShmDiskImage=true").AssertSucceeded();
        foreach (var (file, time) in times) Assert.AreEqual(time, File.GetLastWriteTimeUtc(file), file);
    }

    [TestMethod]
    public void Publish_WithoutDiskImage_CopiesOnlyTheBootFolder_ToPublishDir()
    {
        var board = BoardWorkspace.Create(TestContext, "mmio-sram");
        board.Publish().AssertSucceeded();
        string publishDir = Path.Combine(board.Directory, "bin", "Debug", "publish");
        var boot = BoardWorkspace.Snapshot(board.BootDirectory);
        var published = BoardWorkspace.Snapshot(publishDir);
        CollectionAssert.AreEqual(boot.Keys.ToArray(), published.Keys.ToArray());
        foreach (var (path, bytes) in boot) CollectionAssert.AreEqual(bytes, published[path], path);
    }

    [TestMethod]
    public void Pack_FailsEarlyWithXshm8032AtTheProject_NotNu5026()
    {
        var board = BoardWorkspace.Create(TestContext, "mmio-sram");
        var run = board.Pack();
        run.AssertFailed();
        var lines = run.DiagnosticLines("XSHM8032");
        Assert.IsNotEmpty(lines, run.ToString());
        StringAssert.StartsWith(lines[0].Trim(), board.ProjectPath, run.ToString());
        StringAssert.Contains(lines[0], "dotnet publish");
        Assert.DoesNotContain("NU5026", run.Cli.Output);
        Assert.IsEmpty(Directory.GetFiles(board.Directory, "*.nupkg", SearchOption.AllDirectories));
    }
}

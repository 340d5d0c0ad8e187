using System.Security.Cryptography;
using Xen.Shm.Sdk.Tasks.Tests.Infrastructure;

namespace Xen.Shm.Sdk.Tasks.Tests.Tasks;

[TestClass]
public sealed class PackageBootImageTests
{
    private static (bool Ok, PackageBootImage Task, FakeBuildEngine Engine) Run(BoardFolder board)
    {
        var engine = new FakeBuildEngine();
        var task = new PackageBootImage
        {
            BuildEngine = engine,
            Topology = board.TopologyItem,
            BootImageDirectory = board.BootDirectory,
            WrittenListFile = Path.Combine(board.IntermediateDirectory, "bootimage.files"),
        };
        return (task.Execute(), task, engine);
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [TestMethod]
    public void ValidBoard_CopiesImagesAndWritesTheManifest()
    {
        using var board = new BoardFolder();

        var (ok, task, engine) = Run(board);

        Assert.IsTrue(ok, string.Join("\n", engine.ErrorLines()));
        string images = Path.Combine(board.Root, "images");
        // Expected layout: Xen and dom0 files at the root, a domU's under its name; manifest written by hand from MANIFEST.md.
        var expectedFiles = new (string Path, string Source)[]
        {
            ("Image", Path.Combine(images, "Image")),
            ("domU1/domu-Image", Path.Combine(images, "domu-Image")),
            ("rootfs.cpio.gz", Path.Combine(images, "rootfs.cpio.gz")),
            ("xen", Path.Combine(images, "xen")),
        };
        foreach (var (rel, source) in expectedFiles)
        {
            CollectionAssert.AreEqual(File.ReadAllBytes(source), File.ReadAllBytes(Path.Combine(board.BootDirectory, rel)), rel);
        }

        string expectedManifest = "{\n  \"version\": 1,\n  \"files\": [\n" + string.Join(",\n", expectedFiles.Select(f =>
            $"    {{ \"path\": \"{f.Path}\", \"size\": {new FileInfo(f.Source).Length}, \"loadAddress\": null, \"sha256\": \"{Sha256(f.Source)}\" }}")) +
            "\n  ]\n}\n";
        Assert.AreEqual(expectedManifest, File.ReadAllText(Path.Combine(board.BootDirectory, "manifest.json")));

        Assert.AreEqual("Image\ndomU1/domu-Image\nmanifest.json\nrootfs.cpio.gz\nxen\n", File.ReadAllText(task.WrittenListFile));
        Assert.HasCount(5, task.Written);
        Assert.IsEmpty(Directory.GetFiles(board.BootDirectory, "*.tmp", SearchOption.AllDirectories), "no temp files may be left");
    }

    [TestMethod]
    public void SameFileNameForDom0AndXen_IsXSHM8004_AtTheSecondPath()
    {
        // Xen's image and dom0's kernel are different files with the same name "Image".
        using var board = new BoardFolder(BoardFolder.ValidYaml.Replace("  image: images/xen\n", "  image: xen/Image\n"));
        Directory.CreateDirectory(Path.Combine(board.Root, "xen"));
        File.WriteAllText(Path.Combine(board.Root, "xen", "Image"), "another file called Image\n");

        var (ok, _, engine) = Run(board);

        Assert.IsFalse(ok);
        var e = engine.Errors.Single();
        Assert.AreEqual("XSHM8004", e.Code);
        Assert.AreEqual(board.YamlPath, e.File);
        // dom0's "kernel: images/Image" (line 12, value at column 13) collides with Xen's image (line 4).
        Assert.AreEqual(12, e.LineNumber);
        Assert.AreEqual(13, e.ColumnNumber);
        StringAssert.Contains(e.Message, "board.yaml(4,10)");
        Assert.IsFalse(Directory.Exists(board.BootDirectory), "nothing is copied when the layout is wrong");
    }

    [TestMethod]
    public void SecondRun_KeepsBytes_AndRefreshesTimestamps()
    {
        using var board = new BoardFolder();
        Assert.IsTrue(Run(board).Ok);
        string copy = Path.Combine(board.BootDirectory, "xen");
        var old = DateTime.UtcNow.AddHours(-1);
        File.SetLastWriteTimeUtc(copy, old);
        byte[] before = File.ReadAllBytes(copy);

        Assert.IsTrue(Run(board).Ok);

        CollectionAssert.AreEqual(before, File.ReadAllBytes(copy));
        Assert.IsGreaterThan(old, File.GetLastWriteTimeUtc(copy), "an unchanged copy is touched, or the step would re-run forever");
    }

    [TestMethod]
    public void ChangedImage_IsCopiedAgain()
    {
        using var board = new BoardFolder();
        Assert.IsTrue(Run(board).Ok);
        board.WriteImage("xen", "a newer xen\n");

        Assert.IsTrue(Run(board).Ok);

        Assert.AreEqual("a newer xen\n", File.ReadAllText(Path.Combine(board.BootDirectory, "xen")));
        StringAssert.Contains(File.ReadAllText(Path.Combine(board.BootDirectory, "manifest.json")),
            $"\"path\": \"xen\", \"size\": 12, \"loadAddress\": null, \"sha256\": \"{Sha256(Path.Combine(board.Root, "images", "xen"))}\"");
    }

    [TestMethod]
    public void InvalidBoard_LeavesThePreviousBootFolderIntact()
    {
        using var board = new BoardFolder();
        Assert.IsTrue(Run(board).Ok);
        var before = Directory.GetFiles(board.BootDirectory, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);
        File.WriteAllText(board.YamlPath, BoardFolder.ValidYaml.Replace("size: 16M", "size: 0x1001"));

        var (ok, _, engine) = Run(board);

        Assert.IsFalse(ok);
        Assert.IsTrue(engine.Errors.Any(e => e.Code == "XSHM2001"), string.Join("\n", engine.ErrorLines()));
        var after = Directory.GetFiles(board.BootDirectory, "*", SearchOption.AllDirectories);
        CollectionAssert.AreEquivalent(before.Keys.ToArray(), after);
        foreach (var f in after) CollectionAssert.AreEqual(before[f], File.ReadAllBytes(f), f);
    }
}

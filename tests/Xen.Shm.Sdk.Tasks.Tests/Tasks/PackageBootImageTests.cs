using System.Security.Cryptography;
using Xen.Shm.Sdk.Tasks.Tests.Infrastructure;

namespace Xen.Shm.Sdk.Tasks.Tests.Tasks;

[TestClass]
public sealed class PackageBootImageTests
{
    private static (bool Ok, BoardPipeline Task, FakeBuildEngine Engine) Run(BoardFolder board)
    {
        var pipeline = new BoardPipeline(board);
        return (pipeline.Run(), pipeline, pipeline.Engine);
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [TestMethod]
    public void ValidBoard_WritesTheGeneratedBootFolderAndTheManifest()
    {
        using var board = new BoardFolder();

        var (ok, task, engine) = Run(board);

        Assert.IsTrue(ok, string.Join("\n", engine.ErrorLines()));
        string images = Path.Combine(board.Root, "images");
        // Layout written by hand from src/Tasks/Xen.Shm.Generation/README.md "Boot folder layout":
        // Xen at the top, a domain's files under its name, the dom0less partial tree beside them;
        // no board device tree, so only the host overlay.
        var copies = new (string Path, string Source)[]
        {
            ("dom0/Image", Path.Combine(images, "Image")),
            ("dom0/rootfs.cpio.gz", Path.Combine(images, "rootfs.cpio.gz")),
            ("domU1/domu-Image", Path.Combine(images, "domu-Image")),
            ("xen", Path.Combine(images, "xen")),
        };
        foreach (var (rel, source) in copies)
        {
            CollectionAssert.AreEqual(File.ReadAllBytes(source), File.ReadAllBytes(Path.Combine(board.BootDirectory, rel)), rel);
        }

        // LAYOUT L1: the boot medium holds DTBs only; no device tree, so no boot script and the raw Xen.
        string[] expectedPaths =
        [
            "dom0/Image", "dom0/rootfs.cpio.gz", "domU1/domU1.dtb", "domU1/domu-Image", "xen",
        ];
        // Loaded by the boot script (Generation README): Xen, dom0 kernel + ramdisk, domU kernel and partial DTB.
        var loaded = new HashSet<string> { "dom0/Image", "dom0/rootfs.cpio.gz", "domU1/domU1.dtb", "domU1/domu-Image", "xen" };
        var manifest = ManifestJson.Read(Path.Combine(board.BootDirectory, "manifest.json"));
        CollectionAssert.AreEqual(expectedPaths, manifest.Select(e => e.Path).ToArray());
        foreach (var e in manifest)
        {
            string file = Path.Combine(board.BootDirectory, e.Path);
            Assert.AreEqual(new FileInfo(file).Length, e.Size, e.Path);
            Assert.AreEqual(Sha256(file), e.Sha256, e.Path);
            Assert.AreEqual(loaded.Contains(e.Path), e.LoadAddress is not null, e.Path);
        }

        // Loaded files do not overlap: [address, address + size) pairwise disjoint.
        var ranges = manifest.Where(e => e.LoadAddress is not null)
            .Select(e => (Start: Convert.ToUInt64(e.LoadAddress![2..], 16), e.Size)).OrderBy(r => r.Start).ToList();
        for (int i = 1; i < ranges.Count; i++) Assert.IsLessThanOrEqualTo(ranges[i].Start, ranges[i - 1].Start + (ulong)ranges[i - 1].Size);

        Assert.AreEqual(string.Concat(expectedPaths.Append("manifest.json").Order(StringComparer.Ordinal).Select(p => p + "\n")),
            File.ReadAllText(task.WrittenListFile));
        Assert.HasCount(6, task.Package!.Written);
        Assert.IsEmpty(Directory.GetFiles(board.BootDirectory, "*.tmp", SearchOption.AllDirectories), "no temp files may be left");

        // The generated sources and their DTBs are in obj/…/generated/; the DTB shipped is the one
        // compiled beside its source.
        string[] generatedPaths = ["domU1/domU1.dtb", "domU1/domU1.dts", "host-overlay.dtbo", "host-overlay.dtso"];
        CollectionAssert.AreEqual(generatedPaths,
            Directory.GetFiles(board.GeneratedDirectory, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(board.GeneratedDirectory, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray());
        CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(board.GeneratedDirectory, "domU1", "domU1.dtb")),
            File.ReadAllBytes(Path.Combine(board.BootDirectory, "domU1", "domU1.dtb")));
    }

    [TestMethod]
    public void TwoFilesOfOneDomainWithOneName_IsXSHM8004_AtTheSecondPath()
    {
        // domU1's kernel and ramdisk are different files both called "domu-Image": both would go to domU1/domu-Image.
        using var board = new BoardFolder(BoardFolder.ValidYaml.Replace("    kernel: images/domu-Image\n",
            "    kernel: images/domu-Image\n    ramdisk: other/domu-Image\n"));
        Directory.CreateDirectory(Path.Combine(board.Root, "other"));
        File.WriteAllText(Path.Combine(board.Root, "other", "domu-Image"), "another file called domu-Image\n");

        var (ok, _, engine) = Run(board);

        Assert.IsFalse(ok);
        var e = engine.Errors.Single();
        Assert.AreEqual("XSHM8004", e.Code, string.Join("\n", engine.ErrorLines()));
        Assert.AreEqual(board.YamlPath, e.File);
        // The ramdisk (line 18, value at column 14) collides with the kernel (line 17, column 13).
        Assert.AreEqual(18, e.LineNumber);
        Assert.AreEqual(14, e.ColumnNumber);
        StringAssert.Contains(e.Message, "board.yaml(17,13)");
        Assert.IsFalse(Directory.Exists(board.BootDirectory), "nothing is written when the layout is wrong");
    }

    [TestMethod]
    public void OneFileAsKernelAndRamdiskOfOneDomain_IsCopiedOnce_AndBuilds()
    {
        // Was XSHM6002 (duplicate module@ node): the planner told the two roles apart by their one
        // boot-folder name. Now both are planned; the folder holds the file once.
        using var board = new BoardFolder(BoardFolder.ValidYaml.Replace("    kernel: images/domu-Image\n",
            "    kernel: images/domu-Image\n    ramdisk: images/domu-Image\n"));

        var (ok, _, engine) = Run(board);

        Assert.IsTrue(ok, string.Join("\n", engine.Errors.Select(e => e.Code + " " + e.Message)));
        var manifest = ManifestJson.Read(Path.Combine(board.BootDirectory, "manifest.json"));
        Assert.AreEqual(1, manifest.Count(e => e.Path == "domU1/domu-Image"));
        string overlay = File.ReadAllText(Path.Combine(board.GeneratedDirectory, "host-overlay.dtso"));
        // dom0 kernel + ramdisk, domU1 kernel + ramdisk (one file) + partial DTB: five modules, five slots.
        var modules = System.Text.RegularExpressions.Regex.Matches(overlay, @"module@([0-9a-f]+) \{").Select(m => m.Groups[1].Value).ToList();
        Assert.HasCount(5, modules);
        Assert.HasCount(5, modules.Distinct());
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
        var xen = ManifestJson.Read(Path.Combine(board.BootDirectory, "manifest.json")).Single(e => e.Path == "xen");
        Assert.AreEqual(12, xen.Size);
        Assert.AreEqual(Sha256(Path.Combine(board.Root, "images", "xen")), xen.Sha256);
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

    [TestMethod]
    public void FailureAfterOtherFilesWereStaged_LeavesThePreviousFolderByteForByte()
    {
        using var board = new BoardFolder();
        var (ok, pipeline, _) = Run(board);
        Assert.IsTrue(ok);
        var before = Directory.GetFiles(board.BootDirectory, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);
        // dom0/Image changes (staged first, in path order), then xen, the last file, is gone.
        board.WriteImage("Image", "a changed dom0 kernel\n");
        File.Delete(Path.Combine(board.Root, "images", "xen"));
        var engine = new FakeBuildEngine();
        pipeline.Package!.BuildEngine = engine;

        Assert.IsFalse(pipeline.Package.Execute());

        Assert.AreEqual("XSHM8005", engine.Errors.Single().Code);
        var after = Directory.GetFiles(board.BootDirectory, "*", SearchOption.AllDirectories);
        CollectionAssert.AreEquivalent(before.Keys.ToArray(), after);
        foreach (var f in after) CollectionAssert.AreEqual(before[f], File.ReadAllBytes(f), f);
        CollectionAssert.AreEqual(new[] { "boot" }, Directory.GetFileSystemEntries(Path.Combine(board.Root, "bin")).Select(Path.GetFileName).ToArray(),
            "the staging folder is gone");
    }

    [TestMethod]
    public void FilesTheSdkNeverWrote_AreCarriedOver_FilesNoLongerPlannedAreNot()
    {
        using var board = new BoardFolder();
        Assert.IsTrue(Run(board).Ok);
        File.WriteAllText(Path.Combine(board.BootDirectory, "notes.txt"), "mine\n");
        string withoutRamdisk = BoardFolder.ValidYaml.Replace("    ramdisk: images/rootfs.cpio.gz\n", "");
        Assert.AreNotEqual(BoardFolder.ValidYaml, withoutRamdisk);
        File.WriteAllText(board.YamlPath, withoutRamdisk);

        var (ok, _, engine) = Run(board);

        Assert.IsTrue(ok, string.Join("\n", engine.ErrorLines()));
        Assert.AreEqual("mine\n", File.ReadAllText(Path.Combine(board.BootDirectory, "notes.txt")));
        Assert.IsFalse(File.Exists(Path.Combine(board.BootDirectory, "dom0", "rootfs.cpio.gz")), "the dropped ramdisk left with the old folder");
        CollectionAssert.DoesNotContain(ManifestJson.Read(Path.Combine(board.BootDirectory, "manifest.json")).Select(e => e.Path).ToArray(), "notes.txt");
    }
}

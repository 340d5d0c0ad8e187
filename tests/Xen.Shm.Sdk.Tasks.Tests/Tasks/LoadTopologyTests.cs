using Xen.Shm.Sdk.Tasks.Tests.Infrastructure;

namespace Xen.Shm.Sdk.Tasks.Tests.Tasks;

[TestClass]
public sealed class LoadTopologyTests
{
    private static (bool Ok, LoadTopology Task, FakeBuildEngine Engine) Run(BoardFolder board)
    {
        var engine = new FakeBuildEngine();
        var task = new LoadTopology
        {
            BuildEngine = engine,
            Topology = board.TopologyItem,
            BoardInputsFile = Path.Combine(board.IntermediateDirectory, "board.inputs"),
        };
        return (task.Execute(), task, engine);
    }

    [TestMethod]
    public void ValidBoard_ListsEveryNamedFile_Sorted()
    {
        using var board = new BoardFolder();

        var (ok, task, engine) = Run(board);

        Assert.IsTrue(ok, string.Join("\n", engine.Errors.Select(e => e.Message)));
        string images = Path.Combine(board.Root, "images");
        string[] expected =
        [
            Path.Combine(images, "Image"),
            Path.Combine(images, "domu-Image"),
            Path.Combine(images, "rootfs.cpio.gz"),
            Path.Combine(images, "xen"),
        ];
        CollectionAssert.AreEqual(expected, File.ReadAllText(task.BoardInputsFile).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.IsTrue(File.ReadAllText(task.BoardInputsFile).EndsWith('\n'));
        CollectionAssert.AreEqual(new[] { "Dom0Kernel", "DomUKernel", "Dom0Ramdisk", "Xen" }, task.BoardFiles.Select(i => i.GetMetadata("Role")).ToArray());
        CollectionAssert.AreEqual(new[] { "dom0", "domU1", "dom0", "" }, task.BoardFiles.Select(i => i.GetMetadata("Domain")).ToArray());
    }

    [TestMethod]
    public void UnknownKey_IsAnErrorAtItsPosition_AndWritesNothing()
    {
        // "vcpu" (inserted as line 12, column 5) instead of "vcpus".
        using var board = new BoardFolder(BoardFolder.ValidYaml.Replace("    memory: 1024M\n", "    memory: 1024M\n    vcpu: 2\n"));

        var (ok, task, engine) = Run(board);

        Assert.IsFalse(ok);
        var e = engine.Errors.Single();
        Assert.AreEqual("XSHM1002", e.Code);
        Assert.AreEqual(board.YamlPath, e.File);
        Assert.AreEqual(12, e.LineNumber);
        Assert.AreEqual(5, e.ColumnNumber);
        Assert.IsFalse(File.Exists(task.BoardInputsFile), "board.inputs is written only for a valid board");
    }

    [TestMethod]
    public void MissingKernel_IsReportedAtThePathInTheYaml()
    {
        using var board = new BoardFolder();
        File.Delete(Path.Combine(board.Root, "images", "domu-Image"));

        var (ok, _, engine) = Run(board);

        Assert.IsFalse(ok);
        var e = engine.Errors.Single();
        Assert.AreEqual("XSHM1010", e.Code);
        // "    kernel: images/domu-Image" is line 17; the value starts at column 13.
        Assert.AreEqual(17, e.LineNumber);
        Assert.AreEqual(13, e.ColumnNumber);
    }

    [TestMethod]
    public void YamlSyntaxError_IsCodedWithAPosition()
    {
        // A missing ":" after "version": the block mapping finds no key at line 3, column 3 (PyYAML
        // points at the same place: "while scanning a simple key ... line 3, column 3").
        using var board = new BoardFolder("xen:\n  flavour: upstream\n  version \"4.17\"\n  image: images/xen\n");

        var (ok, _, engine) = Run(board);

        Assert.IsFalse(ok);
        var e = engine.Errors.Single();
        Assert.AreEqual("XSHM1001", e.Code, e.Message);
        Assert.AreEqual(board.YamlPath, e.File);
        Assert.AreEqual(3, e.LineNumber, e.Message);
        Assert.AreEqual(3, e.ColumnNumber, e.Message);
    }
}

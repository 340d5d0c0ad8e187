using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Xen.Shm.Sdk.Tasks.Tests.Infrastructure;

namespace Xen.Shm.Sdk.Tasks.Tests.Tasks;

/// <summary>
/// The second wall, tested behind the YAML's back: each step handed a hostile output path (by
/// editing the files between steps, or calling the task directly) or finding a link planted in
/// its folder refuses with XSHM5030/5031, and nothing appears outside the folder.
/// </summary>
[TestClass]
public sealed class OutputWallTests
{
    private static SortedDictionary<string, string> Snapshot(string dir) =>
        new(Directory.Exists(dir)
            ? Directory.GetFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(dir, f), f => Convert.ToBase64String(File.ReadAllBytes(f)))
            : new Dictionary<string, string>(), StringComparer.Ordinal);

    private static string Outside(BoardFolder board)
    {
        string outside = Path.Combine(board.Root, "outside");
        Directory.CreateDirectory(outside);
        return outside;
    }

    private static string[] Siblings(BoardFolder board) =>
        Directory.GetFileSystemEntries(Path.GetDirectoryName(board.BootDirectory.TrimEnd(Path.DirectorySeparatorChar))!).Select(Path.GetFileName).ToArray()!;

    [TestMethod]
    public void GenerateDts_LinkPlantedInGenerated_IsXSHM5031_AndNothingIsWrittenThrough()
    {
        using var board = new BoardFolder();
        string outside = Outside(board);
        Directory.CreateDirectory(board.GeneratedDirectory);
        Directory.CreateSymbolicLink(Path.Combine(board.GeneratedDirectory, "domU1"), outside);
        var pipeline = new BoardPipeline(board);

        Assert.IsFalse(pipeline.Run());

        Assert.AreEqual("XSHM5031", pipeline.Engine.Errors.Single().Code, string.Join("\n", pipeline.Engine.ErrorLines()));
        Assert.IsEmpty(Directory.GetFileSystemEntries(outside));
        Assert.IsFalse(Directory.Exists(board.BootDirectory));
    }

    [TestMethod]
    public void WriteBootScript_LinkPlantedAtItsOutput_IsXSHM5031_AndTheTargetIsUntouched()
    {
        using var board = PackageBootImageScriptTests.SampleBoard();
        string outside = Outside(board);
        string victim = Path.Combine(outside, "victim");
        File.WriteAllText(victim, "not yours\n");
        var pipeline = new BoardPipeline(board);
        Assert.IsTrue(pipeline.Run(), string.Join("\n", pipeline.Engine.ErrorLines()));
        string script = Path.Combine(board.GeneratedDirectory, "boot.source");
        File.Delete(script);
        File.CreateSymbolicLink(script, victim);

        Assert.IsFalse(pipeline.Run());

        Assert.AreEqual("XSHM5031", pipeline.Engine.Errors.Single().Code, string.Join("\n", pipeline.Engine.ErrorLines()));
        Assert.AreEqual("not yours\n", File.ReadAllText(victim));
        CollectionAssert.AreEqual(new[] { "victim" }, Directory.GetFileSystemEntries(outside).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    [DataRow("../../outside/evil.dtb", DisplayName = "'..' out of generated/")]
    [DataRow("domU1/../../../outside/evil.dtb", DisplayName = "'..' after a folder")]
    public void CompileDtb_DtbPathOutsideGenerated_IsXSHM5030_AndNothingIsWritten(string dtb)
    {
        using var board = new BoardFolder();
        string outside = Outside(board);
        Directory.CreateDirectory(board.GeneratedDirectory);
        string source = Path.Combine(board.GeneratedDirectory, "a.dts");
        File.WriteAllText(source, "/dts-v1/;\n/ { };\n");
        var item = new TaskItem(source);
        item.SetMetadata("DtbPath", Path.Combine(board.GeneratedDirectory, dtb));
        var engine = new FakeBuildEngine();
        var task = new CompileDtb { BuildEngine = engine, Sources = [item], GeneratedDirectory = board.GeneratedDirectory };

        Assert.IsFalse(task.Execute());

        Assert.AreEqual("XSHM5030", engine.Errors.Single().Code);
        Assert.IsEmpty(Directory.GetFileSystemEntries(outside));
    }

    [TestMethod]
    [DataRow("../../outside/evil", DisplayName = "'..'")]
    [DataRow("/tmp/xen-shm-wall-evil", DisplayName = "absolute")]
    [DataRow("etc/xen\\nreboot/x", DisplayName = "newline (escaped in the layout file)")]
    public void PackageBootImage_HostilePathInTheLayout_IsXSHM5030_AndTheBootFolderIsUntouched(string hostile)
    {
        using var board = new BoardFolder();
        string outside = Outside(board);
        var pipeline = new BoardPipeline(board);
        Assert.IsTrue(pipeline.Run(), string.Join("\n", pipeline.Engine.ErrorLines()));
        var before = Snapshot(board.BootDirectory);
        string layout = pipeline.Intermediate("boot.layout");
        string text = File.ReadAllText(layout);
        StringAssert.Contains(text, "domU1/domu-Image");
        File.WriteAllText(layout, text.Replace("domU1/domu-Image", hostile));
        board.WriteImage("Image", "a changed dom0 kernel\n");   // staged before the hostile path is reached, in path order

        var engine = new FakeBuildEngine();
        pipeline.Package!.BuildEngine = engine;
        Assert.IsFalse(pipeline.Package.Execute());

        Assert.AreEqual("XSHM5030", engine.Errors.Single().Code, string.Join("\n", engine.Errors.Select(e => e.Message)));
        CollectionAssert.AreEqual(before, Snapshot(board.BootDirectory));
        Assert.IsEmpty(Directory.GetFileSystemEntries(outside));
        Assert.IsFalse(File.Exists("/tmp/xen-shm-wall-evil"));
        CollectionAssert.AreEqual(new[] { "boot" }, Siblings(board), "no staging folder is left");
    }

    [TestMethod]
    public void PackageBootImage_LinksPlantedInTheBootFolder_AreNeverWrittenThrough_AndGoWithTheSwap()
    {
        using var board = new BoardFolder();
        string outside = Outside(board);
        File.WriteAllText(Path.Combine(outside, "victim"), "not yours\n");
        var pipeline = new BoardPipeline(board);
        Assert.IsTrue(pipeline.Run());
        // A link where a planned file goes, and a linked folder on a planned path.
        File.Delete(Path.Combine(board.BootDirectory, "xen"));
        File.CreateSymbolicLink(Path.Combine(board.BootDirectory, "xen"), Path.Combine(outside, "victim"));
        Directory.Delete(Path.Combine(board.BootDirectory, "dom0"), recursive: true);
        Directory.CreateSymbolicLink(Path.Combine(board.BootDirectory, "dom0"), outside);
        board.WriteImage("xen", "a changed xen\n");

        Assert.IsTrue(pipeline.Run(), string.Join("\n", pipeline.Engine.ErrorLines()));

        CollectionAssert.AreEqual(new[] { "victim" }, Directory.GetFileSystemEntries(outside).Select(Path.GetFileName).ToArray());
        Assert.AreEqual("not yours\n", File.ReadAllText(Path.Combine(outside, "victim")));
        Assert.AreEqual("a changed xen\n", File.ReadAllText(Path.Combine(board.BootDirectory, "xen")));
        Assert.IsFalse(Directory.EnumerateFileSystemEntries(board.BootDirectory, "*", SearchOption.AllDirectories)
            .Any(e => File.GetAttributes(e).HasFlag(FileAttributes.ReparsePoint)), "the new folder holds no link");
        Assert.AreEqual("dom0 kernel stand-in\n", File.ReadAllText(Path.Combine(board.BootDirectory, "dom0", "Image")));
    }

    // Issue 17's repro: dom0's xlDir climbs out with '..', an xl domain named .ssh whose kernel is
    // authorized_keys. Whichever wall stops it (the YAML's path rule or this one), the build fails
    // and nothing is written outside the project's folders.
    [TestMethod]
    [DataRow("/../../../../../../../../{0}", DisplayName = "xlDir climbing out of the boot folder")]
    [DataRow("/etc/xen\\nreboot", DisplayName = "xlDir with a newline")]
    public void Issue17Repro_XlDirLeavingTheFolder_FailsAndWritesNothingOutside(string xlDir)
    {
        string evil = Path.Combine(Path.GetTempPath(), "xen-shm-wall-" + Guid.NewGuid().ToString("N"));
        // The valid board's Xen and host, then the repro's domains.
        string header = BoardFolder.ValidYaml[..BoardFolder.ValidYaml.IndexOf("domains:", StringComparison.Ordinal)];
        using var board = new BoardFolder(header + $$"""
            domains:
              - name: dom0
                kind: dom0
                memory: 1024M
                kernel: images/Image
                xlDir: "{{string.Format(xlDir, evil.TrimStart('/'))}}"
              - name: .ssh
                kind: xl
                memory: 128M
                kernel: images/authorized_keys
            """);
        board.WriteImage("authorized_keys", "ssh-ed25519 AAAA attacker\n");
        var pipeline = new BoardPipeline(board);

        Assert.IsFalse(pipeline.Run());

        Assert.IsNotEmpty(pipeline.Engine.Errors);
        Console.WriteLine("stopped by: " + string.Join(", ", pipeline.Engine.Errors.Select(e => e.Code).Distinct()));
        Assert.IsFalse(Directory.Exists(evil), $"{evil} was created");
        Assert.IsFalse(Directory.Exists(board.BootDirectory));
        var escaped = Directory.GetFiles(board.Root, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(board.IntermediateDirectory, StringComparison.Ordinal) && !f.StartsWith(Path.Combine(board.Root, "images"), StringComparison.Ordinal)
                && f != board.YamlPath).ToList();
        Assert.IsEmpty(escaped, string.Join("\n", escaped));
        var generated = Directory.Exists(board.GeneratedDirectory) ? Directory.GetFileSystemEntries(board.GeneratedDirectory, "*", SearchOption.AllDirectories) : [];
        Assert.IsEmpty(generated, "the wall stands before the first write: " + string.Join(", ", generated));
    }
}

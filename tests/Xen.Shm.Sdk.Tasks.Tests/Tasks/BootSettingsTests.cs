using System.Diagnostics;
using Xen.Shm.Sdk.Tasks.Tests.Infrastructure;

namespace Xen.Shm.Sdk.Tasks.Tests.Tasks;

/// <summary>
/// The boot-script settings (LAYOUT L3) on the sample board (testassets/mmio-sram) through the
/// steps: what each writes into boot.source, checked line by line against ImageBuilder's
/// uboot-script-gen forms (Xilinx/imagebuilder scripts/uboot-script-gen: "$LOAD_CMD $memaddr
/// ${prepend_path}/$path", "$BOOT_CMD $kernel_addr - $device_tree_addr", BOOT_CMD=none's
/// "setenv host_kernel_addr/host_fdt_addr", DT_OVERLAY's "fdt addr; fdt resize; fdt apply") and
/// manifest.json's addresses; every boot.scr listed by real mkimage -l and unpacked by real
/// dumpimage back to boot.source.
/// </summary>
[TestClass]
public sealed class BootSettingsTests
{
    private static (BoardPipeline Pipeline, BoardFolder Board) Build(Func<BoardFolder, BoardPipeline> make)
    {
        var board = PackageBootImageScriptTests.SampleBoard();
        var pipeline = make(board);
        Assert.IsTrue(pipeline.Run(), string.Join("\n", pipeline.Engine.Errors.Select(e => e.Code + " " + e.Message)));
        return (pipeline, board);
    }

    private static string Source(BoardFolder board) => File.ReadAllText(Path.Combine(board.BootDirectory, "boot.source"));

    private static Dictionary<string, ManifestJson.Entry> Manifest(BoardFolder board) =>
        ManifestJson.Read(Path.Combine(board.BootDirectory, "manifest.json")).ToDictionary(e => e.Path);

    private static string Address(BoardFolder board, string path) => Manifest(board)[path].LoadAddress!;

    /// <summary>Real mkimage lists boot.scr as a script; real dumpimage gives back boot.source (after the multi-file table).</summary>
    private static void AssertScriptImageOfSource(BoardFolder board)
    {
        string mkimage = Prerequisite.RequireTool("mkimage", "apt-get install u-boot-tools");
        string dumpimage = Prerequisite.RequireTool("dumpimage", "apt-get install u-boot-tools");
        string scr = Path.Combine(board.BootDirectory, "boot.scr");
        var (code, listed, err) = Tool(mkimage, "-l", scr);
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(listed, "Script", listed);
        string extracted = Path.Combine(board.Root, "boot.extracted");
        (code, _, err) = Tool(dumpimage, "-T", "script", "-p", "0", "-o", extracted, scr);
        Assert.AreEqual(0, code, err);
        byte[] script = File.ReadAllBytes(Path.Combine(board.BootDirectory, "boot.source"));
        byte[] table = [(byte)(script.Length >> 24), (byte)(script.Length >> 16), (byte)(script.Length >> 8), (byte)script.Length, 0, 0, 0, 0];
        CollectionAssert.AreEqual(table.Concat(script).ToArray(), File.ReadAllBytes(extracted));
    }

    private static (int Code, string Stdout, string Stderr) Tool(string path, params string[] args)
    {
        var run = ToolProcess.Run(path, args);
        return (run.ExitCode, run.StdoutText, run.Stderr);
    }

    [TestMethod]
    public void LoadCommandAndPathPrefix_StartEveryLoadLine()
    {
        var (_, board) = Build(b => new BoardPipeline(b) { LoadCommand = "tftpb", PathPrefix = "boot/" });
        using var _b = board;

        var loads = Source(board).Split('\n').Where(l => l.StartsWith("tftpb ", StringComparison.Ordinal)).ToList();
        var manifest = Manifest(board);
        var loaded = manifest.Values.Where(e => e.LoadAddress is not null && e.Path != "boot.scr").ToList();
        Assert.HasCount(loaded.Count, loads, "one load line per loaded file");
        foreach (var e in loaded)
            CollectionAssert.Contains(loads, $"tftpb {e.LoadAddress} boot/{e.Path}");
        Assert.IsFalse(Source(board).Contains("${devtype}", StringComparison.Ordinal));
        AssertScriptImageOfSource(board);
    }

    [TestMethod]
    [DataRow("booti", "booti {0} - {1}\n")]
    [DataRow("bootefi", "bootefi {0} {1}\n")]
    [DataRow("none", "setenv host_kernel_addr {0}\nsetenv host_fdt_addr {1}\n")]
    public void RawXenRoutes_ShipXen_AndEndWithTheirCommand(string command, string tail)
    {
        var (_, board) = Build(b => new BoardPipeline(b) { BootCommand = command });
        using var _b = board;

        // LAYOUT L1: raw xen, never xen.uimg beside it.
        var manifest = Manifest(board);
        Assert.IsTrue(manifest.ContainsKey("xen"));
        Assert.IsFalse(manifest.ContainsKey("xen.uimg"));
        CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(board.Root, "images", "xen")), File.ReadAllBytes(Path.Combine(board.BootDirectory, "xen")));
        string source = Source(board);
        StringAssert.EndsWith(source, "setenv fdt_high 0xffffffffffffffff\n" + string.Format(tail, Address(board, "xen"), Address(board, "host.dtb")));
        Assert.IsFalse(source.Contains("bootm", StringComparison.Ordinal), source);
        Assert.IsFalse(source.Contains("fdt set", StringComparison.Ordinal), "only the bootm route restores /memory");
        AssertScriptImageOfSource(board);
    }

    [TestMethod]
    public void ExtraCommands_RunInItemOrder_BeforeTheBootCommand()
    {
        var (_, board) = Build(b => new BoardPipeline(b) { BootCommand = "booti", ExtraCommands = ["echo first", "setenv bootargs x=${y}"] });
        using var _b = board;

        StringAssert.EndsWith(Source(board),
            "setenv fdt_high 0xffffffffffffffff\necho first\nsetenv bootargs x=${y}\n" +
            $"booti {Address(board, "xen")} - {Address(board, "host.dtb")}\n");
        AssertScriptImageOfSource(board);
    }

    [TestMethod]
    public void DefaultBootm_ExtraCommandsComeBeforeBootmStart()
    {
        var (_, board) = Build(b => new BoardPipeline(b) { ExtraCommands = ["echo hello"] });
        using var _b = board;

        string source = Source(board);
        StringAssert.Contains(source, "setenv fdt_high 0xffffffffffffffff\necho hello\nfdt addr " + Address(board, "host.dtb") + "\nbootm start " + Address(board, "xen.uimg") + " - ");
        StringAssert.EndsWith(source, "bootm go\n");
        AssertScriptImageOfSource(board);
    }

    [TestMethod]
    public void ApplyOverlay_ShipsBoardDtbAndOverlay_AndAppliesItBeforeBooting()
    {
        var (_, board) = Build(b => new BoardPipeline(b) { ApplyOverlay = "true" });
        using var _b = board;

        var manifest = Manifest(board);
        Assert.IsFalse(manifest.ContainsKey("host.dtb"), "the script makes the host tree itself");
        string boardAt = manifest["board.dtb"].LoadAddress!, overlayAt = manifest["host-overlay.dtbo"].LoadAddress!;
        string source = Source(board);
        StringAssert.Contains(source, $"setenv fdt_high 0xffffffffffffffff\nfdt addr {boardAt}\nfdt resize 0x");
        StringAssert.Contains(source, $"\nfdt apply {overlayAt}\nfdt addr {boardAt}\nbootm start {manifest["xen.uimg"].LoadAddress} - {boardAt}\n");

        // Loaded at safe places: the overlay before the board DTB, whose slot keeps the resize room free.
        string resizeLine = source.Split('\n').Single(l => l.StartsWith("fdt resize ", StringComparison.Ordinal));
        ulong room = Convert.ToUInt64(resizeLine["fdt resize 0x".Length..], 16);
        ulong boardBase = Convert.ToUInt64(boardAt[2..], 16), overlayBase = Convert.ToUInt64(overlayAt[2..], 16);
        Assert.IsLessThanOrEqualTo(boardBase, overlayBase + (ulong)manifest["host-overlay.dtbo"].Size);
        foreach (var e in manifest.Values.Where(e => e.LoadAddress is not null && e.Path != "board.dtb"))
        {
            ulong at = Convert.ToUInt64(e.LoadAddress![2..], 16);
            bool disjoint = at + (ulong)e.Size <= boardBase || at >= boardBase + (ulong)manifest["board.dtb"].Size + room;
            Assert.IsTrue(disjoint, $"{e.Path} overlaps board.dtb grown by fdt resize");
        }

        // board.dtb is the board as it is: real dtc's compile of board.dts.
        string dtc = Prerequisite.RequireTool("dtc", "apt-get install device-tree-compiler");
        var (code, _, err) = Tool(dtc, "-q", "-I", "dts", "-O", "dtb", "-o", Path.Combine(board.Root, "board.real.dtb"), Path.Combine(board.Root, "board.dts"));
        Assert.AreEqual(0, code, err);
        CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(board.Root, "board.real.dtb")), File.ReadAllBytes(Path.Combine(board.BootDirectory, "board.dtb")));
        AssertScriptImageOfSource(board);
    }

    [TestMethod]
    public void ApplyOverlay_RealFdtoverlayOfTheShippedFiles_GivesTheHostDtbTree()
    {
        string fdtoverlay = Prerequisite.RequireTool("fdtoverlay", "apt-get install device-tree-compiler");
        string dtc = Prerequisite.RequireTool("dtc", "apt-get install device-tree-compiler");
        var (_, board) = Build(b => new BoardPipeline(b) { ApplyOverlay = "true" });
        using var _b = board;

        string applied = Path.Combine(board.Root, "applied.dtb");
        var (code, _, err) = Tool(fdtoverlay, "-i", Path.Combine(board.BootDirectory, "board.dtb"), "-o", applied, Path.Combine(board.BootDirectory, "host-overlay.dtbo"));
        Assert.AreEqual(0, code, err);
        // libfdt adds new properties and nodes at the front of their parent (Generation README), so the
        // trees are compared sorted (dtc -s); everything else, /chosen and /memory included, is equal.
        string Sorted(string dtb)
        {
            var (c, text, e) = Tool(dtc, "-q", "-s", "-I", "dtb", "-O", "dts", dtb);
            Assert.AreEqual(0, c, e);
            return text;
        }

        Assert.AreEqual(Sorted(Path.Combine(board.GeneratedDirectory, "host.dtb")), Sorted(applied));
    }

    [TestMethod]
    public void SwitchingRoutes_RemovesTheOtherXen()
    {
        using var board = PackageBootImageScriptTests.SampleBoard();
        Assert.IsTrue(new BoardPipeline(board).Run());
        Assert.IsTrue(File.Exists(Path.Combine(board.BootDirectory, "xen.uimg")));

        Assert.IsTrue(new BoardPipeline(board) { BootCommand = "booti" }.Run());

        Assert.IsFalse(File.Exists(Path.Combine(board.BootDirectory, "xen.uimg")), "never both (LAYOUT L1)");
        Assert.IsTrue(File.Exists(Path.Combine(board.BootDirectory, "xen")));
        Assert.IsFalse(File.ReadAllText(Path.Combine(board.IntermediateDirectory, "bootimage.files")).Contains("xen.uimg", StringComparison.Ordinal));
    }

    [TestMethod]
    [DataRow("BootCommand", "bootz", "XSHM8006")]
    [DataRow("ApplyOverlay", "yes", "XSHM8007")]
    [DataRow("LoadCommand", "load mmc 0:1\nreset", "XSHM8008")]
    [DataRow("PathPrefix", "boot dir/", "XSHM8009")]
    [DataRow("ExtraCommand", "echo a\nreset", "XSHM8010")]
    [DataRow("ExtraCommand", "  ", "XSHM8010")]
    public void InvalidSetting_IsItsCode_AtTheProjectFile_AndWritesNothing(string setting, string value, string code)
    {
        using var board = PackageBootImageScriptTests.SampleBoard();
        var pipeline = setting switch
        {
            "BootCommand" => new BoardPipeline(board) { BootCommand = value },
            "ApplyOverlay" => new BoardPipeline(board) { ApplyOverlay = value },
            "LoadCommand" => new BoardPipeline(board) { LoadCommand = value },
            "PathPrefix" => new BoardPipeline(board) { PathPrefix = value },
            _ => new BoardPipeline(board) { ExtraCommands = [value] },
        };

        Assert.IsFalse(pipeline.Run());

        var e = pipeline.Engine.Errors.Single();
        Assert.AreEqual(code, e.Code, e.Message);
        Assert.AreEqual(pipeline.ProjectFile, e.File);
        Assert.IsFalse(e.Message!.Contains('\n'), "one-line message");
        Assert.IsFalse(Directory.Exists(board.BootDirectory));
        Assert.IsFalse(Directory.Exists(board.GeneratedDirectory));
    }

    [TestMethod]
    public void BoardWithoutDeviceTree_GetsNoScript_AndIsToldSo()
    {
        using var board = new BoardFolder();
        var pipeline = new BoardPipeline(board);

        Assert.IsTrue(pipeline.Run(), string.Join("\n", pipeline.Engine.ErrorLines()));

        Assert.IsFalse(File.Exists(Path.Combine(board.BootDirectory, "boot.scr")));
        Assert.IsFalse(File.Exists(Path.Combine(board.BootDirectory, "boot.source")));
        var said = pipeline.Engine.Messages.Single(m => m.Message!.Contains("no boot.source/boot.scr", StringComparison.Ordinal));
        Assert.AreEqual(Microsoft.Build.Framework.MessageImportance.Low, said.Importance);
    }
}

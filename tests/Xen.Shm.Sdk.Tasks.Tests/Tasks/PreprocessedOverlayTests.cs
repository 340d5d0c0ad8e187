using System.Diagnostics;
using System.Text.RegularExpressions;
using Xen.Shm.Sdk.Tasks.Tests.BadInputs;
using Xen.Shm.Sdk.Tasks.Tests.Infrastructure;

namespace Xen.Shm.Sdk.Tasks.Tests.Tasks;

/// <summary>
/// Issue 15 for host.overlays: a .dtso with #include &lt;dt-bindings/…&gt; and macros goes through the
/// built-in preprocessor with the board's includeDirs, so the host DTB is what Kbuild's tools make of
/// it (Debian's cpp, dtc -@, fdtoverlay); the header is an input of the build; errors point into the
/// header or the overlay at the lines cpp and dtc name.
/// </summary>
[TestClass]
public sealed partial class PreprocessedOverlayTests
{
    private const string Header = "#ifndef DEMO_IRQ_H\n#define DEMO_IRQ_H\n#define DEMO_SPI 0\n#define DEMO_IRQ(n) ((n) + 32)\n#define DEMO_STATUS \"okay\"\n#endif\n";

    private const string Overlay = "/dts-v1/;\n/plugin/;\n#include <dt-bindings/demo/irq.h>\n\n&uart1 { status = DEMO_STATUS; };\n" +
        "&{/axi} { demo@70000000 { compatible = \"vendor,demo\"; reg = <0x0 0x70000000 0x0 0x1000>; interrupts = <DEMO_SPI DEMO_IRQ(5) 4>; }; };\n";

    [GeneratedRegex(@"^(?:Error: )?(?<file>[^:\s]+):(?<line>\d+)[.:](?<col>\d+)", RegexOptions.Multiline)]
    private static partial Regex ToolPosition();

    [TestMethod]
    public void OverlayWithIncludeAndMacros_GivesTheHostDtbOfCppDtcAndFdtoverlay()
    {
        using var board = Board(Overlay, Header);
        var pipeline = new BoardPipeline(board);
        Assert.IsTrue(pipeline.Run(), string.Join("\n", pipeline.Engine.ErrorLines()));
        byte[] ours = File.ReadAllBytes(Path.Combine(board.BootDirectory, "host.dtb"));

        // The reference: Kbuild's steps by Debian's tools, then the SDK on the merged board with no overlays.
        string work = Path.Combine(board.Root, "reference");
        Directory.CreateDirectory(work);
        string boardDtb = Compile(Cpp(Path.Combine(board.Root, "board.dts"), board.Root, work), Path.Combine(work, "board.dtb"));
        string overlayDtbo = Compile(Cpp(Path.Combine(board.Root, "ov.dtso"), board.Root, work), Path.Combine(work, "ov.dtbo"));
        Run(Tool("fdtoverlay", "apt-get install device-tree-compiler"), "-i", boardDtb, "-o", Path.Combine(board.Root, "merged.dtb"), overlayDtbo);
        using var reference = Copy(board, "merged");
        File.WriteAllText(reference.YamlPath, File.ReadAllText(reference.YamlPath)
            .Replace("  deviceTree: board.dts\n", "  deviceTree: merged.dtb\n"));
        var referencePipeline = new BoardPipeline(reference);
        Assert.IsTrue(referencePipeline.Run(), string.Join("\n", referencePipeline.Engine.ErrorLines()));

        CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(reference.BootDirectory, "host.dtb")), ours);
        StringAssert.Contains(Decompiled(ours), "interrupts = <0x00 0x25 0x04>;");
    }

    [TestMethod]
    public void TheIncludedHeader_IsAnInput_AndAnEditReachesTheHostDtb()
    {
        using var board = Board(Overlay, Header);
        var pipeline = new BoardPipeline(board);
        Assert.IsTrue(pipeline.Run(), string.Join("\n", pipeline.Engine.ErrorLines()));
        string header = Path.Combine(board.Root, "include", "dt-bindings", "demo", "irq.h");
        var inputs = File.ReadAllLines(pipeline.Intermediate("generate.deps"));
        CollectionAssert.Contains(inputs, header, string.Join("\n", inputs));
        StringAssert.Contains(Decompiled(File.ReadAllBytes(Path.Combine(board.BootDirectory, "host.dtb"))), "interrupts = <0x00 0x25 0x04>;");

        File.WriteAllText(header, Header.Replace("(n) + 32", "(n) + 64"));
        Assert.IsTrue(pipeline.Run(), string.Join("\n", pipeline.Engine.ErrorLines()));
        StringAssert.Contains(Decompiled(File.ReadAllBytes(Path.Combine(board.BootDirectory, "host.dtb"))), "interrupts = <0x00 0x45 0x04>;");
    }

    [TestMethod]
    public void AnErrorInTheIncludedHeader_IsAtTheHeadersLine_WhereCppPutsIt()
    {
        string broken = Header.Replace("#define DEMO_SPI 0\n", "#define DEMO_SPI 0\n#error demo header is broken\n");
        using var board = Board(Overlay, broken);
        var pipeline = new BoardPipeline(board);
        Assert.IsFalse(pipeline.Run());

        var real = Run(Tool("cpp", "apt-get install cpp"), CppArgs(Path.Combine(board.Root, "ov.dtso"), board.Root, "/dev/null"), expectSuccess: false);
        var (file, line, _) = FirstPosition(real);
        Assert.AreEqual("irq.h", Path.GetFileName(file), real);
        var error = pipeline.Engine.Errors.First();
        // File and line as cpp (the column is the '#' here, cpp names the directive one further).
        Assert.AreEqual(("XSHM3600", "irq.h", line), (error.Code, Path.GetFileName(error.File), error.LineNumber),
            string.Join("\n", pipeline.Engine.ErrorLines()) + "\ncpp: " + real);
        Assert.AreEqual(4, line, real);
    }

    [TestMethod]
    public void ASyntaxErrorAfterTheInclude_IsAtTheOverlaysLine_WhereDtcPutsIt()
    {
        string broken = Overlay.Replace("status = DEMO_STATUS; }", "status = DEMO_STATUS }");
        using var board = Board(broken, Header);
        var pipeline = new BoardPipeline(board);
        Assert.IsFalse(pipeline.Run());

        string work = Path.Combine(board.Root, "reference");
        Directory.CreateDirectory(work);
        string preprocessed = Cpp(Path.Combine(board.Root, "ov.dtso"), board.Root, work);
        var real = Run(Tool("dtc", "apt-get install device-tree-compiler"), new[] { "-@", "-I", "dts", "-O", "dtb", "-o", "/dev/null", preprocessed }, expectSuccess: false);
        var (file, line, column) = FirstPosition(real);
        Assert.AreEqual("ov.dtso", Path.GetFileName(file), real);
        var errors = pipeline.Engine.Errors;
        Assert.IsTrue(errors.Any(e => e.Code == "XSHM3705"), string.Join("\n", pipeline.Engine.ErrorLines()));
        Assert.IsTrue(errors.Any(e => Path.GetFileName(e.File) == "ov.dtso" && e.LineNumber == line && e.ColumnNumber == column),
            string.Join("\n", pipeline.Engine.ErrorLines()) + "\ndtc: " + real);
        Assert.AreEqual(5, line, real);
    }

    /// <summary>The bad-input base board with includeDirs: [include], overlays: [ ov.dtso ] and the header at include/dt-bindings/demo/irq.h.</summary>
    private static BoardFolder Board(string overlay, string header)
    {
        string root = Path.Combine(Path.GetTempPath(), "xen-shm-pp-overlay", Guid.NewGuid().ToString("N"));
        BadInputWorkspace.CopyTree(Path.Combine(BadInputWorkspace.Assets, "base"), root);
        var board = BoardFolder.At(root);
        File.WriteAllText(board.YamlPath, File.ReadAllText(board.YamlPath)
            .Replace("  deviceTree: board.dts\n", "  deviceTree: board.dts\n  includeDirs: [include]\n  overlays: [ ov.dtso ]\n"));
        File.WriteAllText(Path.Combine(root, "ov.dtso"), overlay);
        string headerPath = Path.Combine(root, "include", "dt-bindings", "demo", "irq.h");
        Directory.CreateDirectory(Path.GetDirectoryName(headerPath)!);
        File.WriteAllText(headerPath, header);
        return board;
    }

    private static BoardFolder Copy(BoardFolder board, string name)
    {
        string root = Path.Combine(Path.GetDirectoryName(board.Root)!, Path.GetFileName(board.Root) + "-" + name);
        BadInputWorkspace.CopyTree(Path.Combine(BadInputWorkspace.Assets, "base"), root);
        File.Copy(Path.Combine(board.Root, "merged.dtb"), Path.Combine(root, "merged.dtb"));
        return BoardFolder.At(root);
    }

    /// <summary>Kbuild's cpp step (scripts/Makefile.lib dtc_cpp_flags) into WORK/NAME.pp.dts.</summary>
    private static string Cpp(string source, string boardRoot, string work)
    {
        string output = Path.Combine(work, Path.GetFileName(source) + ".pp.dts");
        Run(Tool("cpp", "apt-get install cpp"), CppArgs(source, boardRoot, output));
        return output;
    }

    private static string[] CppArgs(string source, string boardRoot, string output) =>
        ["-nostdinc", "-I", Path.GetDirectoryName(source)!, "-I", Path.Combine(boardRoot, "include"), "-undef", "-D__DTS__", "-x", "assembler-with-cpp", "-o", output, source];

    private static string Compile(string preprocessed, string output)
    {
        Run(Tool("dtc", "apt-get install device-tree-compiler"), "-q", "-@", "-I", "dts", "-O", "dtb", "-o", output, preprocessed);
        return output;
    }

    private static string Decompiled(byte[] blob)
    {
        string path = Path.Combine(Path.GetTempPath(), "xen-shm-pp-overlay-" + Guid.NewGuid().ToString("N") + ".dtb");
        try
        {
            File.WriteAllBytes(path, blob);
            return Run(Tool("dtc", "apt-get install device-tree-compiler"), "-q", "-I", "dtb", "-O", "dts", path);
        }
        finally { File.Delete(path); }
    }

    private static (string File, int Line, int Column) FirstPosition(string stderr)
    {
        var m = ToolPosition().Match(stderr);
        Assert.IsTrue(m.Success, "no position in: " + stderr);
        return (m.Groups["file"].Value, int.Parse(m.Groups["line"].Value), int.Parse(m.Groups["col"].Value));
    }

    private static string Tool(string name, string hint) => Prerequisite.RequireTool(name, hint);

    private static string Run(string tool, params string[] args) => Run(tool, args, expectSuccess: true);

    /// <summary>Stdout on success; stderr when <paramref name="expectSuccess"/> is false (and the tool must fail).</summary>
    private static string Run(string tool, string[] args, bool expectSuccess)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.AreEqual(expectSuccess, p.ExitCode == 0, $"{Path.GetFileName(tool)} {string.Join(' ', args)}: exit {p.ExitCode}\n{stderr}");
        return expectSuccess ? stdout.Result : stderr;
    }
}

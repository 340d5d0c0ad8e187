using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>
/// Issue 15 through the packed SDK: a board.dts with #include &lt;dt-bindings/…&gt; and macros builds
/// with 'includeDirs' (no native cpp), so does a host.overlays .dtso that #includes the same header,
/// an edited header rebuilds the host DTB, and without the include folder the build fails with
/// XSHM3602 at the #include line (the negative control).
/// </summary>
[TestClass]
public sealed class PreprocessedBoardTests : BoardTestBase
{
    private static BoardWorkspace Board(TestContext context, bool includeDirs)
    {
        var board = BoardWorkspace.Create(context, "mmio-sram");
        string header = Path.Combine(board.Directory, "include", "dt-bindings", "demo", "values.h");
        Directory.CreateDirectory(Path.GetDirectoryName(header)!);
        File.WriteAllText(header, "#ifndef DEMO_VALUES_H\n#define DEMO_VALUES_H\n#define DEMO_VALUE(n) ((n) * 2)\n#endif\n");
        string dts = Path.Combine(board.Directory, "board.dts");
        File.WriteAllText(dts, "#include <dt-bindings/demo/values.h>\n" + File.ReadAllText(dts) + "\n/ { pp-test = <DEMO_VALUE(21)>; };\n");
        string yaml = File.ReadAllText(board.YamlPath);
        if (includeDirs) yaml = yaml.Replace("  deviceTree: board.dts", "  includeDirs: [include]\n  deviceTree: board.dts");
        File.WriteAllText(board.YamlPath, yaml);
        return board;
    }

    [TestMethod]
    public void KernelStyleBoardSource_Builds_AndAnEditedHeaderRebuildsTheHostDtb()
    {
        var board = Board(TestContext, includeDirs: true);
        board.Build().AssertSucceeded();
        AssertHostDtbHas(board, "pp-test = <0x2a>;");

        string header = Path.Combine(board.Directory, "include", "dt-bindings", "demo", "values.h");
        File.WriteAllText(header, File.ReadAllText(header).Replace("* 2", "* 3"));
        board.Touch(Path.Combine("include", "dt-bindings", "demo", "values.h"));
        board.Build().AssertSucceeded();
        AssertHostDtbHas(board, "pp-test = <0x3f>;");
    }

    [TestMethod]
    public void OverlayWithIncludeAndMacros_Builds_AndAnEditedHeaderRebuildsTheHostDtb()
    {
        var board = Board(TestContext, includeDirs: true);
        File.WriteAllText(Path.Combine(board.Directory, "ov.dtso"),
            "/dts-v1/;\n/plugin/;\n#include <dt-bindings/demo/values.h>\n\n&uart1 { pp-overlay = <DEMO_VALUE(5)>; };\n");
        File.WriteAllText(board.YamlPath, File.ReadAllText(board.YamlPath).Replace("  deviceTree: board.dts", "  overlays: [ ov.dtso ]\n  deviceTree: board.dts"));
        board.Build().AssertSucceeded();
        AssertHostDtbHas(board, "pp-overlay = <0x0a>;");

        string header = Path.Combine(board.Directory, "include", "dt-bindings", "demo", "values.h");
        File.WriteAllText(header, File.ReadAllText(header).Replace("* 2", "* 3"));
        board.Touch(Path.Combine("include", "dt-bindings", "demo", "values.h"));
        board.Build().AssertSucceeded();
        AssertHostDtbHas(board, "pp-overlay = <0x0f>;");
    }

    [TestMethod]
    public void WithoutTheIncludeFolder_XSHM3602AtTheIncludeLine()
    {
        var board = Board(TestContext, includeDirs: false);
        var run = board.Build();
        run.AssertFailed();
        var lines = run.DiagnosticLines("XSHM3602");
        Assert.IsNotEmpty(lines, run.ToString());
        StringAssert.Contains(lines[0], "board.dts(1,");
    }

    private static void AssertHostDtbHas(BoardWorkspace board, string line)
    {
        string dtc = ExternalTool.Require("dtc", "apt-get install device-tree-compiler (dtc 1.6.1)");
        var (exit, stdout, stderr) = ExternalTool.Run(dtc, "-q", "-I", "dtb", "-O", "dts", Path.Combine(board.BootDirectory, "host.dtb"));
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(System.Text.Encoding.UTF8.GetString(stdout), line);
    }
}

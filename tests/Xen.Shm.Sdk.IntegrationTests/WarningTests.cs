using System.Text.RegularExpressions;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>
/// Issue 19 items 3 and 4 through the packed SDK: dtc's warnings on the board (testassets/dtc-warnings,
/// two per real dtc 1.6.1) are MSBuild warnings at board.dts(line,col) with dtc's check name, and
/// switch like any MSBuild warning: NoWarn hides them, WarningsAsErrors and TreatWarningsAsErrors
/// fail the build, which then writes no boot folder. An error in board.dts is reported once.
/// </summary>
[TestClass]
public sealed class WarningTests : BoardTestBase
{
    private const string Code = "XSHM3003";

    /// <summary>(check, line, column) of each warning real dtc prints for the board.</summary>
    private static List<(string Check, int Line, int Column)> DtcWarnings(string boardDts)
    {
        string dtc = ExternalTool.Require("dtc", "apt-get install device-tree-compiler (dtc 1.6.1)");
        var run = ExternalTool.Run(dtc, "-I", "dts", "-O", "dtb", "-o", "/dev/null", boardDts);
        Assert.AreEqual(0, run.ExitCode, run.Stderr);
        var found = run.Stderr.Split('\n')
            .Select(l => Regex.Match(l, @":(\d+)\.(\d+)-[\d.]+: Warning \(([a-z_]+)\)"))
            .Where(m => m.Success)
            .Select(m => (m.Groups[3].Value, int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value)))
            .ToList();
        Assert.HasCount(2, found, run.Stderr);
        return found;
    }

    private static string BoardDts(BoardWorkspace board) => Path.Combine(board.Directory, "board.dts");

    [TestMethod]
    public void DtcWarnings_AreMsBuildWarningsAtTheBoardDtsLine()
    {
        var board = BoardWorkspace.Create(TestContext, "dtc-warnings");
        var expected = DtcWarnings(BoardDts(board));

        var run = board.Build();

        run.AssertSucceeded();
        var lines = run.DiagnosticLines(Code);
        Assert.HasCount(2, lines, run.ToString());
        foreach (var (check, line, column) in expected)
            Assert.IsTrue(lines.Any(l => Regex.IsMatch(l,
                "^" + Regex.Escape(BoardDts(board)) + $@"\({line},{column}(,\d+,\d+)?\): warning {Code}: dtc warning \({check}\): /")), $"{check} at {line},{column}:\n{run}");
        StringAssert.Contains(run.Cli.Output, " 2 Warning(s)", run.ToString());
        Assert.IsTrue(File.Exists(Path.Combine(board.BootDirectory, "host.dtb")));
    }

    [TestMethod]
    public void NoWarn_HidesThem()
    {
        var board = BoardWorkspace.Create(TestContext, "dtc-warnings");

        var run = board.Build("-p:NoWarn=" + Code);

        run.AssertSucceeded();
        Assert.IsEmpty(run.DiagnosticLines(Code), run.ToString());
        StringAssert.Contains(run.Cli.Output, " 0 Warning(s)", run.ToString());
    }

    [TestMethod]
    [DataRow("-p:WarningsAsErrors=" + Code, DisplayName = "WarningsAsErrors")]
    [DataRow("-p:TreatWarningsAsErrors=true", DisplayName = "TreatWarningsAsErrors")]
    public void WarningsAsErrors_FailTheBuild_AndWriteNoBootFolder(string property)
    {
        var board = BoardWorkspace.Create(TestContext, "dtc-warnings");
        var expected = DtcWarnings(BoardDts(board));

        var run = board.Build(property);

        run.AssertFailed();
        var lines = run.DiagnosticLines(Code);
        Assert.HasCount(expected.Count, lines, run.ToString());
        Assert.IsTrue(lines.All(l => l.Contains($": error {Code}: dtc warning (", StringComparison.Ordinal)), run.ToString());
        Assert.IsFalse(Directory.Exists(board.BootDirectory), "a build failed by its warnings writes no boot folder");
    }

    [TestMethod]
    public void TreatWarningsAsErrors_SparesWarningsNotAsErrors()
    {
        var board = BoardWorkspace.Create(TestContext, "dtc-warnings");

        var run = board.Build("-p:TreatWarningsAsErrors=true", "-p:WarningsNotAsErrors=" + Code);

        run.AssertSucceeded();
        Assert.HasCount(2, run.DiagnosticLines(Code), run.ToString());
    }

    [TestMethod]
    [DataRow(false, DisplayName = "first build")]
    [DataRow(true, DisplayName = "after a good build")]
    public void ErrorInBoardDts_IsReportedOnce_AtItsLine(bool builtBefore)
    {
        var board = BoardWorkspace.Create(TestContext, "dtc-warnings");
        if (builtBefore) board.Build().AssertSucceeded();
        // "ranges" without its ';' on line 18: dtc stops at the next line's first token.
        string dts = BoardDts(board);
        File.WriteAllText(dts, File.ReadAllText(dts).Replace("\t\tranges;\n", "\t\tranges\n"));

        var run = board.Build();

        run.AssertFailed();
        StringAssert.Contains(run.Cli.Output, " 1 Error(s)", run.ToString());
        var errors = run.Cli.Lines.Where(l => l.Contains(": error XSHM", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToList();
        Assert.HasCount(1, errors, run.ToString());
        StringAssert.StartsWith(errors[0], dts + "(20,", run.ToString());
    }

    [TestMethod]
    public void RamOnlyBoard_WarnsAtTheHostKeyThatNoHostDtbNorBootScrIsMade()
    {
        // testassets/sdk-basic: "host:" on line 9, column 1, with only 'ram' (the README's sample shape).
        var board = BoardWorkspace.Create(TestContext, "sdk-basic");

        var run = board.Build();

        run.AssertSucceeded();
        var lines = run.DiagnosticLines("XSHM8020");
        Assert.HasCount(1, lines, run.ToString());
        StringAssert.Matches(lines[0], new Regex("^" + Regex.Escape(board.YamlPath) + @"\(9,1(,\d+,\d+)?\): warning XSHM8020: .*host\.dtb.*boot\.scr"));
        Assert.IsFalse(File.Exists(Path.Combine(board.BootDirectory, "host.dtb")));
        Assert.IsFalse(File.Exists(Path.Combine(board.BootDirectory, "boot.scr")));
    }

    [TestMethod]
    public void TreatWarningsAsErrors_FailsOnAnSdkWarningToo()
    {
        // Item 4 without dtc: sdk-basic's only warning is XSHM8020 (no device tree).
        var board = BoardWorkspace.Create(TestContext, "sdk-basic");

        var run = board.Build("-p:TreatWarningsAsErrors=true");

        run.AssertFailed();
        Assert.HasCount(1, run.DiagnosticLines("XSHM8020"), run.ToString());
        StringAssert.Contains(run.DiagnosticLines("XSHM8020")[0], ": error XSHM8020: ");
        Assert.IsFalse(Directory.Exists(board.BootDirectory), "a build failed by its warnings writes no boot folder");
    }
}

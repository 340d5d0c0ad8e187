using System.Text.RegularExpressions;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>Mistakes in board.yaml fail the build with the canonical coded line and touch no output.</summary>
[TestClass]
public sealed class BoardErrorTests : BoardTestBase
{
    /// <summary>"&lt;full path&gt;/board.yaml(line,col[,endLine,endCol]): error CODE: " at the start of a console line.</summary>
    private static Regex CodedLine(string yamlPath, int line, int column, string code) =>
        new("^" + Regex.Escape(yamlPath) + $@"\({line},{column}(,\d+,\d+)?\): error {code}: ");

    [TestMethod]
    public void BrokenYaml_FailsWithTheCodedLine_AndKeepsThePreviousBootFolder()
    {
        var board = BoardWorkspace.Create(TestContext, "sdk-basic");
        board.Build().AssertSucceeded();
        var before = BoardWorkspace.Snapshot(board.BootDirectory);

        // Line 31 of testassets/sdk-basic/board.yaml is "    size: 16M"; the value starts at column 11.
        File.WriteAllText(board.YamlPath, File.ReadAllText(board.YamlPath).Replace("    size: 16M\n", "    size: 0x1001\n"));
        var run = board.Build();

        run.AssertFailed();
        var lines = run.DiagnosticLines("XSHM2001");
        Assert.HasCount(1, lines, run.ToString());
        StringAssert.Matches(lines[0], CodedLine(board.YamlPath, 31, 11, "XSHM2001"));
        var after = BoardWorkspace.Snapshot(board.BootDirectory);
        CollectionAssert.AreEqual(before.Keys.ToArray(), after.Keys.ToArray());
        foreach (var key in before.Keys) CollectionAssert.AreEqual(before[key], after[key], key);
    }

    // Positions counted by hand from each testassets/errors/<name>/board.yaml (1-based; a quoted
    // scalar starts at its quote). The boards point at ../../uio/images for their binaries.
    [TestMethod]
    [DataRow("unknown-key", "XSHM1002", 14, 5, "bootargs", DisplayName = "unknown key 'bootarg' (did you mean 'bootargs'?)")]
    [DataRow("yaml-syntax", "XSHM1001", 3, 18, "", DisplayName = "second ': ' on one line (PyYAML: line 3, column 18)")]
    [DataRow("missing-kernel", "XSHM1010", 17, 13, "images/Image-domU", DisplayName = "domU kernel file missing")]
    [DataRow("iomem-malformed", "XSHM2016", 18, 19, "0xFFFF0@0x0,1", DisplayName = "seed S1's iomem entry")]
    [DataRow("static-shm-x86-normal", "XSHM2307", 22, 69, "x86_normal", DisplayName = "static_shm x86_normal on Arm")]
    [DataRow("static-shm-owner-outside-ram", "XSHM2310", 22, 44, "", DisplayName = "static_shm owner below guest RAM")]
    [DataRow("static-shm-borrower-too-large", "XSHM2309", 23, 80, "", DisplayName = "static_shm borrower size past the owner's region")]
    [DataRow("overlapping-host-ranges", "XSHM2005", 24, 11, "", DisplayName = "UIO page inside the mmio-sram carve-out")]
    public void ErrorScenario_FailsWithItsCodedLine(string name, string code, int line, int column, string messagePart)
    {
        var board = BoardWorkspace.Create(TestContext, "errors/" + name, alsoCopy: ["uio/images"]);

        var run = board.Build();

        run.AssertFailed();
        var lines = run.DiagnosticLines(code);
        Assert.HasCount(1, lines, run.ToString());
        StringAssert.Matches(lines[0], CodedLine(board.YamlPath, line, column, code), run.ToString());
        StringAssert.Contains(lines[0], messagePart);
        Assert.IsFalse(run.Cli.Output.Contains(" error XSHM9", StringComparison.Ordinal), "no internal error: " + run);
        Assert.IsFalse(Directory.Exists(board.BootDirectory), "nothing may be written for a broken board");
    }

    [TestMethod]
    public void SeveralMistakes_AreAllReportedInOneBuild_InDocumentOrder()
    {
        var board = BoardWorkspace.Create(TestContext, "errors/several-mistakes", alsoCopy: ["uio/images"]);

        var run = board.Build();

        run.AssertFailed();
        // First appearance of each diagnostic line (MSBuild repeats them in its summary).
        var pattern = new Regex("^" + Regex.Escape(board.YamlPath) + @"\((\d+),(\d+)(,\d+,\d+)?\): (error|warning) (XSHM\d{4}): ");
        var seen = run.Cli.Lines.Select(l => l.Trim()).Distinct()
            .Select(l => pattern.Match(l)).Where(m => m.Success)
            .Select(m => $"{m.Groups[1].Value},{m.Groups[2].Value} {m.Groups[4].Value} {m.Groups[5].Value}")
            .ToList();
        // Counted by hand from testassets/errors/several-mistakes/board.yaml (1-based line,column of the value).
        CollectionAssert.AreEqual(new[]
        {
            "14,12 error XSHM1006",    // dom0 vcpus: 0
            "21,13 error XSHM2603",    // memory: 1025K is not whole MiB
            "24,52 error XSHM2012",    // host 0x90000000 outside host RAM
            "24,112 error XSHM2007",   // guest 0x50000000 inside guest1's RAM
            "25,11 warning XSHM2019",  // sram0 id: fewer than 2 valid participants
            "25,46 error XSHM2001",    // host 0x7f000800 not 4 KiB aligned
            "25,46 error XSHM2013",    // [0x7f000800, +16M) straddles the end of RAM
            "25,88 error XSHM2009",    // guest1 (xl) in an mmio-sram region
            "26,11 warning XSHM2019",  // second page0: fewer than 2 valid participants
            "26,11 error XSHM2011",    // duplicate id page0
            "26,78 error XSHM2202",    // compatible "uio dev" has a space
            "26,108 error XSHM2009",   // guest9 is not declared
        }, seen, run.ToString());
        Assert.IsFalse(Directory.Exists(board.BootDirectory));
    }
}

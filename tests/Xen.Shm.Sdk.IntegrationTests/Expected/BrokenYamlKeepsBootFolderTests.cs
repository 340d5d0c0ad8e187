using System.Text.RegularExpressions;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests.Expected;

/// <summary>
/// Issue 7: every error testasset with a board.yaml fails the build with its coded line and leaves
/// the previous boot folder intact. One workspace: a good board (testassets/uio, with a device tree,
/// so the folder has boot.scr, xen.uimg, host.dtb and manifest.json) is built, then each error
/// asset's board.yaml replaces its YAML in turn; after each failed build the boot folder is byte
/// for byte what the good build wrote. (BoardErrorTests checks fresh builds of the same assets and
/// one broken sdk-basic rebuild; the project-level mistakes have no YAML to break.)
/// </summary>
[TestClass]
public sealed class BrokenYamlKeepsBootFolderTests : BoardTestBase
{
    // The error boards name their binaries as ../../uio/images/… (testassets/errors/<name>/board.yaml).
    private const string Base = "errors/unknown-key";

    // First coded line of each asset, 1-based line,column counted by hand from its board.yaml (the
    // same positions as BoardErrorTests, SeveralMistakes' first line, and for s4-as-printed, which
    // has no other build test, all four from Xen.Shm.Topology.Tests' ErrorScenarioTests).
    private static readonly (string Asset, (string Code, int Line, int Column)[] Lines)[] s_errors =
    [
        ("unknown-key", [("XSHM1002", 14, 5)]),
        ("yaml-syntax", [("XSHM1001", 3, 18)]),
        ("missing-kernel", [("XSHM1010", 17, 13)]),
        ("iomem-malformed", [("XSHM2016", 18, 19)]),
        ("static-shm-x86-normal", [("XSHM2307", 22, 69)]),
        ("static-shm-owner-outside-ram", [("XSHM2310", 22, 44)]),
        ("static-shm-borrower-too-large", [("XSHM2309", 23, 80)]),
        ("overlapping-host-ranges", [("XSHM2005", 24, 11)]),
        ("several-mistakes", [("XSHM1006", 14, 12)]),
        ("static-shm-s4-as-printed", [("XSHM2310", 24, 44), ("XSHM2307", 24, 67), ("XSHM2310", 30, 44), ("XSHM2309", 31, 80)]),
    ];

    [TestMethod]
    public void EachBrokenYaml_FailsWithItsCodedLine_AndKeepsThePreviousBootFolder()
    {
        var board = BoardWorkspace.Create(TestContext, Base, alsoCopy: ["uio"]);
        // testassets/uio/board.yaml, its paths pointed at the copy beside the workspace.
        string good = File.ReadAllText(RepositoryRoot.Combine("testassets", "uio", "board.yaml"))
            .Replace("images/", "../../uio/images/", StringComparison.Ordinal)
            .Replace("deviceTree: board.dts", "deviceTree: ../../uio/board.dts", StringComparison.Ordinal);
        File.WriteAllText(board.YamlPath, good);
        board.Build().AssertSucceeded();
        var before = BoardWorkspace.Snapshot(board.BootDirectory);
        CollectionAssert.IsSubsetOf(new[] { "boot.scr", "host.dtb", "manifest.json", "xen.uimg" }, before.Keys.ToList());

        foreach (var (asset, lines) in s_errors)
        {
            // Written, not copied: a copy keeps the repository file's older time, and MSBuild would
            // find the build's outputs newer than this input and skip the step.
            File.WriteAllBytes(board.YamlPath, File.ReadAllBytes(RepositoryRoot.Combine("testassets", "errors", asset, "board.yaml")));
            board.Touch("board.yaml");

            var run = board.Build();

            run.AssertFailed();
            foreach (var (code, line, column) in lines)
            {
                var coded = new Regex("^" + Regex.Escape(board.YamlPath) + $@"\({line},{column}(,\d+,\d+)?\): error {code}: ");
                Assert.IsTrue(run.DiagnosticLines(code).Any(coded.IsMatch), $"{asset}: no line {line},{column} {code}\n{run}");
            }

            Assert.IsFalse(run.Cli.Output.Contains(" error XSHM9", StringComparison.Ordinal), $"{asset}: internal error\n{run}");
            var after = BoardWorkspace.Snapshot(board.BootDirectory);
            CollectionAssert.AreEqual(before.Keys.ToArray(), after.Keys.ToArray(), asset);
            foreach (var key in before.Keys) CollectionAssert.AreEqual(before[key], after[key], $"{asset}: {key}");
        }
    }
}

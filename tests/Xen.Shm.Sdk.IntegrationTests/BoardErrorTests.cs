using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>Mistakes in board.yaml fail the build with the canonical coded line and touch no output.</summary>
[TestClass]
public sealed class BoardErrorTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void BrokenYaml_FailsWithTheCodedLine_AndKeepsThePreviousBootFolder()
    {
        using var board = BoardWorkspace.Create(TestContext, "sdk-basic");
        board.Build().AssertSucceeded();
        var before = BoardWorkspace.Snapshot(board.BootDirectory);

        // Line 31 of testassets/sdk-basic/board.yaml is "    size: 16M"; the value starts at column 11.
        File.WriteAllText(board.YamlPath, File.ReadAllText(board.YamlPath).Replace("    size: 16M\n", "    size: 0x1001\n"));
        var run = board.Build();

        run.AssertFailed();
        var lines = run.DiagnosticLines("XSHM2001");
        Assert.HasCount(1, lines, run.ToString());
        StringAssert.Matches(lines[0], new System.Text.RegularExpressions.Regex(
            "^" + System.Text.RegularExpressions.Regex.Escape(board.YamlPath) + @"\(31,11(,\d+,\d+)?\): error XSHM2001: "));
        var after = BoardWorkspace.Snapshot(board.BootDirectory);
        CollectionAssert.AreEqual(before.Keys.ToArray(), after.Keys.ToArray());
        foreach (var key in before.Keys) CollectionAssert.AreEqual(before[key], after[key], key);
    }
}

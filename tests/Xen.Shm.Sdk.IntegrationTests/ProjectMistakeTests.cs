using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>Board-project mistakes no task can see: coded errors from the SDK's sanity target.</summary>
[TestClass]
public sealed class ProjectMistakeTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("errors/no-topology", "XSHM8001", "No board topology: add board.yaml next to the project")]
    [DataRow("errors/two-topologies", "XSHM8002", "XenShmTopology names 2 files (left.yaml, right.yaml)")]
    [DataRow("errors/topology-not-found", "XSHM8003", "The topology file 'boards/missing.yaml' does not exist.")]
    public void ProjectMistake_FailsWithItsCodeOnTheProjectFile(string asset, string code, string messagePart)
    {
        using var board = BoardWorkspace.Create(TestContext, asset);

        var run = board.Build();

        run.AssertFailed();
        var lines = run.DiagnosticLines(code);
        Assert.HasCount(1, lines, run.ToString());
        StringAssert.StartsWith(lines[0], $"{board.ProjectPath} : error {code}: ");
        StringAssert.Contains(lines[0], messagePart);
        Assert.IsFalse(Directory.Exists(board.BootDirectory), "nothing may be written for a broken project");
    }
}

using Xen.Shm.Sdk.Tasks.Tests.Infrastructure;

namespace Xen.Shm.Sdk.Tasks.Tests.Tasks;

/// <summary>Bad input is the user's mistake: coded XSHM1xxx errors, never an internal error (XSHM9001).</summary>
[TestClass]
public sealed class LoadTopologyRobustnessTests
{
    [TestMethod]
    [DataRow("xen: { flavour: upstream\nhost: [\n", DisplayName = "unclosed flow mapping")]
    [DataRow("", DisplayName = "empty file")]
    [DataRow("- just\n- a list\n", DisplayName = "top level is a list")]
    [DataRow("xen: &a [*a]\n", DisplayName = "self-referencing alias")]
    public void BrokenYaml_IsACodedUserError(string yaml)
    {
        using var board = new BoardFolder(yaml);
        var engine = new FakeBuildEngine();
        var task = new LoadTopology { BuildEngine = engine, Topology = board.TopologyItem, BoardInputsFile = Path.Combine(board.IntermediateDirectory, "board.inputs") };

        Assert.IsFalse(task.Execute());
        Assert.IsNotEmpty(engine.Errors);
        Assert.IsTrue(engine.Errors.All(e => e.Code.StartsWith("XSHM1", StringComparison.Ordinal)),
            string.Join("\n", engine.Errors.Select(e => e.Code + " " + e.Message)));
    }
}

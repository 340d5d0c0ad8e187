using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>
/// No-op builds run no step; a changed input re-runs exactly the steps that depend on it
/// (guide msbuild-sdk.md §7; the log strings are MSBuild's own, as DacFx's IncrementalBuildTests assert).
/// </summary>
[TestClass]
public sealed class IncrementalBuildTests : BoardTestBase
{
    private static string Skipped(string target) => $"Skipping target \"{target}\" because all output files are up-to-date with respect to the input files.";
    private static string Built(string target) => $"Building target \"{target}\" completely.";

    [TestMethod]
    [DataRow("sdk-basic")]
    [DataRow("mmio-sram", DisplayName = "mmio-sram (board.dts, boot.scr)")]
    public void SecondBuild_SkipsEveryStep_TouchingTheYamlRerunsThem_ThenQuietAgain(string asset)
    {
        var board = BoardWorkspace.Create(TestContext, asset);
        board.Build().AssertSucceeded();

        var noop = board.Build();
        noop.AssertSucceeded();
        StringAssert.Contains(noop.DetailedLog, Skipped("XenShmLoadTopology"));
        StringAssert.Contains(noop.DetailedLog, Skipped("XenShmPackageBootImage"));

        board.Touch("board.yaml");
        var touched = board.Build();
        touched.AssertSucceeded();
        StringAssert.Contains(touched.DetailedLog, Built("XenShmLoadTopology"));
        StringAssert.Contains(touched.DetailedLog, Built("XenShmPackageBootImage"));
        StringAssert.Contains(touched.DetailedLog, "Input file \"board.yaml\" is newer than output file");

        // Outputs must end newer than inputs, or every later build would run the steps again.
        var again = board.Build();
        again.AssertSucceeded();
        StringAssert.Contains(again.DetailedLog, Skipped("XenShmLoadTopology"));
        StringAssert.Contains(again.DetailedLog, Skipped("XenShmPackageBootImage"));
    }

    [TestMethod]
    public void ChangedImage_RecopiesIt_WithoutReloadingTheTopology()
    {
        var board = BoardWorkspace.Create(TestContext, "sdk-basic");
        board.Build().AssertSucceeded();

        File.WriteAllText(Path.Combine(board.Directory, "images", "xen"), "a rebuilt xen\n");
        board.Touch("images/xen");
        var run = board.Build();

        run.AssertSucceeded();
        StringAssert.Contains(run.DetailedLog, Skipped("XenShmLoadTopology"));
        StringAssert.Contains(run.DetailedLog, Built("XenShmPackageBootImage"));
        Assert.AreEqual("a rebuilt xen\n", File.ReadAllText(Path.Combine(board.BootDirectory, "xen")));
        StringAssert.Contains(File.ReadAllText(Path.Combine(board.BootDirectory, "manifest.json")), "\"path\": \"xen\", \"size\": 14,");
    }

    [TestMethod]
    public void DeletedBootFile_IsRestoredByTheNextBuild()
    {
        var board = BoardWorkspace.Create(TestContext, "sdk-basic");
        board.Build().AssertSucceeded();
        File.Delete(Path.Combine(board.BootDirectory, "domU1", "Image"));

        var run = board.Build();

        run.AssertSucceeded();
        StringAssert.Contains(run.DetailedLog, Built("XenShmPackageBootImage"));
        CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(board.Directory, "images", "Image")),
            File.ReadAllBytes(Path.Combine(board.BootDirectory, "domU1", "Image")));
    }

    [TestMethod]
    public void NoOpBuild_ThenClean_StillRemovesEveryOutput()
    {
        // FileWrites must be recorded by the no-op build too (guide §8), or clean would miss the files.
        var board = BoardWorkspace.Create(TestContext, "sdk-basic");
        board.Build().AssertSucceeded();
        board.Build().AssertSucceeded();

        board.Clean().AssertSucceeded();

        Assert.IsEmpty(BoardWorkspace.Snapshot(board.BootDirectory));
        Assert.IsEmpty(BoardWorkspace.Snapshot(board.IntermediateDirectory));
    }

    [TestMethod]
    public void Rebuild_WithGraphAndParallelBuild_GivesTheSameBootFolder()
    {
        var board = BoardWorkspace.Create(TestContext, "sdk-basic");
        board.Build().AssertSucceeded();
        var first = BoardWorkspace.Snapshot(board.BootDirectory);

        var rebuild = board.Build("-t:Rebuild", "-graph", "-m");

        rebuild.AssertSucceeded();
        StringAssert.Contains(rebuild.DetailedLog, Built("XenShmLoadTopology"));
        StringAssert.Contains(rebuild.DetailedLog, Built("XenShmPackageBootImage"));
        var second = BoardWorkspace.Snapshot(board.BootDirectory);
        CollectionAssert.AreEqual(first.Keys.ToArray(), second.Keys.ToArray());
        foreach (var key in first.Keys) CollectionAssert.AreEqual(first[key], second[key], key);
    }
}

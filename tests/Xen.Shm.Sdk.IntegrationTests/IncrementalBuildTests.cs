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
    private static string Partial(string target) => $"Building target \"{target}\" partially";

    // The steps, in order (README "Targets"); XenShmWriteXlConfigs is a hook without Inputs/Outputs.
    private static readonly string[] s_steps =
        ["XenShmLoadTopology", "XenShmGenerateDts", "XenShmCompileDtb", "XenShmWriteBootScript", "XenShmPackageBootImage"];

    /// <summary>Each step in <paramref name="ran"/> ran (completely or partially), every other step was skipped as up to date.</summary>
    private static void AssertSteps(BuildRun run, params string[] ran)
    {
        foreach (string step in s_steps)
        {
            bool didRun = run.DetailedLog.Contains(Built(step), StringComparison.Ordinal) || run.DetailedLog.Contains(Partial(step), StringComparison.Ordinal);
            if (ran.Contains(step)) Assert.IsTrue(didRun, $"{step} should have run");
            else StringAssert.Contains(run.DetailedLog, Skipped(step), $"{step} should have been skipped");
        }
    }

    [TestMethod]
    [DataRow("sdk-basic")]
    [DataRow("mmio-sram", DisplayName = "mmio-sram (board.dts, boot.scr)")]
    public void SecondBuild_SkipsEveryStep_TouchingTheYamlRerunsThem_ThenQuietAgain(string asset)
    {
        var board = BoardWorkspace.Create(TestContext, asset);
        board.Build().AssertSucceeded();

        var noop = board.Build();
        noop.AssertSucceeded();
        AssertSteps(noop);

        // A touched YAML re-runs loading and generation; their outputs keep their bytes, so the
        // steps after them stay skipped.
        board.Touch("board.yaml");
        var touched = board.Build();
        touched.AssertSucceeded();
        AssertSteps(touched, "XenShmLoadTopology", "XenShmGenerateDts");
        StringAssert.Contains(touched.DetailedLog, "Input file \"board.yaml\" is newer than output file");

        // Outputs must end newer than inputs, or every later build would run the steps again.
        var again = board.Build();
        again.AssertSucceeded();
        AssertSteps(again);
    }

    [TestMethod]
    public void YamlReplacedByAnOlderFile_IsStillRebuilt()
    {
        // `cp -p`, unzip or a checkout can put a changed board.yaml in place with a time older than the
        // outputs; its content is an input too, so the change reaches the boot folder.
        var board = BoardWorkspace.Create(TestContext, "mmio-sram");
        board.Build().AssertSucceeded();
        string yaml = Path.Combine(board.Directory, "board.yaml");
        string text = File.ReadAllText(yaml);
        StringAssert.Contains(text, "clk_ignore_unused\"");
        File.WriteAllText(yaml, text.Replace("clk_ignore_unused\"", "clk_ignore_unused quiet\""));
        File.SetLastWriteTimeUtc(yaml, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var run = board.Build();

        run.AssertSucceeded();
        string hostDts = File.ReadAllText(Path.Combine(board.Directory, "obj", "Debug", "xenshm", "generated", "host.dts"));
        StringAssert.Contains(hostDts, "clk_ignore_unused quiet", "dom0's new bootargs are in /chosen");
        StringAssert.Contains(System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(board.BootDirectory, "host.dtb"))), "clk_ignore_unused quiet");
    }

    [TestMethod]
    public void ChangedXlDomUKernel_RerunsOnlyThePackaging()
    {
        // iomem-cacheable's xl guest1 gets its own kernel file (it shares dom0's otherwise).
        var board = BoardWorkspace.Create(TestContext, "iomem-cacheable");
        File.Copy(Path.Combine(board.Directory, "images", "Image"), Path.Combine(board.Directory, "images", "guest-Image"));
        string yaml = File.ReadAllText(board.YamlPath);
        int xl = yaml.IndexOf("kind: xl", StringComparison.Ordinal);
        File.WriteAllText(board.YamlPath, yaml[..xl] + yaml[xl..].Replace("kernel: images/Image", "kernel: images/guest-Image"));
        board.Build().AssertSucceeded();

        File.WriteAllText(Path.Combine(board.Directory, "images", "guest-Image"), "a rebuilt guest kernel\n");
        board.Touch("images/guest-Image");
        var run = board.Build();

        run.AssertSucceeded();
        AssertSteps(run, "XenShmPackageBootImage");
        Assert.AreEqual("a rebuilt guest kernel\n", File.ReadAllText(Path.Combine(board.BootDirectory, "etc", "xen", "guest1", "guest-Image")));
        StringAssert.Contains(File.ReadAllText(Path.Combine(board.BootDirectory, "manifest.json")), "\"path\": \"etc/xen/guest1/guest-Image\", \"size\": 23,");
    }

    [TestMethod]
    public void ChangedBoardDts_RerunsGenerateCompileScriptAndPackage_NotTheTopology()
    {
        var board = BoardWorkspace.Create(TestContext, "mmio-sram");
        board.Build().AssertSucceeded();
        string dts = Path.Combine(board.Directory, "board.dts");
        File.WriteAllText(dts, File.ReadAllText(dts) + "\n/ { pipeline-test = \"changed\"; };\n");
        board.Touch("board.dts");

        var run = board.Build();

        run.AssertSucceeded();
        AssertSteps(run, "XenShmGenerateDts", "XenShmCompileDtb", "XenShmWriteBootScript", "XenShmPackageBootImage");
        // Only host.dts changed: the partial build recompiles it, not domU1.dts.
        StringAssert.Contains(run.DetailedLog, Partial("XenShmCompileDtb"));
        AssertHostDtbHas(board, "pipeline-test = \"changed\";");
        var again = board.Build();
        again.AssertSucceeded();
        AssertSteps(again);
    }

    [TestMethod]
    public void ChangedIncludedFile_RecompilesTheHostDtb()
    {
        // /include/ files are inputs (the generator reports what the board source read, like grpc's .protodep).
        var board = BoardWorkspace.Create(TestContext, "mmio-sram");
        string dts = Path.Combine(board.Directory, "board.dts");
        File.WriteAllText(Path.Combine(board.Directory, "extra.dtsi"), "/ { pipeline-include = <1>; };\n");
        File.WriteAllText(dts, File.ReadAllText(dts) + "\n/include/ \"extra.dtsi\"\n");
        board.Build().AssertSucceeded();
        AssertHostDtbHas(board, "pipeline-include = <0x01>;");

        File.WriteAllText(Path.Combine(board.Directory, "extra.dtsi"), "/ { pipeline-include = <2>; };\n");
        board.Touch("extra.dtsi");
        var run = board.Build();

        run.AssertSucceeded();
        AssertSteps(run, "XenShmGenerateDts", "XenShmCompileDtb", "XenShmWriteBootScript", "XenShmPackageBootImage");
        AssertHostDtbHas(board, "pipeline-include = <0x02>;");
    }

    [TestMethod]
    public void ChangedBootScriptProperty_RerunsOnlyTheScriptAndPackaging()
    {
        var board = BoardWorkspace.Create(TestContext, "mmio-sram");
        board.Build().AssertSucceeded();

        var run = board.Build("-p:XenShmBootLoadCommand=tftpb");

        run.AssertSucceeded();
        AssertSteps(run, "XenShmWriteBootScript", "XenShmPackageBootImage");
        StringAssert.StartsWith(File.ReadAllText(Path.Combine(board.BootDirectory, "boot.source")), "tftpb 0x");
        AssertSteps(board.Build("-p:XenShmBootLoadCommand=tftpb"));
    }

    [TestMethod]
    public void ChangedBootCommand_ReplansAndSwapsXenUImageForXen()
    {
        var board = BoardWorkspace.Create(TestContext, "mmio-sram");
        board.Build().AssertSucceeded();

        var run = board.Build("-p:XenShmBootCommand=booti");

        run.AssertSucceeded();
        StringAssert.Contains(run.DetailedLog, Built("XenShmGenerateDts"));
        var boot = BoardWorkspace.Snapshot(board.BootDirectory);
        Assert.IsTrue(boot.ContainsKey("xen"));
        Assert.IsFalse(boot.ContainsKey("xen.uimg"), "never both (LAYOUT L1)");
        StringAssert.Contains(System.Text.Encoding.UTF8.GetString(boot["boot.source"]), "\nbooti 0x");
    }

    [TestMethod]
    public void InvalidBootCommand_IsXSHM8006_AtTheProjectFile()
    {
        var board = BoardWorkspace.Create(TestContext, "mmio-sram");

        var run = board.Build("-p:XenShmBootCommand=bootz");

        run.AssertFailed();
        var lines = run.DiagnosticLines("XSHM8006");
        Assert.HasCount(1, lines, run.ToString());
        StringAssert.StartsWith(lines[0], $"{board.ProjectPath} : error XSHM8006: XenShmBootCommand 'bootz'");
        Assert.IsFalse(Directory.Exists(board.BootDirectory), "nothing may be written for bad settings");
    }

    private static void AssertHostDtbHas(BoardWorkspace board, string line)
    {
        string dtc = ExternalTool.Require("dtc", "apt-get install device-tree-compiler (dtc 1.6.1)");
        var (exit, stdout, stderr) = ExternalTool.Run(dtc, "-q", "-I", "dtb", "-O", "dts", Path.Combine(board.BootDirectory, "host.dtb"));
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(System.Text.Encoding.UTF8.GetString(stdout), line);
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
    public void Clean_RemovesBootFolderAndGeneratedFiles_OfADeviceTreeBoard()
    {
        var board = BoardWorkspace.Create(TestContext, "mmio-sram", "clean");
        board.Build().AssertSucceeded();
        Assert.IsNotEmpty(BoardWorkspace.Snapshot(Path.Combine(board.IntermediateDirectory, "generated")));

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

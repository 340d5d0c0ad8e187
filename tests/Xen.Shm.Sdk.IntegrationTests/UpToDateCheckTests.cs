using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>
/// Visual Studio's fast up-to-date check (issue 14): after a build, UpToDateCheckInput is every file the
/// board names (found here from board.yaml, the project's XenShmDomainImage and board.dts's /include/s,
/// independently of the SDK) and nothing the steps' own dependency lists do not hold; UpToDateCheckBuilt
/// is the boot folder as it is on disk. The same inputs travel in the binlog; clean leaves no folder.
/// </summary>
[TestClass]
public sealed partial class UpToDateCheckTests : BoardTestBase
{
    // One board per shape (no board tree, dom0less with an /include/, xl, domain shm, images from a
    // ProjectReference): all ten testassets passed once (8 min on the loaded 2-core machine), too long for CI.
    [TestMethod]
    [DataRow("sdk-basic")]
    [DataRow("mmio-sram", true)]
    [DataRow("uio")]
    [DataRow("domain-shm")]
    [DataRow("image-from-project")]
    public void UpToDateItems_AreWhatTheStepsReadAndWrote(string asset, bool withInclude = false)
    {
        var board = BoardWorkspace.Create(TestContext, asset, withInclude ? "include" : null);
        if (withInclude) AddInclude(board);
        board.Build().AssertSucceeded();

        var (inputs, built) = ListItems(board);

        var named = NamedByTheBoard(board);
        Assert.IsEmpty(named.Except(inputs), "board files missing from UpToDateCheckInput:\n" + string.Join("\n", named.Except(inputs)));
        var stepLists = StepLists(board);
        Assert.IsEmpty(inputs.Except(stepLists), "UpToDateCheckInput holds files no step reads");
        Assert.IsEmpty(stepLists.Except(inputs), "files a step reads missing from UpToDateCheckInput");
        CollectionAssert.AreEquivalent(BoardWorkspace.Snapshot(board.BootDirectory).Keys.Select(k => Path.Combine(board.BootDirectory, k)).ToList(), built.ToList());

        // What the IDE compares: no input newer than the oldest boot-folder file, until one changes.
        Assert.IsTrue(inputs.Max(File.GetLastWriteTimeUtc) <= built.Min(File.GetLastWriteTimeUtc), "up to date after a build");
        string dts = named.FirstOrDefault(p => p.EndsWith(".dtsi", StringComparison.Ordinal)) ?? named.First();
        board.Touch(Path.GetRelativePath(board.Directory, dts));
        Assert.IsTrue(File.GetLastWriteTimeUtc(dts) > built.Min(File.GetLastWriteTimeUtc), "a touched input is newer than the boot folder");
    }

    [TestMethod]
    public void Binlog_HoldsEveryInput_AndCleanLeavesNoFolderOutsideBin()
    {
        var board = BoardWorkspace.Create(TestContext, "mmio-sram");
        AddInclude(board);
        File.WriteAllText(board.ProjectPath, """
            <Project Sdk="Xen.Shm.Sdk">
              <PropertyGroup><XenShmBootImageDir>out/boot-folder/</XenShmBootImageDir></PropertyGroup>
            </Project>
            """);
        board.Build().AssertSucceeded();
        string binlog = Path.Combine(board.Directory, "imports.binlog");
        var run = DotnetCli.Run(board.Directory, new Dictionary<string, string> { ["NUGET_PACKAGES"] = SdkFeed.PackagesDirectory },
            "build", board.ProjectFile, "-nr:false", "--disable-build-servers", "-nologo", "--no-restore", $"-bl:{binlog};ProjectImports=ZipFile");
        Assert.AreEqual(0, run.ExitCode, run.ToString());

        using (var zip = ZipFile.OpenRead(Path.ChangeExtension(binlog, ".ProjectImports.zip")))
        {
            var embedded = zip.Entries.Select(e => "/" + e.FullName.Replace('\\', '/').TrimStart('/')).ToHashSet(StringComparer.Ordinal);
            var missing = NamedByTheBoard(board).Where(p => !embedded.Contains(p)).ToList();
            Assert.IsEmpty(missing, "not in the binlog:\n" + string.Join("\n", missing));
        }

        string bootFolder = Path.Combine(board.Directory, "out", "boot-folder");
        Assert.IsTrue(File.Exists(Path.Combine(bootFolder, "domU1", "domU1.dtb")));
        board.Clean().AssertSucceeded();
        Assert.IsFalse(Directory.Exists(bootFolder), "clean removes the boot folder's now-empty folders");
        Assert.IsTrue(Directory.Exists(Path.Combine(board.Directory, "out")), "but not a folder the build did not make");
    }

    /// <summary>board.dts gets an /include/ of a file of its own (no testasset has one outside the QEMU boards).</summary>
    private static void AddInclude(BoardWorkspace board)
    {
        File.WriteAllText(Path.Combine(board.Directory, "extra.dtsi"), "/ { xen-shm-test-include; };\n");
        File.AppendAllText(Path.Combine(board.Directory, "board.dts"), "/include/ \"extra.dtsi\"\n");
    }

    private static (HashSet<string> Inputs, HashSet<string> Built) ListItems(BoardWorkspace board)
    {
        var run = DotnetCli.Run(board.Directory, new Dictionary<string, string> { ["NUGET_PACKAGES"] = SdkFeed.PackagesDirectory },
            "msbuild", board.ProjectFile, "-nologo", "-t:XenShmCollectUpToDateCheckItems", "-getItem:UpToDateCheckInput", "-getItem:UpToDateCheckBuilt");
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        HashSet<string> Get(string item) => json.RootElement.GetProperty("Items").GetProperty(item).EnumerateArray()
            .Where(i => i.GetProperty("Set").GetString() == "XenShm")
            .Select(i => i.GetProperty("FullPath").GetString()!).ToHashSet(StringComparer.Ordinal);
        return (Get("UpToDateCheckInput"), Get("UpToDateCheckBuilt"));
    }

    /// <summary>board.yaml, the paths it names, the project's XenShmDomainImage files, and the .dts files' /include/s.</summary>
    private static HashSet<string> NamedByTheBoard(BoardWorkspace board)
    {
        var named = new HashSet<string>(StringComparer.Ordinal) { board.YamlPath };
        foreach (Match m in YamlPath().Matches(File.ReadAllText(board.YamlPath)))
            named.Add(Path.GetFullPath(Path.Combine(board.Directory, m.Groups[1].Value)));
        foreach (Match m in ItemPath().Matches(File.ReadAllText(board.ProjectPath)))
            named.Add(Path.GetFullPath(Path.Combine(board.Directory, m.Groups[1].Value.Replace("$(Configuration)", "Debug"))));
        foreach (string dts in named.Where(p => p.EndsWith(".dts", StringComparison.Ordinal)).ToList())
            foreach (Match m in DtsInclude().Matches(File.ReadAllText(dts)))
                named.Add(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(dts)!, m.Groups[1].Value)));
        return named;
    }

    /// <summary>Every file the steps' lists hold, outside the build's own obj/ folder, plus the topology.</summary>
    private static HashSet<string> StepLists(BoardWorkspace board)
    {
        var files = new HashSet<string>(StringComparer.Ordinal) { board.YamlPath };
        foreach (string list in new[] { "board.inputs", "generate.deps", "bootscript.deps", "package.inputs" })
        {
            string path = Path.Combine(board.IntermediateDirectory, list);
            if (!File.Exists(path)) continue;
            files.UnionWith(File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith(board.IntermediateDirectory + "/", StringComparison.Ordinal)));
        }
        return files;
    }

    [GeneratedRegex(@"^\s*(?:-\s*)?(?:kernel|ramdisk|image|deviceTree):\s*([^\s#]+)", RegexOptions.Multiline)]
    private static partial Regex YamlPath();

    [GeneratedRegex("<XenShmDomainImage Include=\"([^\"]+)\"")]
    private static partial Regex ItemPath();

    [GeneratedRegex("/include/\\s+\"([^\"]+)\"")]
    private static partial Regex DtsInclude();
}

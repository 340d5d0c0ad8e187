using System.Security.Cryptography;
using System.Text;
using Xen.Shm.Sdk.IntegrationTests.Expected;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>
/// Issue 7 end to end: a default `dotnet build` of every scenario testasset through the packed SDK
/// gives exactly the boot folder its testassets/&lt;scenario&gt;/expected/ describes, each file pinned
/// by a real reference — the images it copies, real dtc 1.6.1's compile of the checked-in DTS, the
/// checked-in xl files and hand-derived boot.source (expected/README.md), real mkimage's boot.scr
/// and xen.uimg, and a manifest recomputed here. One build per scenario (ScenarioBuilds).
/// </summary>
[TestClass]
public sealed class ExpectedBootFolderTests
{
    private static readonly ScenarioBuilds s_builds = new();
    private static bool s_keepBuilds;

    public TestContext TestContext { get; set; } = null!;

    [TestCleanup]
    public void NoteOutcome()
    {
        if (TestContext.CurrentTestOutcome is not (UnitTestOutcome.Passed or UnitTestOutcome.Inconclusive)) s_keepBuilds = true;
    }

    [ClassCleanup]
    public static void DeleteBuilds()
    {
        if (!s_keepBuilds) s_builds.Delete();
    }

    /// <summary>Every scenario testasset (ExpectedScenario.All), one row each.</summary>
    public static IEnumerable<object[]> Scenarios => ExpectedScenario.All.Keys.Select(name => new object[] { name });

    private (ExpectedScenario Expected, BoardWorkspace Board) Build(string scenario) =>
        (ExpectedScenario.All[scenario], s_builds.Get(TestContext, scenario));

    [TestMethod]
    [DynamicData(nameof(Scenarios))]
    public void BootFolder_HoldsExactlyTheExpectedFiles(string scenario)
    {
        var (expected, board) = Build(scenario);

        var actual = BoardWorkspace.Snapshot(board.BootDirectory).Keys.ToArray();

        CollectionAssert.AreEqual(expected.BootFiles().ToArray(), actual,
            $"expected: {string.Join(", ", expected.BootFiles())}\nactual:   {string.Join(", ", actual)}");
    }

    [TestMethod]
    [DynamicData(nameof(Scenarios))]
    public void Copies_EqualTheImagesTheyComeFrom(string scenario)
    {
        var (expected, board) = Build(scenario);

        foreach (var (path, source) in expected.Copies)
        {
            string copy = Path.Combine(board.BootDirectory, path);
            Assert.IsTrue(File.Exists(copy), $"{path} missing");
            CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(board.Directory, source)), File.ReadAllBytes(copy), path);
        }
    }

    [TestMethod]
    [DynamicData(nameof(Scenarios))]
    public void GeneratedSources_EqualTheExpectedOnes(string scenario)
    {
        var (expected, board) = Build(scenario);
        var generated = BoardWorkspace.Snapshot(GeneratedDirectory(board));

        var sources = expected.Files().Where(f => ExpectedScenario.IsSource(f.Key)).ToList();

        Assert.IsNotEmpty(sources);
        foreach (var (path, bytes) in sources)
        {
            Assert.IsTrue(generated.ContainsKey(path), $"{path} missing in obj/Debug/xenshm/generated/; it has: {string.Join(", ", generated.Keys)}");
            Assert.AreEqual(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(generated[path]), path);
        }
    }

    [TestMethod]
    [DynamicData(nameof(Scenarios))]
    public void Dtbs_EqualRealDtcOfTheExpectedSources(string scenario)
    {
        string dtc = ExternalTool.Require("dtc", "apt-get install device-tree-compiler (dtc 1.6.1)");
        var (expected, board) = Build(scenario);
        string work = Directory.CreateTempSubdirectory("xen-shm-expected-dtb-").FullName;
        try
        {
            foreach (var path in expected.Files().Keys.Where(ExpectedScenario.IsSource))
            {
                var compiled = ExternalTool.Run(dtc, "-q", "-I", "dts", "-O", "dtb", Path.Combine(expected.Directory, path));
                Assert.AreEqual(0, compiled.ExitCode, compiled.Stderr);
                string reference = Path.Combine(work, "reference.dtb");
                File.WriteAllBytes(reference, compiled.Stdout);

                // The boot folder ships each DTB (not the overlay: src/Xen.Shm.Sdk/README.md); obj/…/generated/ holds all, beside their sources.
                string blob = Path.ChangeExtension(path, path.EndsWith(".dtso", StringComparison.Ordinal) ? ".dtbo" : ".dtb");
                var ours = new List<string> { Path.Combine(GeneratedDirectory(board), blob) };
                if (!blob.EndsWith(".dtbo", StringComparison.Ordinal)) ours.Add(Path.Combine(board.BootDirectory, blob));
                foreach (string file in ours)
                {
                    Assert.IsTrue(File.Exists(file), $"{file} missing");
                    Assert.AreEqual(Decompile(dtc, reference), Decompile(dtc, file), $"dtc -I dtb -O dts of {file}");
                    CollectionAssert.AreEqual(compiled.Stdout, File.ReadAllBytes(file), file);
                }
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [TestMethod]
    [DynamicData(nameof(Scenarios))]
    public void XlFilesAndBootSource_EqualTheCheckedInOnes(string scenario)
    {
        var (expected, board) = Build(scenario);

        var files = expected.Files().Where(f => !ExpectedScenario.IsSource(f.Key)).ToList();

        CollectionAssert.Contains(files.Select(f => f.Key).ToList(), "boot.source");
        foreach (var (path, bytes) in files)
        {
            string built = Path.Combine(board.BootDirectory, path);
            Assert.IsTrue(File.Exists(built), $"{path} missing");
            Assert.AreEqual(Encoding.UTF8.GetString(bytes), File.ReadAllText(built), path);
        }
    }

    [TestMethod]
    [DynamicData(nameof(Scenarios))]
    public void BootScr_EqualsRealMkimageOfTheExpectedSource(string scenario)
    {
        var (expected, board) = Build(scenario);

        string listed = AssertEqualsMkimage(board, "script", expected.BootScriptAddress, Path.Combine(expected.Directory, "boot.source"), "boot.scr");

        StringAssert.Contains(listed, "Image Type:   AArch64 Linux Script (uncompressed)");
    }

    [TestMethod]
    [DynamicData(nameof(Scenarios))]
    public void XenUimg_EqualsRealMkimageOfXen(string scenario)
    {
        var (expected, board) = Build(scenario);

        string listed = AssertEqualsMkimage(board, "kernel", expected.XenRunAddress, Path.Combine(board.Directory, "images", "xen"), "xen.uimg");

        StringAssert.Contains(listed, "Image Type:   AArch64 Linux Kernel Image (uncompressed)");
    }

    [TestMethod]
    [DynamicData(nameof(Scenarios))]
    public void Manifest_ListsTheExpectedFilesWithTheirSizesHashesAndLoadAddresses(string scenario)
    {
        var (expected, board) = Build(scenario);
        var loads = expected.LoadAddresses();

        var entries = ManifestJson.ReadFolder(board.BootDirectory);

        CollectionAssert.AreEqual(expected.BootFiles().Where(p => p != "manifest.json").ToArray(), entries.Select(e => e.Path).ToArray());
        foreach (var e in entries)
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(board.BootDirectory, e.Path));
            Assert.AreEqual(bytes.LongLength, e.Size, e.Path);
            Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(bytes)), e.Sha256, e.Path);
            string? address = e.Path == "boot.scr" ? ExpectedScenario.Hex(expected.BootScriptAddress) : loads.GetValueOrDefault(e.Path);
            Assert.AreEqual(address, e.LoadAddress, e.Path);
        }

        // Every load line names a listed file.
        CollectionAssert.IsSubsetOf(loads.Keys.ToList(), entries.Select(e => e.Path).ToList());
    }

    private static string GeneratedDirectory(BoardWorkspace board) => Path.Combine(board.IntermediateDirectory, "generated");

    /// <summary>
    /// The boot folder's <paramref name="image"/> has the bytes of `mkimage -A arm64 -O linux -T
    /// <paramref name="type"/> -C none -a A -e A -d <paramref name="input"/>` run with the build's
    /// SOURCE_DATE_EPOCH; their `mkimage -l` listings are compared first, for a readable difference.
    /// Returns the listing.
    /// </summary>
    private static string AssertEqualsMkimage(BoardWorkspace board, string type, ulong address, string input, string image)
    {
        string mkimage = ExternalTool.Require("mkimage", "apt-get install u-boot-tools");
        string reference = Path.Combine(board.Directory, "reference-" + image);
        string a = ExpectedScenario.Hex(address);
        using (ScenarioBuilds.WithSourceDateEpoch())
        {
            var made = ExternalTool.Run(mkimage, "-A", "arm64", "-O", "linux", "-T", type, "-C", "none", "-a", a, "-e", a, "-d", input, reference);
            Assert.AreEqual(0, made.ExitCode, made.Stderr);
        }

        string ours = Path.Combine(board.BootDirectory, image);
        string listed = List(mkimage, ours);
        Assert.AreEqual(List(mkimage, reference), listed, $"mkimage -l {image}");
        CollectionAssert.AreEqual(File.ReadAllBytes(reference), File.ReadAllBytes(ours), image);
        return listed;
    }

    /// <summary>`mkimage -l`: the header as U-Boot reads it (name, time, type, sizes, addresses).</summary>
    private static string List(string mkimage, string image)
    {
        var run = ExternalTool.Run(mkimage, "-l", image);
        Assert.AreEqual(0, run.ExitCode, run.Stderr);
        return Encoding.UTF8.GetString(run.Stdout);
    }

    private static string Decompile(string dtc, string dtb)
    {
        var run = ExternalTool.Run(dtc, "-q", "-I", "dtb", "-O", "dts", dtb);
        Assert.AreEqual(0, run.ExitCode, run.Stderr);
        return Encoding.UTF8.GetString(run.Stdout);
    }
}

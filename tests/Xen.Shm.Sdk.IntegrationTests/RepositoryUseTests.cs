using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>
/// Issue 14, as a user outside the repository: `dotnet pack Xen.Shm.Sdk.sln` makes the shippable packages
/// with their metadata, and README's "Use it in your repository" recipe (its nuget.config, global.json,
/// board project and dirs.proj, taken from the README text) builds two boards with -m -graph.
/// </summary>
[TestClass]
public sealed partial class RepositoryUseTests : BoardTestBase
{
    private static string s_root = string.Empty;
    private static string s_version = string.Empty;
    private static CliResult? s_pack;

    private static string Feed => Path.Combine(s_root, "feed");

    [ClassInitialize]
    public static void PackSolution(TestContext _)
    {
        s_version = "0.0.1-repo." + Guid.NewGuid().ToString("N")[..8];
        s_root = Path.Combine(SdkFeed.RunDirectory, "repository-use");
        SdkFeed.TryDelete(s_root);
        s_pack = DotnetCli.Run(RepositoryRoot.Path, new Dictionary<string, string>(), TimeSpan.FromMinutes(20),
            "pack", RepositoryRoot.Combine("Xen.Shm.Sdk.sln"), "-c", "Release", "-o", Feed,
            "--artifacts-path", Path.Combine(s_root, "build"), "-p:PackageVersion=" + s_version,
            "-nr:false", "--disable-build-servers", "-v:q", "-nologo");
    }

    [ClassCleanup]
    public static void Cleanup() => SdkFeed.TryDelete(s_root);

    [TestMethod]
    public void PackSolution_MakesEveryShippablePackage_WithCompleteMetadata()
    {
        Assert.AreEqual(0, s_pack!.ExitCode, s_pack.ToString());
        var files = Directory.GetFiles(Feed).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(new[]
        {
            $"Xen.Shm.Dtc.{s_version}.nupkg", $"Xen.Shm.Dtc.{s_version}.snupkg", $"Xen.Shm.Sdk.{s_version}.nupkg",
            $"Xen.Shm.Templates.{s_version}.nupkg",
        }, files, string.Join(", ", files));

        var sdk = Nuspec("Xen.Shm.Sdk", out var sdkEntries);
        Assert.AreEqual("MSBuildSdk", PackageType(sdk));
        CollectionAssert.Contains(sdkEntries, "schema/xen-shm-topology.schema.json");
        CollectionAssert.Contains(sdkEntries, "tasks/netstandard2.0/Xen.Shm.Sdk.Tasks.dll");
        var dtc = Nuspec("Xen.Shm.Dtc", out var dtcEntries);
        Assert.AreEqual("DotnetTool", PackageType(dtc));
        CollectionAssert.Contains(dtcEntries, "tools/net10.0/any/xdtc.dll");
        var templates = Nuspec("Xen.Shm.Templates", out var templateEntries);
        Assert.AreEqual("Template", PackageType(templates));
        CollectionAssert.Contains(templateEntries, "content/xen-board/.template.config/template.json");
        CollectionAssert.Contains(templateEntries, "content/xen-board/.gitignore");
        foreach (var nuspec in new[] { sdk, dtc, templates })
        {
            Assert.AreEqual("MIT", Meta(nuspec, "license"));
            Assert.AreEqual("expression", nuspec.Descendants().Single(e => e.Name.LocalName == "license").Attribute("type")?.Value);
            Assert.AreEqual("README.md", Meta(nuspec, "readme"));
            Assert.IsFalse(string.IsNullOrWhiteSpace(Meta(nuspec, "description")));
            Assert.IsFalse(string.IsNullOrWhiteSpace(Meta(nuspec, "authors")));
            var repository = nuspec.Descendants().Single(e => e.Name.LocalName == "repository");
            Assert.AreEqual("git", repository.Attribute("type")?.Value);
            // Known from git (the .NET SDK's Source Link); a checkout without .git has none to give.
            if (Path.Exists(RepositoryRoot.Combine(".git")))
                StringAssert.Matches(repository.Attribute("commit")?.Value ?? "", CommitPattern(), "the commit packed from");
        }
    }

    [TestMethod]
    public void ReadmeRecipe_BuildsTwoBoardsWithDirsProj_MinusMGraph_AndCleansThem()
    {
        Assert.AreEqual(0, s_pack!.ExitCode, s_pack.ToString());
        string repo = WriteRepository(withGlobalJson: true);

        var build = Dotnet(repo, "build", "dirs.proj", "-m:2", "-graph");
        Assert.AreEqual(0, build.ExitCode, build.ToString());
        foreach (string name in Boards)
        {
            string boot = Path.Combine(repo, "boards", name, "bin", "Debug", "boot");
            StringAssert.Contains(build.Output, $"{name} -> {boot}{Path.DirectorySeparatorChar}");
            ManifestJson.AssertDescribesFolder(boot);
            Assert.IsTrue(File.Exists(Path.Combine(repo, "boards", name, "obj", "xen-shm-topology.schema.json")), "schema beside the board");
        }

        var clean = Dotnet(repo, "clean", "dirs.proj");
        Assert.AreEqual(0, clean.ExitCode, clean.ToString());
        foreach (string name in Boards)
            Assert.IsFalse(Directory.Exists(Path.Combine(repo, "boards", name, "bin", "Debug", "boot")), name);
    }

    [TestMethod]
    public void WithoutTheGlobalJsonPin_TheSdkIsNotFound()
    {
        // Negative control: the pin is what names the version.
        Assert.AreEqual(0, s_pack!.ExitCode, s_pack.ToString());
        string repo = WriteRepository(withGlobalJson: false);

        var build = Dotnet(repo, "build", "dirs.proj");

        Assert.AreNotEqual(0, build.ExitCode, build.ToString());
        foreach (string name in Boards)
            Assert.IsFalse(Directory.Exists(Path.Combine(repo, "boards", name, "bin")), name);
    }

    [TestMethod]
    public void Template_EveryOptionCombination_BuildsABootFolder()
    {
        var boards = s_templateBoards.Value;
        Assert.AreEqual(0, boards.Build.ExitCode, boards.Build.ToString());
        foreach (string board in boards.Folders)
        {
            var entries = ManifestJson.AssertDescribesFolder(Path.Combine(board, "bin", "Debug", "boot"));
            CollectionAssert.Contains(entries.Select(e => e.Path).ToList(), "host.dtb", board);
            Assert.IsTrue(File.Exists(Path.Combine(board, "obj", "xen-shm-topology.schema.json")), "the schema line resolves: " + board);
        }
    }

    /// <summary>Every option combination of `dotnet new xen-board`, instantiated and built once for the tests that use them.</summary>
    private sealed record TemplateBoards(IReadOnlyList<string> Folders, CliResult Build);

    private static readonly Lazy<TemplateBoards> s_templateBoards = new(InstantiateAndBuildTemplateBoards);

    private static TemplateBoards InstantiateAndBuildTemplateBoards()
    {
        Assert.AreEqual(0, s_pack!.ExitCode, s_pack.ToString());
        string repo = WriteRepository("template-boards", withGlobalJson: false, boards: []);
        // A private CLI home: the template is installed for this test only, not on the machine.
        var env = new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = Path.Combine(repo, ".cli-home"), ["NUGET_PACKAGES"] = Path.Combine(s_root, "packages") };
        var install = DotnetCli.Run(repo, env, "new", "install", Path.Combine(Feed, $"Xen.Shm.Templates.{s_version}.nupkg"));
        Assert.AreEqual(0, install.ExitCode, install.ToString());
        var folders = new List<string>();
        foreach (string mechanism in new[] { "mmio-sram", "uio" })
            foreach (string flavour in new[] { "upstream", "xilinx" })
                foreach (string version in new[] { "4.17", "4.19" })
                {
                    string name = $"{mechanism}-{flavour}-{version}".Replace('.', '_');
                    var created = DotnetCli.Run(Path.Combine(repo, "boards"), env, "new", "xen-board", "-n", name,
                        "--mechanism", mechanism, "--xenFlavour", flavour, "--xenVersion", version);
                    Assert.AreEqual(0, created.ExitCode, created.ToString());
                    string yaml = File.ReadAllText(Path.Combine(repo, "boards", name, "board.yaml"));
                    StringAssert.StartsWith(yaml, "# yaml-language-server: $schema=obj/xen-shm-topology.schema.json\n");
                    StringAssert.Contains(yaml, $"flavour: {flavour} ");
                    StringAssert.Contains(yaml, $"version: \"{version}\"");
                    StringAssert.Contains(yaml, $"mechanism: {mechanism}\n");
                    Assert.IsTrue(File.Exists(Path.Combine(repo, "boards", name, ".gitignore")), name);
                    folders.Add(Path.Combine(repo, "boards", name));
                }

        // Each board carries its own global.json (the SDK version the templates package was packed with).
        var build = DotnetCli.Run(repo, env, "build", "dirs.proj", "-m:2", "-nr:false", "--disable-build-servers", "-nologo");
        return new TemplateBoards(folders, build);
    }

    private static readonly string[] Boards = { "sdk-basic", "mmio-sram" };

    /// <summary>A folder outside the checkout laid out as the README says, the README's files with &lt;feed&gt; and the pinned version filled in.</summary>
    private string WriteRepository(bool withGlobalJson, string[]? boards = null) => WriteRepository(TestContext.TestName!, withGlobalJson, boards);

    private static string WriteRepository(string folder, bool withGlobalJson, string[]? boards = null)
    {
        var blocks = ReadmeBlocks();
        string repo = Path.Combine(s_root, folder);
        SdkFeed.TryDelete(repo);
        Directory.CreateDirectory(repo);
        File.WriteAllText(Path.Combine(repo, "nuget.config"), blocks[0].Replace("<feed>", Feed));
        if (withGlobalJson)
        {
            // The README pins the version command 1 packs; this feed holds the test's own version.
            var pin = JsonNode.Parse(blocks[1])!.AsObject();
            pin["msbuild-sdks"]!["Xen.Shm.Sdk"] = s_version;
            // The checkout's .NET SDK pin too, as a repository would have its own.
            if (JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("global.json")))?["sdk"] is JsonNode sdk) pin["sdk"] = sdk.DeepClone();
            File.WriteAllText(Path.Combine(repo, "global.json"), pin.ToJsonString());
        }
        File.WriteAllText(Path.Combine(repo, "dirs.proj"), blocks[3]);
        Directory.CreateDirectory(Path.Combine(repo, "boards"));
        foreach (string name in boards ?? Boards)
        {
            string dir = Path.Combine(repo, "boards", name);
            foreach (string file in Directory.EnumerateFiles(RepositoryRoot.Combine("testassets", name), "*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(RepositoryRoot.Combine("testassets", name), file);
                if (relative.EndsWith("proj", StringComparison.Ordinal) || relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal)) continue;
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, relative))!);
                File.Copy(file, Path.Combine(dir, relative));
            }
            File.WriteAllText(Path.Combine(dir, name + ".proj"), blocks[2]);
        }
        return repo;
    }

    /// <summary>The code blocks of README's "Use it in your repository" section, in order.</summary>
    private static List<string> ReadmeBlocks()
    {
        string readme = File.ReadAllText(RepositoryRoot.Combine("README.md"));
        int start = readme.IndexOf("### Use it in your repository", StringComparison.Ordinal);
        int end = readme.IndexOf("\n### ", start + 10, StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, "README lacks the section");
        var blocks = CodeBlock().Matches(readme[start..end]).Select(m => m.Groups[1].Value).ToList();
        Assert.HasCount(4, blocks, "nuget.config, global.json, board project, dirs.proj");
        return blocks;
    }

    private static CliResult Dotnet(string dir, params string[] args) =>
        DotnetCli.Run(dir, new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(s_root, "packages") },
            [.. args, "-nr:false", "--disable-build-servers", "-nologo"]);

    private static XElement Nuspec(string id, out List<string> entries)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(Feed, $"{id}.{s_version}.nupkg"));
        entries = zip.Entries.Select(e => e.FullName).ToList();
        using var stream = zip.GetEntry(id + ".nuspec")!.Open();
        return XElement.Load(stream);
    }

    private static string? Meta(XElement nuspec, string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    private static string? PackageType(XElement nuspec) =>
        nuspec.Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")?.Value;

    [GeneratedRegex("```(?:xml|json)\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitPattern();
}

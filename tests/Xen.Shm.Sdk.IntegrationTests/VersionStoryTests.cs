using System.Text.RegularExpressions;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>
/// Issue 19 item 6: one version story. The version the READMEs tell users to write
/// (<c>Sdk="Xen.Shm.Sdk/X"</c>, global.json's msbuild-sdks) is the one README command 1
/// (testassets/build-sample.proj) packs into artifacts/feed and the package's own VersionPrefix;
/// the README says how to use that feed from a folder of one's own.
/// </summary>
[TestClass]
public sealed class VersionStoryTests
{
    private static readonly string[] Readmes = ["README.md", "src/Xen.Shm.Sdk/README.md", "src/Tasks/Xen.Shm.Topology/README.md"];

    private static string Read(string path) => File.ReadAllText(RepositoryRoot.Combine(path.Split('/')));

    [TestMethod]
    public void ReadmeVersion_IsTheVersionCommandOnePacks()
    {
        string prefix = Regex.Match(Read("Directory.Build.props"), "<VersionPrefix>([^<]+)</VersionPrefix>").Groups[1].Value;
        string sample = Regex.Match(Read("testassets/build-sample.proj"),
            @"<XenShmSampleSdkVersion Condition=""[^""]*"">([^<]+)</XenShmSampleSdkVersion>").Groups[1].Value;
        Assert.AreEqual(prefix, sample, "build-sample.proj packs another version than the package's");

        var named = Readmes.SelectMany(r => Regex.Matches(Read(r), @"Sdk=""Xen\.Shm\.Sdk/([^""]+)""|""Xen\.Shm\.Sdk"": ""([^""]+)""")
                .Select(m => (r, Version: m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)))
            .ToList();
        Assert.IsNotEmpty(named);
        foreach (var (readme, version) in named)
            Assert.AreEqual(sample, version, $"{readme} names Xen.Shm.Sdk/{version}, command 1 packs {sample}");
    }

    [TestMethod]
    public void Readme_SaysHowToUseTheFeedFromAnotherFolder()
    {
        string readme = Read("README.md");
        int at = readme.IndexOf("### Use it from your own folder", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, at);
        string section = readme[at..readme.IndexOf("\n## ", at, StringComparison.Ordinal)];
        StringAssert.Contains(section, "artifacts/feed");
        StringAssert.Contains(section, "dotnet nuget add source");
        StringAssert.Contains(section, "MSB4236");
    }
}

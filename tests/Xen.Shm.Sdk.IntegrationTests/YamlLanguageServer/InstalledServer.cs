using System.Security.Cryptography;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests.YamlLanguageServer;

/// <summary>
/// The yaml-language-server prepare.sh installed: the cache folder keyed by this checkout's
/// package-lock.json (the same key the script computes), and node on PATH. Missing: the test fails
/// and names the script (CI runs it; a skipped editor check would pass for nothing).
/// </summary>
internal sealed record InstalledServer(string Node, string Script, string Version)
{
    private static readonly string s_folder = RepositoryRoot.Combine("tests", "Xen.Shm.Sdk.IntegrationTests", "YamlLanguageServer");
    private static string PrepareScript => Path.Combine(s_folder, "prepare.sh");

    public static InstalledServer Require()
    {
        string key = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(s_folder, "package-lock.json"))))[..16];
        string cacheHome = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        string cache = Path.Combine(cacheHome, "xen-shm-sdk", "yaml-language-server", key);
        string prepared = Path.Combine(cache, "prepared.txt");
        if (!File.Exists(prepared))
            Assert.Fail($"yaml-language-server is not installed in {cache}: run `bash {PrepareScript}` (CI's .ci/run does)");
        string version = File.ReadLines(prepared).Single(l => l.StartsWith("yaml_language_server=", StringComparison.Ordinal)).Split('=', 2)[1];
        string script = Path.Combine(cache, "node_modules", "yaml-language-server", "bin", "yaml-language-server");
        return new InstalledServer(FindNode(), script, version);
    }

    private static string FindNode()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, "node"))) return Path.Combine(dir, "node");
        }

        Assert.Fail($"node is not on PATH: run `bash {PrepareScript}` (it installs Debian's nodejs when missing)");
        return "node";
    }
}

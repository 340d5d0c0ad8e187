using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Boot.Tests.Sdk;

/// <summary>
/// src/Xen.Shm.Sdk packed into a local feed, on first use (runs without boots pay nothing). The version is
/// 0.0.1-boot.&lt;hash of every input of the pack&gt; (src/**, the repository's Directory.*.props/targets and
/// global.json), so a version names one content: the pack is kept in a cache outside the repository and reused
/// while the sources are unchanged, and an extracted package of that version can never be stale (guide
/// msbuild-sdk.md §12.3). Each test process still restores into its own fresh NUGET_PACKAGES.
/// </summary>
public static class PackedSdk
{
    /// <summary>Cache of packed feeds; default $XDG_CACHE_HOME (or ~/.cache)/xen-shm-sdk/boot-sdk.</summary>
    public const string DirectoryVariable = "XSHM_BOOT_SDK_DIR";

    private static readonly Lazy<(Feed? Feed, string Problem)> s_feed = new(Pack, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <param name="PackTime">zero when an earlier run's pack of the same sources was reused</param>
    public sealed record Feed(string FeedDirectory, string PackagesDirectory, string Version, TimeSpan PackTime);

    /// <summary>The packed feed; throws (the test fails) with dotnet pack's output when packing failed.</summary>
    public static Feed Require()
    {
        var (feed, problem) = s_feed.Value;
        return feed ?? throw new InvalidOperationException(problem);
    }

    private static (Feed?, string) Pack()
    {
        var version = "0.0.1-boot." + SourceHash()[..16];
        var root = Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } custom ? custom : DefaultRoot();
        var feedDir = Path.Combine(root, version);
        var packages = Path.Combine(Path.GetTempPath(), "xshm-boot-packages-" + Guid.NewGuid().ToString("N"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(packages);
        var nupkg = $"Xen.Shm.Sdk.{version}.nupkg";
        if (File.Exists(Path.Combine(feedDir, nupkg))) return (new Feed(feedDir, packages, version, TimeSpan.Zero), "");

        // Pack into a private folder, then move it into place whole: a concurrent run sees all or nothing.
        Directory.CreateDirectory(root);
        var temp = feedDir + ".tmp-" + Guid.NewGuid().ToString("N");
        var clock = Stopwatch.StartNew();
        try
        {
            // --artifacts-path: compiles outside the checkout's bin/obj (no race with a solution build).
            var pack = DotnetCli.Run(RepositoryRoot.Path, new Dictionary<string, string>(), TimeSpan.FromMinutes(20),
                "pack", RepositoryRoot.Combine("src", "Xen.Shm.Sdk", "Xen.Shm.Sdk.csproj"),
                "-c", "Release", "-o", Path.Combine(temp, "feed"), "--artifacts-path", Path.Combine(temp, "build"),
                "-p:XenShmPackageVersion=" + version, "-nr:false", "--disable-build-servers", "-v:q", "-nologo");
            if (pack.ExitCode != 0 || !File.Exists(Path.Combine(temp, "feed", nupkg))) return (null, "packing the SDK failed: " + pack);
            try { Directory.Move(Path.Combine(temp, "feed"), feedDir); }
            catch (IOException) when (File.Exists(Path.Combine(feedDir, nupkg))) { } // a concurrent run was first
            return (new Feed(feedDir, packages, version, clock.Elapsed), "");
        }
        finally { TryDelete(temp); }
    }

    private static string DefaultRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var cache = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "xen-shm-sdk", "boot-sdk");
    }

    /// <summary>SHA-256 over the relative path and bytes of every pack input, in ordinal path order.</summary>
    private static string SourceHash()
    {
        var repo = RepositoryRoot.Path;
        var files = Directory.EnumerateFiles(Path.Combine(repo, "src"), "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(repo, f).Replace('\\', '/').Split('/').Any(part => part is "bin" or "obj"))
            .Concat(new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "nuget.config" }
                .Select(n => Path.Combine(repo, n)).Where(File.Exists))
            .Select(f => (Relative: Path.GetRelativePath(repo, f).Replace('\\', '/'), Full: f))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (relative, full) in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(relative + "\n"));
            var bytes = File.ReadAllBytes(full);
            sha.AppendData(BitConverter.GetBytes((long)bytes.Length));
            sha.AppendData(bytes);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    internal static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

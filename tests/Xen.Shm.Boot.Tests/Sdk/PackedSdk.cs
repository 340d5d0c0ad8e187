using System.Globalization;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Boot.Tests.Sdk;

/// <summary>
/// src/Xen.Shm.Sdk packed once per test run (on first use, so runs without boots pay nothing) into a local feed
/// with a unique prerelease version and a fresh NUGET_PACKAGES: no stale extracted SDK can be picked up
/// (guide msbuild-sdk.md §12.3), as in the integration tests' SdkFeed. Removed at process exit.
/// </summary>
public static class PackedSdk
{
    /// <summary>Root of the run's feed, packages and build workspaces; override with XSHM_BOOT_SDK_DIR.</summary>
    public const string DirectoryVariable = "XSHM_BOOT_SDK_DIR";

    private static readonly Lazy<(Feed? Feed, string Problem)> s_feed = new(Pack, LazyThreadSafetyMode.ExecutionAndPublication);

    public sealed record Feed(string RunDirectory, string FeedDirectory, string PackagesDirectory, string Version, TimeSpan PackTime);

    /// <summary>The packed feed; throws (the test fails) with dotnet pack's output when packing failed.</summary>
    public static Feed Require()
    {
        var (feed, problem) = s_feed.Value;
        return feed ?? throw new InvalidOperationException(problem);
    }

    private static (Feed?, string) Pack()
    {
        var id = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Guid.NewGuid().ToString("N")[..8];
        var root = Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } custom
            ? custom
            : Path.Combine(Path.GetTempPath(), "xshm-boot-sdk");
        var run = Path.Combine(root, id);
        var feed = new Feed(run, Path.Combine(run, "feed"), Path.Combine(run, "packages"), "0.0.1-boot." + id, TimeSpan.Zero);
        Directory.CreateDirectory(feed.FeedDirectory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(run);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // --artifacts-path: compiles into the run folder, never into the checkout's bin/obj (no race with
        // a solution build or testassets/*.proj running at the same time).
        var pack = DotnetCli.Run(RepositoryRoot.Path, new Dictionary<string, string>(), TimeSpan.FromMinutes(20),
            "pack", RepositoryRoot.Combine("src", "Xen.Shm.Sdk", "Xen.Shm.Sdk.csproj"),
            "-c", "Release", "-o", feed.FeedDirectory, "--artifacts-path", Path.Combine(run, "build"),
            "-p:XenShmPackageVersion=" + feed.Version, "-nr:false", "--disable-build-servers", "-v:q", "-nologo");
        var nupkg = Path.Combine(feed.FeedDirectory, $"Xen.Shm.Sdk.{feed.Version}.nupkg");
        if (pack.ExitCode != 0 || !File.Exists(nupkg)) return (null, "packing the SDK failed: " + pack);
        return (feed with { PackTime = clock.Elapsed }, "");
    }

    internal static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

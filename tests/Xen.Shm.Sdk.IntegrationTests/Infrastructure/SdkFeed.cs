namespace Xen.Shm.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// Once per test run: the SDK packed into a local feed with a unique prerelease version, and a
/// fresh global packages folder, so no stale extracted SDK can be picked up (guide §12.3).
/// </summary>
[TestClass]
public static class SdkFeed
{
    /// <summary>Root of this run's files (feed, packages, one folder per test).</summary>
    public static string RunDirectory { get; private set; } = string.Empty;
    public static string FeedDirectory => Path.Combine(RunDirectory, "feed");
    public static string PackagesDirectory => Path.Combine(RunDirectory, "packages");
    public static string Version { get; private set; } = string.Empty;
    public static string PackagePath => Path.Combine(FeedDirectory, $"Xen.Shm.Sdk.{Version}.nupkg");

    private static CliResult? s_pack;

    [AssemblyInitialize]
    public static void Pack(TestContext _)
    {
        string id = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "." +
                    Guid.NewGuid().ToString("N")[..8];
        Version = "0.0.1-it." + id;
        // Override with XEN_SHM_SDK_TEST_DIR to keep the run's folders somewhere else.
        string root = Environment.GetEnvironmentVariable("XEN_SHM_SDK_TEST_DIR") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Path.GetTempPath(), "xen-shm-sdk-it");
        RunDirectory = Path.Combine(root, id);
        Directory.CreateDirectory(FeedDirectory);

        s_pack = DotnetCli.Run(RepositoryRoot.Path, new Dictionary<string, string>(),
            "pack", RepositoryRoot.Combine("src", "Xen.Shm.Sdk", "Xen.Shm.Sdk.csproj"),
            "-c", "Release", "-o", FeedDirectory, "-p:XenShmPackageVersion=" + Version,
            "-nr:false", "--disable-build-servers", "-v:q", "-nologo");
    }

    /// <summary>Fails the calling test with the pack output when packing failed.</summary>
    public static void EnsurePacked()
    {
        Assert.IsNotNull(s_pack, "the feed was not packed");
        Assert.AreEqual(0, s_pack.ExitCode, s_pack.ToString());
        Assert.IsTrue(File.Exists(PackagePath), $"{PackagePath} missing after:\n{s_pack}");
    }

    [AssemblyCleanup]
    public static void Cleanup()
    {
        // Extracted packages are big and worthless after the run; test folders are kept only for
        // failed tests (BoardWorkspace deletes its own on success).
        TryDelete(PackagesDirectory);
        TryDelete(FeedDirectory);
        if (Directory.Exists(RunDirectory) && !Directory.EnumerateFileSystemEntries(RunDirectory).Any()) TryDelete(RunDirectory);
    }

    internal static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

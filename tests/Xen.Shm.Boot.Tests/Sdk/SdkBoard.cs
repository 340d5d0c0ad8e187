using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Boot.Tests.Sdk;

/// <summary>What a board build through the packed SDK produced: the project folder, its boot folder, and the log.</summary>
public sealed record SdkBuild(string ProjectDirectory, string BootDirectory, string Output, TimeSpan BuildTime);

/// <summary>
/// Builds a testassets board through the packed SDK exactly as a user would: the asset copied into a work folder
/// with its own nuget.config (local feed for Xen.Shm.Sdk only), global.json (the SDK version) and empty
/// Directory.Build.props/targets, then `dotnet build` as a child process. Files outside the repository (the
/// prepared Debian images) are linked in by the caller, since they are never committed.
/// </summary>
public static class SdkBoard
{
    /// <param name="asset">folder under testassets/, holding exactly one project file (e.g. "qemu-virt")</param>
    /// <param name="workDirectory">where the copy goes (its "board" subfolder)</param>
    /// <param name="files">workspace-relative path → file outside the repository, symlinked in (e.g. "images/xen")</param>
    /// <param name="editYaml">optional edit of board.yaml's text (negative controls)</param>
    /// <param name="buildArguments">extra `dotnet build` arguments, e.g. "-p:XenShmBootCommand=booti"</param>
    /// <returns>the build; throws with the build output when the build fails</returns>
    public static SdkBuild Build(string asset, string workDirectory, IReadOnlyDictionary<string, string> files,
        Func<string, string>? editYaml = null, params string[] buildArguments)
    {
        var feed = PackedSdk.Require();
        var dir = Path.Combine(workDirectory, "board");
        Copy(RepositoryRoot.Combine("testassets", asset), dir);
        foreach (var (relative, target) in files)
        {
            var link = Path.Combine(dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            if (File.Exists(link)) File.Delete(link);
            File.CreateSymbolicLink(link, target);
        }
        if (editYaml is not null)
        {
            var yaml = Path.Combine(dir, "board.yaml");
            var before = File.ReadAllText(yaml);
            var after = editYaml(before);
            if (after == before) throw new InvalidOperationException("the board.yaml edit changed nothing");
            File.WriteAllText(yaml, after);
        }
        SdkIsolation.Write(dir, feed.FeedDirectory, feed.Version, RepositoryRoot.Combine("global.json"));

        var project = Directory.EnumerateFiles(dir).Select(Path.GetFileName)
            .Single(n => n!.EndsWith(".csproj", StringComparison.Ordinal) || n.EndsWith(".proj", StringComparison.Ordinal))!;
        var args = new List<string> { "build", project, "-nr:false", "--disable-build-servers", "-nologo", "-v:m" };
        args.AddRange(buildArguments);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = DotnetCli.Run(dir, new Dictionary<string, string> { ["NUGET_PACKAGES"] = feed.PackagesDirectory }, args.ToArray());
        var time = clock.Elapsed;
        if (result.ExitCode != 0) throw new InvalidOperationException("board build failed: " + result);
        return new SdkBuild(dir, Path.Combine(dir, "bin", "Debug", "boot"), result.Output, time);
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        // Symbolic links (a developer's links to the cache) and bin/obj of a local build are not part of the asset.
        foreach (var file in Directory.EnumerateFiles(from).Where(f => new FileInfo(f).LinkTarget is null))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var sub in Directory.EnumerateDirectories(from).Where(d => new DirectoryInfo(d).LinkTarget is null))
        {
            if (Path.GetFileName(sub) is "bin" or "obj") continue;
            Copy(sub, Path.Combine(to, Path.GetFileName(sub)));
        }
    }
}

namespace Xen.Shm.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// A testasset copied into its own temp folder, isolated from the repository: its own nuget.config
/// (local feed for Xen.Shm.Sdk only), global.json (SDK version pin), and empty
/// Directory.Build.props/targets so nothing above the folder leaks in (DacFx's test template).
/// </summary>
internal sealed class BoardWorkspace
{
    // Workspaces of the running test (tests run one at a time, see AssemblySettings.cs).
    private static readonly List<string> s_current = new();
    private readonly TestContext _context;
    private int _buildCount;

    private BoardWorkspace(TestContext context, string directory, string projectFile)
    {
        _context = context;
        Directory = directory;
        ProjectFile = projectFile;
    }

    public string Directory { get; }
    public string ProjectFile { get; }
    public string ProjectPath => Path.Combine(Directory, ProjectFile);
    public string BootDirectory => Path.Combine(Directory, "bin", "Debug", "boot");
    public string IntermediateDirectory => Path.Combine(Directory, "obj", "Debug", "xenshm");
    public string YamlPath => Path.Combine(Directory, "board.yaml");

    /// <summary>
    /// Makes <paramref name="relativePath"/> newer than anything built so far, but not in the future:
    /// a future time would stay newer than the outputs of the next build too, which would then re-run.
    /// The pause covers file systems with coarse timestamps.
    /// </summary>
    public void Touch(string relativePath)
    {
        Thread.Sleep(TimeSpan.FromSeconds(1.1));
        File.SetLastWriteTimeUtc(Path.Combine(Directory, relativePath), DateTime.UtcNow);
    }

    /// <summary>Copies testassets/<paramref name="asset"/> to a new folder named after the running test.</summary>
    /// <param name="projectExtension">e.g. ".proj": renames the copied project file, to test another extension.</param>
    /// <param name="alsoCopy">other testassets folders the board's YAML points into (e.g. "uio/images").</param>
    public static BoardWorkspace Create(TestContext context, string asset, string? folderSuffix = null, string? projectExtension = null,
        string[]? alsoCopy = null)
    {
        SdkFeed.EnsurePacked();
        string source = RepositoryRoot.Combine("testassets", asset);
        Assert.IsTrue(System.IO.Directory.Exists(source), $"testasset {asset} missing");
        // testassets/ nesting is kept (errors/x stays errors/x), so "../../uio/images/xen" still resolves
        // once the folders it points into are copied too (alsoCopy).
        string testRoot = Path.Combine(SdkFeed.RunDirectory, Sanitize(string.Join("-",
            new[] { context.TestName, asset, projectExtension, folderSuffix }.Where(x => !string.IsNullOrEmpty(x)))));
        SdkFeed.TryDelete(testRoot);
        string dir = Path.Combine(testRoot, asset);
        CopyDirectory(source, dir);
        foreach (var extra in alsoCopy ?? [])
        {
            CopyDirectory(RepositoryRoot.Combine("testassets", extra), Path.Combine(testRoot, extra));
        }

        string project = System.IO.Directory.EnumerateFiles(dir)
            .Select(Path.GetFileName)
            .Single(n => n!.EndsWith(".csproj", StringComparison.Ordinal) || n.EndsWith(".proj", StringComparison.Ordinal))!;
        if (projectExtension is not null)
        {
            string renamed = Path.GetFileNameWithoutExtension(project) + projectExtension;
            File.Move(Path.Combine(dir, project), Path.Combine(dir, renamed));
            project = renamed;
        }

        SdkIsolation.Write(dir, SdkFeed.FeedDirectory, SdkFeed.Version, RepositoryRoot.Combine("global.json"));
        s_current.Add(testRoot);
        return new BoardWorkspace(context, dir, project);
    }

    private static string Sanitize(string name) =>
        new(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());

    private static void CopyDirectory(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var sub in System.IO.Directory.EnumerateDirectories(from))
        {
            string name = Path.GetFileName(sub);
            if (name is "bin" or "obj") continue;
            CopyDirectory(sub, Path.Combine(to, name));
        }
    }

    /// <summary>`dotnet build` with a binlog and a detailed file log (build-N.binlog / build-N.log).</summary>
    public BuildRun Build(params string[] extraArgs) => Run("build", extraArgs);

    /// <summary>`dotnet build` with extra environment variables (time zone, locale, SOURCE_DATE_EPOCH…).</summary>
    public BuildRun BuildWith(IReadOnlyDictionary<string, string> environment, params string[] extraArgs) => Run("build", extraArgs, environment);

    public BuildRun Clean(params string[] extraArgs) => Run("clean", extraArgs);

    public BuildRun Publish(params string[] extraArgs) => Run("publish", extraArgs);

    public BuildRun Pack(params string[] extraArgs) => Run("pack", extraArgs);

    /// <summary>
    /// Starts `dotnet build` (after a first <see cref="Build"/>: no restore, no logs) and returns at
    /// once, for the kill tests; the caller ends the process.
    /// </summary>
    public System.Diagnostics.Process StartBuild(params string[] extraArgs)
    {
        Assert.IsGreaterThan(0, _buildCount, "restore with one Build() first");
        var args = new List<string> { "build", ProjectFile, "-nr:false", "--disable-build-servers", "-nologo", "--no-restore" };
        args.AddRange(extraArgs);
        return DotnetCli.Start(Directory, new Dictionary<string, string> { ["NUGET_PACKAGES"] = SdkFeed.PackagesDirectory }, args.ToArray());
    }

    private BuildRun Run(string verb, string[] extraArgs, IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        int n = ++_buildCount;
        string log = Path.Combine(Directory, $"{verb}-{n}.log");
        var args = new List<string>
        {
            verb, ProjectFile, "-nr:false", "--disable-build-servers", "-nologo",
            $"-bl:{Path.Combine(Directory, $"{verb}-{n}.binlog")}",
            $"-flp:LogFile={log};Verbosity=detailed",
        };
        // Restore once per workspace: it costs seconds and nothing later changes what it resolves.
        if (n > 1 && verb == "build") args.Add("--no-restore");
        args.AddRange(extraArgs);
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = SdkFeed.PackagesDirectory };
        foreach (var (k, v) in extraEnvironment ?? new Dictionary<string, string>()) environment[k] = v;
        var result = DotnetCli.Run(Directory, environment, args.ToArray());
        _context.WriteLine($"{result.CommandLine} -> {result.ExitCode} (logs in {Directory})");
        return new BuildRun(result, File.Exists(log) ? File.ReadAllText(log) : string.Empty);
    }

    /// <summary>Relative path ("/"-separated) → bytes, for every file under <paramref name="dir"/>.</summary>
    public static SortedDictionary<string, byte[]> Snapshot(string dir)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        if (!System.IO.Directory.Exists(dir)) return files;
        foreach (var f in System.IO.Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            files[Path.GetRelativePath(dir, f).Replace('\\', '/')] = File.ReadAllBytes(f);
        }

        return files;
    }

    /// <summary>
    /// Called after each test (BoardTestBase): a passed test's folders are removed, a failed test's
    /// are kept with their binlogs and detailed logs for inspection.
    /// </summary>
    public static void EndTest(UnitTestOutcome outcome)
    {
        if (outcome == UnitTestOutcome.Passed)
        {
            foreach (var root in s_current) SdkFeed.TryDelete(root);
        }

        s_current.Clear();
    }
}

/// <summary>One child build: console output and the detailed file log.</summary>
internal sealed record BuildRun(CliResult Cli, string DetailedLog)
{
    public int ExitCode => Cli.ExitCode;

    /// <summary>The console lines that carry an MSBuild diagnostic with <paramref name="code"/>, deduplicated.</summary>
    public IReadOnlyList<string> DiagnosticLines(string code) =>
        Cli.Lines.Where(l => l.Contains($" {code}: ", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToList();

    public void AssertSucceeded() => Assert.AreEqual(0, ExitCode, Cli.ToString());

    public void AssertFailed() => Assert.AreNotEqual(0, ExitCode, Cli.ToString());

    public override string ToString() => Cli.ToString();
}

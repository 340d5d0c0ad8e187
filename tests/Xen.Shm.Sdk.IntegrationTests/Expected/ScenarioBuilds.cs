using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests.Expected;

/// <summary>
/// One default build per scenario per test-class run, shared by the class's tests (each build
/// packs nothing but still takes tens of seconds). Built with a fixed SOURCE_DATE_EPOCH so the
/// image headers can be compared with mkimage run with the same value. A failed build is cached
/// too, so each test reports it without building again.
/// </summary>
internal sealed class ScenarioBuilds
{
    /// <summary>2023-11-14T22:13:20Z: any fixed value; not 0, so a header that ignores it shows.</summary>
    public const string SourceDateEpoch = "1700000000";

    private readonly Dictionary<string, (BoardWorkspace Board, BuildRun Run)> _builds = new(StringComparer.Ordinal);

    public BoardWorkspace Get(TestContext context, string scenario)
    {
        if (!_builds.TryGetValue(scenario, out var built))
        {
            var board = BoardWorkspace.Create(context, scenario, "expected");
            using (WithSourceDateEpoch()) built = (board, board.Build());
            _builds[scenario] = built;
        }

        built.Run.AssertSucceeded();
        return built.Board;
    }

    /// <summary>Removes the build folders (kept when a test failed, for inspection).</summary>
    public void Delete()
    {
        foreach (var (board, _) in _builds.Values) SdkFeed.TryDelete(Path.GetDirectoryName(board.Directory)!);
        _builds.Clear();
    }

    /// <summary>
    /// SOURCE_DATE_EPOCH for child processes started meanwhile (the build's task reads it, and so
    /// does mkimage). Tests of this assembly run one at a time (AssemblySettings.cs).
    /// </summary>
    public static IDisposable WithSourceDateEpoch() => new EnvironmentValue("SOURCE_DATE_EPOCH", SourceDateEpoch);

    private sealed class EnvironmentValue : IDisposable
    {
        private readonly string _name;
        private readonly string? _previous;

        public EnvironmentValue(string name, string value)
        {
            _name = name;
            _previous = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        public void Dispose() => Environment.SetEnvironmentVariable(_name, _previous);
    }
}

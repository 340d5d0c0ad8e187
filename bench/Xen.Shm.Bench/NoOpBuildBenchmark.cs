using System.Globalization;

namespace Xen.Shm.Bench;

/// <summary>
/// No-op rebuild of the sample board (testassets/mmio-sram) against the no-op rebuild of an empty
/// project with the same SDK shape (Sdk="Xen.Shm.Sdk", the NoTargets recipe, with XenShmBuild taken
/// out of CoreBuild), alternating, several rounds, same run. Target: ratio ≤ 1.10.
/// Both are timed as a user sees them: one `dotnet build --no-restore` child process each.
/// </summary>
public sealed class NoOpBuildBenchmark : IBenchmark
{
    public string Name => "noop-build";

    public string Description => "no-op `dotnet build` of the sample board vs an empty NoTargets-shaped project (median, ratio; target <= 1.10)";

    public int Run(string[] args)
    {
        int rounds = args.Length > 0 && int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out int r) && r > 0 ? r : 7;
        using var sdk = PackedSdk.Pack("noop");
        string boardProject = sdk.CopyBoard("mmio-sram");

        // Resolved through the NuGet SDK resolver like the board (as Microsoft.Build.NoTargets would
        // be); our pipeline is taken out of CoreBuild by a CustomAfterXenShmTargets import, so
        // only the project shape (the NoTargets recipe) runs.
        string empty = sdk.CreateFolder("empty", new Dictionary<string, string>
        {
            ["no-pipeline.targets"] = """
                <Project>
                  <PropertyGroup>
                    <CoreBuildDependsOn>BuildOnlySettings;PrepareForBuild;PreBuildEvent;ResolveReferences;GetTargetPath;PrepareForRun;IncrementalClean;PostBuildEvent</CoreBuildDependsOn>
                  </PropertyGroup>
                </Project>
                """,
            ["empty.csproj"] = """
                <Project Sdk="Xen.Shm.Sdk">
                  <PropertyGroup>
                    <CustomAfterXenShmTargets>$(MSBuildProjectDirectory)/no-pipeline.targets</CustomAfterXenShmTargets>
                  </PropertyGroup>
                </Project>
                """,
        });
        string emptyProject = Path.Combine(empty, "empty.csproj");

        // First builds restore and produce everything; the package is extracted by the board's restore.
        Console.WriteLine("first builds ...");
        sdk.Time(boardProject, "build", boardProject);
        sdk.Time(emptyProject, "build", emptyProject);

        var ours = new List<double>();
        var reference = new List<double>();
        for (int i = 0; i < rounds; i++)
        {
            // Alternate the order so drift in machine load hits both sides alike.
            if (i % 2 == 0)
            {
                ours.Add(sdk.Time(boardProject, "build", boardProject, "--no-restore"));
                reference.Add(sdk.Time(emptyProject, "build", emptyProject, "--no-restore"));
            }
            else
            {
                reference.Add(sdk.Time(emptyProject, "build", emptyProject, "--no-restore"));
                ours.Add(sdk.Time(boardProject, "build", boardProject, "--no-restore"));
            }
        }

        double m1 = PackedSdk.Median(ours), m0 = PackedSdk.Median(reference);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"noop-build: {rounds} rounds; sample board median {m1:F0} ms, empty NoTargets-shaped project median {m0:F0} ms, ratio {m1 / m0:F3} (target <= 1.10)"));
        return 0;
    }
}

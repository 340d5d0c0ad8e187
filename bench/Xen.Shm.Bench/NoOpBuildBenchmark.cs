using System.Diagnostics;
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
        string repo = FindRepositoryRoot();
        string work = Path.Combine(Path.GetTempPath(), "xen-shm-sdk-bench", "noop-" + Guid.NewGuid().ToString("N")[..8]);
        string feed = Path.Combine(work, "feed");
        string packages = Path.Combine(work, "packages");
        string version = "0.0.1-bench." + Guid.NewGuid().ToString("N")[..8];
        try
        {
            Console.WriteLine($"packing Xen.Shm.Sdk {version} ...");
            Dotnet(repo, packages, "pack", Path.Combine(repo, "src", "Xen.Shm.Sdk", "Xen.Shm.Sdk.csproj"), "-c", "Release", "-o", feed,
                "--artifacts-path", Path.Combine(work, "build"), "-p:XenShmPackageVersion=" + version, "-v:q");

            string board = Path.Combine(work, "mmio-sram");
            CopyDirectory(Path.Combine(repo, "testassets", "mmio-sram"), board);
            Isolate(board, feed, version);
            string boardProject = Path.Combine(board, "mmio-sram.csproj");

            string empty = Path.Combine(work, "empty");
            Directory.CreateDirectory(empty);
            Isolate(empty, feed, version);
            // Resolved through the NuGet SDK resolver like the board (as Microsoft.Build.NoTargets would
            // be); our pipeline is taken out of CoreBuild by a CustomAfterXenShmTargets import, so
            // only the project shape (the NoTargets recipe) runs.
            File.WriteAllText(Path.Combine(empty, "no-pipeline.targets"), """
                <Project>
                  <PropertyGroup>
                    <CoreBuildDependsOn>BuildOnlySettings;PrepareForBuild;PreBuildEvent;ResolveReferences;GetTargetPath;PrepareForRun;IncrementalClean;PostBuildEvent</CoreBuildDependsOn>
                  </PropertyGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(empty, "empty.csproj"), """
                <Project Sdk="Xen.Shm.Sdk">
                  <PropertyGroup>
                    <CustomAfterXenShmTargets>$(MSBuildProjectDirectory)/no-pipeline.targets</CustomAfterXenShmTargets>
                  </PropertyGroup>
                </Project>
                """);
            string emptyProject = Path.Combine(empty, "empty.csproj");

            // First builds restore and produce everything; the package is extracted by the board's restore.
            Console.WriteLine("first builds ...");
            Dotnet(board, packages, "build", boardProject);
            Dotnet(empty, packages, "build", emptyProject);

            var ours = new List<double>();
            var reference = new List<double>();
            for (int i = 0; i < rounds; i++)
            {
                // Alternate the order so drift in machine load hits both sides alike.
                if (i % 2 == 0)
                {
                    ours.Add(Time(board, packages, boardProject));
                    reference.Add(Time(empty, packages, emptyProject));
                }
                else
                {
                    reference.Add(Time(empty, packages, emptyProject));
                    ours.Add(Time(board, packages, boardProject));
                }
            }

            double m1 = Median(ours), m0 = Median(reference);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"noop-build: {rounds} rounds; sample board median {m1:F0} ms, empty NoTargets-shaped project median {m0:F0} ms, ratio {m1 / m0:F3} (target <= 1.10)"));
            return 0;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    private static double Time(string dir, string packages, string project)
    {
        var sw = Stopwatch.StartNew();
        Dotnet(dir, packages, "build", project, "--no-restore");
        return sw.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> xs)
    {
        var s = xs.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    private static void Dotnet(string dir, string packages, params string[] args)
    {
        string exe = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var psi = new ProcessStartInfo(exe) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var a in new[] { "-nr:false", "--disable-build-servers", "-nologo" }) psi.ArgumentList.Add(a);
        psi.Environment["NUGET_PACKAGES"] = packages;
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed ({p.ExitCode}):\n{stdout.Result}{stderr.Result}");
        }
    }

    // Same isolation as the integration tests: local feed for our SDK only, pinned version, nothing from above.
    private static void Isolate(string dir, string feed, string version)
    {
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="Xen.Shm.Sdk" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(dir, "global.json"), $$"""{ "msbuild-sdks": { "Xen.Shm.Sdk": "{{version}}" } }""");
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(dir, "Directory.Build.targets"), "<Project />\n");
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.EnumerateFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.EnumerateDirectories(from))
        {
            if (Path.GetFileName(d) is "bin" or "obj") continue;
            CopyDirectory(d, Path.Combine(to, Path.GetFileName(d)));
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Xen.Shm.Sdk.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("run from inside the repository (Xen.Shm.Sdk.sln not found)");
    }
}

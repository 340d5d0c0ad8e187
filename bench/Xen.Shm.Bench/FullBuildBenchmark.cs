using System.Diagnostics;
using System.Globalization;

namespace Xen.Shm.Bench;

/// <summary>
/// Issue 7's build budget: a cold full `dotnet build` of the sample board (testassets/mmio-sram)
/// through the packed SDK must take less than twice the no-op rebuild plus the time to copy the
/// boot folder's files. Per round: bin/ and obj/Debug/ deleted (restore's obj/ files kept: NuGet's
/// work, not ours), full build, no-op build right after, then the boot folder's files copied to a
/// fresh folder. Medians of N rounds (default 5).
/// </summary>
public sealed class FullBuildBenchmark : IBenchmark
{
    public string Name => "full-build";

    public string Description => "cold full vs no-op `dotnet build` of the sample board and the boot folder copy time (medians; target full < 2 x no-op + copy)";

    public int Run(string[] args)
    {
        int rounds = args.Length > 0 && int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out int r) && r > 0 ? r : 5;
        using var sdk = PackedSdk.Pack("full");
        string project = sdk.CopyBoard("mmio-sram");
        string board = Path.GetDirectoryName(project)!;
        string boot = Path.Combine(board, "bin", "Debug", "boot");

        Console.WriteLine("restore and first build ...");
        sdk.Time(project, "build", project);

        var full = new List<double>();
        var noOp = new List<double>();
        var copy = new List<double>();
        for (int i = 0; i < rounds; i++)
        {
            Directory.Delete(Path.Combine(board, "bin"), recursive: true);
            Directory.Delete(Path.Combine(board, "obj", "Debug"), recursive: true);
            full.Add(sdk.Time(project, "build", project, "--no-restore"));
            noOp.Add(sdk.Time(project, "build", project, "--no-restore"));
            copy.Add(CopyFolder(boot, Path.Combine(sdk.Work, "copy-" + i.ToString(CultureInfo.InvariantCulture))));
        }

        double f = PackedSdk.Median(full), n = PackedSdk.Median(noOp), c = PackedSdk.Median(copy);
        bool pass = f < 2 * n + c;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"full-build: {rounds} rounds; full build median {f:F0} ms, no-op median {n:F0} ms, copy of the boot folder ({Directory.GetFiles(boot, "*", SearchOption.AllDirectories).Length} files) median {c:F1} ms; " +
            $"full < 2 x no-op + copy ({2 * n + c:F0} ms): {(pass ? "PASS" : "FAIL")}"));
        return pass ? 0 : 1;
    }

    /// <summary>Wall time in ms to copy every file of <paramref name="from"/> (what a user does to an SD card or TFTP folder).</summary>
    private static double CopyFolder(string from, string to)
    {
        var sw = Stopwatch.StartNew();
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return sw.Elapsed.TotalMilliseconds;
    }
}

using System.Diagnostics;
using System.Globalization;

namespace Xen.Shm.Bench;

/// <summary>
/// xdtc as Kbuild, Yocto or a Makefile runs it: one process per file. Publishes xdtc as a native
/// (Native AOT) executable, then on a fixed sample of kernel sources runs it and `dtc` in turn, file
/// by file (A B, then B A on the next file, so drift hits both), with Kbuild's flags; prints the
/// median of the per-file ratios of wall times (issue 21 target ≤ 0.7) and checks the bytes match.
/// </summary>
public sealed class XdtcProcessBenchmark : IBenchmark
{
    public string Name => "xdtc-process";

    public string Description => "native xdtc vs dtc, one process per file on 200 kernel sources: median per-file wall ratio (target <= 0.7), bytes identical";

    public int Run(string[] args)
    {
        int count = IntArgument(args, "--files", 200), rounds = IntArgument(args, "--rounds", 3);
        // Kbuild writes a .dtb per source: real files by default; `--output null` sends both to /dev/null.
        bool realFiles = Argument(args, "--output") != "null";
        string dir = KernelCorpus.Directory();
        var all = KernelCorpus.Sources(dir);
        if (all == null) return 1;
        string? xdtc = Argument(args, "--xdtc") ?? PublishNative();
        if (xdtc == null) return 1;

        var sample = Sample(all, count);
        using var work = new TempFolder();
        if (!SameBytes(xdtc, dir, sample, work.Path)) return 1;

        var ratios = new List<double>();
        var ours = new List<double>();
        var theirs = new List<double>();
        for (int r = 0; r < rounds; r++)
            for (int i = 0; i < sample.Count; i++)
            {
                bool oursFirst = (i + r) % 2 == 0;
                double a = 0, b = 0;
                string outA = realFiles ? Path.Combine(work.Path, "xdtc.dtb") : "/dev/null", outB = realFiles ? Path.Combine(work.Path, "dtc.dtb") : "/dev/null";
                if (oursFirst) { a = Time(xdtc, dir, sample[i], outA); b = Time("dtc", dir, sample[i], outB); }
                else { b = Time("dtc", dir, sample[i], outB); a = Time(xdtc, dir, sample[i], outA); }
                ours.Add(a); theirs.Add(b); ratios.Add(a / b);
            }
        double ratio = Median(ratios);
        Console.WriteLine($"xdtc-process: {sample.Count} sources x {rounds} rounds, one process per file, Kbuild 6.1 flags, output {(realFiles ? "a .dtb file each (" + FileSystem(work.Path) + ")" : "/dev/null")}");
        Console.WriteLine($"  native xdtc per file: median {Median(ours) * 1000,7:F2} ms");
        Console.WriteLine($"  dtc per file:         median {Median(theirs) * 1000,7:F2} ms");
        Console.WriteLine($"  per-file ratio xdtc/dtc: median {ratio:F3}, p10 {Percentile(ratios, 0.1):F3}, p90 {Percentile(ratios, 0.9):F3} (target <= 0.7: {(ratio <= 0.7 ? "met" : "NOT met")})");
        Console.WriteLine($"  start-up floor (empty tree): xdtc {FloorTime(xdtc, work.Path) * 1000:F2} ms, dtc {FloorTime("dtc", work.Path) * 1000:F2} ms (median of 31)");
        // Per-process times on a shared machine mean little without the load beside them.
        if (File.Exists("/proc/loadavg")) Console.WriteLine($"  load average: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    /// <summary>Every n-th source of the sorted corpus, so the sample spans all vendors and sizes.</summary>
    private static List<string> Sample(List<string> all, int count)
    {
        int step = Math.Max(1, all.Count / count);
        return all.Where((_, i) => i % step == 0).Take(count).ToList();
    }

    private static bool SameBytes(string xdtc, string dir, List<string> sample, string work)
    {
        int differ = 0;
        foreach (var f in sample)
        {
            string a = Path.Combine(work, "a.dtb"), b = Path.Combine(work, "b.dtb");
            int ea = KernelCorpus.Run(KernelCorpus.KbuildCommand(xdtc, dir, f, a));
            int eb = KernelCorpus.Run(KernelCorpus.KbuildCommand("dtc", dir, f, b));
            if (ea != eb || (eb == 0 && !File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b))))
            {
                Console.Error.WriteLine($"  differs from dtc: {Path.GetRelativePath(dir, f)} (exit {ea} vs {eb})");
                differ++;
            }
        }
        return differ == 0;
    }

    private static double Time(string tool, string dir, string file, string output)
    {
        var sw = Stopwatch.StartNew();
        KernelCorpus.Run(KernelCorpus.KbuildCommand(tool, dir, file, output));
        return sw.Elapsed.TotalSeconds;
    }

    private static double FloorTime(string tool, string work)
    {
        string empty = Path.Combine(work, "empty.dts");
        File.WriteAllText(empty, "/dts-v1/;\n/ { };\n");
        var times = new List<double>();
        for (int i = 0; i < 31; i++)
        {
            var psi = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardError = true };
            foreach (var a in new[] { "-q", "-I", "dts", "-O", "dtb", "-o", "/dev/null", empty }) psi.ArgumentList.Add(a);
            var sw = Stopwatch.StartNew();
            KernelCorpus.Run(psi);
            times.Add(sw.Elapsed.TotalSeconds);
        }
        return Median(times);
    }

    /// <summary>`dotnet publish` of src/Xen.Shm.Dtc for this machine's RID (PublishAot is set in the project).</summary>
    private static string? PublishNative()
    {
        string repo = PackedSdk.FindRepositoryRoot();
        string output = Path.Combine(repo, "artifacts", "xdtc-native");
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        foreach (var a in new[] { "publish", Path.Combine(repo, "src", "Xen.Shm.Dtc"), "-c", "Release", "-r", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "-o", output, "-nologo", "-v:q" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        string exe = Path.Combine(output, "xdtc");
        if (p.ExitCode == 0 && File.Exists(exe)) return exe;
        Console.Error.WriteLine("publishing native xdtc failed (Native AOT needs clang and zlib1g-dev)");
        return null;
    }

    /// <summary>The file system type the outputs go to (from /proc/mounts, longest mount prefix), for the report.</summary>
    private static string FileSystem(string path)
    {
        if (!File.Exists("/proc/mounts")) return "unknown file system";
        var best = File.ReadLines("/proc/mounts").Select(l => l.Split(' ')).Where(f => f.Length > 2 && (path + "/").StartsWith(f[1].TrimEnd('/') + "/", StringComparison.Ordinal))
            .OrderByDescending(f => f[1].Length).FirstOrDefault();
        return best == null ? "unknown file system" : best[2] + " at " + best[1];
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[(int)Math.Round(p * (sorted.Count - 1))];
    }

    private static string? Argument(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int IntArgument(string[] args, string name, int fallback) =>
        Argument(args, name) is string s ? int.Parse(s, CultureInfo.InvariantCulture) : fallback;

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("xdtc-bench-").FullName;
        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

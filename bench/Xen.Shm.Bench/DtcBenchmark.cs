using System.Diagnostics;
using System.Globalization;
using Xen.Shm.Devicetree;

namespace Xen.Shm.Bench;

/// <summary>
/// Compiles every preprocessed Linux 6.1 board source of the corpus (tests/Xen.Shm.Dtc.Tests/corpus/
/// fetch-corpus.sh) with our library in this one process, then with `dtc` run once per file, same
/// Kbuild flags; prints both totals, the ratio (target ≤ 0.5) and the memory one compile of the
/// largest source takes (target ≤ 10× its size).
/// </summary>
public sealed class DtcBenchmark : IBenchmark
{
    public string Name => "dtc";

    public string Description => "whole Linux 6.1 arm/arm64 corpus: Xen.Shm.Devicetree in-process vs dtc per file (target ratio <= 0.5, memory <= 10x largest source; --memory-only: the memory lines alone)";

    public int Run(string[] args)
    {
        string dir = KernelCorpus.Directory();
        if (args.Length >= 2 && args[0] == "--memory-child") return MemoryChild(dir, args[1]);
        var all = KernelCorpus.Sources(dir);
        if (all == null) return 1;
        int limit = args.Length >= 2 && args[0] == "--limit" ? int.Parse(args[1], CultureInfo.InvariantCulture) : int.MaxValue;
        var files = all.Take(limit).ToList();
        if (args.Contains("--memory-only")) return Memory(dir, files, args);
        long totalBytes = files.Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"dtc benchmark: {files.Count} sources, {totalBytes / 1024.0 / 1024.0:F1} MiB of preprocessed DTS");

        // Warm up the JIT on one file so the total measures compiling, not loading code.
        Devicetree.Dtc.Compile(files[0], Options(dir, files[0]));

        var ours = Stopwatch.StartNew();
        int ourFailures = 0;
        foreach (var f in files)
            if (Devicetree.Dtc.Compile(f, Options(dir, f)).ExitCode != 0) ourFailures++;
        ours.Stop();

        var real = Stopwatch.StartNew();
        int dtcFailures = 0;
        foreach (var f in files)
            if (RunDtc(dir, f) != 0) dtcFailures++;
        real.Stop();

        double ratio = ours.Elapsed.TotalSeconds / real.Elapsed.TotalSeconds;
        Console.WriteLine($"  ours (in-process): {ours.Elapsed.TotalSeconds,8:F2} s  ({ourFailures} failed)");
        Console.WriteLine($"  dtc (per file):    {real.Elapsed.TotalSeconds,8:F2} s  ({dtcFailures} failed)");
        Console.WriteLine($"  ratio ours/dtc:    {ratio,8:F3}  (target <= 0.5: {(ratio <= 0.5 ? "met" : "NOT met")})");

        return Memory(dir, files, args);
    }

    /// <summary>
    /// The memory lines for the largest source. The verdict: peak resident-set growth of one compile in
    /// this process after warm-up (the code tiered up, as in an MSBuild node that has compiled before),
    /// each of <c>rounds</c> repetitions starting from a heap whose free memory was given back to the
    /// system (an aggressive full collection), so every page the compile touches counts; median and
    /// spread. Beside it, for information, the same growth for the first compile in a fresh child process
    /// (as a build that runs the compiler once: loading and JIT-compiling its code included).
    /// </summary>
    private static int Memory(string dir, List<string> files, string[] args)
    {
        string largest = files.OrderByDescending(f => new FileInfo(f).Length).ThenBy(f => f, StringComparer.Ordinal).First();
        long size = new FileInfo(largest).Length;
        int rounds = IntArg(args, "--rounds", 15), children = IntArg(args, "--children", 5);
        string Times(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F2} MiB = {bytes / size:F1}x");
        Console.WriteLine($"  largest source:    {Path.GetRelativePath(dir, largest)} ({size / 1024.0:F0} KiB)");
        Console.WriteLine($"  GC: {GcSettings()} (as `dotnet build` runs MSBuild: its runtimeconfig sets no GC option); peak RSS from {(PeakRss.Exact ? "VmHWM, reset before each compile" : "sampling every ms")}; load {File.ReadAllText("/proc/loadavg").Trim()}");

        var m = InProcess(dir, largest, rounds);
        var peaks = m.Peaks.OrderBy(x => x).ToArray();
        double median = Median(peaks);
        bool met = median / size <= 10;
        Console.WriteLine($"  in-process, warm, {rounds} compiles each from a decommitted heap: peak RSS growth median {Times(median)} its size (min {peaks[0] / (double)size:F1}x, max {peaks[^1] / (double)size:F1}x), gen0 GCs during a compile {m.Gen0Min}-{m.Gen0Max} (target <= 10x: {(met ? "met" : "NOT met")})");
        Console.WriteLine($"  allocated by one compile: {Times(m.Allocated)}; live after it (tree + output, held by the result): {Times(m.Live)}");

        if (children > 0)
        {
            var cold = new List<long>();
            var second = new List<long>();
            for (int i = 0; i < children; i++)
            {
                var r = Child(dir, largest);
                if (r == null) break;
                cold.Add(r.Value.First);
                second.Add(r.Value.Second);
            }
            if (cold.Count > 0)
            {
                cold.Sort();
                second.Sort();
                Console.WriteLine($"  fresh child process ({cold.Count} runs, for information): first compile peak RSS growth median {Times(Median(cold))} (min {cold[0] / (double)size:F1}x, max {cold[^1] / (double)size:F1}x; loading and JIT-compiling the compiler's code included), second compile {Times(Median(second))}");
            }
        }
        return 0;
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static double Median(IReadOnlyList<long> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2.0;

    private static string GcSettings() =>
        $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, concurrent {(System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.Batch ? "off" : "on")} (latency mode {System.Runtime.GCSettings.LatencyMode})";

    private static (List<long> Peaks, long Allocated, long Live, int Gen0Min, int Gen0Max) InProcess(string dir, string file, int rounds)
    {
        // As after the corpus run: the compiler's code tiered up (30 calls, then the background JIT),
        // so the growth measured is the compile's data, not the JIT's.
        for (int i = 0; i < 40; i++) Devicetree.Dtc.Compile(file, Options(dir, file));
        Thread.Sleep(1000);
        var peaks = new List<long>();
        long allocated = 0, live = 0;
        int gen0Min = int.MaxValue, gen0Max = 0;
        for (int i = 0; i < rounds; i++)
        {
            var options = Options(dir, file);
            // Free memory goes back to the system, so the compile's pages are not already resident.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            long live0 = GC.GetTotalMemory(false);
            int gen0 = GC.CollectionCount(0);
            var probe = PeakRss.Start();
            long a0 = GC.GetAllocatedBytesForCurrentThread();
            var result = Devicetree.Dtc.Compile(file, options);
            long a1 = GC.GetAllocatedBytesForCurrentThread();
            peaks.Add(probe.Stop());
            gen0 = GC.CollectionCount(0) - gen0;
            gen0Min = Math.Min(gen0Min, gen0);
            gen0Max = Math.Max(gen0Max, gen0);
            allocated = a1 - a0;
            live = GC.GetTotalMemory(true) - live0;
            if (result.ExitCode != 0) throw new InvalidOperationException("the largest source did not compile");
            GC.KeepAlive(result);
        }
        return (peaks, allocated, live, gen0Min, gen0Max);
    }

    /// <summary>Runs this benchmark as a child process that compiles <paramref name="file"/> twice and prints both peak growths.</summary>
    private static (long First, long Second)? Child(string dir, string file)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(typeof(DtcBenchmark).Assembly.Location);
        psi.ArgumentList.Add("dtc");
        psi.ArgumentList.Add("--memory-child");
        psi.ArgumentList.Add(file);
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var parts = output.Trim().Split(' ');
        if (p.ExitCode != 0 || parts.Length != 2)
        {
            Console.Error.WriteLine("  child process failed: " + output);
            return null;
        }
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>The child: a first (cold) and a second compile, each measured alone.</summary>
    private static int MemoryChild(string dir, string file)
    {
        var options = Options(dir, file);
        var probe = PeakRss.Start();
        CompileOnce(file, options);
        long first = probe.Stop();
        options = Options(dir, file);
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        probe = PeakRss.Start();
        CompileOnce(file, options);
        long second = probe.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{first} {second}"));
        return 0;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static long CompileOnce(string file, DtcOptions options) => Devicetree.Dtc.Compile(file, options).ExitCode;

    private static DtcOptions Options(string dir, string file)
    {
        var o = new DtcOptions { BootCpu = 0, Quiet = 1 };
        o.IncludeDirs.Add(KernelCorpus.SourceDir(dir, file));
        o.IncludeDirs.Add(Path.Combine(dir, "src", "scripts", "dtc", "include-prefixes"));
        foreach (var w in KernelCorpus.Warnings) o.Warning(w);
        return o;
    }

    private static int RunDtc(string dir, string file) =>
        KernelCorpus.Run(KernelCorpus.KbuildCommand("dtc", dir, file, "/dev/null"));
}

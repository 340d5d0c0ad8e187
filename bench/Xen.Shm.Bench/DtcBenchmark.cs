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
        var all = KernelCorpus.Sources(dir);
        if (all == null) return 1;
        int limit = args.Length >= 2 && args[0] == "--limit" ? int.Parse(args[1], CultureInfo.InvariantCulture) : int.MaxValue;
        var files = all.Take(limit).ToList();
        if (args.Contains("--memory-only")) return Memory(dir, files);
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

        return Memory(dir, files);
    }

    /// <summary>The memory lines: one compile of the largest source (after a warm-up compile of it).</summary>
    private static int Memory(string dir, List<string> files)
    {
        string largest = files.OrderByDescending(f => new FileInfo(f).Length).ThenBy(f => f, StringComparer.Ordinal).First();
        long size = new FileInfo(largest).Length;
        var m = PeakMemory(dir, largest);
        string Times(long bytes) => $"{bytes / 1024.0 / 1024.0:F1} MiB = {(double)bytes / size:F1}x its size";
        string Target(long bytes) => (double)bytes / size <= 10 ? "met" : "NOT met";
        Console.WriteLine($"  largest source:    {Path.GetRelativePath(dir, largest)} ({size / 1024.0:F0} KiB)");
        Console.WriteLine($"  peak managed heap growth during its compile: {Times(m.ManagedPeak)} (target <= 10x: {Target(m.ManagedPeak)}; counts garbage not yet collected and runtime threads, so it follows the GC gen0 budget)");
        Console.WriteLine($"  peak working-set growth during its compile:  {Times(m.WorkingSet)} (target <= 10x: {Target(m.WorkingSet)})");
        Console.WriteLine($"  live after the compile (tree + output):      {Times(m.Retained)}");
        Console.WriteLine($"  allocated in total by the compile:           {Times(m.Allocated)}");
        return 0;
    }

    /// <summary>
    /// Samples the managed heap and the working set every millisecond around one compile (after
    /// warm-up compiles of the same file and a full collection) and returns the peak growth of each.
    /// </summary>
    private static (long ManagedPeak, long WorkingSet, long Retained, long Allocated) PeakMemory(string dir, string file)
    {
        // As after the corpus run: the compiler's code tiered up (30 calls, then the background
        // JIT), so the growth measured is the compile's data, not the JIT's.
        for (int i = 0; i < 40; i++) Devicetree.Dtc.Compile(file, Options(dir, file));
        Thread.Sleep(1000);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        long managed0 = GC.GetTotalMemory(true), ws0 = process.WorkingSet64;
        long managedPeak = managed0, wsPeak = ws0;
        bool done = false;
        var sampler = new Thread(() =>
        {
            long own0 = GC.GetAllocatedBytesForCurrentThread();
            using var p = Process.GetCurrentProcess();
            while (!Volatile.Read(ref done))
            {
                // The sampler's own allocations (Process.Refresh) are not the compiler's.
                long own = GC.GetAllocatedBytesForCurrentThread() - own0;
                managedPeak = Math.Max(managedPeak, GC.GetTotalMemory(false) - own);
                p.Refresh();
                wsPeak = Math.Max(wsPeak, p.WorkingSet64);
                Thread.Sleep(1);
            }
        }) { IsBackground = true };
        sampler.Start();
        long allocated0 = GC.GetAllocatedBytesForCurrentThread();
        var result = Devicetree.Dtc.Compile(file, Options(dir, file));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocated0;
        managedPeak = Math.Max(managedPeak, GC.GetTotalMemory(false));
        Volatile.Write(ref done, true);
        sampler.Join();
        long retained = GC.GetTotalMemory(true) - managed0;
        GC.KeepAlive(result);
        return (managedPeak - managed0, Math.Max(0, wsPeak - ws0), retained, allocated);
    }

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

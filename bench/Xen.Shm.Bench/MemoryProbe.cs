using System.Diagnostics;
using System.Globalization;

namespace Xen.Shm.Bench;

/// <summary>
/// The memory one run of a warmed-up operation takes: bytes allocated by this thread, bytes still
/// live after it (held by its result), and the peak working-set growth sampled every millisecond
/// by a second thread. For the memory lines of the topology and generation benchmarks.
/// </summary>
internal static class MemoryProbe
{
    public static (long Allocated, long Live, long WorkingSetPeak) Measure(Func<object?> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        long live0 = GC.GetTotalMemory(true), ws0 = process.WorkingSet64, wsPeak = ws0;
        bool done = false;
        var sampler = new Thread(() =>
        {
            using var p = Process.GetCurrentProcess();
            while (!Volatile.Read(ref done))
            {
                p.Refresh();
                wsPeak = Math.Max(wsPeak, p.WorkingSet64);
                Thread.Sleep(1);
            }
        }) { IsBackground = true };
        sampler.Start();
        long allocated0 = GC.GetAllocatedBytesForCurrentThread();
        object? result = run();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocated0;
        Volatile.Write(ref done, true);
        sampler.Join();
        long live = GC.GetTotalMemory(true) - live0;
        GC.KeepAlive(result);
        return (allocated, live, Math.Max(0, wsPeak - ws0));
    }

    public static string Line(string what, (long Allocated, long Live, long WorkingSetPeak) m, long inputBytes) =>
        string.Create(CultureInfo.InvariantCulture,
            $"memory, {what}: allocated {Mib(m.Allocated)} ({(double)m.Allocated / inputBytes:F1}x the {inputBytes / 1024.0:F0} KiB input), live after {Mib(m.Live)}, peak working-set growth {Mib(m.WorkingSetPeak)}");

    private static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB";
}

using System.Diagnostics;
using System.Globalization;

namespace Xen.Shm.Bench;

/// <summary>
/// Peak resident-set growth of this process over a stretch of code. On Linux exact: the kernel's
/// high-water mark (VmHWM) is reset to the current RSS (`5` written to /proc/self/clear_refs) and read
/// afterwards, so no short peak is missed. Elsewhere, or when the reset is refused, a second thread
/// samples the working set every millisecond.
/// </summary>
internal sealed class PeakRss
{
    public static readonly bool Exact = TryReset();

    private readonly long _start;
    private long _sampledPeak;
    private Thread? _sampler;
    private volatile bool _done;

    private PeakRss(long start) => _start = start;

    public static PeakRss Start()
    {
        if (Exact)
        {
            TryReset();
            return new PeakRss(Status("VmRSS:"));
        }
        using var process = Process.GetCurrentProcess();
        var probe = new PeakRss(process.WorkingSet64);
        probe._sampledPeak = probe._start;
        probe._sampler = new Thread(() =>
        {
            using var p = Process.GetCurrentProcess();
            while (!probe._done)
            {
                p.Refresh();
                probe._sampledPeak = Math.Max(probe._sampledPeak, p.WorkingSet64);
                Thread.Sleep(1);
            }
        }) { IsBackground = true };
        probe._sampler.Start();
        return probe;
    }

    /// <summary>Bytes the peak rose above the RSS at <see cref="Start"/> (never negative).</summary>
    public long Stop()
    {
        if (_sampler == null) return Math.Max(0, Status("VmHWM:") - _start);
        _done = true;
        _sampler.Join();
        using var process = Process.GetCurrentProcess();
        return Math.Max(0, Math.Max(_sampledPeak, process.WorkingSet64) - _start);
    }

    private static bool TryReset()
    {
        try
        {
            if (!OperatingSystem.IsLinux()) return false;
            File.WriteAllText("/proc/self/clear_refs", "5");
            return Status("VmHWM:") > 0;
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A /proc/self/status line in bytes.</summary>
    private static long Status(string key)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (!line.StartsWith(key, StringComparison.Ordinal)) continue;
            var kb = line.Substring(key.Length).Trim().Split(' ')[0];
            return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
        }
        return 0;
    }
}

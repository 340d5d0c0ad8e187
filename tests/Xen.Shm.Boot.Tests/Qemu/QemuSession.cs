using System.Diagnostics;
using System.Text;

namespace Xen.Shm.Boot.Tests.Qemu;

/// <summary>How a boot ended.</summary>
public enum BootEnd
{
    /// <summary>QEMU exited by itself (dom0 powered off, Xen halted the machine).</summary>
    Exited,
    /// <summary>A stop marker (verdict or panic) appeared; QEMU was killed shortly after.</summary>
    Stopped,
    /// <summary>Nothing conclusive within the time limit; QEMU was killed.</summary>
    TimedOut,
}

public sealed record BootRun(BootEnd End, string SerialLog, TimeSpan Wall, TimeSpan QemuCpu, int? ExitCode, string QemuStderr, string CommandLine);

/// <summary>
/// When a boot is given up: after <see cref="Cpu"/> of QEMU's own CPU time, or <see cref="Wall"/> of wall time,
/// whichever comes first. CPU time is what a boot costs whatever else runs on the machine (a good boot of the
/// reference board uses about 20–30 s of it); the wall bound catches a guest that hangs idle.
/// </summary>
public sealed record BootLimit(TimeSpan Cpu, TimeSpan Wall);

/// <summary>
/// One qemu-system-aarch64 process, serial console to a file, watched until it exits, a stop marker appears,
/// or the time limit passes. On the limit QEMU itself is killed (never a wrapper), so no guest outlives a test.
/// </summary>
public static class QemuSession
{
    /// <summary>
    /// Lines after which nothing useful can follow: the handshake verdicts, fatal crashes, and U-Boot giving up on
    /// boot.scr (include/config_distro_bootcmd.h: "source ${scriptaddr}; echo SCRIPT FAILED: continuing..."; it then idles at its prompt).
    /// </summary>
    public static readonly IReadOnlyList<string> StopMarkers = new[]
    {
        "XSHM: SHM-FAIL", "Panic on CPU", "Kernel panic", "Unable to handle kernel", "SCRIPT FAILED",
    };

    /// <summary>After SHM-OK dom0 powers off by itself; wait that long for QEMU to exit before killing it.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    public static BootRun Run(string qemu, IReadOnlyList<string> bootArguments, string serialLogPath, BootLimit limit)
    {
        if (File.Exists(serialLogPath)) File.Delete(serialLogPath);
        var args = QemuMachine.Arguments
            .Concat(new[] { "-display", "none", "-monitor", "none", "-serial", "file:" + serialLogPath, "-no-reboot" })
            .Concat(bootArguments).ToList();
        var start = new ProcessStartInfo(qemu)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        var commandLine = qemu + " " + string.Join(" ", args);
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + qemu);
        p.StandardInput.Close();
        var stderr = p.StandardError.ReadToEndAsync();
        _ = p.StandardOutput.ReadToEndAsync();
        var end = BootEnd.TimedOut;
        TimeSpan? stopAt = null;
        var cpu = TimeSpan.Zero;
        while (true)
        {
            if (p.WaitForExit(200)) { end = BootEnd.Exited; break; }
            cpu = CpuTime(p, cpu);
            if (stopAt is null)
            {
                var log = ReadShared(serialLogPath);
                if (log.Contains("XSHM: SHM-OK", StringComparison.Ordinal)) stopAt = clock.Elapsed + Grace;
                else if (StopMarkers.Any(m => log.Contains(m, StringComparison.Ordinal))) stopAt = clock.Elapsed + TimeSpan.FromSeconds(1);
            }
            if (stopAt is { } t && clock.Elapsed >= t) { end = BootEnd.Stopped; break; }
            if (cpu >= limit.Cpu || clock.Elapsed >= limit.Wall) { end = BootEnd.TimedOut; break; }
        }
        int? exitCode = null;
        if (!p.HasExited)
        {
            p.Kill();
            p.WaitForExit();
        }
        else
        {
            p.WaitForExit();
            exitCode = p.ExitCode;
        }
        clock.Stop();
        return new BootRun(end, ReadShared(serialLogPath), clock.Elapsed, cpu, exitCode, stderr.Result, commandLine);
    }

    private static TimeSpan CpuTime(Process p, TimeSpan last)
    {
        try
        {
            p.Refresh();
            return p.TotalProcessorTime;
        }
        // Exited between the checks: .NET throws InvalidOperationException, or on Linux a Win32Exception
        // when /proc/<pid> has gone (seen in CI on a U-Boot boot that ended right after a poll).
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { return last; }
    }

    /// <summary>Reads a file QEMU is still writing (shared read/write, bytes as Latin-1 so no decoding fails).</summary>
    private static string ReadShared(string path)
    {
        if (!File.Exists(path)) return "";
        using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var r = new StreamReader(s, Encoding.Latin1);
        return r.ReadToEnd();
    }
}

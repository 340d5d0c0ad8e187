using System.Runtime.InteropServices;

namespace Xen.Shm.Bench;

/// <summary>
/// CPU time (user + system) of the child processes this process has waited for, from
/// getrusage(RUSAGE_CHILDREN): the difference around one `dotnet build` is that build's CPU time,
/// MSBuild's in-process nodes included. NaN where there is no getrusage (Windows).
/// </summary>
internal static class ChildCpu
{
    private const int RusageChildren = -1;

    public static double TotalMs()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return double.NaN;
        var usage = new RUsage();
        if (GetRUsage(RusageChildren, ref usage) != 0) return double.NaN;
        return (usage.UserSeconds + usage.SystemSeconds) * 1000.0 + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1000.0;
    }

    // struct rusage on 64-bit Linux: two timevals, then 14 longs we do not read.
    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long M0, M1, M2, M3, M4, M5, M6, M7, M8, M9, M10, M11, M12, M13;
    }

    [DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static extern int GetRUsage(int who, ref RUsage usage);
}

using System.Globalization;
using System.Text;
using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;

namespace Xen.Shm.Boot.Tests.Judging;

/// <summary>The result of one real boot: the run, its verdict, and a report to keep when a test fails.</summary>
public sealed record BootOutcome(string Name, BootRoute Route, BootRun Run, BootVerdict Verdict)
{
    public string Report()
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"boot {Name} via {Route}: {(Verdict.Passed ? "PASS" : "FAIL")}, {Run.End}, wall {Run.Wall.TotalSeconds:F1} s, QEMU CPU {Run.QemuCpu.TotalSeconds:F1} s, QEMU exit {Run.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "killed"}\n");
        foreach (var f in Verdict.Failures) s.Append("  - ").Append(f).Append('\n');
        foreach (var e in Verdict.Dom0ExtendedRegions)
            s.Append("  d0 extended region ").Append(BootManifest.Hex(e.Start)).Append("->").Append(BootManifest.Hex(e.End)).Append('\n');
        if (Run.QemuStderr.Length > 0) s.Append("  qemu stderr: ").Append(Run.QemuStderr.Trim()).Append('\n');
        return s.ToString();
    }
}

/// <summary>
/// Boots a boot folder under QEMU by one route and judges the serial log. The folder comes from an
/// <see cref="IBootFolderSource"/> (the SDK's build of a board, or a reference folder).
/// Work files live in a temporary folder removed afterwards; the serial log, the QEMU command line and the
/// verdict of a failed test are kept in the test results folder (boot-logs/).
/// </summary>
public static class RealBoot
{
    public const string CpuLimitVariable = "XSHM_BOOT_CPU_LIMIT_S";
    public const string WallLimitVariable = "XSHM_BOOT_WALL_LIMIT_S";

    /// <summary>Set to 1 to keep the serial log of passing boots too (for timing studies).</summary>
    public const string KeepLogsVariable = "XSHM_BOOT_KEEP_LOGS";

    /// <summary>
    /// Per-boot bound: 60 s of QEMU CPU time (a good boot uses ~20–30 s; alone on the 2-core machine it takes
    /// ~10–20 s of wall time), and 240 s of wall time so a boot on a machine crowded by other jobs is judged
    /// on what it did rather than on the load.
    /// </summary>
    public static BootLimit Limit => new(Seconds(CpuLimitVariable, 60), Seconds(WallLimitVariable, 240));

    private static TimeSpan Seconds(string variable, int fallback) =>
        TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : fallback);

    public static BootOutcome Boot(BootPrerequisites tools, IBootFolderSource source, BootRoute route, TestContext context, Action<BootOutcome> assert) =>
        Boot(tools, source, route, context, assert, Limit);

    /// <summary>A boot with its own limit (a board whose dom0 boots several xl domUs needs more QEMU CPU).</summary>
    public static BootOutcome Boot(BootPrerequisites tools, IBootFolderSource source, BootRoute route, TestContext context, Action<BootOutcome> assert, BootLimit limit)
    {
        var name = $"{source.Name}-{route}";
        var work = Path.Combine(Path.GetTempPath(), "xshm-boot", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        BootOutcome? outcome = null;
        try
        {
            var folder = source.Prepare(work);
            var args = BootRoutes.Arguments(route, tools, folder.Path, work);
            var run = QemuSession.Run(tools.Qemu, args, Path.Combine(work, "serial.log"), limit);
            outcome = new BootOutcome(name, route, run, BootVerdict.Judge(run.SerialLog, folder.Expect, run.End));
            context.WriteLine(outcome.Report());
            CheckUBootTookItsEnvironment(route, run.SerialLog);
            assert(outcome);
            if (Environment.GetEnvironmentVariable(KeepLogsVariable) == "1") Keep(context, name, outcome);
            return outcome;
        }
        catch
        {
            Keep(context, name, outcome);
            throw;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>A harness check, not a verdict: without the saved environment every boot waits 2 s longer.</summary>
    private static void CheckUBootTookItsEnvironment(BootRoute route, string serialLog)
    {
        if (route == BootRoute.GenericLoader || serialLog.Contains(UBootEnvironment.LoadedLine, StringComparison.Ordinal)) return;
        throw new InvalidOperationException($"U-Boot did not print '{UBootEnvironment.LoadedLine}': the flash environment (bootdelay=0) was not read");
    }

    private static void Keep(TestContext context, string name, BootOutcome? outcome)
    {
        if (outcome is null) return;
        var root = context.TestResultsDirectory ?? context.TestRunResultsDirectory
            ?? Path.Combine(Environment.CurrentDirectory, "TestResults");
        var dir = Path.Combine(root, "boot-logs");
        Directory.CreateDirectory(dir);
        var log = Path.Combine(dir, name + ".serial.log");
        File.WriteAllText(log, outcome.Run.SerialLog, Encoding.Latin1);
        var report = Path.Combine(dir, name + ".verdict.txt");
        File.WriteAllText(report, outcome.Report() + "\ncommand: " + outcome.Run.CommandLine + "\n");
        context.AddResultFile(log);
        context.AddResultFile(report);
        context.WriteLine("serial log kept: " + log);
    }
}

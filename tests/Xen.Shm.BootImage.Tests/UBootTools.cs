namespace Xen.Shm.BootImage.Tests;

/// <summary>Runs U-Boot's mkimage/dumpimage (Debian u-boot-tools). Missing: fail on CI=true, else Inconclusive.</summary>
internal static class UBootTools
{
    public static string Require(string tool)
    {
        return Prerequisite.RequireTool(tool, "apt-get install u-boot-tools");
    }

    public static (int Code, string Stdout, string Stderr) Run(string tool, IEnumerable<string> args, string? sourceDateEpoch = null)
    {
        // No SOURCE_DATE_EPOCH unless given: the header time is then mkimage's own rule.
        var run = ToolProcess.Run(Require(tool), args, environment: new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = sourceDateEpoch });
        return (run.ExitCode, run.StdoutText, run.Stderr);
    }

    /// <summary>mkimage's bytes for the given arguments (output path appended).</summary>
    public static byte[] MkImage(TempFolder dir, string sourceDateEpoch, params string[] args)
    {
        string output = dir.File("mkimage-" + Guid.NewGuid().ToString("N") + ".img");
        var (code, stdout, stderr) = Run("mkimage", args.Append(output), sourceDateEpoch);
        Assert.AreEqual(0, code, stdout + stderr);
        return File.ReadAllBytes(output);
    }
}

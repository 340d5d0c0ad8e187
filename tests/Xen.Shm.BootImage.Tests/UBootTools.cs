using System.Diagnostics;

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
        var psi = new ProcessStartInfo(Require(tool)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("SOURCE_DATE_EPOCH");
        if (sourceDateEpoch != null) psi.Environment["SOURCE_DATE_EPOCH"] = sourceDateEpoch;
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
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

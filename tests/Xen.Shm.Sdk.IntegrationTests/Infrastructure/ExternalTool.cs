using System.Diagnostics;

namespace Xen.Shm.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// A real tool the tests compare against (dtc, mkimage). Missing: on CI (CI=true) the test fails,
/// elsewhere it is inconclusive with the install command — never a silent pass (COMMON.md).
/// </summary>
public static class ExternalTool
{
    public static string Require(string tool, string install)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            string candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate)) return candidate;
        }

        string message = $"{tool} not installed: {install}";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(message);
        Assert.Inconclusive(message);
        return tool;
    }

    /// <summary>Runs to completion; stdout as bytes (DTBs), stderr as text; LC_ALL=C for stable messages.</summary>
    public static (int ExitCode, byte[] Stdout, string Stderr) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args) psi.ArgumentList.Add(a);
        psi.Environment["LC_ALL"] = "C";
        using var p = Process.Start(psi)!;
        var stdout = new MemoryStream();
        var outTask = p.StandardOutput.BaseStream.CopyToAsync(stdout);
        var errTask = p.StandardError.ReadToEndAsync();
        outTask.Wait();
        string stderr = errTask.Result;
        p.WaitForExit();
        return (p.ExitCode, stdout.ToArray(), stderr);
    }
}

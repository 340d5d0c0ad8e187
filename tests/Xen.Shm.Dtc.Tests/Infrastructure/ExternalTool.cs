using System.Diagnostics;

namespace Xen.Shm.Dtc.Tests.Infrastructure;

/// <summary>
/// A real tool the tests compare against. Missing tool: on CI (CI=true) the test fails, elsewhere it
/// is inconclusive with the install command — never a silent pass (COMMON.md).
/// </summary>
public static class ExternalTool
{
    public static string Require(string tool, string install) => Prerequisite.RequireTool(tool, install);

    public static string RequireDtc() => Require("dtc", "apt-get install device-tree-compiler (dtc 1.6.1)");

    public static bool IsCi => Prerequisite.IsCi;

    /// <summary>Runs a process to completion; stdout is kept as bytes (DTBs), stderr as text.</summary>
    public static ToolRun Run(string file, IEnumerable<string> args, string? workingDirectory = null, byte[]? stdin = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string a in args) psi.ArgumentList.Add(a);
        // Same messages whatever the developer's locale.
        psi.Environment["LC_ALL"] = "C";
        using var p = Process.Start(psi)!;
        var stdout = new MemoryStream();
        var outTask = p.StandardOutput.BaseStream.CopyToAsync(stdout);
        var errTask = p.StandardError.ReadToEndAsync();
        if (stdin != null) p.StandardInput.BaseStream.Write(stdin, 0, stdin.Length);
        p.StandardInput.Close();
        outTask.Wait();
        string stderr = errTask.Result;
        p.WaitForExit();
        return new ToolRun(p.ExitCode, stdout.ToArray(), stderr);
    }
}

public sealed record ToolRun(int ExitCode, byte[] Stdout, string Stderr)
{
    public string StdoutText => System.Text.Encoding.UTF8.GetString(Stdout);
}

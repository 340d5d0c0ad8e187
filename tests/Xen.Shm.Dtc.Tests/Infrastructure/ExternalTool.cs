using System.Diagnostics;

namespace Xen.Shm.Dtc.Tests.Infrastructure;

/// <summary>
/// A real tool the tests compare against. Missing tool: on CI (CI=true) the test fails, elsewhere it
/// is inconclusive with the install command — never a silent pass (COMMON.md).
/// </summary>
public static class ExternalTool
{
    public static string Require(string tool, string install)
    {
        string? path = Find(tool);
        if (path != null) return path;
        string message = $"{tool} not installed: {install}";
        if (IsCi) Assert.Fail(message);
        Assert.Inconclusive(message);
        return tool;
    }

    public static string RequireDtc() => Require("dtc", "apt-get install device-tree-compiler (dtc 1.6.1)");

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string? Find(string tool)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            string candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

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

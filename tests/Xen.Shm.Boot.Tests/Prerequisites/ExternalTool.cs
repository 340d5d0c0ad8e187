using System.Diagnostics;

namespace Xen.Shm.Boot.Tests.Prerequisites;

/// <summary>Runs a host tool (dtc, mkimage, sfdisk, mke2fs) to completion and captures its output.</summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string file, IEnumerable<string> arguments, string? workingDirectory = null, string? stdin = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // Tools must not stamp the time (mkimage honours SOURCE_DATE_EPOCH): same inputs, same bytes.
        start.Environment["SOURCE_DATE_EPOCH"] = "0";
        start.Environment["LC_ALL"] = "C";
        using var p = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }
        p.WaitForExit();
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs the tool and throws with its stderr when it fails (test infrastructure, not user input).</summary>
    public static string Check(string file, IEnumerable<string> arguments, string? workingDirectory = null, string? stdin = null)
    {
        var args = arguments.ToList();
        var r = Run(file, args, workingDirectory, stdin);
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(" ", args)} failed ({r.ExitCode}): {r.Stderr.Trim()}");
        return r.Stdout;
    }

    /// <summary>Full path of an executable found on PATH, or null.</summary>
    public static string? Find(string name)
    {
        // sfdisk and mke2fs live in /usr/sbin, which a non-root PATH may lack.
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Concat(new[] { "/usr/sbin", "/sbin" });
        foreach (var dir in dirs)
        {
            if (dir.Length == 0) continue;
            var path = Path.Combine(dir, name);
            if (File.Exists(path)) return path;
        }
        return null;
    }
}

namespace Xen.Shm.Boot.Tests.Prerequisites;

/// <summary>Runs a host tool (dtc, mkimage, sfdisk, mke2fs) to completion and captures its output.</summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string file, IEnumerable<string> arguments, string? workingDirectory = null, string? stdin = null)
    {
        var run = ToolProcess.Run(file, arguments, workingDirectory, Bytes(stdin), Environment);
        return new Result(run.ExitCode, run.StdoutText, run.Stderr);
    }

    /// <summary>Runs the tool and throws with its stderr when it fails (test infrastructure, not user input).</summary>
    public static string Check(string file, IEnumerable<string> arguments, string? workingDirectory = null, string? stdin = null) =>
        ToolProcess.Check(file, arguments, workingDirectory, Bytes(stdin), Environment);

    // Tools must not stamp the time (mkimage honours SOURCE_DATE_EPOCH): same inputs, same bytes.
    private static readonly IReadOnlyDictionary<string, string?> Environment = new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = "0" };

    private static byte[]? Bytes(string? text) => text is null ? null : System.Text.Encoding.UTF8.GetBytes(text);

    /// <summary>Full path of an executable found on PATH, or null.</summary>
    public static string? Find(string name)
    {
        // sfdisk and mke2fs live in /usr/sbin, which a non-root PATH may lack.
        var dirs = (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
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

using System.Diagnostics;
using System.Text;

namespace Xen.Shm.TestSupport;

/// <summary>What a finished tool run left: its exit code, stdout as bytes (DTBs, images), stderr as text.</summary>
internal sealed record ToolRun(int ExitCode, byte[] Stdout, string Stderr)
{
    public string StdoutText => Encoding.UTF8.GetString(Stdout);
}

/// <summary>
/// Runs a reference tool (dtc, mkimage, gcc, mtools…) to completion, both pipes drained at once so a
/// chatty tool cannot block on a full pipe. Its stdin is the given bytes or closed at once (a tool
/// never waits on the test host's stdin). The one process runner of the test projects (linked into each).
/// </summary>
internal static class ToolProcess
{
    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static ToolRun Run(string file, IEnumerable<string> arguments, string? workingDirectory = null, byte[]? stdin = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        // Same messages whatever the developer's locale.
        start.Environment["LC_ALL"] = "C";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }

        using var p = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        // Dedicated threads, not thread-pool tasks: tests call this from Parallel.ForEach, whose workers
        // fill the pool; async pipe reads queued behind them waited for the pool to grow (~4 files/s).
        var stdout = new MemoryStream();
        string stderr = "";
        var errThread = Start(() => stderr = p.StandardError.ReadToEnd());
        var inThread = Start(() => WriteInput(p, stdin));
        p.StandardOutput.BaseStream.CopyTo(stdout);
        errThread.Join();
        inThread.Join();
        p.WaitForExit();
        return new ToolRun(p.ExitCode, stdout.ToArray(), stderr);
    }

    private static Thread Start(Action work)
    {
        var thread = new Thread(() => work()) { IsBackground = true };
        thread.Start();
        return thread;
    }

    private static void WriteInput(Process p, byte[]? stdin)
    {
        try
        {
            if (stdin is not null) p.StandardInput.BaseStream.Write(stdin, 0, stdin.Length);
            p.StandardInput.Close();
        }
        catch (IOException)
        {
            // The tool exited without reading its input: its exit code and stderr tell why.
        }
    }

    /// <summary>The same, asserting the tool succeeded; its stdout as text.</summary>
    public static string Check(string file, IEnumerable<string> arguments, string? workingDirectory = null, byte[]? stdin = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var args = arguments.ToList();
        var run = Run(file, args, workingDirectory, stdin, environment);
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(" ", args)} failed ({run.ExitCode}): {run.Stderr.Trim()}");
        return run.StdoutText;
    }
}

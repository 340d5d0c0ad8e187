namespace Xen.Shm.Devicetree.Tests;

/// <summary>Runs the installed dtc (the byte reference, Debian's device-tree-compiler 1.6.1).</summary>
internal static class RealDtc
{
    private static string? s_path;

    public sealed record Run(int ExitCode, string StandardError, byte[]? Output);

    /// <summary>Path of dtc, or fails/inconclusive as the test rules say when it is missing.</summary>
    public static string Require()
    {
        return s_path ??= Prerequisite.RequireTool("dtc", "apt-get install device-tree-compiler");
    }

    /// <summary>dtc -I dts -O dtb -o OUT ARGS INPUT, in <paramref name="workDir"/>.</summary>
    public static Run Compile(string input, string output, IReadOnlyList<string> args, string workDir)
    {
        if (File.Exists(output)) File.Delete(output);
        var run = ToolProcess.Run(Require(), new[] { "-I", "dts", "-O", "dtb", "-o", output }.Concat(args).Append(input), workDir);
        byte[]? bytes = File.Exists(output) ? File.ReadAllBytes(output) : null;
        return new Run(run.ExitCode, run.Stderr, bytes);
    }
}

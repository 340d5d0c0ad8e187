namespace Xen.Shm.Dtc;

/// <summary>Argument handling of xdtc; exit codes as dtc's (0 ok, 1 usage/parse, 2 check errors).</summary>
public static class Cli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = CliArguments.Parse(args);
        if (parsed.ExitCode is int code)
        {
            stdout.Write(parsed.Stdout);
            stderr.Write(parsed.Stderr);
            return code;
        }
        stderr.WriteLine("xdtc: the compiler is not wired in yet");
        return 1;
    }
}

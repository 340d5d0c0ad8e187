namespace Xen.Shm.Dtc;

/// <summary>Argument handling of xdtc; exit codes as dtc's (0 ok, 1 usage/parse, 2 check errors).</summary>
public static class Cli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("xdtc: the compiler is not wired in yet");
        return 1;
    }
}

namespace Xen.Shm.Dtc.Tests.Infrastructure;

/// <summary>Real dtc 1.6.1 as the reference: compiles and decompiles through files in a temp folder.</summary>
public static class RealDtc
{
    /// <summary>`dtc -q -I dts -O dtb [extra] in.dts`; fails the test if dtc fails.</summary>
    public static byte[] Compile(string dts, params string[] extra)
    {
        string dtc = ExternalTool.RequireDtc();
        using var dir = new TempFolder();
        string input = dir.Write("in.dts", dts);
        var run = ExternalTool.Run(dtc, new[] { "-q", "-I", "dts", "-O", "dtb" }.Concat(extra).Append(input), dir.Path);
        Assert.AreEqual(0, run.ExitCode, run.Stderr);
        return run.Stdout;
    }

    /// <summary>`dtc -q -I dtb -O dts` of a blob: the text our DTS writer must reproduce.</summary>
    public static string Decompile(byte[] blob)
    {
        string dtc = ExternalTool.RequireDtc();
        using var dir = new TempFolder();
        string input = dir.File("in.dtb");
        File.WriteAllBytes(input, blob);
        var run = ExternalTool.Run(dtc, new[] { "-q", "-I", "dtb", "-O", "dts", input }, dir.Path);
        Assert.AreEqual(0, run.ExitCode, run.Stderr);
        return run.StdoutText;
    }
}

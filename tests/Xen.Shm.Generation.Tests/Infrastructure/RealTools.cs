namespace Xen.Shm.Generation.Tests.Infrastructure;

/// <summary>
/// Debian's dtc 1.6.1 and fdtoverlay (package device-tree-compiler). Missing: fail when CI=true,
/// else Inconclusive.
/// </summary>
internal static class RealTools
{
    public static string Dtc => Require("dtc");
    public static string FdtOverlay => Require("fdtoverlay");

    public static string Require(string tool)
    {
        return Prerequisite.RequireTool(tool, "apt-get install device-tree-compiler");
    }

    /// <summary>Real dtc on DTS text (written to a temp file in <paramref name="dir"/>); returns the DTB.</summary>
    public static byte[] CompileDts(string dir, string name, string source, params string[] extraArgs)
    {
        string src = Path.Combine(dir, name);
        File.WriteAllText(src, source);
        string outFile = src + ".out";
        var args = new List<string> { "-I", "dts", "-O", "dtb", "-o", outFile };
        args.AddRange(extraArgs);
        args.Add(src);
        var (code, _, err) = Run(Dtc, args.ToArray());
        Assert.AreEqual(0, code, "dtc failed: " + err);
        return File.ReadAllBytes(outFile);
    }

    /// <summary>Real dtc: DTB → sorted DTS text (the form two trees are compared in).</summary>
    public static string Decompile(string dir, string name, byte[] dtb, bool sort = true)
    {
        string file = Path.Combine(dir, name);
        File.WriteAllBytes(file, dtb);
        var args = new List<string> { "-I", "dtb", "-O", "dts" };
        if (sort) args.Add("-s");
        args.Add(file);
        var (code, stdout, err) = Run(Dtc, args.ToArray());
        Assert.AreEqual(0, code, "dtc -I dtb failed: " + err);
        return stdout;
    }

    public static (int Code, string Stdout, string Stderr) Run(string file, params string[] args)
    {
        var run = ToolProcess.Run(file, args);
        return (run.ExitCode, run.StdoutText, run.Stderr);
    }
}

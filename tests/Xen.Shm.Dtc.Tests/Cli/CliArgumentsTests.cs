using Xen.Shm.Dtc.Tests.Infrastructure;

namespace Xen.Shm.Dtc.Tests.Cli;

/// <summary>
/// Option handling that ends before any file is read: our text and exit code must equal real
/// dtc's, byte for byte, when we are told our program is called "dtc".
/// </summary>
[TestClass]
public sealed class CliArgumentsTests
{
    [TestMethod]
    [DataRow("-x")]
    [DataRow("-q -q -x")]
    [DataRow("--bogus")]
    [DataRow("--ou=x.dtb in.dts")]
    [DataRow("--out-f")]
    [DataRow("--force=1 in.dts")]
    [DataRow("-o")]
    [DataRow("--out")]
    [DataRow("-h")]
    [DataRow("--help")]
    [DataRow("--he")]
    [DataRow("-v")]
    [DataRow("-qv")]
    [DataRow("-H foo in.dts")]
    [DataRow("--phandle=bar in.dts")]
    [DataRow("-a 3 in.dts")]
    [DataRow("-a 0 in.dts")]
    [DataRow("-a0x3 in.dts")]
    [DataRow("-p 1 -S 1 in.dts")]
    [DataRow("in.dts -p 0x10 -S 010")]
    [DataRow("a.dts b.dts")]
    [DataRow("-- -a.dts b.dts")]
    [DataRow("-p 1 -S 1 a.dts b.dts")]
    public void EarlyExitMatchesDtc(string commandLine)
    {
        string dtc = ExternalTool.RequireDtc();
        string[] args = commandLine.Split(' ');
        using var dir = new TempFolder();
        var real = ExternalTool.Run(dtc, args, dir.Path);

        var ours = CliArguments.Parse(args, program: dtc);

        Assert.IsNotNull(ours.ExitCode, $"dtc stopped early on `{commandLine}` (exit {real.ExitCode}) but we went on");
        Assert.AreEqual(real.ExitCode, ours.ExitCode.Value, "exit code");
        Assert.AreEqual(real.StdoutText, ours.Stdout, "stdout");
        Assert.AreEqual(real.Stderr, ours.Stderr, "stderr");
    }

    [TestMethod]
    public void OptionsAfterTheInputAndBundledValuesAreRead()
    {
        var r = CliArguments.Parse(new[] { "board.dts", "-qqfs@A", "-ob.dtb", "--out-format=dtb", "-i", "inc1", "--include", "inc2",
            "-b0x100", "-R", "3", "-p", "010", "-a", "8", "-Hboth", "-Wno-unit_address_vs_reg", "--error=reg_format", "-V16", "-d", "dep.d" });

        Assert.IsNull(r.ExitCode, r.Stderr);
        var o = r.Options!;
        Assert.AreEqual("board.dts", o.InputPath);
        Assert.AreEqual(2, o.Quiet);
        Assert.IsTrue(o.Force && o.Sort && o.Symbols && o.AutoAlias);
        Assert.AreEqual("b.dtb", o.OutputPath);
        Assert.AreEqual("dtb", o.OutputFormat);
        CollectionAssert.AreEqual(new[] { "inc1", "inc2" }, o.IncludeDirs);
        Assert.AreEqual(0x100L, o.BootCpu);
        Assert.AreEqual(3, o.ReserveEntries);
        Assert.AreEqual(8, o.PadSize, "010 is octal, as strtol(…, 0) reads it");
        Assert.AreEqual(8, o.AlignSize);
        Assert.AreEqual("both", o.PhandleFormat);
        Assert.AreEqual(16, o.OutputVersion);
        Assert.AreEqual("dep.d", o.DependencyPath);
        CollectionAssert.AreEqual(new[] { (false, "no-unit_address_vs_reg"), (true, "reg_format") }, o.CheckSwitches);
    }

    [TestMethod]
    public void NoInputMeansStdin()
    {
        var r = CliArguments.Parse(new[] { "-O", "dts" });
        Assert.AreEqual("-", r.Options!.InputPath);
        Assert.AreEqual("-", r.Options.OutputPath);
    }

    [TestMethod]
    [DataRow("0", 0L)]
    [DataRow("17", 17L)]
    [DataRow("0x1F", 31L)]
    [DataRow("0X1f", 31L)]
    [DataRow("017", 15L)]
    [DataRow("08", 0L)]
    [DataRow("  +42", 42L)]
    [DataRow("-1", -1L)]
    [DataRow("12abc", 12L)]
    [DataRow("abc", 0L)]
    [DataRow("0x", 0L)]
    [DataRow("99999999999999999999", long.MaxValue)]
    [DataRow("-99999999999999999999", long.MinValue)]
    public void NumbersAreReadLikeStrtol(string text, long expected)
    {
        // Expected values are C's strtol(text, NULL, 0) (C11 §7.22.1.4).
        Assert.AreEqual(expected, CNumber.StrToL(text));
    }
}

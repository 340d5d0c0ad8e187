using Xen.Shm.Dtc.Tests.Infrastructure;

namespace Xen.Shm.Dtc.Tests.Cli;

/// <summary>
/// xdtc against real dtc on whole runs: same exit code, same stderr, same output bytes, and no
/// output file whenever the run fails. Paths are absolute so both print the same names.
/// </summary>
[TestClass]
public sealed class CliRunTests
{
    private const string Board = """
        /dts-v1/;
        /memreserve/ 0x80000000 0x100000;
        /include/ "soc.dtsi"
        / {
            model = "Acme Board";
            cpus { #address-cells = <1>; #size-cells = <0>; cpu@100 { device_type = "cpu"; reg = <0x100>; }; };
            chosen { stdout-path = &uart; bootargs = "console=ttyAMA0,115200"; };
        };
        &uart { status = "okay"; };
        """;

    private const string Soc = """
        / {
            #address-cells = <1>;
            #size-cells = <1>;
            compatible = "acme,board", "acme,soc";
            soc {
                compatible = "simple-bus";
                #address-cells = <1>;
                #size-cells = <1>;
                ranges;
                uart: serial@1000 { compatible = "arm,pl011"; reg = <0x1000 0x100>; clocks = <&clk>; status = "disabled"; };
                clk: clock { compatible = "fixed-clock"; #clock-cells = <0>; clock-frequency = <24000000>; };
            };
        };
        """;

    private sealed record Outcome(int ExitCode, byte[] Stdout, string Stderr, byte[]? File, string? Dep);

    /// <summary>Runs `dtc ARGS` and `xdtc ARGS` in two fresh folders holding the same inputs.</summary>
    /// <param name="native">run ours as the Native AOT executable (a child process) instead of in-process</param>
    private static (Outcome Real, Outcome Ours) Both(string args, string? stdin = null, string outName = "out.dtb", string extraFile = "", string extraText = "", bool native = false)
    {
        string dtc = ExternalTool.RequireDtc();
        Outcome Run(bool ours)
        {
            using var dir = new TempFolder();
            dir.Write("board.dts", Board);
            dir.Write("soc.dtsi", Soc);
            dir.Write("bad.dts", "/dts-v1/;\n/ {\n\tp = <1 2;\n};\n");
            dir.Write("dup.dts", "/dts-v1/;\n/ {\n\tn { };\n\tn { };\n};\n");
            dir.Write("warn.dts", "/dts-v1/;\n/ {\n\tn@1 { };\n};\n");
            dir.Write("top.dts", "/dts-v1/;\n/include/ \"x.dtsi\"\n/ { top; };\n");
            if (extraFile.Length > 0) dir.Write(extraFile, extraText);
            System.IO.File.WriteAllBytes(dir.File("board.dtb"), RealDtc.Compile(Board.Replace("/include/ \"soc.dtsi\"", Soc.Replace("/ {", "/ {", StringComparison.Ordinal))));
            System.IO.File.WriteAllBytes(dir.File("junk.dtb"), new byte[] { 0xd0, 0x0d, 0xfe, 0xed, 0, 0, 0, 9 });
            string[] argv = args.Replace("$D", dir.Path).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            byte[]? input = stdin == null ? null : System.Text.Encoding.UTF8.GetBytes(stdin.Replace("$D", dir.Path));
            int code;
            byte[] stdout;
            string stderr;
            if (ours && native)
            {
                var run = ExternalTool.Run(Native.NativeXdtc.Require(), argv, dir.Path, input ?? Array.Empty<byte>());
                (code, stdout, stderr) = (run.ExitCode, run.Stdout, run.Stderr);
            }
            else if (ours)
            {
                var so = new MemoryStream();
                var se = new StringWriter();
                code = Dtc.Cli.Run(argv, new MemoryStream(input ?? Array.Empty<byte>()), so, se);
                stdout = so.ToArray();
                stderr = se.ToString();
            }
            else
            {
                var run = ExternalTool.Run(dtc, argv, dir.Path, input ?? Array.Empty<byte>());
                (code, stdout, stderr) = (run.ExitCode, run.Stdout, run.Stderr);
            }
            string outPath = dir.File(outName);
            string depPath = dir.File("out.d");
            return new Outcome(code, stdout, stderr.Replace(dir.Path, "$D"),
                System.IO.File.Exists(outPath) ? System.IO.File.ReadAllBytes(outPath) : null,
                System.IO.File.Exists(depPath) ? System.IO.File.ReadAllText(depPath).Replace(dir.Path, "$D") : null);
        }
        return (Run(false), Run(true));
    }

    private static void AssertSame(Outcome real, Outcome ours, bool compareStderr = true)
    {
        Assert.AreEqual(real.ExitCode, ours.ExitCode, $"exit code; dtc said: {real.Stderr}; we said: {ours.Stderr}");
        if (compareStderr) Assert.AreEqual(real.Stderr, ours.Stderr, "stderr");
        CollectionAssert.AreEqual(real.Stdout, ours.Stdout, "stdout");
        if (real.ExitCode == 0)
        {
            Assert.AreEqual(real.File != null, ours.File != null, "output file written by one only");
            if (real.File != null) CollectionAssert.AreEqual(real.File, ours.File, "output file bytes");
        }
        else
        {
            // Never an output file on failure. (dtc leaves an empty one when it fails after opening
            // it, e.g. an unknown -V; we deliberately do not.)
            Assert.IsNull(ours.File, "output file written by a failed run");
        }
    }

    [TestMethod]
    [DataRow("-o $D/out.dtb $D/board.dts")]
    [DataRow("-I dts -O dtb -o $D/out.dtb $D/board.dts")]
    [DataRow("-q -O dtb $D/board.dts")]
    [DataRow("-O dts $D/board.dts")]
    [DataRow("-o $D/out.dts $D/board.dts")]
    [DataRow("-I dtb -O dts $D/board.dtb")]
    [DataRow("$D/board.dtb")]
    [DataRow("-I dtb -O dtb -o $D/out.dtb $D/board.dtb")]
    [DataRow("-@ -A -H both -s -o $D/out.dtb $D/board.dts")]
    [DataRow("-@ -O dts $D/board.dts")]
    [DataRow("-p 64 -R 2 -b 3 -o $D/out.dtb $D/board.dts")]
    [DataRow("-S 4096 -a 512 -o $D/out.dtb $D/board.dts")]
    [DataRow("-S 10 -o $D/out.dtb $D/board.dts")]
    // Past int: dtc keeps strtol's long cast to int (0x80000000 → negative, 2^32 → 0, overflow → -1): no padding, exit 0.
    [DataRow("-S 0x80000000 -o $D/out.dtb $D/board.dts")]
    [DataRow("-S 0x100000000 -o $D/out.dtb $D/board.dts")]
    [DataRow("-S 99999999999999999999 -o $D/out.dtb $D/board.dts")]
    [DataRow("-p -16 -o $D/out.dtb $D/board.dts")]
    [DataRow("-S abc -o $D/out.dtb $D/board.dts")]
    [DataRow("-p 0x7fffffff -a 16 -o $D/out.dtb $D/board.dts")]   // -a's int sum wraps: no padding at all
    [DataRow("-V 16 -o $D/out.dtb $D/board.dts")]
    [DataRow("-o $D/out.dtb $D/warn.dts")]
    [DataRow("-Wno-unit_address_vs_reg -o $D/out.dtb $D/warn.dts")]
    [DataRow("-E unit_address_vs_reg -o $D/out.dtb $D/warn.dts")]
    [DataRow("-o $D/out.dtb $D/bad.dts")]
    [DataRow("-o $D/out.dtb $D/dup.dts")]
    [DataRow("-f -o $D/out.dtb $D/dup.dts")]
    [DataRow("-qqq -f -o $D/out.dtb $D/dup.dts")]
    [DataRow("-o $D/out.dtb $D/missing.dts")]
    [DataRow("-I dtb -o $D/out.dtb $D/missing.dtb")]
    [DataRow("-o $D/no-such-dir/out.dtb $D/board.dts")]
    [DataRow("-W no-such-check $D/board.dts")]
    [DataRow("-O dtb -V 5 -o $D/out.dtb $D/board.dts")]
    public void RunMatchesDtc(string args)
    {
        var (real, ours) = Both(args);
        AssertSame(real, ours);
    }

    /// <summary>Every row of <see cref="RunMatchesDtc"/>, run by the native xdtc (issue 21).</summary>
    public static IEnumerable<object?[]> RunRows() =>
        typeof(CliRunTests).GetMethod(nameof(RunMatchesDtc))!.GetCustomAttributes(typeof(DataRowAttribute), false)
            .Cast<DataRowAttribute>().Select(r => r.Data);

    [TestMethod]
    [DynamicData(nameof(RunRows))]
    public void NativeRunMatchesDtc(string args)
    {
        var (real, ours) = Both(args, native: true);
        AssertSame(real, ours);
    }

    [TestMethod]
    public void NativeSourceOnStdinMatchesDtc()
    {
        var (real, ours) = Both("-O dtb -d $D/out.d", stdin: "/dts-v1/;\n/ { a = <1>; b = \"x\"; };\n", native: true);
        AssertSame(real, ours);
        Assert.AreEqual(real.Dep, ours.Dep);
    }

    [TestMethod]
    [DataRow("-I dtb -O dts -o $D/out.dts $D/junk.dtb")]
    [DataRow("-O dtb -o $D/out.dtb $D/junk.dtb")]
    public void MalformedBlobFailsLikeDtc(string args)
    {
        // Same exit code and no output; our message names the problem with its XSHM35xx code
        // instead of dtc's flattree.c wording.
        var (real, ours) = Both(args, outName: args.Contains("out.dts") ? "out.dts" : "out.dtb");
        AssertSame(real, ours, compareStderr: false);
        StringAssert.StartsWith(ours.Stderr, "FATAL ERROR: ");
        StringAssert.Contains(ours.Stderr, "XSHM35");
    }

    [TestMethod]
    public void SourceOnStdinMatchesDtc()
    {
        var (real, ours) = Both("-O dtb -d $D/out.d", stdin: "/dts-v1/;\n/ { a = <1>; b = \"x\"; };\n");
        AssertSame(real, ours);
        Assert.AreEqual(real.Dep, ours.Dep);
    }

    [TestMethod]
    public void RawBytesOnStdinPassThroughLikeDtc()
    {
        // Latin-1 bytes (not valid UTF-8) in a string, a label-free comment and a char literal: dtc
        // reads bytes, so must we (a UTF-8 decode would turn each into U+FFFD's three bytes).
        string dtc = ExternalTool.RequireDtc();
        byte[] source = System.Text.Encoding.Latin1.GetBytes("/dts-v1/;\n/* caf\u00e9 */\n/ { s = \"gr\u00fc\u00df\"; c = [ 01 ]; };\n");
        using var dir = new TempFolder();
        var real = ExternalTool.Run(dtc, new[] { "-O", "dtb" }, dir.Path, source);
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        int code = Dtc.Cli.Run(new[] { "-O", "dtb" }, new MemoryStream(source), stdout, stderr);
        Assert.AreEqual(real.ExitCode, code, stderr.ToString());
        Assert.AreEqual(real.Stderr, stderr.ToString());
        CollectionAssert.AreEqual(real.Stdout, stdout.ToArray());
    }

    [TestMethod]
    public void BlobOnStdinMatchesDtc()
    {
        string dtc = ExternalTool.RequireDtc();
        byte[] blob = RealDtc.Compile("/dts-v1/;\n/memreserve/ 0x1000 0x10;\n/ { s = \"a\", \"b\"; c = <1 2>; n@1 { reg = <1>; }; };\n");
        using var dir = new TempFolder();
        var real = ExternalTool.Run(dtc, new[] { "-I", "dtb", "-O", "dts" }, dir.Path, blob);
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        int code = Dtc.Cli.Run(new[] { "-I", "dtb", "-O", "dts" }, new MemoryStream(blob), stdout, stderr);
        Assert.AreEqual(real.ExitCode, code, stderr.ToString());
        Assert.AreEqual(real.Stderr, stderr.ToString());
        Assert.AreEqual(real.StdoutText, System.Text.Encoding.UTF8.GetString(stdout.ToArray()));
    }

    [TestMethod]
    public void DependencyFileMatchesDtc()
    {
        var (real, ours) = Both("-d $D/out.d -o $D/out.dtb $D/board.dts");
        AssertSame(real, ours);
        Assert.IsNotNull(real.Dep);
        Assert.AreEqual(real.Dep, ours.Dep);
    }

    [TestMethod]
    public void DependencyFileWithIncludeDirMatchesDtc()
    {
        var (real, ours) = Both("-i $D/inc -d $D/out.d -o $D/out.dtb $D/top.dts", extraFile: "inc/x.dtsi", extraText: "/ { x; };\n");
        AssertSame(real, ours);
        StringAssert.Contains(real.Dep, "inc/x.dtsi");
        Assert.AreEqual(real.Dep, ours.Dep);
    }

    [TestMethod]
    public void FailedRunLeavesAnExistingOutputFileUntouched()
    {
        using var dir = new TempFolder();
        string input = dir.Write("bad.dts", "/dts-v1/;\n/ { p = <1 2; };\n");
        string output = dir.Write("out.dtb", "previous");
        var se = new StringWriter();
        int code = Dtc.Cli.Run(new[] { "-o", output, input }, Stream.Null, new MemoryStream(), se);
        Assert.AreEqual(1, code, se.ToString());
        Assert.AreEqual("previous", File.ReadAllText(output));
        Assert.AreEqual(1, Directory.GetFiles(dir.Path, "*out.dtb*").Length, "no temp file left behind");
    }

    [TestMethod]
    public void BuiltToolRunsAsAChildProcess()
    {
        string dtc = ExternalTool.RequireDtc();
        string xdtc = Path.Combine(AppContext.BaseDirectory, "xdtc.dll");
        Assert.IsTrue(File.Exists(xdtc), xdtc);
        using var dir = new TempFolder();
        string input = dir.Write("board.dts", Board.Replace("/include/ \"soc.dtsi\"", ""));
        dir.Write("soc.dtsi", Soc);
        var real = ExternalTool.Run(dtc, new[] { "-O", "dtb", input }, dir.Path);
        var ours = ExternalTool.Run("dotnet", new[] { xdtc, "-O", "dtb", input }, dir.Path);
        Assert.AreEqual(real.ExitCode, ours.ExitCode, ours.Stderr);
        Assert.AreEqual(real.Stderr, ours.Stderr);
        CollectionAssert.AreEqual(real.Stdout, ours.Stdout, "DTB bytes on stdout");

        var help = ExternalTool.Run("dotnet", new[] { xdtc, "-h" }, dir.Path);
        Assert.AreEqual(0, help.ExitCode);
        StringAssert.StartsWith(help.StdoutText, "Usage: xdtc [options] <input file>\n");
    }
}

using Xen.Shm.Dtc.Tests.Infrastructure;
using Xen.Shm.Preprocessor.Tests.Infrastructure;

namespace Xen.Shm.Preprocessor.Tests;

/// <summary>`xdtc --cpp …` replaces Kbuild's two steps: same DTB as cpp then dtc.</summary>
[TestClass]
public sealed class XdtcCppTests
{
    [TestMethod]
    public void CppSwitchesGiveTheDtbOfCppThenDtc()
    {
        string cpp = Kbuild.RequireCpp();
        string dtc = ExternalTool.RequireDtc();
        using var dir = new TempFolder();
        dir.Write("inc/dt-bindings/x.h", "#define IRQ(n) ((n) + 32)\n#define LEVEL 4\n");
        string main = dir.Write("board.dts",
            "/dts-v1/;\n#include <dt-bindings/x.h>\n/ {\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n#ifdef EXTRA\n\textra;\n#endif\n\tn@0 { reg = <0 4>; interrupts = <0 IRQ(SPI) LEVEL>; };\n};\n");
        var pp = ExternalTool.Run(cpp, new[] { "-nostdinc", "-I", dir.File("inc"), "-undef", "-D__DTS__", "-DSPI=7", "-DEXTRA", "-x", "assembler-with-cpp", main });
        Assert.AreEqual(0, pp.ExitCode, pp.Stderr);
        var real = ExternalTool.Run(dtc, new[] { "-I", "dts", "-O", "dtb", "-o", dir.File("real.dtb"), "-" }, dir.Path, pp.Stdout);
        Assert.AreEqual(0, real.ExitCode, real.Stderr);

        int exit = Xen.Shm.Dtc.Cli.Run(new[] { "--cpp", "--cpp-include", dir.File("inc"), "--cpp-define", "SPI=7", "--cpp-define", "EXTRA",
            "-I", "dts", "-O", "dtb", "-o", dir.File("ours.dtb"), main }, Stream.Null, Stream.Null, TextWriter.Null);
        Assert.AreEqual(0, exit);
        CollectionAssert.AreEqual(File.ReadAllBytes(dir.File("real.dtb")), File.ReadAllBytes(dir.File("ours.dtb")));

        // Negative control: without --cpp the same source is a syntax error, as for dtc alone.
        var stderr = new StringWriter();
        Assert.AreNotEqual(0, Xen.Shm.Dtc.Cli.Run(new[] { "-O", "dtb", "-o", dir.File("plain.dtb"), main }, Stream.Null, Stream.Null, stderr));
        Assert.AreNotEqual(0, ExternalTool.Run(dtc, new[] { "-O", "dtb", "-o", dir.File("plain2.dtb"), main }, dir.Path).ExitCode);
    }

    [TestMethod]
    public void CppErrorsArePositionedAndFail()
    {
        using var dir = new TempFolder();
        string main = dir.Write("bad.dts", "/dts-v1/;\n#include <missing.h>\n/ { };\n");
        var stderr = new StringWriter();
        int exit = Xen.Shm.Dtc.Cli.Run(new[] { "--cpp", "-O", "dtb", "-o", dir.File("o.dtb"), main }, Stream.Null, Stream.Null, stderr);
        Assert.AreNotEqual(0, exit);
        StringAssert.Contains(stderr.ToString(), main + ":2:");
        Assert.IsFalse(File.Exists(dir.File("o.dtb")));
    }
}

using Xen.Shm.Generation.Tests.Infrastructure;
using System.Text.RegularExpressions;
using Xen.Shm.TestSupport;

namespace Xen.Shm.Generation.Tests.Chosen;

/// <summary>
/// Xen keeps 32 boot modules (MAX_MODULES), two of them itself and its device tree, and skips the rest with a log
/// line only: /chosen may name 30. dom0 brings a kernel and a ramdisk, each dom0less domU here a kernel and a ramdisk.
/// A module's command line fits BOOTMOD_MAX_CMDLINE (1024 bytes with its NUL).
/// </summary>
[TestClass]
public sealed class BootModuleLimitsTests
{
    private static string Board(int domUs) => TempBoard.Yaml(domains: string.Concat(Enumerable.Range(1, domUs).Select(i =>
        $"  - {{ name: domU{i}, kind: dom0less, memory: 32M, kernel: images/Image, ramdisk: images/rootfs.cpio.gz, enhanced: false }}\n")));

    [TestMethod]
    public void ThirtyModulesInChosen_Generate()
    {
        using var b = new TempBoard(Board(14));
        var r = Generate(b);
        Assert.IsFalse(r.HasErrors, string.Join("\n", r.Diagnostics));
    }

    [TestMethod]
    public void ThirtyTwoModulesInChosen_XSHM6007AtTheFirstModuleXenWouldSkip()
    {
        string yaml = Board(15);
        using var b = new TempBoard(yaml);
        var r = Generate(b);
        var d = r.Diagnostics.Single(x => x.Code == "XSHM6007");
        // module 31 of /chosen is domU15's kernel: its line in board.yaml
        int line = yaml.Split('\n').ToList().FindIndex(l => l.Contains("name: domU15,", StringComparison.Ordinal)) + 1;
        Assert.AreEqual(line, d.Span.Line, d.ToString());
        StringAssert.Contains(d.Message, "boot module 33 of 34");
    }

    private static string BootargsBoard(int length) => TempBoard.Yaml(domains:
        $"  - {{ name: domU1, kind: dom0less, memory: 32M, kernel: images/Image, enhanced: false, bootargs: \"console=ttyAMA0 {new string('x', length - 16)}\" }}\n");

    [TestMethod]
    public void DomUBootargsOf1023Bytes_Generate()
    {
        using var b = new TempBoard(BootargsBoard(1023));
        var r = Generate(b);
        Assert.IsFalse(r.HasErrors, string.Join("\n", r.Diagnostics));
    }

    [TestMethod]
    [DataRow(1024)]
    [DataRow(4000)]
    public void DomUBootargsOf1024BytesOrMore_XSHM6008AtTheBootargs(int length)
    {
        string yaml = BootargsBoard(length);
        using var b = new TempBoard(yaml);
        var r = Generate(b);
        var d = r.Diagnostics.Single(x => x.Code == "XSHM6008");
        int line = yaml.Split('\n').ToList().FindIndex(l => l.Contains("name: domU1,", StringComparison.Ordinal)) + 1;
        Assert.AreEqual(line, d.Span.Line, d.ToString());
        StringAssert.Contains(d.Message, $"are {length} bytes");
    }

    /// <summary>The limits are Xen's own, in each source the SDK targets (shared/vendor/xen, as testassets/xen-source builds them).</summary>
    [TestMethod]
    [DataRow("xen-4.17.7.tar.xz", "xen/arch/arm/include/asm/setup.h", "MAX_MODULES", 32)]
    [DataRow("xen-4.21.2.tar.xz", "xen/include/xen/bootinfo.h", "MAX_MODULES", 32)]
    [DataRow("xen-xilinx-4.17-2023.2.tar.xz", "xen/arch/arm/include/asm/setup.h", "MAX_MODULES", 32)]
    [DataRow("xen-4.17.7.tar.xz", "xen/arch/arm/include/asm/setup.h", "BOOTMOD_MAX_CMDLINE", 1024)]
    [DataRow("xen-4.21.2.tar.xz", "xen/include/xen/bootfdt.h", "BOOTMOD_MAX_CMDLINE", 1024)]
    [DataRow("xen-xilinx-4.17-2023.2.tar.xz", "xen/arch/arm/include/asm/setup.h", "BOOTMOD_MAX_CMDLINE", 1024)]
    public void Limits_AreXensOwn(string tarball, string header, string name, int value)
    {
        string sources = Environment.GetEnvironmentVariable("XSHM_XEN_SOURCES") is { Length: > 0 } s ? s : Path.Combine(Repo.Root, "..", "shared", "vendor", "xen");
        string path = Path.Combine(sources, tarball);
        if (!File.Exists(path)) Prerequisite.Missing($"{path} not found (the Xen source tarballs beside the repository, or XSHM_XEN_SOURCES)");
        var tar = ToolProcess.Run(Prerequisite.RequireTool("tar", "apt-get install tar xz-utils"), new[] { "-xOJf", path, "--wildcards", "*/" + header });
        Assert.AreEqual(0, tar.ExitCode, tar.Stderr);
        var define = Regex.Match(tar.StdoutText, $@"#define {name} (\d+)");
        Assert.IsTrue(define.Success, $"no {name} in {tarball}:{header}");
        Assert.AreEqual(value, int.Parse(define.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static GenerationResult Generate(TempBoard b) => BoardGenerator.Generate(b.Load().Input());
}

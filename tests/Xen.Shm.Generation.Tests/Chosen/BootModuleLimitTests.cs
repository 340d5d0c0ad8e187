using Xen.Shm.Generation.Tests.Infrastructure;
using System.Text.RegularExpressions;
using Xen.Shm.TestSupport;

namespace Xen.Shm.Generation.Tests.Chosen;

/// <summary>
/// Xen keeps 32 boot modules (MAX_MODULES), two of them itself and its device tree, and skips the rest with a log
/// line only: /chosen may name 30. dom0 brings a kernel and a ramdisk, each dom0less domU here a kernel and a ramdisk.
/// </summary>
[TestClass]
public sealed class BootModuleLimitTests
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

    /// <summary>The limit is Xen's own, in each source the SDK targets (shared/vendor/xen, as testassets/xen-source builds them).</summary>
    [TestMethod]
    [DataRow("xen-4.17.7.tar.xz", "xen/arch/arm/include/asm/setup.h")]
    [DataRow("xen-4.21.2.tar.xz", "xen/include/xen/bootinfo.h")]
    [DataRow("xen-xilinx-4.17-2023.2.tar.xz", "xen/arch/arm/include/asm/setup.h")]
    public void MaxModules_IsXensOwn(string tarball, string header)
    {
        string sources = Environment.GetEnvironmentVariable("XSHM_XEN_SOURCES") is { Length: > 0 } s ? s : Path.Combine(Repo.Root, "..", "shared", "vendor", "xen");
        string path = Path.Combine(sources, tarball);
        if (!File.Exists(path)) Prerequisite.Missing($"{path} not found (the Xen source tarballs beside the repository, or XSHM_XEN_SOURCES)");
        var tar = ToolProcess.Run(Prerequisite.RequireTool("tar", "apt-get install tar xz-utils"), new[] { "-xOJf", path, "--wildcards", "*/" + header });
        Assert.AreEqual(0, tar.ExitCode, tar.Stderr);
        var define = Regex.Match(tar.StdoutText, @"#define MAX_MODULES (\d+)");
        Assert.IsTrue(define.Success, $"no MAX_MODULES in {tarball}:{header}");
        Assert.AreEqual(32, int.Parse(define.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static GenerationResult Generate(TempBoard b)
    {
        var input = b.Load().Input();
        return BoardGenerator.Generate(new GenerationInput(input.Board)
        {
            HostSource = input.HostSource, HostBlob = input.HostBlob, HostSourceName = input.HostSourceName,
            IncludeDirs = input.IncludeDirs, UserTrees = input.UserTrees, Files = input.Files,
        });
    }
}

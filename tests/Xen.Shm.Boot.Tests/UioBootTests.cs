using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Xen.Shm.Boot.Tests.Judging;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;
using Xen.Shm.TestSupport;

namespace Xen.Shm.Boot.Tests;

/// <summary>
/// The UIO board built by the SDK (testassets/qemu-uio, two passes, <see cref="UioBoard"/>): dom0 starts Debian's
/// Xen toolstack and creates the xl domU with `xl create` from OUR /etc/xen/guest1.cfg, whose iomem line maps the
/// carved page at guest 0x34000000; both directions of the handshake must pass and Xen must keep the carve-out.
/// Debian's kernel lacks uio_pdrv_genirq, so both sides reach the page through /dev/mem; what the SDK gives dom0
/// for UIO (the node in its device tree, the of_id argument on its command line) is checked from dom0's own view.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class UioBootTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [TestCategory("Boot")]
    public void UioBoard_SdkBuilt_GenericLoader_Dom0CreatesXlDomUFromOurConfig_HandshakePasses() => BootsAndShares(BootRoute.GenericLoader);

    [TestMethod]
    [TestCategory("Boot")]
    public void UioBoard_SdkBuilt_UBootDisk_Dom0CreatesXlDomUFromOurConfig_HandshakePasses() => BootsAndShares(BootRoute.UBootDisk);

    [TestMethod]
    [TestCategory("Boot")]
    public void UioBoard_RegionGivenToNoXlDomU_FailsTheVerdict()
    {
        var tools = RequireUio();
        var board = new UioBoard(tools, UioVariant.RegionNotGiven, TestContext.WriteLine);
        RealBoot.Boot(tools, board, BootRoute.GenericLoader, TestContext, o =>
        {
            var b = board.Build!;
            StringAssert.Contains(b.First.Output, "XSHM2019", "the SDK warns that region uio0 shares nothing");
            var cfg = Encoding.ASCII.GetString(b.XlFilesSecond[UioBoard.XlConfig]);
            Assert.IsFalse(Regex.IsMatch(cfg, @"^iomem\s*=", RegexOptions.Multiline), cfg);
            Assert.IsFalse(o.Verdict.Passed, "the xl domU has no iomem mapping, yet the verdict passed:\n" + o.Report());
            // It fails for the right reason: the domU was created and ran, but nothing crossed the page.
            StringAssert.Contains(o.Run.SerialLog, $"XSHM: dom0 created the xl domU from /{UioBoard.XlConfig}", o.Report());
            Assert.IsTrue(o.Verdict.Failures.Any(f => f.Contains("SHM-FAIL dom0: no 0xC0FFEE42 from domU1", StringComparison.Ordinal)), o.Report());
            Assert.IsFalse(o.Run.SerialLog.Contains("XSHM: dom0->domU1 ok", StringComparison.Ordinal), o.Report());
            // The host side is unchanged: dom0 still has the UIO node at the carved page.
            Assert.AreEqual(1, UioDom0Report.Parse(o.Run.SerialLog).Nodes.Count, o.Run.SerialLog);
        });
    }

    private void BootsAndShares(BootRoute route)
    {
        var tools = RequireUio();
        var board = new UioBoard(tools, UioVariant.AsCommitted, TestContext.WriteLine);
        RealBoot.Boot(tools, board, route, TestContext, o =>
        {
            var b = board.Build!;
            TwoPassBuildIsConsistent(tools, b);

            Assert.IsTrue(o.Verdict.Passed, o.Report());
            var log = o.Run.SerialLog;
            // dom0 created the domU with xl from the config file the SDK wrote (the prepared initramfs has none,
            // checked in RequireUio; the hash is of the boot folder's copy).
            StringAssert.Contains(log, $"XSHM: dom0 created the xl domU from /{UioBoard.XlConfig}", o.Report());
            // xl's own line (tools/xl/xl_vmcontrol.c: "Parsing config from %s"): it parsed that file.
            StringAssert.Contains(log, $"Parsing config from /{UioBoard.XlConfig}", o.Report());
            var report = UioDom0Report.Parse(log);
            Assert.IsTrue(report.XlFiles.TryGetValue("/" + UioBoard.XlConfig, out var seen), "dom0 reported no /" + UioBoard.XlConfig + ":\n" + log);
            Assert.AreEqual(Sha256(b.XlFilesSecond[UioBoard.XlConfig]), seen, "dom0's /etc/xen/guest1.cfg is not the boot folder's");
            // The domU found the page where board.yaml's peer put it (its own console, copied by dom0).
            StringAssert.Contains(log, $"{UioBoard.XlDomain}.log: XSHM: domu1 region at 0x{UioBoard.GuestAddress:x}", o.Report());

            // UIO (spec 5.1) as dom0 sees it: our node in its device tree, our of_id argument in /proc/cmdline.
            CollectionAssert.Contains(report.Arguments.ToList(), $"uio_pdrv_genirq.of_id={UioBoard.Compatible}", report.Cmdline ?? "(no cmdline line)");
            Assert.AreEqual(1, report.Nodes.Count, "UIO nodes dom0 reported:\n" + log);
            var node = report.Nodes[0];
            Assert.AreEqual($"/shared_mem@{UioBoard.Region.HostAddress:x}", node.Path);
            Assert.AreEqual(UioBoard.Compatible, node.Compatible);
            Assert.AreEqual(UioDom0Report.Cells64(UioBoard.Region.HostAddress) + UioDom0Report.Cells64(UioBoard.Region.Size), node.RegHex);
            TestContext.WriteLine($"dom0: uio_pdrv_genirq driver {report.Driver} (Debian 12's arm64 kernel: CONFIG_UIO_PDRV_GENIRQ is not set)");
        });
    }

    /// <summary>
    /// Pass 2 changed only what dom0's new ramdisk changes: the xl files are byte for byte those of pass 1 (they do
    /// not depend on dom0's ramdisk), the folder's dom0 ramdisk is the composed root file system, and /chosen's
    /// ramdisk module (read back by dtc) has its planned address and the new size.
    /// </summary>
    private void TwoPassBuildIsConsistent(BootPrerequisites tools, UioTwoPassBuild b)
    {
        CollectionAssert.AreEquivalent(b.XlFilesFirst.Keys.ToList(), b.XlFilesSecond.Keys.ToList());
        foreach (var (path, bytes) in b.XlFilesFirst)
            CollectionAssert.AreEqual(bytes, b.XlFilesSecond[path], $"{path} changed between the passes");
        CollectionAssert.IsSubsetOf(new[] { UioBoard.XlConfig, "etc/xen/guest1/Image", "etc/xen/guest1/initramfs.cpio.gz", "etc/xen/create-domains.sh" },
            b.XlFilesSecond.Keys.ToList());
        // Spec 5.2: iomem "MFN,NR@GFN" in hex pages, from board.yaml's host, size and guest address.
        var cfg = Encoding.ASCII.GetString(b.XlFilesSecond[UioBoard.XlConfig]);
        StringAssert.Contains(cfg, $"iomem = [ \"0x{UioBoard.Region.HostAddress >> 12:x},{UioBoard.Region.Size >> 12:x}@0x{UioBoard.GuestAddress >> 12:x}\" ]\n", cfg);
        CollectionAssert.AreEqual(File.ReadAllBytes(tools.Cache.Kernel), b.XlFilesSecond["etc/xen/guest1/Image"]);
        CollectionAssert.AreEqual(File.ReadAllBytes(tools.Cache.Initramfs), b.XlFilesSecond["etc/xen/guest1/initramfs.cpio.gz"]);

        var ramdiskPath = "dom0/" + Path.GetFileName(UioBoard.Dom0Ramdisk);
        var before = b.ManifestFirst.Files.Single(f => f.Path == ramdiskPath);
        var after = b.ManifestSecond.Files.Single(f => f.Path == ramdiskPath);
        Assert.AreEqual(new FileInfo(tools.Cache.UioDom0Initramfs).Length, before.Size);
        Assert.AreEqual(b.Dom0Ramdisk.LongLength, after.Size);
        Assert.AreEqual(Sha256(b.Dom0Ramdisk), after.Sha256);
        Assert.IsNotNull(after.LoadAddress);

        // dtc 1.6.1 decompiles a string list as one string with \0 separators.
        var dts = ExternalTool.Check(tools.Dtc, new[] { "-q", "-I", "dtb", "-O", "dts", Path.Combine(b.Second.BootDirectory, "host.dtb") });
        var module = Regex.Match(dts, @"module@([0-9a-f]+) \{\s*compatible = ""multiboot,ramdisk\\0multiboot,module"";\s*reg = <0x0+ (0x[0-9a-f]+) 0x0+ (0x[0-9a-f]+)>;");
        Assert.IsTrue(module.Success, "host.dtb has no dom0 ramdisk module:\n" + dts);
        Assert.AreEqual(after.LoadAddress, Convert.ToUInt64(module.Groups[2].Value, 16));
        Assert.AreEqual((ulong)b.Dom0Ramdisk.LongLength, Convert.ToUInt64(module.Groups[3].Value, 16), "host.dtb still has pass 1's ramdisk size");
    }

    /// <summary>
    /// The boot prerequisites, the toolstack initramfs, and that it carries the committed dom0-init and no xl config
    /// of its own (so the one dom0 uses can only come from the boot folder).
    /// </summary>
    private static BootPrerequisites RequireUio()
    {
        var tools = BootPrerequisites.RequireUio();
        var entries = Initramfs.Read(tools.Cache.UioDom0Initramfs);
        var committed = File.ReadAllBytes(RepositoryRoot.Combine("testassets", "qemu-uio", "dom0-init"));
        var init = entries.FirstOrDefault(e => e.Name == "dom0-init");
        if (init is null || !init.Data.AsSpan().SequenceEqual(committed))
            Prerequisite.Missing($"xl toolstack initramfs is stale ({tools.Cache.UioDom0Initramfs} lacks the committed dom0-init): re-run testassets/qemu-uio/prepare.sh");
        Assert.IsFalse(entries.Any(e => e.Name.StartsWith("etc/xen/guest", StringComparison.Ordinal)), "the prepared initramfs must not carry an xl config of its own");
        return tools;
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
}

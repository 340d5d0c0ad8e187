using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Judging;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;
using Xen.Shm.Boot.Tests.Sdk;

namespace Xen.Shm.Boot.Tests;

/// <summary>
/// Real boots of the boot folder the SDK builds from testassets/qemu-virt (Xen 4.17 + dom0 + two dom0less domUs
/// sharing one mmio-sram carve-out) under qemu-system-aarch64, by both routes, plus the negative controls, also
/// built through the SDK, that prove the verdict can fail. One QEMU at a time: each boot uses both cores.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class QemuVirtBootTests
{
    public TestContext TestContext { get; set; } = null!;

    private QemuVirtBoard Board(BootPrerequisites tools, QemuVirtVariant variant = QemuVirtVariant.AsCommitted) =>
        new(tools, variant, TestContext.WriteLine);

    [TestMethod]
    [TestCategory("Boot")]
    public void Sdk_BootsThroughUBootFromTheSdksDiskImage_HandshakePassesAndCarveOutKept()
    {
        var tools = BootPrerequisites.Require();
        RealBoot.Boot(tools, Board(tools), BootRoute.UBootSdkDiskImage, TestContext, o =>
        {
            AssertPassed(o);
            // Our boot.scr ran (not some other script U-Boot found): Xen got the /chosen modules it plans.
            StringAssert.Contains(o.Run.SerialLog, "## Executing script at", o.Report());
            // ... found by distro boot on the SDK's FAT32 partition (U-Boot's "Found U-Boot script /boot.scr", fs/fat).
            StringAssert.Contains(o.Run.SerialLog, "Found U-Boot script /boot.scr", o.Report());
        });
    }

    [TestMethod]
    [TestCategory("Boot")]
    public void Sdk_BootsThroughGenericLoader_HandshakePassesAndCarveOutKept()
    {
        var tools = BootPrerequisites.Require();
        RealBoot.Boot(tools, Board(tools), BootRoute.GenericLoader, TestContext, o =>
        {
            AssertPassed(o);
            StringAssert.Contains(o.Run.SerialLog, "DOM1: XSHM: domu1 hypervisor node: no", "enhanced: false in board.yaml: no PV interfaces");
        });
    }

    [TestMethod]
    [TestCategory("Boot")]
    public void XilinxFlavour_OnXilinxXen_BootsThroughUBoot_HandshakePassesAndCarveOutKept()
    {
        var tools = BootPrerequisites.Require();
        var xen = SourceBuiltXen.Require(SourceBuiltXen.Xilinx417);
        RealBoot.Boot(tools, new QemuVirtBoard(tools, QemuVirtVariant.XilinxFlavour, xen, TestContext.WriteLine), BootRoute.UBootDisk, TestContext, o =>
        {
            AssertPassed(o);
            StringAssert.Contains(o.Run.SerialLog, "## Executing script at", o.Report());
            // The fork really ran: the Xilinx 2023.2 tree calls itself 4.17.0 (xen/Makefile), Debian's package and
            // upstream's tarball 4.17.7 (xen/common/kernel.c banner "Xen version %d.%d%s (").
            StringAssert.Contains(o.Run.SerialLog, "Xen version 4.17.0 (", o.Report());
            Assert.IsFalse(o.Run.SerialLog.Contains("Xen version 4.17.7", StringComparison.Ordinal), o.Report());
        });
    }

    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_XilinxFlavour_DomU1NotAPeerInYaml_HandshakeFails()
    {
        var tools = BootPrerequisites.Require();
        var xen = SourceBuiltXen.Require(SourceBuiltXen.Xilinx417);
        RealBoot.Boot(tools, new QemuVirtBoard(tools, QemuVirtVariant.XilinxFlavourDomU1NotAPeer, xen, TestContext.WriteLine), BootRoute.UBootDisk, TestContext, o =>
        {
            Assert.IsFalse(o.Verdict.Passed, o.Report());
            StringAssert.Contains(o.Run.SerialLog, "Xen version 4.17.0 (", o.Report());
            Assert.IsTrue(o.Verdict.Failures.Any(f => f.Contains("SHM-FAIL domu1: no region node @bf000000 in the device tree", StringComparison.Ordinal)), o.Report());
        });
    }

    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_DomU1NotAPeerInYaml_HandshakeFails()
    {
        var tools = BootPrerequisites.Require();
        RealBoot.Boot(tools, Board(tools, QemuVirtVariant.DomU1NotAPeer), BootRoute.GenericLoader, TestContext, o =>
        {
            Assert.IsFalse(o.Verdict.Passed, o.Report());
            Assert.IsTrue(o.Verdict.Failures.Any(f => f.Contains("SHM-FAIL domu1: no region node @bf000000 in the device tree", StringComparison.Ordinal)), o.Report());
            Assert.IsFalse(o.Run.SerialLog.Contains("XSHM: dom0->domU1 ok", StringComparison.Ordinal), o.Report());
        });
    }

    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_BootiCommand_UBootUndoesCarveOut()
    {
        var tools = BootPrerequisites.Require();
        RealBoot.Boot(tools, Board(tools, QemuVirtVariant.BootiCommand), BootRoute.UBootSdkDiskImage, TestContext, o =>
        {
            Assert.IsFalse(o.Verdict.Passed, o.Report());
            Assert.IsTrue(o.Verdict.Failures.Any(f => f.StartsWith("carve-out lost", StringComparison.Ordinal)), o.Report());
        });
    }

    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_HostDtbMemoryRestored_CarveOutLost()
    {
        var tools = BootPrerequisites.Require();
        RealBoot.Boot(tools, Board(tools, QemuVirtVariant.MemoryRestored), BootRoute.GenericLoader, TestContext, o =>
        {
            Assert.IsFalse(o.Verdict.Passed, o.Report());
            Assert.IsTrue(o.Verdict.Failures.Any(f => f.StartsWith("carve-out lost", StringComparison.Ordinal)), o.Report());
        });
    }

    private static void AssertPassed(BootOutcome o)
    {
        Assert.IsTrue(o.Verdict.Passed, o.Report());
        Assert.AreNotEqual(BootEnd.TimedOut, o.Run.End, o.Report());
    }
}

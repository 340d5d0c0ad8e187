using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Judging;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;
using Xen.Shm.Boot.Tests.Reference;

namespace Xen.Shm.Boot.Tests;

/// <summary>
/// Real boots of the reference boot folder (Xen 4.17 + dom0 + two dom0less domUs sharing one mmio-sram
/// carve-out) under qemu-system-aarch64, by both routes, plus the negative controls that prove the
/// judgement can fail. One QEMU at a time: each boot uses both cores.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class ReferenceBootTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>
    /// The boot folder the positive tests boot. Today the reference folder; once the SDK builds
    /// testassets/qemu-virt/board.yaml, return that folder's source here (one line) and keep the reference
    /// variants below as the negative controls.
    /// </summary>
    private static IBootFolderSource BoardUnderTest(BootPrerequisites tools) => new ReferenceBootFolder(tools, ReferenceVariant.Good);

    [TestMethod]
    [TestCategory("Boot")]
    public void Reference_BootsThroughUBoot_HandshakePassesAndCarveOutKept()
    {
        var tools = BootPrerequisites.Require();
        RealBoot.Boot(tools, BoardUnderTest(tools), BootRoute.UBootDisk, TestContext, AssertPassed);
    }

    [TestMethod]
    [TestCategory("Boot")]
    public void Reference_BootsThroughGenericLoader_HandshakePassesAndCarveOutKept()
    {
        var tools = BootPrerequisites.Require();
        RealBoot.Boot(tools, BoardUnderTest(tools), BootRoute.GenericLoader, TestContext, o =>
        {
            AssertPassed(o);
            StringAssert.Contains(o.Run.SerialLog, "DOM1: XSHM: domu1 hypervisor node: no", "no xen,enhanced: no PV interfaces");
        });
    }

    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_DomU1PartialDtWithoutRegion_HandshakeFails()
    {
        var tools = BootPrerequisites.Require();
        RealBoot.Boot(tools, new ReferenceBootFolder(tools, ReferenceVariant.DomU1WithoutRegion), BootRoute.GenericLoader, TestContext, o =>
        {
            Assert.IsFalse(o.Verdict.Passed, o.Report());
            Assert.IsTrue(o.Verdict.Failures.Any(f => f.Contains("SHM-FAIL domu1: no region node @bf000000 in the device tree", StringComparison.Ordinal)), o.Report());
            Assert.IsFalse(o.Run.SerialLog.Contains("XSHM: dom0->domU1 ok", StringComparison.Ordinal), o.Report());
        });
    }

    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_CarveOutDisabled_DetectedFromXenLog()
    {
        var tools = BootPrerequisites.Require();
        RealBoot.Boot(tools, new ReferenceBootFolder(tools, ReferenceVariant.NoCarveOut), BootRoute.GenericLoader, TestContext, o =>
        {
            Assert.IsFalse(o.Verdict.Passed, o.Report());
            Assert.IsTrue(o.Verdict.Failures.Any(f => f.StartsWith("carve-out lost", StringComparison.Ordinal)), o.Report());
        });
    }

    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_SpecBootiScript_UBootUndoesCarveOut()
    {
        var tools = BootPrerequisites.Require();
        RealBoot.Boot(tools, new ReferenceBootFolder(tools, ReferenceVariant.BootiScript), BootRoute.UBootDisk, TestContext, o =>
        {
            Assert.IsFalse(o.Verdict.Passed, o.Report());
            Assert.IsTrue(o.Verdict.Failures.Any(f => f.StartsWith("carve-out lost", StringComparison.Ordinal)), o.Report());
        });
    }

    // Spec 10.2 makes xen,enhanced the default for dom0less domUs next to a dom0: the board must still boot.
    [TestMethod]
    [TestCategory("Boot")]
    public void Reference_DomUsXenEnhanced_HandshakeStillPasses()
    {
        var tools = BootPrerequisites.Require();
        RealBoot.Boot(tools, new ReferenceBootFolder(tools, ReferenceVariant.XenEnhanced), BootRoute.GenericLoader, TestContext, o =>
        {
            AssertPassed(o);
            StringAssert.Contains(o.Run.SerialLog, "DOM1: XSHM: domu1 hypervisor node: yes", "xen,enhanced took effect");
        });
    }

    private static void AssertPassed(BootOutcome o)
    {
        Assert.IsTrue(o.Verdict.Passed, o.Report());
        Assert.AreNotEqual(BootEnd.TimedOut, o.Run.End, o.Report());
    }
}

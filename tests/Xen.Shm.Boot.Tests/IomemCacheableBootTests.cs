using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Judging;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;
using Xen.Shm.Boot.Tests.Reference;
using Xen.Shm.Boot.Tests.Sdk;

namespace Xen.Shm.Boot.Tests;

/// <summary>
/// Mechanism 1 (iomem-cacheable, Xilinx fork only) booted on the hypervisor and toolstack that consume it: the
/// Xilinx 4.17 (2023.2) hypervisor and its own xl built from source, the board testassets/qemu-iomem-cacheable
/// built through the packed SDK and started by our boot.scr under U-Boot; dom0 runs `xl create` on our
/// /etc/xen/guest1.cfg, whose iomem line ends in ",memory" (the fork's cacheable mapping), and both directions pass.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class IomemCacheableBootTests
{
    public const string Asset = "qemu-iomem-cacheable";

    private static readonly BootExpectation Expect = new(new SharedRegion(0xBFFF_F000, 0x1000), new[] { "domU1->dom0", "dom0->domU1" });

    public TestContext TestContext { get; set; } = null!;

    private void Boot(string variant, Func<string, string>? editYaml, Action<BootOutcome> assert) =>
        XilinxXlBoard.Boot(TestContext, Asset, variant, Expect, assert, editYaml);

    [TestMethod]
    [TestCategory("Boot")]
    public void XilinxXen_UBootDisk_XlCreateOnOurFile_CacheablePageSharedBothWays()
    {
        Boot("as-committed", null, o =>
        {
            Assert.IsTrue(o.Verdict.Passed, o.Report());
            var log = o.Run.SerialLog;
            StringAssert.Contains(log, "Xen version 4.17.0 (", "the Xilinx 4.17 (2023.2) hypervisor:\n" + o.Report());
            StringAssert.Contains(log, "XSHM: dom0 created the xl domU from /etc/xen/guest1.cfg", o.Report());
            StringAssert.Contains(log, "Parsing config from /etc/xen/guest1.cfg", o.Report());
            StringAssert.Contains(log, "guest1.log: XSHM: domu1 region at 0x48000000", o.Report());
            // Xen's own log of the XEN_DOMCTL_memory_mapping libxl made for our iomem line: cache=1 is the fork's
            // CACHEABILITY_MEMORY (xen/include/public/domctl.h, printed by xen/common/domctl.c), the ",memory" suffix
            StringAssert.Contains(log, "memory_map:add: dom1 gfn=48000 mfn=bffff nr=1 cache=1", o.Report());
        });
    }

    /// <summary>Negative control: the region's peers emptied, so guest1.cfg has no iomem line.</summary>
    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_RegionMissingFromThePeer_Fails()
    {
        Boot("no-peer", y => UioBoard.WithoutPeers(y).Replace("xshm_polls=600", "xshm_polls=50", StringComparison.Ordinal), o =>
        {
            Assert.IsFalse(o.Verdict.Passed, o.Report());
            Assert.IsFalse(o.Run.SerialLog.Contains("XSHM: dom0->domU1 ok", StringComparison.Ordinal), o.Report());
            // for the stated reason: no iomem line, so no mapping by Xen and no region in guest1's device tree
            Assert.IsFalse(o.Run.SerialLog.Contains("memory_map:add: dom1", StringComparison.Ordinal), o.Report());
            Assert.IsTrue(o.Verdict.Failures.Any(f => f.Contains("SHM-FAIL domu1: no region node @48000000", StringComparison.Ordinal)), o.Report());
        });
    }
}

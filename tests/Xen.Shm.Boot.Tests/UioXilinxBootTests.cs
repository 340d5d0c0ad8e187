using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Judging;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;
using Xen.Shm.Boot.Tests.Sdk;

namespace Xen.Shm.Boot.Tests;

/// <summary>
/// Mechanism 2 (UIO) on the Xilinx 4.17 (2023.2) fork, end to end: testassets/qemu-uio's own board.yaml with only
/// `flavour: xilinx` switched, the fork's hypervisor and its own toolstack (testassets/qemu-xilinx-xl's dom0
/// initramfs: Debian's xl cannot drive the fork), built through the packed SDK and started by our boot.scr under
/// U-Boot. dom0 runs `xl create` on our /etc/xen/guest1.cfg (the board's xshm_xl) and plays dom0 in the handshake.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class UioXilinxBootTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>board.yaml's flavour switched to the fork's (what a user does to move the board to Xilinx Xen).</summary>
    public static string XilinxFlavour(string yaml)
    {
        const string upstream = "  flavour: upstream\n";
        if (!yaml.Contains(upstream, StringComparison.Ordinal)) throw new InvalidDataException("qemu-uio board.yaml: no 'flavour: upstream'");
        return yaml.Replace(upstream, "  flavour: xilinx\n", StringComparison.Ordinal);
    }

    private void Boot(string variant, Func<string, string> editYaml, Action<BootOutcome> assert) =>
        XilinxXlBoard.Boot(TestContext, UioBoard.Asset, variant, new BootExpectation(UioBoard.Region, UioBoard.Directions), assert, editYaml);

    [TestMethod]
    [TestCategory("Boot")]
    public void XilinxXen_UBootDisk_SameYamlFlavourSwitched_XlDomUSharesThePageBothWays()
    {
        Boot("xilinx", XilinxFlavour, o =>
        {
            Assert.IsTrue(o.Verdict.Passed, o.Report());
            var log = o.Run.SerialLog;
            StringAssert.Contains(log, "Xen version 4.17.0 (", "the Xilinx 4.17 (2023.2) hypervisor:\n" + o.Report());
            StringAssert.Contains(log, "## Executing script at", "our boot.scr ran");
            StringAssert.Contains(log, $"XSHM: dom0 created the xl domU from /{UioBoard.XlConfig}", o.Report());
            StringAssert.Contains(log, $"Parsing config from /{UioBoard.XlConfig}", o.Report());
            StringAssert.Contains(log, $"{UioBoard.XlDomain}.log: XSHM: domu1 region at 0x{UioBoard.GuestAddress:x}", o.Report());
            // the fork's own log of the mapping libxl made for our iomem line (xen/common/domctl.c; cache=0: device)
            StringAssert.Contains(log, $"memory_map:add: dom1 gfn={UioBoard.GuestAddress >> 12:x} mfn={UioBoard.Region.HostAddress >> 12:x} nr=1 cache=0", o.Report());
        });
    }

    /// <summary>Negative control: the same board with the region given to no xl domU (guest1.cfg has no iomem line).</summary>
    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_XilinxXen_RegionGivenToNoXlDomU_Fails()
    {
        Boot("xilinx-no-peer", y => UioBoard.WithoutPeers(XilinxFlavour(y)), o =>
        {
            Assert.IsFalse(o.Verdict.Passed, o.Report());
            StringAssert.Contains(o.Run.SerialLog, $"XSHM: dom0 created the xl domU from /{UioBoard.XlConfig}", o.Report());
            Assert.IsTrue(o.Verdict.Failures.Any(f => f.Contains("SHM-FAIL dom0: no 0xC0FFEE42 from domU1", StringComparison.Ordinal)), o.Report());
            Assert.IsFalse(o.Run.SerialLog.Contains("memory_map:add: dom1", StringComparison.Ordinal), o.Report());
        });
    }
}

using Xen.Shm.Boot.Tests.Judging;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;
using Xen.Shm.Boot.Tests.Sdk;

namespace Xen.Shm.Boot.Tests;

/// <summary>
/// xl passthrough of a host device (issue 20) booted for real: testassets/qemu-xl-passthrough on Debian's Xen 4.17,
/// dom0 runs `xl create` on the SDK's guest1.cfg, whose iomem and irqs give the xl domU QEMU's PL031 RTC and whose
/// device_tree (the SDK's /passthrough node merged into the board's guest1.dts) lets the guest's rtc-pl031 driver
/// bind. QEMU's platform devices sit behind no IOMMU, so no dtdev (libxl refuses it: "passthrough not supported on
/// this platform").
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class XlPassthroughBootTests
{
    public TestContext TestContext { get; set; } = null!;

    private XlPassthroughBoard Boot(XlPassthroughVariant variant, Action<BootOutcome> assert)
    {
        var tools = BootPrerequisites.RequireUio();
        var board = new XlPassthroughBoard(tools, variant, TestContext.WriteLine);
        RealBoot.Boot(tools, board, BootRoute.UBootDisk, TestContext, assert);
        return board;
    }

    [TestMethod]
    [TestCategory("Boot")]
    public void DebianXen_UBootDisk_XlDomUDrivesThePassedThroughRtc()
    {
        var board = Boot(XlPassthroughVariant.AsCommitted, o =>
        {
            Assert.IsTrue(o.Verdict.Passed, o.Report());
            var log = o.Run.SerialLog;
            StringAssert.Contains(log, "Parsing config from /etc/xen/guest1.cfg", o.Report());
            StringAssert.Contains(log, "XSHM: dom0 created the xl domU from /etc/xen/guest1.cfg", o.Report());
            // The guest's AMBA bus found the PrimeCell through the partial tree, rtc-pl031 bound and reads the RTC's
            // registers through the iomem mapping (the time is QEMU's, seconds since 1970: 2026 > 1.7e9) ...
            StringAssert.Contains(log, "guest1.log: XSHM: guest1 amba devices: 9010000.pl031", o.Report());
            var rtc = System.Text.RegularExpressions.Regex.Match(log, @"guest1\.log: XSHM: guest1 rtc0: rtc-pl031 9010000\.pl031 since_epoch (\d+)");
            Assert.IsTrue(rtc.Success && long.Parse(rtc.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 1_700_000_000, o.Report());
            // ... and its alarm interrupt (SPI 2, xl irqs 34) reaches the guest: the count of rtc-pl031's line grew.
            var irq = System.Text.RegularExpressions.Regex.Match(log, @"guest1\.log: XSHM: guest1 pl031 interrupts before (\d+) after (\d+)");
            Assert.IsTrue(irq.Success && int.Parse(irq.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) > int.Parse(irq.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), o.Report());
        });
        // What dom0's xl read: the device by iomem (1:1) and irqs, the partial tree, no dtdev (no IOMMU).
        var cfg = board.Dom0XlConfig!;
        StringAssert.Contains(cfg, XlPassthroughBoard.PassedIomem, cfg);
        StringAssert.Matches(cfg, new System.Text.RegularExpressions.Regex(@"(?m)^irqs\s*=\s*\[\s*34\s*\]"), cfg);
        StringAssert.Matches(cfg, new System.Text.RegularExpressions.Regex(@"(?m)^device_tree\s*="), cfg);
        Assert.IsFalse(cfg.Contains("dtdev", StringComparison.Ordinal), cfg);
    }

    /// <summary>Negative control: the same build with the PL031's iomem entry dropped from guest1.cfg (irqs and the
    /// partial tree kept): the guest's AMBA bus reads the PrimeCell's ID registers at 0x9010fe0, where nothing is
    /// mapped, takes a data abort in amba_read_periphid during of_platform_populate and panics; the uio handshake never
    /// starts and dom0 gives up (50 polls).</summary>
    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_IomemEntryDropped_GuestCannotReachTheRtc()
    {
        var board = Boot(XlPassthroughVariant.IomemEntryDropped, o =>
        {
            var log = o.Run.SerialLog;
            StringAssert.Contains(log, "XSHM: dom0 created the xl domU from /etc/xen/guest1.cfg", o.Report());
            Assert.IsFalse(log.Contains("rtc-pl031 9010000.pl031 since_epoch", StringComparison.Ordinal), o.Report());
            Assert.IsFalse(o.Verdict.Passed, o.Report());
            // The guest's console, copied by dom0 once it gave up: reading the PrimeCell ID at 0x9010fe0 (the last
            // word of the page, ...fe0 in the fault address) faults in the guest kernel's AMBA probe, which kills PID 1.
            StringAssert.Contains(log, "guest1.log: ", "dom0 copied the guest's console:\n" + o.Report());
            StringAssert.Matches(log, new System.Text.RegularExpressions.Regex(@"guest1\.log: \[[ .0-9]+\] Unable to handle kernel .*fault at virtual address [0-9a-f]+fe0"), o.Report());
            StringAssert.Contains(log, "pc : amba_read_periphid", o.Report());
            StringAssert.Contains(log, "Kernel panic - not syncing: Attempted to kill init!", o.Report());
            Assert.IsTrue(o.Verdict.Failures.Any(f => f.Contains("SHM-FAIL dom0: no 0xC0FFEE42 from domU1", StringComparison.Ordinal)), o.Report());
        });
        Assert.IsFalse(board.Dom0XlConfig!.Contains(XlPassthroughBoard.PassedIomem, StringComparison.Ordinal), board.Dom0XlConfig);
    }
}

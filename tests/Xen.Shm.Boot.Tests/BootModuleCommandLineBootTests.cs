using System.Text.RegularExpressions;
using Xen.Shm.Boot.Tests.Judging;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;
using Xen.Shm.Boot.Tests.Sdk;

namespace Xen.Shm.Boot.Tests;

/// <summary>
/// XSHM6008 against the Xen that enforces it (Debian's 4.17, testassets/qemu-virt): Xen keeps a boot module's command
/// line in BOOTMOD_MAX_CMDLINE = 1024 bytes with its NUL (add_boot_cmdline). domU1's bootargs of 1023 bytes boot and
/// the handshake passes; the SDK refuses 1024 at the bootargs' position; the same folder with 1025 bytes put into
/// host.dtb by fdtput makes Xen panic.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class BootModuleCommandLineBootTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>Xen prints its banner within a second or two of U-Boot's "Starting kernel"; 15 s of QEMU CPU without it is enough.</summary>
    private static readonly BootLimit QuietXenLimit = new(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(90));

    [TestMethod]
    [TestCategory("Boot")]
    public void DomU1BootargsOf1023Bytes_BootAndHandshakePasses()
    {
        var tools = BootPrerequisites.Require();
        RealBoot.Boot(tools, new QemuVirtBoard(tools, QemuVirtVariant.DomU1BootargsAtXensLimit, TestContext.WriteLine), BootRoute.UBootDisk, TestContext, o =>
        {
            Assert.IsTrue(o.Verdict.Passed, o.Report());
            Assert.IsFalse(o.Run.SerialLog.Contains("command line too long", StringComparison.Ordinal), o.Report());
        });
    }

    [TestMethod]
    [TestCategory("Boot")]
    public void DomU1BootargsOf1024Bytes_SdkRefusesWithPositionedError()
    {
        var tools = BootPrerequisites.Require();
        var output = SdkBoardRefusal.Output(QemuVirtBoard.Asset, QemuVirtBoard.Images(tools.Cache), y => QemuVirtBoard.WithDomU1BootargsOf(y, 1024));
        StringAssert.Matches(output, new Regex(@"board\.yaml\(\d+,\d+(,\d+,\d+)?\): error XSHM6008: 'domU1' bootargs are 1024 bytes"));
    }

    /// <summary>
    /// Negative control: Xen's own limit, past what the SDK writes. Xen reads the modules' command lines in
    /// boot_fdt_info, before its console exists, and Debian's build has no early printk: the panic text never reaches
    /// the serial line. What shows is U-Boot starting Xen and not one line from Xen, where the 1023-byte board boots.
    /// </summary>
    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_DomU1BootargsOf1025BytesInHostDtb_XenPanics()
    {
        var tools = BootPrerequisites.Require();
        RealBoot.Boot(tools, new QemuVirtBoard(tools, QemuVirtVariant.DomU1BootargsPastXensLimit, TestContext.WriteLine), BootRoute.UBootDisk, TestContext, o =>
        {
            Assert.IsFalse(o.Verdict.Passed, o.Report());
            StringAssert.Contains(o.Run.SerialLog, "Starting kernel ...", o.Report());
            Assert.IsFalse(o.Run.SerialLog.Contains("(XEN)", StringComparison.Ordinal), "Xen got as far as its console:\n" + o.Report());
        }, QuietXenLimit);
    }
}

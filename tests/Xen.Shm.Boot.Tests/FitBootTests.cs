using Xen.Shm.Boot.Tests.Judging;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;
using Xen.Shm.Boot.Tests.Sdk;

namespace Xen.Shm.Boot.Tests;

/// <summary>
/// The FIT route booted for real: Debian's U-Boot distro-boots boot-fit.scr from a disk holding only the .itb,
/// `bootm start &lt;fit&gt;#config-1` verifies every image's sha256 (boot/image-fit.c fit_image_verify_with_data)
/// and places Xen, the host DTB and the modules; the qemu-virt handshake must pass. Its negative control flips one
/// byte of Xen's data inside the FIT: U-Boot must refuse it and nothing boots.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class FitBootTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [TestCategory("Boot")]
    public void SdkFit_BootsThroughUBoot_HashesVerifiedAndHandshakePasses()
    {
        var tools = BootPrerequisites.Require();
        RealBoot.Boot(tools, new QemuVirtFitBoard(tools, corruptXen: false, TestContext.WriteLine), BootRoute.UBootDisk, TestContext, o =>
        {
            Assert.IsTrue(o.Verdict.Passed, o.Report());
            Assert.AreNotEqual(BootEnd.TimedOut, o.Run.End, o.Report());
            StringAssert.Contains(o.Run.SerialLog, "## Loading kernel from FIT Image at", o.Report());
            StringAssert.Contains(o.Run.SerialLog, "## Loading loadables from FIT Image at", o.Report());
            StringAssert.Contains(o.Run.SerialLog, "Verifying Hash Integrity ... sha256+ OK", o.Report());
            Assert.IsFalse(o.Run.SerialLog.Contains("Bad hash value", StringComparison.Ordinal), o.Report());
        });
    }

    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_SdkFit_FlippedXenByte_UBootRefuses()
    {
        var tools = BootPrerequisites.Require();
        RealBoot.Boot(tools, new QemuVirtFitBoard(tools, corruptXen: true, TestContext.WriteLine), BootRoute.UBootDisk, TestContext, o =>
        {
            Assert.IsFalse(o.Verdict.Passed, o.Report());
            StringAssert.Contains(o.Run.SerialLog, "Bad hash value for 'hash-1' hash node in 'xen' image node", o.Report());
            Assert.IsFalse(o.Run.SerialLog.Contains("Xen version", StringComparison.Ordinal), "Xen must not start: " + o.Report());
        });
    }
}
